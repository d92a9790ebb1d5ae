"""Feedback that teaches (issue 15), for every item kind, in Chromium, light and dark, at
1280 px and 390 px: the verdict line under the question names the result and the correct
answer and is what the live region says; the correct answer is marked in text, not by
colour alone; a partly answered item is not graded; Try again keeps the answers; axe-core
finds nothing in any state; nothing overflows at 320 px. Then the layouts (the bow-tie,
ordering by dragging, the case's chart), "Skip to the quiz" and the theme's floating
button.

Screenshots of every kind before and after checking (light and dark at 1280 px, and
390 px) are written to ``tests/artifacts/screenshots/`` (ignored by git), so that the
next change to the feedback can be compared with this one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from feedback_page import PAGE_MD
from test_browser import AXE_CONTEXT, AXE_OPTIONS, describe

from fbss_quiz.kinds import BY_NAME

from conftest import Built, run_build, write_project

pytestmark = pytest.mark.browser

expect: Any
try:
    from playwright.sync_api import expect
except ImportError:
    expect = None

SCREENSHOTS = Path(__file__).parents[1] / "artifacts" / "screenshots"
#: furo's parts that float over the page: element screenshots would stitch them in.
FLOATING = ".mobile-header, .skip-to-content, .back-to-top, .fbss-skip { visibility: hidden; }"


@dataclass(frozen=True)
class Kind:
    """How a test answers one item of the page, and what the feedback must then say."""

    qid: str
    #: Playwright steps on the question's locator: a complete but wrong answer.
    wrong: Callable[[Any], None]
    #: Words of the correct answer that the verdict line names.
    answer: str
    #: "Correct answer" badges (or "Correct place" for steps) shown once checked.
    badges: int
    #: A partial answer and the note it gets (items of several parts).
    partial: Callable[[Any], None] | None = None
    left: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def rows(q: Any, cells: tuple[tuple[int, int], ...]) -> None:
    # (The grid's rows: a trend's chart above it is a table too.)
    for row, column in cells:
        q.locator("fieldset tbody tr").nth(row).locator("input").nth(column).check()


def inputs(q: Any, indices: tuple[int, ...]) -> None:
    for i in indices:
        q.locator(".fbss-options input").nth(i).check()


def selects(q: Any, labels: tuple[str, ...]) -> None:
    for k, label in enumerate(labels):
        q.locator("select").nth(k).select_option(label=label)


def phrases(q: Any, indices: tuple[int, ...]) -> None:
    for i in indices:
        q.locator("button.fbss-phrase").nth(i).click()


KINDS = [
    Kind(
        "single",
        lambda q: q.locator(".fbss-option", has_text="Scar tissue").locator("input").check(),
        "Incorrect. The answer is C. The operation did not treat the true source of her pain.",
        1,
    ),
    Kind(
        "multiple",
        lambda q: inputs(q, (0, 2)),
        "Partly correct: 1 of 2 correct options chosen, 1 incorrect. "
        "The answers are A. Leg pain; B. Numbness.",
        2,
    ),
    Kind(
        "select-n",
        lambda q: inputs(q, (0, 1, 3)),
        "Partly correct. 1 of 3 points. The answers are A. Cloudy fluid draining from the "
        "incision; C. New numbness around the buttocks; E. A fever.",
        3,
        lambda q: inputs(q, (0,)),
        "Select 3 options: 2 of 3 left.",
    ),
    Kind(
        "ngn-matrix",
        lambda q: rows(q, ((0, 0), (1, 0), (2, 1))),
        "Partly correct. 2 of 3 points. Right answer where you were wrong: "
        "New numbness between the legs: Report now.",
        1,
        lambda q: rows(q, ((0, 0),)),
        "Answer every row: 2 of 3 left.",
    ),
    Kind(
        "ngn-matrix-multiple",
        lambda q: rows(q, ((0, 0), (1, 1))),
        "Incorrect. 0 of 3 points. Right answer where you were wrong: "
        "Physical therapy: Pain; Strength. Spinal cord stimulation: Pain.",
        2,
        lambda q: rows(q, ((0, 0),)),
        "Answer every row: 1 of 2 left.",
    ),
    Kind(
        "ngn-cloze",
        lambda q: selects(q, ("epidural fibrosis", "go to an emergency department at once")),
        "Partly correct. 1 of 2 points. Right answer where you were wrong: "
        "Blank 1: cauda equina syndrome.",
        1,
        lambda q: q.locator("select").nth(1).select_option(index=1),
        "Fill in every blank: 1 of 2 left.",
    ),
    Kind(
        "ngn-highlight",
        lambda q: phrases(q, (0, 1)),
        "Incorrect. 0 of 2 points. The answers are "
        "“new numbness around the buttocks”; “trouble passing urine”.",
        1,
        lambda q: None,
        "Choose an answer first.",
    ),
    Kind(
        "ngn-ordering",
        lambda q: None,  # the steps are never shown in the right order
        "Incorrect. The correct order is 1. Assessment by a multidisciplinary team; "
        "2. A trial of stimulation; 3. Implanting the pulse generator.",
        2,
    ),
    Kind(
        "ngn-bowtie",
        lambda q: inputs(q, (1, 3, 4, 6, 8)),
        "Partly correct. 3 of 5 points. Right answer where you were wrong: "
        "Condition most likely: Cauda equina syndrome. "
        "Parameters to monitor: Bladder function; Saddle sensation.",
        2,
        lambda q: inputs(q, (0, 3)),
        "Make every choice: 3 of 5 left.",
    ),
    Kind(
        "ngn-dropdown-table",
        lambda q: selects(
            q, ("Arrange emergency care", "Keep monitoring", "Arrange emergency care")
        ),
        "Partly correct. 1 of 3 points. Right answer where you were wrong: "
        "Soreness around the incision: Keep monitoring. "
        "New numbness between the legs: Arrange emergency care.",
        2,
        lambda q: q.locator("select").nth(0).select_option(index=1),
        "Answer every row: 2 of 3 left.",
    ),
    Kind(
        "ngn-dropdown-rationale",
        lambda q: selects(
            q,
            (
                "arrange emergency care at once",
                "soreness around the incision",
                "new trouble passing urine",
            ),
        ),
        # One point for the three linked blanks together: a 0/1 item says Incorrect.
        "Incorrect. Right answer where you were wrong: Blank 2: new numbness between the legs.",
        1,
        lambda q: q.locator("select").nth(0).select_option(index=2),
        "Fill in every blank: 2 of 3 left.",
    ),
    Kind(
        "ngn-trend",  # answered in a matrix, below its chart
        lambda q: rows(q, ((0, 1), (1, 0), (2, 1))),
        "Partly correct. 1 of 3 points. Right answer where you were wrong: "
        "Heart rate: Report now. Pain: Expected.",
        2,
        lambda q: rows(q, ((0, 1),)),
        "Answer every row: 2 of 3 left.",
    ),
    Kind(
        "trend-select-n",  # answered in the choice view, below its chart
        lambda q: inputs(q, (0, 2)),
        "Partly correct. 1 of 2 points. The answers are A. Cloudy drainage; B. Spreading redness.",
        2,
        lambda q: inputs(q, (0,)),
        "Select 2 options: 1 of 2 left.",
    ),
]

#: The reader's answer as the controls hold it: boxes, drop-downs, phrases, steps.
ANSWER_STATE = """(q) => [
    [...q.querySelectorAll("input")].map((i) => i.checked),
    [...q.querySelectorAll("select")].map((s) => s.value),
    [...q.querySelectorAll("button.fbss-phrase")].map((b) => b.getAttribute("aria-pressed")),
    [...q.querySelectorAll(".fbss-step")].map((li) => li.dataset.fbssOption),
]"""

SIZES = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("feedback") / "project"
    # Options in the author's order: the verdicts below name them by letter (shuffling,
    # on by default, has its own tests: tests/outputs/test_browser_shuffle.py).
    conf = 'html_theme = "furo"\nextensions.append("sphinx_design")\nfbss_quiz_shuffle = False\n'
    write_project(srcdir, {"index.md": PAGE_MD}, conf=conf)
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return built


def item(page: Any, qid: str) -> Any:
    return page.locator(f'.fbss-question[data-fbss-id="{qid}"]')


def run_axe(page: Any, when: str) -> None:
    """With test_browser's rules and exclusions (furo's own landmark-less parts)."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page, context=AXE_CONTEXT, options=AXE_OPTIONS).response["violations"]
    assert violations == [], f"{when}:\n" + describe(violations)


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, locator
    return dict(found)


