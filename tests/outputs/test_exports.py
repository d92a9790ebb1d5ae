"""The ``quizbank`` builder: JSON, Moodle GIFT, Canvas QTI and Anki exports of the bank."""

from __future__ import annotations

import json
import re
import sqlite3
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import genanki
import jsonschema
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from ngn_page import ITEMS_MD

from fbss_quiz.exporters.json_export import SCHEMA

from conftest import ROOT, Built, run_build, write_project

with warnings.catch_warnings():
    # pygiftparser 1.1 asks for the locale the old way when imported.
    warnings.simplefilter("ignore", DeprecationWarning)
    from pygiftparser import parser as gift_parser

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
#: Where the test book is published: exports link there (without it they warn).
SITE = "https://example.org/book/"
PUBLISHED = f'html_baseurl = "{SITE}"\n'
FILES_OUT = ["questions.json", "questions.gift", "questions-qti.zip", "questions.apkg"]

QUIZ_PAGE = """
(scar-section)=
# Scar tissue

::::{quiz} Check yourself
:topic: causes

:::{question}
:id: one
Which *one* is right? See {ref}`scar-section`.

- [ ] Wrong A
  Why A is wrong.
- [x] Right B
  Why B is right.

The explanation.
:::

:::{question}
:id: two
:topic: treatments
Which are right?

- [x] Right A
  Why A.
- [x] Right B
  Why B.
- [ ] Wrong C
  Why C.
:::
::::

## Treatments

:::{question}
:id: three
:topic: treatments
Which treatment?

- [x] Movement
  Right.
- [ ] Bed rest
  Wrong.
:::
"""

FILES = {
    "index.md": "# Book\n\n```{toctree}\nquiz\n```\n",
    "quiz.md": QUIZ_PAGE,
}

NGN_FILES = {
    "index.md": "# Book\n\n```{toctree}\nquiz\nitems\n```\n",
    "quiz.md": QUIZ_PAGE,
    "items.md": ITEMS_MD,
}
#: What a book with NGN items sets to build its bank with -W (see AUTHORING.md).
QUIET = 'suppress_warnings = ["fbss_quiz.export-unsupported"]\n'
CLASSIC = {"single", "multiple"}
#: Which question types each file holds.
IN_FORMAT = {
    "questions.json": None,  # every type
    "questions.gift": CLASSIC,
    "questions-qti.zip": CLASSIC | {"cloze", "dropdown-table"},
    "questions.apkg": None,
}
NGN_IDS = {
    "ngn-matrix",
    "ngn-matrix-multiple",
    "ngn-cloze",
    "ngn-highlight",
    "ngn-ordering",
    "ngn-bowtie",
    "ngn-dropdown-table",
    "ngn-trend",
    "case-q1",
    "ngn-dropdown-rationale",
}

HOSTILE = r'"quotes" {braces} ]]> <script>alert(1)</script> ~ = # : \\'
HOSTILE_RST = f"""
Hostile
=======

.. question::
   :id: hostile
   :topic: causes

   Stem {HOSTILE} end?

   - [x] Option {HOSTILE} one
     Rationale {HOSTILE} one.
   - [ ] Option two
     Rationale {HOSTILE} two.

   Explanation {HOSTILE} done.
"""


@pytest.fixture
def build(build: Callable[..., Built]) -> Callable[..., Built]:
    """conftest's ``build``, for a book with a published address."""

    def _build(files: dict[str, str], conf: str = "", **kwargs: Any) -> Built:
        return build(files, conf=PUBLISHED + conf, **kwargs)

    return _build


def bank_json(built: Built) -> dict[str, Any]:
    return json.loads((built.outdir / "questions.json").read_text(encoding="utf-8"))


def text_of(markup: str) -> str:
    return " ".join(BeautifulSoup(markup, "html.parser").get_text(" ").split())


def gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def parse_gift(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as handle:
        return gift_parser.parseFile(handle)


#: The IMS QTI 1.2.1 declarations of the elements the export writes.
QTI_DTD = Path(__file__).parents[1] / "qti" / "ims_qtiasiv1p2_subset.dtd"


def qti_valid(data: bytes) -> None:
    """``data`` follows the IMS QTI 1.2 DTD (and is well-formed XML)."""
    dtd = etree.DTD(str(QTI_DTD))
    if not dtd.validate(etree.fromstring(data)):
        raise AssertionError("\n".join(str(e) for e in dtd.error_log.filter_from_errors()))


def qti_items(path: Path) -> dict[str, ET.Element]:
    """The package's items by title, once its assessment is checked against the DTD."""
    with zipfile.ZipFile(path) as archive:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        ns = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
        resource = manifest.find(f"{ns}resources/{ns}resource[@type='imsqti_xmlv1p2']")
        assert resource is not None
        href = resource.find(f"{ns}file").get("href")  # type: ignore[union-attr]
        data = archive.read(href)
    qti_valid(data)
    root = ET.fromstring(data)
    return {item.get("title", ""): item for item in root.iter(f"{QTI}item")}


def qti_correct(item: ET.Element) -> set[str]:
    """The choices that a response must have to score 100, read from resprocessing."""
    for condition in item.iter(f"{QTI}respcondition"):
        setvar = condition.find(f"{QTI}setvar")
        if setvar is None or setvar.text != "100":
            continue
        var = condition.find(f"{QTI}conditionvar")
        assert var is not None
        negated = {v.text for n in var.iter(f"{QTI}not") for v in n.iter(f"{QTI}varequal")}
        return {v.text or "" for v in var.iter(f"{QTI}varequal")} - negated
    raise AssertionError("no condition scores 100")


def qti_feedback(item: ET.Element) -> dict[str, str]:
    return {
        fb.get("ident", ""): "".join(fb.itertext()).strip()
        for fb in item.iter(f"{QTI}itemfeedback")
    }


def anki_notes(path: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    with zipfile.ZipFile(path) as archive:
        database = tmp_path / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    try:
        return list(connection.execute("SELECT guid, flds, tags FROM notes ORDER BY id"))
    finally:
        connection.close()


def test_writes_every_format(build: Callable[..., Built]) -> None:
    built = build(FILES, builder="quizbank")
    assert built.warnings == ""
    for name in FILES_OUT:
        assert (built.outdir / name).is_file(), name


def test_json_is_structured_and_valid(build: Callable[..., Built]) -> None:
    built = build(FILES, builder="quizbank")
    data = bank_json(built)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["title"] == "Quiz test" and data["version"] == "1.0"
    assert [t["label"] for t in data["topics"]] == ["Causes", "Treatments", "Symptoms"]
    one, two, three = data["questions"]
    assert [q["id"] for q in data["questions"]] == ["one", "two", "three"]
    assert one["type"] == "single" and one["correct"] == [1] and one["correct_letters"] == ["B"]
    assert two["type"] == "multiple" and two["correct"] == [0, 1]
    assert two["topics"] == ["causes", "treatments"]
    assert one["stem"]["html"].startswith("<p>Which <em>one</em> is right?")
    assert f'href="{SITE}quiz.html#scar-section"' in one["stem"]["html"]
    assert one["options"][0]["rationale"]["text"] == "Why A is wrong."
    assert one["explanation"]["text"] == "The explanation."
    assert one["section"] == {"title": "Scar tissue", "url": f"{SITE}quiz.html#scar-section"}
    assert three["section"]["url"] == f"{SITE}quiz.html#treatments"


def test_links_are_absolute_with_html_baseurl(build: Callable[..., Built]) -> None:
    built = build(FILES, conf='html_baseurl = "https://example.org/book/"\n', builder="quizbank")
    one = bank_json(built)["questions"][0]
    assert one["section"]["url"] == "https://example.org/book/quiz.html#scar-section"
    assert 'href="https://example.org/book/quiz.html#scar-section"' in one["stem"]["html"]
    assert "https://example.org/book/quiz.html#scar-section" in (
        built.outdir / "questions.gift"
    ).read_text(encoding="utf-8").replace("\\", "")


def test_gift_parses_with_every_answer_and_feedback(build: Callable[..., Built]) -> None:
    built = build(FILES, builder="quizbank")
    bank = {q["id"]: q for q in bank_json(built)["questions"]}
    gift = (built.outdir / "questions.gift").read_text(encoding="utf-8")
    # One category per first topic, in the order of fbss_quiz_topics.
    assert re.findall(r"^\$CATEGORY: (.*)$", gift, re.M) == [
        "$course$/Quiz test/Causes",
        "$course$/Quiz test/Treatments",
    ]
    parsed = {q.title: q for q in parse_gift(built.outdir / "questions.gift")}
    assert set(parsed) == set(bank)
    for qid, question in parsed.items():
        expected = bank[qid]
        assert question.valid
        assert text_of(gift_unescape(question.text)) == text_of(expected["stem"]["html"])
        answers = question.answers.answers
        assert len(answers) == len(expected["options"])
        for answer, option in zip(answers, expected["options"], strict=True):
            assert (answer.fraction > 0) == option["correct"]
            assert text_of(gift_unescape(answer.answer)) == text_of(option["html"])
            assert text_of(gift_unescape(answer.feedback)) == option["rationale"]["text"]
        general = text_of(gift_unescape(question.generalFeedback))
        assert general.startswith(expected["explanation"]["text"])
        assert general.endswith("Review: " + expected["section"]["title"])
    # Select-all: right options share 100%, wrong ones -100%, so all of them scores 0.
    two = [a.fraction for a in parsed["two"].answers.answers]
    assert two == [50.0, 50.0, -100.0] and sum(two) == 0
    assert type(parsed["one"].answers).__name__ == "SelectSet"
    assert "// [id:one] [tag:causes]" in gift


def test_gift_escapes_special_characters() -> None:
    from fbss_quiz.exporters.gift import escape, escape_html

    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
    assert escape_html("<p>{x}</p>") == "<p>&\\#123;x&\\#125;</p>"
    assert escape_html("[html]") == "&\\#91;html]"


def test_qti_items_match_the_bank(build: Callable[..., Built]) -> None:
    built = build(FILES, builder="quizbank")
    bank = {q["id"]: q for q in bank_json(built)["questions"]}
    items = qti_items(built.outdir / "questions-qti.zip")
    assert set(items) == set(bank)
    for qid, item in items.items():
        expected = bank[qid]
        labels = [label.get("ident") for label in item.iter(f"{QTI}response_label")]
        assert len(labels) == len(expected["options"])
        assert qti_correct(item) == {labels[i] for i in expected["correct"]}
        kind = item.find(f".//{QTI}fieldentry")
        assert kind is not None
        assert (
            kind.text
            == {
                "single": "multiple_choice_question",
                "multiple": "multiple_answers_question",
            }[expected["type"]]
        )
        feedback = qti_feedback(item)
        for label, option in zip(labels, expected["options"], strict=True):
            assert text_of(feedback[f"{label}_fb"]) == option["rationale"]["text"]
        assert text_of(feedback["general_fb"]).startswith(expected["explanation"]["text"])
    # Identifiers come from the question ids, not from chance.
    again = qti_items(build(FILES, builder="quizbank").outdir / "questions-qti.zip")
    assert {i.get("ident") for i in again.values()} == {i.get("ident") for i in items.values()}


def test_anki_deck_has_a_note_per_question(build: Callable[..., Built], tmp_path: Path) -> None:
    built = build(FILES, builder="quizbank")
    bank = bank_json(built)["questions"]
    notes = anki_notes(built.outdir / "questions.apkg", tmp_path)
    assert len(notes) == len(bank) == 3
    for (guid, fields, tags), expected in zip(notes, bank, strict=True):
        assert guid == genanki.guid_for("Quiz test", expected["id"])
        front, back, qid = fields.split("\x1f")
        assert qid == expected["id"]
        assert text_of(expected["stem"]["html"]) in text_of(front)
        assert "Why" in back or "Right" in back
        assert expected["section"]["url"] in back
        assert tags.split() == expected["topics"]
    with zipfile.ZipFile(built.outdir / "questions.apkg") as archive:
        assert json.loads(archive.read("media")) == {}


def test_reexports_are_byte_identical(
    build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build(FILES, builder="quizbank")
    second = build(FILES, builder="quizbank", parallel=2)
    for name in FILES_OUT:
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name
    for name in ("questions-qti.zip", "questions.apkg"):
        with zipfile.ZipFile(first.outdir / name) as archive:
            assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_the_log_counts_in_words_that_agree(build: Callable[..., Built]) -> None:
    single = {"index.md": QUIZ_PAGE.split("## Treatments")[0].split(":::{question}\n:id: two")[0]}
    single["index.md"] += "::::\n"
    status = build(single, builder="quizbank").app.status.getvalue()
    assert "writing questions.gift: 1 question, 0 left out" in status
    assert "1 questions" not in status


def test_export_formats_chooses_the_files(build: Callable[..., Built]) -> None:
    built = build(FILES, conf='fbss_quiz_export_formats = ["gift", "json"]\n', builder="quizbank")
    assert sorted(p.name for p in built.outdir.glob("questions*")) == [
        "questions.gift",
        "questions.json",
    ]
    bad = build(FILES, conf='fbss_quiz_export_formats = ["gift", "pdf"]\n', builder="quizbank")
    assert "fbss_quiz_export_formats must list formats" in bad.warnings
    assert "[fbss_quiz.config]" in bad.warnings
    assert (bad.outdir / "questions.apkg").is_file()  # the default, all four


def test_missing_genanki_is_a_clear_warning(
    build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fbss_quiz.exporters import anki

    monkeypatch.setattr(anki, "available", lambda: False)
    built = build(FILES, builder="quizbank")
    assert "questions.apkg not written" in built.warnings
    assert "pip install" in built.warnings and "[fbss_quiz.export-dependency]" in built.warnings
    assert not (built.outdir / "questions.apkg").exists()
    assert (built.outdir / "questions.gift").is_file()


UNKNOWN_TYPE_CONF = """
import dataclasses

def _make_up_a_type(app, env):
    domain = env.domains["fbss_quiz"]
    for docname, records in domain.questions.items():
        domain.questions[docname] = [
            dataclasses.replace(r, qtype="hotspot") if r.id == "two" else r for r in records
        ]

def setup(app):
    app.connect("env-updated", _make_up_a_type, priority=900)
"""


def test_unknown_type_is_left_out_with_one_warning_per_format(
    build: Callable[..., Built],
) -> None:
    built = build(FILES, conf=UNKNOWN_TYPE_CONF, builder="quizbank")
    lines = [line for line in built.warnings.splitlines() if "export-unsupported" in line]
    assert len(lines) == 4
    for line, name in zip(lines, FILES_OUT, strict=True):
        assert re.search(r"quiz\.md:\d+: WARNING: question 'two' left out of " + name, line)
        assert re.sub(r"\x1b\[[0-9;]*m", "", line).endswith("[fbss_quiz.export-unsupported]")
    assert [q["id"] for q in bank_json(built)["questions"]] == ["one", "three"]
    assert {q.title for q in parse_gift(built.outdir / "questions.gift")} == {"one", "three"}
    assert set(qti_items(built.outdir / "questions-qti.zip")) == {"one", "three"}


def test_hostile_text_reads_as_on_the_page_and_stays_inert(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    files = {"index.rst": HOSTILE_RST}
    page_build = build(files)
    assert page_build.warnings == ""
    page = BeautifulSoup(page_build.page(), "html.parser")
    question = page.find(attrs={"data-fbss-id": "hostile"})
    stem = text_of(str(question.find(class_="fbss-stem")))
    labels = [text_of(str(lab))[3:] for lab in question.find_all("label")]  # drop "A. "
    for shown_once_checked in question.select(".fbss-rationale [hidden]"):
        shown_once_checked.decompose()  # "Your choice", "Correct answer"
    rationales = [
        text_of(str(r)).split(". ", 1)[1].split(" ", 1)[1]  # drop "A. Correct"
        for r in question.find_all(class_="fbss-rationale")
    ]
    explanation = text_of(str(question.find(class_="fbss-explanation")))
    assert "<script>alert(1)</script>" in stem and "]]>" in stem and "{braces}" in stem
    assert "\\" in stem and "~ = # :" in stem

    built = build(files, builder="quizbank")
    assert built.warnings == ""
    out = built.outdir

    def inert(markup: str) -> None:
        assert BeautifulSoup(markup, "html.parser").find("script") is None

    data = bank_json(built)["questions"][0]
    assert text_of(data["stem"]["html"]) == stem
    assert [text_of(o["html"]) for o in data["options"]] == labels
    assert [text_of(o["rationale"]["html"]) for o in data["options"]] == rationales
    assert text_of(data["explanation"]["html"]) == explanation
    for markup in (data["stem"]["html"], data["explanation"]["html"]):
        inert(markup)

    (gift,) = parse_gift(out / "questions.gift")
    assert text_of(gift_unescape(gift.text)) == stem
    answers = gift.answers.answers
    assert [text_of(gift_unescape(a.answer)) for a in answers] == labels
    assert [text_of(gift_unescape(a.feedback)) for a in answers] == rationales
    assert text_of(gift_unescape(gift.generalFeedback)).startswith(explanation)
    assert [a.fraction > 0 for a in answers] == [True, False]
    inert(gift_unescape(gift.text))

    (item,) = qti_items(out / "questions-qti.zip").values()
    texts = [m.text or "" for m in item.iter(f"{QTI}mattext")]
    assert text_of(texts[0]) == stem
    assert [text_of(t) for t in texts[1:3]] == labels
    for markup in texts:
        inert(markup)
    feedback = qti_feedback(item)
    assert [
        text_of(feedback[f"{i.get('ident')}_fb"]) for i in item.iter(f"{QTI}response_label")
    ] == (rationales)
    with zipfile.ZipFile(out / "questions-qti.zip") as archive:
        names = archive.namelist()
        raw = b"".join(archive.read(n) for n in names)
    assert b"<script>" not in raw and b"]]>" not in raw

    ((_, fields, _),) = anki_notes(out / "questions.apkg", tmp_path)
    front, back, _ = fields.split("\x1f")
    assert text_of(front).startswith(stem)
    for text in (*labels,):
        assert text in text_of(front)
    for text in (*rationales, explanation):
        assert text in text_of(back)
    inert(front)
    inert(back)


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_json_holds_every_ngn_item_with_its_structure(build: Callable[..., Built]) -> None:
    built = build(NGN_FILES, conf=QUIET, builder="quizbank")
    assert built.warnings == ""
    data = bank_json(built)
    jsonschema.validate(data, schema())
    assert data["format_version"] == 3
    bank = {q["id"]: q for q in data["questions"]}
    assert set(bank) >= NGN_IDS and len(bank) == 3 + len(NGN_IDS) + 1  # + case-q2 (single)
    assert {q["type"] for q in bank.values()} == CLASSIC | {
        "matrix",
        "matrix-multiple",
        "cloze",
        "highlight",
        "ordering",
        "bowtie",
        "dropdown-rationale",
        "dropdown-table",
        "trend",
    }
    for question in bank.values():
        if question["type"] in CLASSIC:
            assert "groups" not in question and question["correct_letters"]
            continue
        # Groups partition the flat options; correct answers agree everywhere.
        flat = [i for g in question["groups"] for i in g["options"]]
        assert flat == list(range(len(question["options"])))
        for g, group in enumerate(question["groups"]):
            assert all(question["options"][i]["group"] == g for i in group["options"])
            assert group["correct"] == [
                i for i in group["options"] if question["options"][i]["correct"]
            ]
        assert question["correct"] == [i for i, o in enumerate(question["options"]) if o["correct"]]

    matrix = bank["ngn-matrix"]
    assert matrix["step"] == "recognize-cues" and matrix["case"] is None
    assert matrix["columns"] == ["Expected", "Report now"]
    assert [g["name"] for g in matrix["groups"]] == [
        "Soreness around the incision",
        "New numbness between the legs",
        "New trouble passing urine",
    ]
    assert [matrix["options"][g["correct"][0]]["text"] for g in matrix["groups"]] == [
        "Expected",
        "Report now",
        "Report now",
    ]
    assert matrix["groups"][1]["rationale"]["text"].startswith("New saddle numbness")
    assert matrix["answer"][0] == "Soreness around the incision: Expected"
    assert [g["need"] for g in bank["ngn-matrix-multiple"]["groups"]] == [2, 1]

    cloze = bank["ngn-cloze"]
    assert cloze["stem"]["text"] == (
        "New numbness between the legs after surgery can mean [[1]], so the client should [[2]]."
    )
    blanks = BeautifulSoup(cloze["stem"]["html"], "html.parser").select("span.fbss-blank")
    assert [b.get_text() for b in blanks] == ["[[1]]", "[[2]]"]
    assert [g["label"]["text"] for g in cloze["groups"]] == ["Blank 1", "Blank 2"]
    assert [cloze["options"][i]["text"] for i in cloze["correct"]] == [
        "cauda equina syndrome",
        "go to an emergency department at once",
    ]
    assert cloze["options"][1]["rationale"]["text"].startswith("Scar tissue")

    highlight = bank["ngn-highlight"]
    phrases = BeautifulSoup(highlight["stem"]["html"], "html.parser").select("span.fbss-phrase")
    assert [p.get_text() for p in phrases] == [o["text"] for o in highlight["options"]]
    assert "[[new numbness around the buttocks]]" in highlight["stem"]["text"]
    assert highlight["correct"] == [1, 2]

    ordering = bank["ngn-ordering"]
    assert ordering["groups"][0]["rule"] == "order"
    assert sorted(ordering["display_order"]) == [0, 1, 2]
    assert ordering["display_order"] != [0, 1, 2]  # never shown in the right order

    bowtie = bank["ngn-bowtie"]
    assert [(g["name"], g["rule"], g["need"]) for g in bowtie["groups"]] == [
        ("condition", "one", 1),
        ("actions", "slots", 2),
        ("monitor", "slots", 2),
    ]
    assert bowtie["groups"][0]["label"]["text"] == "Condition most likely"
    assert bowtie["step"] == "take-action"

    case = {"id": bank["case-q1"]["case"]["id"], "title": "Case study: Mr. Lee after fusion"}
    assert bank["case-q1"]["case"] == case == bank["case-q2"]["case"]
    assert bank["case-q2"]["type"] == "single" and bank["case-q2"]["step"] == "take-action"


def test_schema_requires_each_types_structure(build: Callable[..., Built]) -> None:
    built = build(NGN_FILES, conf=QUIET, builder="quizbank")
    data = bank_json(built)
    validator = jsonschema.Draft202012Validator(schema())
    bank = {q["id"]: q for q in data["questions"]}

    def broken(qid: str, change: Callable[[dict[str, Any]], None]) -> bool:
        question = json.loads(json.dumps(bank[qid]))
        change(question)
        return not validator.is_valid({**data, "questions": [question]})

    assert not broken("ngn-cloze", lambda q: None)
    assert broken("ngn-cloze", lambda q: q.pop("groups"))
    assert broken("ngn-cloze", lambda q: q.update(correct_letters=["A"]))
    assert broken("ngn-bowtie", lambda q: q["groups"].pop())
    assert broken("ngn-bowtie", lambda q: q["groups"][1].update(need=3))
    assert broken("ngn-matrix", lambda q: q.pop("columns"))
    assert broken("ngn-matrix", lambda q: q["groups"][0].update(rule="plus-minus"))
    assert broken("ngn-ordering", lambda q: q.pop("display_order"))
    assert broken("ngn-highlight", lambda q: q["options"][0].pop("group"))
    assert broken("one", lambda q: q.update(groups=bank["ngn-cloze"]["groups"]))
    assert broken("one", lambda q: q["options"][0].pop("letter"))
    assert broken("ngn-matrix", lambda q: q.update(step="guess"))


def test_gift_and_qti_leave_out_what_they_cannot_express(build: Callable[..., Built]) -> None:
    built = build(NGN_FILES, builder="quizbank")
    bank = {q["id"]: q for q in bank_json(built)["questions"]}
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in built.warnings.splitlines()]
    assert lines and all(line.endswith("[fbss_quiz.export-unsupported]") for line in lines)
    source = ITEMS_MD.lstrip("\n").splitlines()
    for name, kept in IN_FORMAT.items():
        for qid, question in bank.items():
            pattern = re.compile(
                rf"items\.md:(\d+): WARNING: question '{re.escape(qid)}' left out of "
                rf"{re.escape(name)}: .*{re.escape(question['type'])}"
            )
            found = [m for m in map(pattern.search, lines) if m]
            if kept is None or question["type"] in kept:
                assert not found, (name, qid)
                continue
            assert len(found) == 1, (name, qid)
            line = int(found[0].group(1))  # at the question's own directive
            assert line == question["source"]["line"]
            assert source[line - 1].startswith(":::{question}"), (qid, line)
    # One warning per question and format that cannot hold it: every NGN item in GIFT;
    # in QTI, all but the kinds Canvas can take.
    expected = [
        (name, qid)
        for name, kept in IN_FORMAT.items()
        if kept is not None
        for qid, question in bank.items()
        if question["type"] not in kept
    ]
    assert len(lines) == len(expected)
    gift = {q.title for q in parse_gift(built.outdir / "questions.gift")}
    assert gift == {qid for qid, q in bank.items() if q["type"] in CLASSIC}
    qti = set(qti_items(built.outdir / "questions-qti.zip"))
    assert qti == {qid for qid, q in bank.items() if q["type"] in IN_FORMAT["questions-qti.zip"]}
    # Silenced, the files are the same and the log still says how many were left out.
    quiet = build(NGN_FILES, conf=QUIET, builder="quizbank")
    assert quiet.warnings == ""
    out_of_gift = sum(name == "questions.gift" for name, _ in expected)
    status = quiet.app.status.getvalue()
    assert f"writing questions.gift: 4 questions, {out_of_gift} left out" in status


def test_qti_cloze_is_a_canvas_multiple_dropdowns_item(build: Callable[..., Built]) -> None:
    built = build(NGN_FILES, conf=QUIET, builder="quizbank")
    cloze = next(q for q in bank_json(built)["questions"] if q["id"] == "ngn-cloze")
    item = qti_items(built.outdir / "questions-qti.zip")["ngn-cloze"]
    fields = {
        f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry")
        for f in item.iter(f"{QTI}qtimetadatafield")
    }
    assert fields["question_type"] == "multiple_dropdowns_question"
    assert fields["points_possible"] == "2"  # 0/1 per blank
    ident = item.get("ident", "")
    responses = list(item.iter(f"{QTI}response_lid"))
    assert len(responses) == len(cloze["groups"]) == 2
    stem = item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext") or ""
    score: dict[str, str] = {}
    for condition in item.iter(f"{QTI}respcondition"):
        setvar = condition.find(f"{QTI}setvar")
        if setvar is not None and setvar.get("action") == "Add":
            var = condition.find(f"{QTI}conditionvar/{QTI}varequal")
            assert var is not None and setvar.text == "50.00"
            score[var.get("respident", "")] = var.text or ""
    feedback = qti_feedback(item)
    for response, group in zip(responses, cloze["groups"], strict=True):
        blank = response.get("ident", "").removeprefix("response_")
        # Canvas's convention: [blank] in the text, response_<blank> as the response.
        assert response.get("ident") == f"response_{blank}"
        assert blank == f"{ident}_{group['name']}"
        assert f"[{blank}]" in stem
        assert response.findtext(f"{QTI}material/{QTI}mattext") == blank
        labels = list(response.iter(f"{QTI}response_label"))
        assert [label.findtext(f".//{QTI}mattext") for label in labels] == [
            cloze["options"][i]["text"] for i in group["options"]
        ]
        (right,) = group["correct"]
        assert score[f"response_{blank}"] == labels[group["options"].index(right)].get("ident")
        for label, index in zip(labels, group["options"], strict=True):
            rationale = cloze["options"][index]["rationale"]["text"]
            assert text_of(feedback[f"{label.get('ident')}_fb"]) == rationale
    expected = cloze["stem"]["text"]
    for group in cloze["groups"]:
        expected = expected.replace(f"[[{group['name']}]]", f"[{ident}_{group['name']}]")
    assert text_of(stem) == expected
    assert text_of(feedback["general_fb"]).startswith(cloze["explanation"]["text"])


def test_anki_holds_every_ngn_item(build: Callable[..., Built], tmp_path: Path) -> None:
    built = build(NGN_FILES, conf=QUIET, builder="quizbank")
    bank = {q["id"]: q for q in bank_json(built)["questions"]}
    notes = {}
    for guid, fields, tags in anki_notes(built.outdir / "questions.apkg", tmp_path):
        front, back, qid = fields.split("\x1f")
        assert guid == genanki.guid_for("Quiz test", qid)
        notes[qid] = (front, back, tags.split())
    assert set(notes) == set(bank)
    for qid, question in bank.items():
        front, back, tags = notes[qid]
        step = [f"step::{question['step']}"] if question["step"] else []
        assert tags == question["topics"] + step
        assert question["section"]["url"] in back
        if question["type"] in CLASSIC:
            continue
        for line in question["answer"]:
            assert line in text_of(back)
        for option in question["options"]:
            assert option["text"] in text_of(front)
            if option["rationale"]["text"]:
                assert option["rationale"]["text"] in text_of(back)
        for group in question["groups"]:
            assert group["rationale"]["text"] in text_of(back)
    assert notes["ngn-matrix"][2] == ["step::recognize-cues"]
    assert "[Blank 1]" in text_of(notes["ngn-cloze"][0])
    assert "[trouble passing urine]" in text_of(notes["ngn-highlight"][0])
    assert "<th>Report now</th>" in notes["ngn-matrix"][0]
    ordering = BeautifulSoup(notes["ngn-ordering"][0], "html.parser").select("ol li")
    shown = bank["ngn-ordering"]["display_order"]
    assert [li.get_text() for li in ordering] == [
        bank["ngn-ordering"]["options"][i]["text"] for i in shown
    ]
    assert "Condition most likely (choose 1)" in text_of(notes["ngn-bowtie"][0])
    assert "Case study: Mr. Lee after fusion" in text_of(notes["case-q2"][0])


def test_ngn_reexports_are_byte_identical(
    build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build(NGN_FILES, conf=QUIET, builder="quizbank")
    second = build(NGN_FILES, conf=QUIET, builder="quizbank", parallel=2)
    for name in FILES_OUT:
        assert (first.outdir / name).read_bytes() == (second.outdir / name).read_bytes(), name


@pytest.mark.slow
def test_the_manual_exports_every_question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The manual's conf.py silences export-unsupported (its NGN items cannot go into
    # GIFT, most not into QTI); the build must then have no warning at all. On Read
    # the Docs, every link goes to the version being built.
    site = "https://fbss.example.org/en/latest/"
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", site)
    built = run_build(
        ROOT / "docs",
        "quizbank",
        builddir=tmp_path / "build",
        confoverrides={"suppress_warnings": ["fbss_quiz.export-unsupported"]},
    )
    assert built.warnings == ""
    out = built.outdir
    data = bank_json(built)
    jsonschema.validate(data, schema())
    questions = data["questions"]
    classic = [q["id"] for q in questions if q["type"] in CLASSIC]
    assert len(classic) >= 84
    assert len(questions) > len(classic)  # the case studies' NGN items

    def goes_as(q: dict[str, Any]) -> str:  # a trend goes wherever its response goes
        return q["response"].replace("_", "-") if q["type"] == "trend" else q["type"]

    # Select N goes to Moodle and Canvas as a multiple-answer question (AUTHORING.md).
    in_gift = [q["id"] for q in questions if goes_as(q) in CLASSIC | {"select-n"}]
    in_qti = IN_FORMAT["questions-qti.zip"] | {"select-n"}
    assert sorted(q.title for q in parse_gift(out / "questions.gift")) == sorted(in_gift)
    assert set(qti_items(out / "questions-qti.zip")) == {
        q["id"] for q in questions if goes_as(q) in in_qti
    }
    assert len(anki_notes(out / "questions.apkg", tmp_path)) == len(questions)
    assert all(q["section"]["url"].startswith(site) for q in questions)
    hrefs = re.findall(r'href="([^"]*)"', json.dumps(data).replace('\\"', '"'))
    assert hrefs and all(h.startswith((site, "https://", "mailto:")) for h in hrefs)
    status = built.app.status.getvalue()
    left_out = len(questions) - len(in_gift)
    assert f"writing questions.gift: {len(in_gift)} questions, {left_out} left out" in status


def test_images_travel_with_the_exports(build: Callable[..., Built], tmp_path: Path) -> None:
    """A picture in a stem is copied next to the JSON, into the QTI package and into
    the Anki deck's media, and each file points at its own copy."""
    import base64

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    page = (
        "# Page\n\n:::{question}\n:id: pictured\nWhat does this picture show?\n\n"
        "![A tiny test picture](dot.png)\n\n"
        "- [x] A dot\n  It is a dot.\n- [ ] A line\n  It is not a line.\n:::\n"
    )
    srcdir = tmp_path / "pictures"
    write_project(srcdir, {"index.md": page}, PUBLISHED)
    (srcdir / "dot.png").write_bytes(png)
    built = run_build(srcdir, "quizbank")
    assert built.warnings == ""
    stem = bank_json(built)["questions"][0]["stem"]["html"]
    # JSON points at the site's copy; a copy also lies next to the file.
    assert f'src="{SITE}_images/dot.png"' in stem and 'alt="A tiny test picture"' in stem
    assert (built.outdir / "_images" / "dot.png").read_bytes() == png
    with zipfile.ZipFile(built.outdir / "questions-qti.zip") as archive:
        assert archive.read("images/dot.png") == png
        assessment = next(
            n for n in archive.namelist() if n.endswith(".xml") and "manifest" not in n
        )
        assert "images/dot.png" in archive.read(assessment).decode()
    with zipfile.ZipFile(built.outdir / "questions.apkg") as archive:
        media = json.loads(archive.read("media"))
        assert list(media.values()) == ["dot.png"]
        assert archive.read(next(iter(media))) == png
    fronts = [
        fields.split("\x1f")[0]
        for _, fields, _ in anki_notes(built.outdir / "questions.apkg", tmp_path)
    ]
    assert 'src="dot.png"' in fronts[0]