def settle(page: Any) -> None:
    """Wait until the page stops scrolling (the theme scrolls smoothly)."""
    last = None
    for _ in range(40):
        page.wait_for_timeout(60)
        now = page.evaluate("window.scrollY")
        if now == last:
            return
        last = now


def in_order(q: Any, *selectors: str) -> bool:
    """Each part of ``q`` ends above where the next starts (measured at one moment: the
    theme scrolls smoothly)."""
    return bool(
        q.evaluate(
            """(q, selectors) => selectors.map((s) => q.querySelector(s).getBoundingClientRect())
                .every((r, i, all) => !i || all[i - 1].bottom <= r.top + 0.5)""",
            list(selectors),
        )
    )


def shot(q: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    q.scroll_into_view_if_needed()
    q.screenshot(path=SCREENSHOTS / f"{name}.png", style=FLOATING)


def assert_fits(page: Any, when: str) -> None:
    """Nothing of a quiz sticks out sideways, and the page does not scroll sideways. (What
    sits in a region that scrolls on its own, as a trend's chart does, is that region's:
    the region itself must fit.)"""
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], (when, widths)
    sticking_out = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll(".fbss-question, .fbss-question *")]
              .filter((el) => el.getClientRects().length)
              .filter((el) => { for (let up = el.parentElement; up?.closest(".fbss-question");
                                     up = up.parentElement)
                                  if (/auto|scroll|hidden/.test(getComputedStyle(up).overflowX))
                                    return false;
                                return true; })
              .filter((el) => { const r = el.getBoundingClientRect();
                                return r.right > width + 0.5 || r.left < -0.5; })
              .map((el) => el.className || el.tagName);
        }"""
    )
    assert sticking_out == [], (when, sticking_out)


# --- every kind, in every scheme and size ------------------------------------------------


def test_the_tests_answer_every_kind(site: Built) -> None:
    """``KINDS`` answers an item of every kind of the registry (a trend's response is
    answered in its own kind's view), so a new kind cannot go untested here."""
    soup = BeautifulSoup(site.page(), "html.parser")
    answered = {kind.qid for kind in KINDS}
    items = [
        json.loads(q["data-fbss-item"])
        for q in soup.select(".fbss-question")
        if q["data-fbss-id"] in answered
    ]
    assert len(items) == len(answered)
    views = {item.get("response", item["kind"]) for item in items}
    assert {item["kind"] for item in items} | views == set(BY_NAME)
    assert views == set(BY_NAME) - {"trend"}, "a trend's response is any other kind"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_feedback_of_every_kind(open_page: Callable[..., Any], scheme: str, size: str) -> None:
    page, errors = open_page(color_scheme=scheme, viewport=SIZES[size])
    run_axe(page, "before answering")

    # Complete before grading: a partly answered item says what is missing, grades nothing.
    for kind in KINDS:
        if kind.partial is None:
            continue
        q = item(page, kind.qid)
        kind.partial(q)
        q.locator(".fbss-check").click()
        expect(q.locator(".fbss-note")).to_have_text(kind.left)
        expect(q.locator(".fbss-status")).to_have_text("")
        assert q.get_attribute("data-fbss-result") is None, kind.qid
        expect(q.locator(".fbss-mark, .fbss-badge:visible")).to_have_count(0)
        expect(q.locator(".fbss-check")).to_be_visible()
        q.locator(".fbss-clear-answers").click()  # and Clear answers empties it
        expect(q.locator(".fbss-note")).to_have_text("")
        state = q.evaluate(ANSWER_STATE)
        assert not any(state[0]) and not any(state[1]), (kind.qid, state)
        assert "true" not in state[2], (kind.qid, state)
    run_axe(page, "after checking partly answered items")

    kept = {}
    for kind in KINDS:
        q = item(page, kind.qid)
        if scheme == "light" or size == "1280":
            shot(q, f"{kind.qid}-{scheme}-{size}-before")
        kind.wrong(q)
        kept[kind.qid] = q.evaluate(ANSWER_STATE)
        q.locator(".fbss-check").click()
        status = q.locator(".fbss-status")
        # The verdict line: the result and the correct answer, as the live region says it.
        expect(status).to_have_text(kind.answer)
        assert status.get_attribute("role") == "status"
        expect(q.get_by_role("status").filter(has_text=kind.answer)).to_have_count(1)
        # Under the question, above the options.
        assert in_order(q, ".fbss-stem", ".fbss-status", "fieldset.fbss-options"), kind.qid
        # The correct answer in text (a badge), not colour alone; each pick marked in words.
        badges = q.locator(".fbss-badge:visible")
        expect(badges).to_have_count(kind.badges)
        for text in badges.all_inner_texts():
            assert re.match(r"Correct (answer|place)", text), (kind.qid, text)
        for mark in q.locator(".fbss-mark").all_inner_texts():
            assert mark.strip() in ("Correct", "Incorrect"), (kind.qid, mark)  # and its icon
        if scheme == "light" or size == "1280":
            shot(q, f"{kind.qid}-{scheme}-{size}-after")
    choice = item(page, "single")
    expect(choice.locator(".fbss-key-option .fbss-badge:visible")).to_have_text("Correct answer")
    run_axe(page, "after checking every kind")

    # Try again clears the feedback and keeps the answers.
    for kind in KINDS:
        q = item(page, kind.qid)
        q.locator(".fbss-retry").click()
        expect(q.locator(".fbss-status")).to_have_text("")
        expect(q.locator(".fbss-mark, .fbss-badge:visible")).to_have_count(0)
        assert q.evaluate(ANSWER_STATE) == kept[kind.qid], kind.qid
    run_axe(page, "after Try again")
    assert errors == []


def test_nothing_overflows_at_320_px(open_page: Callable[..., Any]) -> None:
    page, errors = open_page(viewport={"width": 320, "height": 700}, is_mobile=True)
    assert_fits(page, "before answering")
    for kind in KINDS:
        q = item(page, kind.qid)
        if kind.partial:
            kind.partial(q)
            q.locator(".fbss-check").click()
            q.locator(".fbss-clear-answers").click()
        kind.wrong(q)
        q.locator(".fbss-check").click()
        expect(q.locator(".fbss-status")).not_to_be_empty()
        if q.locator("details.fbss-others").is_visible():
            q.locator("details.fbss-others summary").click()
    assert_fits(page, "after checking")
    assert errors == []


# --- the choice question on a phone -----------------------------------------------------------


def test_a_checked_four_option_question_fits_a_phone_screen(
    open_page: Callable[..., Any],
) -> None:
    """The question, the verdict, the chosen and the correct options with their rationales,
    the explanation and Try again: one 390 x 844 screen under the theme's header."""
    page, _ = open_page(viewport=SIZES["390"], is_mobile=True, has_touch=True)
    q = item(page, "single")
    KINDS[0].wrong(q)
    q.locator(".fbss-check").click()
    header = page.evaluate("document.querySelector('.mobile-header').offsetHeight")
    height = q.evaluate(
        """(q) => q.querySelector(".fbss-retry").getBoundingClientRect().bottom
                  - q.querySelector(".fbss-number").getBoundingClientRect().top"""
    )
    assert header > 0 and height <= 844 - header, height
    # The two options neither chosen nor correct are folded, with their rationales.
    others = q.locator("details.fbss-others")
    expect(others.locator(".fbss-option")).to_have_count(2)
    expect(others.locator(".fbss-option").first).to_be_hidden()
    others.locator("summary").click()
    expect(others.get_by_text("Wear at the next level follows a fusion")).to_be_visible()


# --- layouts like the exam --------------------------------------------------------------------


def test_bowtie_is_a_bowtie_on_wide_screens_and_stacked_on_phones(
    open_page: Callable[..., Any],
) -> None:
    for size, wide in (("1280", True), ("390", False)):
        page, _ = open_page(viewport=SIZES[size])
        condition, actions, monitor = item(page, "ngn-bowtie").evaluate(
            """(q) => [...q.querySelectorAll("fieldset.fbss-bowtie-part")].map((f) => {
                const r = f.getBoundingClientRect();
                return {x: r.x, y: r.y, width: r.width, height: r.height}; })"""
        )
        if wide:
            # actions | condition | parameters, side by side around the centre.
            assert actions["x"] + actions["width"] < condition["x"], (actions, condition)
            assert condition["x"] + condition["width"] < monitor["x"], (condition, monitor)
            middle = condition["y"] + condition["height"] / 2
            for wing in (actions, monitor):
                assert wing["y"] < middle < wing["y"] + wing["height"], (wing, condition)
        else:
            assert condition["y"] + condition["height"] <= actions["y"], (condition, actions)
            assert actions["y"] + actions["height"] <= monitor["y"], (actions, monitor)
            assert condition["x"] == actions["x"] == monitor["x"]


def test_steps_move_by_dragging_their_handle(open_page: Callable[..., Any]) -> None:
    page, errors = open_page(viewport=SIZES["1280"])
    q = item(page, "ngn-ordering")
    q.scroll_into_view_if_needed()
    steps = q.locator(".fbss-step")
    before = [steps.nth(i).get_attribute("data-fbss-option") for i in range(3)]
    grip, target = box(steps.nth(1).locator(".fbss-grip")), box(steps.nth(0))
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    page.mouse.move(grip["x"] + 5, target["y"] + 2, steps=8)
    page.mouse.up()
    after = [steps.nth(i).get_attribute("data-fbss-option") for i in range(3)]
    assert after == [before[1], before[0], before[2]], (before, after)
    text = steps.nth(0).locator(".fbss-step-text").inner_text()
    expect(q.locator(".fbss-note")).to_have_text(f"{text}: moved to position 1 of 3.")
    # The keyboard buttons know the new order: the first step cannot go up.
    expect(steps.nth(0).locator(".fbss-up")).to_be_disabled()
    # The handle is compact: the step is one line high beside its buttons.
    assert box(steps.nth(0))["height"] < 60
    q.locator(".fbss-check").click()
    expect(q.locator(".fbss-status")).to_have_text("Correct.")
    # Checked: a drag moves nothing.
    grip = box(steps.nth(2).locator(".fbss-grip"))
    page.mouse.move(grip["x"] + 5, grip["y"] + 5)
    page.mouse.down()
    page.mouse.move(grip["x"] + 5, box(steps.nth(0))["y"] + 2, steps=8)
    page.mouse.up()
    assert [steps.nth(i).get_attribute("data-fbss-option") for i in range(3)] == after
    assert errors == []


def test_a_cases_chart_stays_above_its_items_on_wide_screens(
    open_page: Callable[..., Any],
) -> None:
    page, errors = open_page(viewport={"width": 1280, "height": 800})
    chart = page.locator(".fbss-case .sd-tab-set")
    last = item(page, "chart-q3")
    last.scroll_into_view_if_needed()
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(100)
    where = box(chart)
    assert -1 <= where["y"] <= 1, where  # stuck at the top, over the items that scroll by
    expect(chart).to_be_in_viewport()
    # A tab still switches, and what the keyboard reaches is not hidden under the chart.
    chart.get_by_text("Vital signs").click()
    expect(chart.get_by_text("Heart rate, /min")).to_be_visible()
    # Forwards from the first item, then backwards (up: under the chart) from the last.
    item(page, "chart-q1").locator("input").first.focus()
    settle(page)
    for key in ["Tab"] * 10 + ["Shift+Tab"] * 10:
        page.keyboard.press(key)
        settle(page)
        covered = page.evaluate(
            """() => { const el = document.activeElement, r = el.getBoundingClientRect();
                       const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                       return !(top && (top === el || el.contains(top) || top.contains(el))); }"""
        )
        assert not covered, page.evaluate("document.activeElement.outerHTML")
    assert errors == []


def test_the_chart_flows_with_the_text_on_phones(open_page: Callable[..., Any]) -> None:
    page, _ = open_page(viewport=SIZES["390"], is_mobile=True)
    item(page, "chart-q3").scroll_into_view_if_needed()
    expect(page.locator(".fbss-case .sd-tab-set")).not_to_be_in_viewport()


# --- getting there ----------------------------------------------------------------------------


def test_skip_to_the_quiz_reaches_the_first_option_in_one_tab(
    open_page: Callable[..., Any],
) -> None:
    page, errors = open_page(viewport=SIZES["1280"])
    page.keyboard.press("Tab")
    link = page.locator("a.fbss-skip")
    expect(link).to_be_focused()
    expect(link).to_have_text("Skip to the quiz")
    expect(link).to_be_in_viewport()  # shown while it has the focus
    page.keyboard.press("Enter")
    first = item(page, "single").locator(".fbss-option input").first
    expect(first).to_be_focused()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    # Without the focus it is out of sight.
    assert box(link)["y"] + box(link)["height"] < 0
    assert errors == []


def test_the_themes_back_to_top_button_covers_no_question_on_a_phone(
    open_page: Callable[..., Any],
) -> None:
    page, _ = open_page(viewport=SIZES["390"], is_mobile=True, has_touch=True)
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(200)
    page.mouse.wheel(0, -300)  # scrolling up is when furo shows it
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.classList.contains('show-back-to-top')")
    expect(page.locator(".back-to-top")).to_be_hidden()
