"""The interactive quiz as a reader meets it: Debian's Chromium driving a furo page.

One project is built per module (``site``); every test serves it on its own port
and opens it in a fresh browser context, so localStorage starts empty each time.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import Built, run_build, write_project

pytestmark = pytest.mark.browser

expect: Any
try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips (or fails in CI) with a hint
    expect = None

PROJECT = "Quiz test"
STORE_PREFIX = f"fbss-quiz:{PROJECT}:"

INDEX_MD = """
# Quiz page

Some prose before the quizzes.

::::{quiz} Check yourself
:topic: causes
:shuffle: no

:::{question}
:id: wrong-level
Which cause of FBSS fits pain that never improved?

- [ ] Hardware failure
  Rationale A.
- [x] Wrong level
  Rationale B.
- [ ] Scar tissue
  Rationale C.

Explanation text.
:::

:::{question}
:id: symptoms
Which symptoms are common?

- [x] Leg pain
  RA leg.
- [x] Numbness
  RB numb.
- [ ] Fever
  RC fever.
:::
::::

Text between the quizzes.

:::{question}
:id: standalone
:type: multiple
:shuffle: no
A standalone question outside any quiz.

- [x] Only right one
  Right one rationale, with a long medical word:
  Pneumonoultramicroscopicsilicovolcanoconiosis-and-more-of-it.
- [ ] Wrong one
  Wrong one rationale.
:::

::::{quiz} Shuffled quiz
:topic: treatments

:::{question}
:id: shuffled
:shuffle:
Which colour is the green one?

- [ ] Red
  Red is not green.
- [ ] Orange
  Orange is not green.
- [x] Green
  Green is green.
- [ ] Blue
  Blue is not green.
- [ ] Indigo
  Indigo is not green.
- [ ] Violet
  Violet is not green.
:::
::::

Text after the quizzes.
"""

#: Every question on the page: id -> (labels in source order, right labels).
QUESTIONS: dict[str, tuple[list[str], set[str]]] = {
    "wrong-level": (["Hardware failure", "Wrong level", "Scar tissue"], {"Wrong level"}),
    "symptoms": (["Leg pain", "Numbness", "Fever"], {"Leg pain", "Numbness"}),
    "standalone": (["Only right one", "Wrong one"], {"Only right one"}),
    "shuffled": (
        ["Red", "Orange", "Green", "Blue", "Indigo", "Violet"],
        {"Green"},
    ),
}

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("browser") / "project"
    write_project(srcdir, {"index.md": INDEX_MD}, conf='html_theme = "furo"\n')
    built = run_build(srcdir)
    assert "Traceback" not in built.warnings, built.warnings
    assert (built.outdir / "_static" / "fbss_quiz.js").is_file()
    return built


@dataclass
class Tab:
    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser: Any, serve: Callable[..., str], site: Built) -> Iterator[Callable[..., Tab]]:
    """``open_page(init_script=None, headers=None, goto=True, **context_options)``:
    a fresh context on the served site, recording page errors and console errors."""
    contexts: list[Any] = []

    def _open(
        init_script: str | None = None,
        headers: dict[str, str] | None = None,
        goto: bool = True,
        directory: Path | None = None,
        **context_options: Any,
    ) -> Tab:
        base = serve(directory or site.outdir, headers)
        context = browser.new_context(**context_options)
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.set_default_timeout(5000)
        tab = Tab(page, f"{base}/index.html")
        page.on("pageerror", lambda error: tab.errors.append(str(error)))
        page.on(
            "console",
            lambda message: (
                tab.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        if goto:
            page.goto(tab.url)
        return tab

    yield _open
    for context in contexts:
        context.close()


# --- helpers ---------------------------------------------------------------


def question(page: Any, qid: str) -> Any:
    return page.locator(f'.fbss-question[data-fbss-id="{qid}"]')


def option(page: Any, qid: str, label: str) -> Any:
    """The option box (input, label and, once checked, its rationale)."""
    return (
        question(page, qid)
        .locator(".fbss-option")
        .filter(
            has=page.locator(
                ".fbss-label", has_text=re.compile(rf"^\s*[A-Z]+\.\s+{re.escape(label)}\s*$")
            )
        )
    )


def choice(page: Any, qid: str, label: str) -> Any:
    return option(page, qid, label).locator("input")


def badge(box: Any) -> Any:
    """The "Correct answer" badge shown in an option box (one, wherever it stands)."""
    return box.locator(".fbss-badge:visible")


def status(page: Any, qid: str) -> Any:
    """The verdict line under the question (a live region)."""
    return question(page, qid).locator(".fbss-status")


def note(page: Any, qid: str) -> Any:
    """The note under the buttons (a live region): what Check answer needs first."""
    return question(page, qid).locator(".fbss-note")


def check_button(page: Any, qid: str) -> Any:
    return question(page, qid).get_by_role("button", name="Check answer")


def retry_button(page: Any, qid: str) -> Any:
    return question(page, qid).get_by_role("button", name="Try again")


def answer(page: Any, qid: str, labels: list[str]) -> None:
    """Pick exactly ``labels`` (Try again keeps the last answer), then Check answer.
    (Any question of a page: test_browser_shuffle answers its own.)"""
    ticked = question(page, qid).locator(".fbss-options input[type=checkbox]:checked")
    for box in reversed(ticked.all()):  # from the last: each unticked box leaves the list
        box.uncheck()
    for label in labels:
        choice(page, qid, label).check()
    check_button(page, qid).click()


def answer_all(page: Any) -> None:
    """Answer every question on the page, some right, some wrong."""
    answer(page, "wrong-level", ["Hardware failure"])
    answer(page, "symptoms", ["Leg pain", "Numbness"])
    answer(page, "standalone", ["Only right one", "Wrong one"])
    answer(page, "shuffled", ["Green"])
    for qid in QUESTIONS:
        expect(status(page, qid)).not_to_be_empty()


def outline_of_focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {tag: el.tagName, type: el.type || "", text: (el.textContent || "").trim(),
                    style: style.outlineStyle, width: style.outlineWidth,
                    visible: el.matches(":focus-visible")};
        }"""
    )


def assert_focus_visible(page: Any) -> None:
    outline = outline_of_focused(page)
    assert outline["visible"], outline
    assert outline["style"] != "none" and outline["width"] != "0px", outline


def luminance(css_colour: str) -> float:
    channels = [float(x) for x in re.findall(r"[\d.]+", css_colour)[:3]]

    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def effective_background(page: Any, selector: str) -> str:
    """The first non-transparent background colour from the element up."""
    return page.evaluate(
        """(selector) => {
            for (let el = document.querySelector(selector); el; el = el.parentElement) {
                const bg = getComputedStyle(el).backgroundColor;
                const alpha = bg.startsWith("rgba") ? parseFloat(bg.split(",")[3]) : 1;
                if (alpha > 0) return bg;
            }
            return getComputedStyle(document.documentElement).backgroundColor;
        }""",
        selector,
    )


#: Third-party nodes axe may skip. furo puts its "View this page" link and the
#: theme toggle (``.content-icon-container``) in ``div.content`` but outside the
#: ``<article role="main">`` landmark, which axe reports as "region" (best-practice:
#: "All page content should be contained by landmarks"); likewise its "Back to top"
#: button, shown once the page has scrolled up (a checked question's Try again takes
#: the focus). That is furo's markup, not the quiz's; nothing else is excluded.
AXE_CONTEXT = {"exclude": [[".content-icon-container"], [".back-to-top"]]}


def run_axe(page: Any, options: dict | None = None) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=AXE_CONTEXT, options=options or AXE_OPTIONS)
    return results.response["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {node['target']}: {node['html'][:200]}")
            lines.append(f"      {node.get('failureSummary', '')}".replace("\n", " "))
    return "\n".join(lines)


def assert_above(upper: Any, lower: Any) -> None:
    """``upper`` ends above where ``lower`` starts on the page."""
    a, b = upper.bounding_box(), lower.bounding_box()
    assert a is not None and b is not None and a["y"] + a["height"] <= b["y"] + 0.5, (a, b)


def option_letters(page: Any, qid: str) -> dict[str, str]:
    """Option index -> the letter its option shows."""
    return dict(
        question(page, qid)
        .locator(".fbss-option input")
        .evaluate_all(
            """(inputs) => inputs.map((i) => [i.value,
                i.parentElement.querySelector(".fbss-label .fbss-letter").textContent])"""
        )
    )


def rationale_letters(page: Any, qid: str) -> dict[str, str]:
    """Option index -> the letter its rationale shows, wherever the rationale stands."""
    return dict(
        question(page, qid)
        .locator(".fbss-rationale")
        .evaluate_all(
            """(rs) => rs.map((r) => [r.dataset.fbssOption,
                r.querySelector(".fbss-letter").textContent])"""
        )
    )


def labels_in_visual_order(page: Any, qid: str) -> list[tuple[str, str, str]]:
    """(letter on the label, label text, letter on its rationale), top to bottom."""
    rows = (
        question(page, qid)
        .locator(".fbss-option")
        .evaluate_all(
            """(options) => options.map((o) => {
            const label = o.querySelector(".fbss-label");
            const letter = label.querySelector(".fbss-letter").textContent;
            const verdict = o.querySelector(".fbss-rationale .fbss-letter");
            return {y: o.getBoundingClientRect().top, letter: letter,
                    text: label.textContent.slice(letter.length).trim(),
                    rationale: verdict ? verdict.textContent : ""};
        })"""
        )
    )
    rows.sort(key=lambda row: row["y"])
    return [(row["letter"], row["text"], row["rationale"]) for row in rows]


# --- 1. feedback after a wrong, then a right answer -------------------------


def test_wrong_then_right_answer(open_page: Callable[..., Tab]) -> None:
    tab = open_page()
    page = tab.page
    q = question(page, "wrong-level")
    rationales = {
        "Hardware failure": "Rationale A.",
        "Wrong level": "Rationale B.",
        "Scar tissue": "Rationale C.",
    }

    # Before checking, no feedback is shown.
    expect(status(page, "wrong-level")).to_have_text("")
    for text in rationales.values():
        expect(q.get_by_text(text)).to_be_hidden()
    expect(q.get_by_text("Explanation text.")).to_be_hidden()
    expect(q.get_by_text("Show answer")).to_be_hidden()

    choice(page, "wrong-level", "Hardware failure").check()
    check_button(page, "wrong-level").click()

    # The verdict line names the correct answer, under the question, above the options.
    expect(status(page, "wrong-level")).to_have_text("Incorrect. The answer is B. Wrong level.")
    assert status(page, "wrong-level").get_attribute("role") == "status"
    assert_above(status(page, "wrong-level"), q.locator(".fbss-option").first)
    # The chosen option: its rationale, "Incorrect" and "Your choice".
    chosen = option(page, "wrong-level", "Hardware failure")
    expect(chosen.get_by_text("Rationale A.")).to_be_visible()
    expect(chosen.locator(".fbss-verdict strong")).to_have_text("Incorrect")
    expect(chosen.get_by_text("Your choice")).to_be_visible()
    # The correct option: its rationale and the "Correct answer" badge (not colour alone).
    correct = option(page, "wrong-level", "Wrong level")
    expect(correct.get_by_text("Rationale B.")).to_be_visible()
    expect(badge(correct)).to_have_text("Correct answer")
    expect(correct.get_by_text("Your choice")).to_be_hidden()
    expect(q.get_by_text("Explanation text.")).to_be_visible()
    expect(retry_button(page, "wrong-level")).to_be_focused()
    expect(check_button(page, "wrong-level")).to_be_hidden()
    # The others are folded under one "Why not the others?".
    others = q.locator("details.fbss-others")
    expect(q.get_by_text("Rationale C.")).to_be_hidden()
    others.get_by_text("Why not the others?").click()
    expect(others.get_by_text("Rationale C.")).to_be_visible()
    expect(others.locator(".fbss-verdict")).to_contain_text("C. Incorrect")

    # Try again clears the feedback and keeps the answer.
    retry_button(page, "wrong-level").click()
    expect(status(page, "wrong-level")).to_have_text("")
    expect(choice(page, "wrong-level", "Hardware failure")).to_be_checked()
    for text in rationales.values():
        expect(q.get_by_text(text)).to_be_hidden()
    expect(others).to_be_hidden()
    expect(badge(correct)).to_have_count(0)

    choice(page, "wrong-level", "Wrong level").check()
    check_button(page, "wrong-level").click()
    expect(status(page, "wrong-level")).to_have_text("Correct.")
    expect(correct.get_by_text("Your choice")).to_be_visible()
    expect(badge(correct)).to_have_text("Correct answer")
    expect(chosen.get_by_text("Your choice")).to_be_hidden()
    # The two wrong options' rationales are folded.
    expect(others.locator(".fbss-rationale")).to_have_count(2)
    assert tab.errors == []


def test_check_without_a_choice_asks_for_one(open_page: Callable[..., Tab]) -> None:
    page = open_page().page
    check_button(page, "wrong-level").click()
    expect(note(page, "wrong-level")).to_have_text("Choose an answer first.")
    expect(status(page, "wrong-level")).to_have_text("")
    expect(question(page, "wrong-level").get_by_text("Rationale A.")).to_be_hidden()
    # Any answer makes the note stale.
    choice(page, "wrong-level", "Scar tissue").check()
    expect(note(page, "wrong-level")).to_have_text("")


# --- 2. select all that apply ------------------------------------------------


def test_select_all_partly_right(open_page: Callable[..., Tab]) -> None:
    tab = open_page()
    page = tab.page
    q = question(page, "symptoms")
    expect(q.get_by_text("Select all that apply.")).to_be_visible()
    assert choice(page, "symptoms", "Leg pain").get_attribute("type") == "checkbox"

    answer(page, "symptoms", ["Leg pain", "Fever"])
    expect(status(page, "symptoms")).to_have_text(
        "Partly correct: 1 of 2 correct options chosen, 1 incorrect. "
        "The answers are A. Leg pain; B. Numbness."
    )
    expect(option(page, "symptoms", "Fever").get_by_text("Your choice")).to_be_visible()
    expect(option(page, "symptoms", "Numbness").get_by_text("Your choice")).to_be_hidden()
    # Every correct option is badged, the one missed too.
    for label in ("Leg pain", "Numbness"):
        expect(badge(option(page, "symptoms", label))).to_have_text("Correct answer")
    expect(badge(option(page, "symptoms", "Fever"))).to_have_count(0)

    retry_button(page, "symptoms").click()
    for label in ("Leg pain", "Fever"):
        expect(choice(page, "symptoms", label)).to_be_checked()  # kept: fix only what was wrong
    choice(page, "symptoms", "Fever").uncheck()
    choice(page, "symptoms", "Numbness").check()
    check_button(page, "symptoms").click()
    expect(status(page, "symptoms")).to_have_text("Correct.")

    retry_button(page, "symptoms").click()
    answer(page, "symptoms", ["Fever"])
    expect(status(page, "symptoms")).to_have_text(
        "Incorrect. The answers are A. Leg pain; B. Numbness."
    )
    assert tab.errors == []


# --- 3. the quiz's score -----------------------------------------------------


def test_quiz_score_and_reset(open_page: Callable[..., Tab]) -> None:
    tab = open_page()
    page = tab.page
    quiz = page.locator(".fbss-quiz").filter(has=question(page, "wrong-level"))
    score = quiz.locator(".fbss-score")
    expect(quiz.get_by_role("button", name="Reset quiz")).to_be_visible()
    expect(score).to_have_text("")

    answer(page, "wrong-level", ["Wrong level"])
    expect(status(page, "wrong-level")).to_have_text("Correct.")
    expect(score).to_have_text("")  # not every question is checked yet

    answer(page, "symptoms", ["Leg pain", "Fever"])
    expect(score).to_have_text("You got 1 of 2 right.")
    assert score.get_attribute("role") == "status"

    retry_button(page, "symptoms").click()
    expect(score).to_have_text("")
    answer(page, "symptoms", ["Leg pain", "Numbness"])
    expect(score).to_have_text("You got 2 of 2 right.")

    quiz.get_by_role("button", name="Reset quiz").click()
    expect(score).to_have_text("")
    for qid in ("wrong-level", "symptoms"):
        expect(status(page, qid)).to_have_text("")
        expect(check_button(page, qid)).to_be_visible()
        expect(retry_button(page, qid)).to_be_hidden()
        for label in QUESTIONS[qid][0]:
            expect(choice(page, qid, label)).not_to_be_checked()
            expect(choice(page, qid, label)).to_be_enabled()
        expect(question(page, qid).locator(".fbss-rationale").first).to_be_hidden()
    expect(choice(page, "wrong-level", "Hardware failure")).to_be_focused()

    # The reset is remembered too.
    page.reload()
    expect(score).to_have_text("")
    expect(choice(page, "wrong-level", "Wrong level")).not_to_be_checked()
    expect(status(page, "wrong-level")).to_have_text("")
    assert tab.errors == []


# --- 4. keyboard only ----------------------------------------------------------


def test_keyboard_only(open_page: Callable[..., Tab]) -> None:
    tab = open_page()
    page = tab.page
    keyboard = page.keyboard
    first = choice(page, "wrong-level", "Hardware failure")
    second = choice(page, "wrong-level", "Wrong level")

    def active_matches(selector: str) -> bool:
        return bool(page.evaluate("(s) => document.activeElement.matches(s)", selector))

    for _ in range(200):
        keyboard.press("Tab")
        if active_matches(".fbss-option input"):
            break
    else:
        pytest.fail("Tab never reached a quiz option")
    expect(first).to_be_focused()
    assert_focus_visible(page)

    keyboard.press("Space")
    expect(first).to_be_checked()
    keyboard.press("ArrowDown")
    expect(second).to_be_checked()
    expect(second).to_be_focused()
    assert_focus_visible(page)
    keyboard.press("ArrowUp")
    expect(first).to_be_checked()
    expect(second).not_to_be_checked()

    for _ in range(5):
        keyboard.press("Tab")
        if active_matches(".fbss-check"):
            break
    else:
        pytest.fail("Tab never reached the Check answer button")
    expect(check_button(page, "wrong-level")).to_be_focused()
    assert_focus_visible(page)

    keyboard.press("Enter")
    expect(status(page, "wrong-level")).to_have_text("Incorrect. The answer is B. Wrong level.")
    expect(retry_button(page, "wrong-level")).to_be_focused()
    assert_focus_visible(page)

    keyboard.press("Enter")
    expect(status(page, "wrong-level")).to_have_text("")
    expect(first).to_be_focused()
    expect(first).to_be_checked()  # Try again keeps the answer
    assert_focus_visible(page)

    # The right answer, again by keyboard only; Space presses the button too.
    keyboard.press("ArrowDown")
    expect(second).to_be_checked()
    keyboard.press("Tab")
    expect(check_button(page, "wrong-level")).to_be_focused()
    keyboard.press("Space")
    expect(status(page, "wrong-level")).to_have_text("Correct.")
    assert tab.errors == []


# --- 5. answers survive a reload -----------------------------------------------


def test_reload_keeps_state(open_page: Callable[..., Tab]) -> None:
    tab = open_page()
    page = tab.page
    answer(page, "wrong-level", ["Hardware failure"])
    answer(page, "symptoms", ["Leg pain", "Fever"])
    expect(status(page, "symptoms")).to_contain_text("Partly correct")

    page.reload()
    expect(choice(page, "wrong-level", "Hardware failure")).to_be_checked()
    expect(choice(page, "wrong-level", "Wrong level")).not_to_be_checked()
    expect(status(page, "wrong-level")).to_have_text("Incorrect. The answer is B. Wrong level.")
    expect(question(page, "wrong-level").get_by_text("Rationale A.")).to_be_visible()
    expect(question(page, "wrong-level").get_by_text("Explanation text.")).to_be_visible()
    expect(retry_button(page, "wrong-level")).to_be_visible()
    expect(choice(page, "symptoms", "Fever")).to_be_checked()
    expect(status(page, "symptoms")).to_have_text(
        "Partly correct: 1 of 2 correct options chosen, 1 incorrect. "
        "The answers are A. Leg pain; B. Numbness."
    )
    expect(page.locator(".fbss-score").first).to_have_text("You got 0 of 2 right.")
    # A restored result is shown, but focus is not stolen on load.
    assert page.evaluate("document.activeElement === document.body")

    retry_button(page, "wrong-level").click()
    page.reload()
    # Tried again: the answer is kept, not graded.
    expect(choice(page, "wrong-level", "Hardware failure")).to_be_checked()
    expect(status(page, "wrong-level")).to_have_text("")
    expect(question(page, "wrong-level").get_by_text("Rationale A.")).to_be_hidden()
    expect(check_button(page, "wrong-level")).to_be_visible()
    expect(choice(page, "symptoms", "Fever")).to_be_checked()  # the other one is kept
    assert tab.errors == []


# --- 6. broken localStorage ------------------------------------------------------

THROWING_STORAGE = """
(() => {
  const get = Storage.prototype.getItem, set = Storage.prototype.setItem,
        remove = Storage.prototype.removeItem;
  const ours = (k) => String(k).startsWith("fbss");
  const deny = () => { throw new DOMException("The operation is insecure.", "SecurityError"); };
  // Only the quiz's keys are refused, so that the theme's own storage use
  // (furo reads "theme" in an inline script) does not muddy the result.
  Storage.prototype.getItem = function (k) { return ours(k) ? deny() : get.call(this, k); };
  Storage.prototype.setItem = function (k, v) { return ours(k) ? deny() : set.call(this, k, v); };
  Storage.prototype.removeItem = function (k) { return ours(k) ? deny() : remove.call(this, k); };
})();
"""

FULL_STORAGE = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""

NO_STORAGE = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""

GARBAGE = {
    "wrong-level": "{not json",
    "symptoms": json.dumps(
        {
            "v": 1,
            "chosen": ["length", "__proto__", "constructor", 99, -1, 1.5, None],
            "checked": True,
            "order": "x",
        }
    ),
    "standalone": json.dumps([0, 1]),
    "shuffled": json.dumps({"v": 1, "chosen": [], "checked": True, "order": [0, 0, 1, 2, 3, 4]}),
}


def garbage_storage() -> str:
    entries = {STORE_PREFIX + qid: value for qid, value in GARBAGE.items()}
    entries[STORE_PREFIX + "unknown"] = "null"
    return f"""
    (() => {{
      if (sessionStorage.getItem("seeded")) return;
      sessionStorage.setItem("seeded", "1");
      const entries = {json.dumps(entries)};
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    }})();
    """


@pytest.mark.parametrize(
    "init_script",
    [THROWING_STORAGE, FULL_STORAGE, garbage_storage()],
    ids=["throws", "full", "garbage"],
)
def test_broken_local_storage(open_page: Callable[..., Tab], init_script: str) -> None:
    tab = open_page(init_script=init_script)
    page = tab.page
    # Nothing broken was restored: every question starts unanswered.
    for qid, (labels, _) in QUESTIONS.items():
        expect(check_button(page, qid)).to_be_visible()
        expect(status(page, qid)).to_have_text("")
        for label in labels:
            expect(choice(page, qid, label)).not_to_be_checked()
    assert page.evaluate("Array.prototype.checked") is None  # no prototype pollution
    assert sorted(text for _, text, _ in labels_in_visual_order(page, "shuffled")) == sorted(
        QUESTIONS["shuffled"][0]
    )

    answer(page, "wrong-level", ["Wrong level"])
    expect(status(page, "wrong-level")).to_have_text("Correct.")
    answer(page, "symptoms", ["Leg pain"])
    expect(status(page, "symptoms")).to_have_text(
        "Partly correct: 1 of 2 correct options chosen, 0 incorrect. "
        "The answers are A. Leg pain; B. Numbness."
    )
    expect(page.locator(".fbss-score").first).to_have_text("You got 1 of 2 right.")
    answer(page, "shuffled", ["Green"])
    expect(status(page, "shuffled")).to_have_text("Correct.")
    retry_button(page, "wrong-level").click()
    page.reload()
    expect(check_button(page, "wrong-level")).to_be_visible()
    assert tab.errors == []


def test_local_storage_unavailable(open_page: Callable[..., Tab]) -> None:
    """``window.localStorage`` itself throws (storage blocked by the browser)."""
    tab = open_page(init_script=NO_STORAGE)
    page = tab.page
    answer(page, "wrong-level", ["Hardware failure"])
    expect(status(page, "wrong-level")).to_contain_text("Incorrect.")
    retry_button(page, "wrong-level").click()
    answer(page, "wrong-level", ["Wrong level"])
    expect(status(page, "wrong-level")).to_have_text("Correct.")
    page.reload()
    expect(check_button(page, "wrong-level")).to_be_visible()

    # furo reads localStorage unguarded (its inline theme script and furo.js), so
    # the page has errors of its own here, without a stack to tell them apart. The
    # quiz's script must add none: the same page with it blocked has the same errors.
    without = open_page(init_script=NO_STORAGE, goto=False)
    without.page.route("**/fbss_quiz.js*", lambda route: route.abort())
    without.page.goto(without.url)
    expect(question(without.page, "wrong-level").get_by_text("Show answer")).to_be_visible()
    without.page.reload()
    expect(question(without.page, "wrong-level").get_by_text("Show answer")).to_be_visible()
    assert tab.errors == without.errors


# --- 7. without JavaScript --------------------------------------------------------


def test_without_javascript(open_page: Callable[..., Tab]) -> None:
    page = open_page(java_script_enabled=False).page
    q = question(page, "wrong-level")
    expect(q.get_by_text("Which cause of FBSS fits pain that never improved?")).to_be_visible()
    for label in QUESTIONS["wrong-level"][0]:
        expect(q.locator(".fbss-label", has_text=label)).to_be_visible()
        expect(choice(page, "wrong-level", label)).to_be_visible()
    expect(q.get_by_text("Check answer")).to_be_hidden()
    expect(q.get_by_text("Try again")).to_be_hidden()
    expect(page.get_by_text("Reset quiz").first).to_be_hidden()

    details = q.locator("details.fbss-answer")
    assert details.get_attribute("open") is None
    expect(q.get_by_text("Answer: B")).to_be_hidden()
    expect(q.get_by_text("Rationale B.")).to_be_hidden()
    expect(q.get_by_text("Explanation text.")).to_be_hidden()

    q.get_by_text("Show answer").click()
    expect(q.locator(".fbss-key")).to_have_text("Answer: B")
    for text in ("Rationale A.", "Rationale B.", "Rationale C.", "Explanation text."):
        expect(q.get_by_text(text)).to_be_visible()
    expect(q.locator(".fbss-rationale").nth(1)).to_contain_text("B. Correct")
    expect(q.locator(".fbss-rationale").nth(0)).to_contain_text("A. Incorrect")

    multi = question(page, "symptoms")
    multi.get_by_text("Show answer").click()
    expect(multi.locator(".fbss-key")).to_have_text("Answers: A, B")


# --- 8. dark mode ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("os_scheme", "furo_theme", "scheme"),
    [
        ("light", None, "light"),
        ("dark", None, "dark"),
        # The reader picked a theme with furo's toggle, against the system setting.
        ("light", "dark", "dark"),
        ("dark", "light", "light"),
    ],
    ids=["auto-light", "auto-dark", "toggle-dark", "toggle-light"],
)
def test_colours_follow_the_theme(
    open_page: Callable[..., Tab], os_scheme: str, furo_theme: str | None, scheme: str
) -> None:
    script = f"localStorage.setItem('theme', '{furo_theme}');" if furo_theme else None
    page = open_page(color_scheme=os_scheme, init_script=script).page
    assert page.evaluate("document.body.dataset.theme") == (furo_theme or "auto")
    background = luminance(effective_background(page, '.fbss-question[data-fbss-id="wrong-level"]'))
    text = luminance(
        page.evaluate("getComputedStyle(document.querySelector('.fbss-stem p')).color")
    )
    if scheme == "dark":
        assert background < 0.05, background
        assert text > 0.4, text
    else:
        assert background > 0.8, background
        assert text < 0.1, text

    answer(page, "wrong-level", ["Hardware failure"])
    expect(status(page, "wrong-level")).to_contain_text("Incorrect.")
    # The verdict colours are the theme's too (light text on dark, and vice versa).
    wrong = luminance(
        page.evaluate(
            "getComputedStyle(document.querySelector("
            "'[data-fbss-id=\"wrong-level\"] .fbss-status')).color"
        )
    )
    picked = luminance(effective_background(page, '[data-fbss-id="wrong-level"] .fbss-picked'))
    if scheme == "dark":
        assert wrong > picked and picked < 0.05, (wrong, picked)
    else:
        assert wrong < picked and picked > 0.7, (wrong, picked)

    answer(page, "symptoms", ["Leg pain", "Numbness"])
    violations = run_axe(page, {"runOnly": ["color-contrast"], "resultTypes": ["violations"]})
    assert violations == [], describe(violations)


# --- 9. Content-Security-Policy ------------------------------------------------------


def inline_script_hashes(html: str) -> list[str]:
    """``'sha256-...'`` of every inline script the theme and Sphinx put in the page."""
    hashes = []
    for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return hashes


CSP_LISTENER = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
});
"""


def test_content_security_policy(open_page: Callable[..., Tab], site: Built) -> None:
    html = site.page()
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        if not script.get("src"):
            assert "fbss" not in script.get_text(), script
    quiz_elements = soup.select(".fbss-quiz, .fbss-quiz *, .fbss-question, .fbss-question *")
    assert quiz_elements
    for element in quiz_elements:
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert handlers == [], element
        assert "javascript:" not in str(element.get("href", "")).lower()

    policy = "script-src 'self' " + " ".join(inline_script_hashes(html)) + "; object-src 'none'"
    tab = open_page(init_script=CSP_LISTENER, headers={"Content-Security-Policy": policy})
    page = tab.page
    answer(page, "wrong-level", ["Hardware failure"])
    expect(status(page, "wrong-level")).to_contain_text("Incorrect.")
    retry_button(page, "wrong-level").click()
    answer(page, "shuffled", ["Green"])
    expect(status(page, "shuffled")).to_have_text("Correct.")
    violations = page.evaluate("window.__csp")
    assert violations == [], violations
    assert [m for m in tab.console_errors if "Content Security Policy" in m] == []
    assert tab.errors == []


def test_csp_listener_catches_violations(open_page: Callable[..., Tab]) -> None:
    """The CSP test above could not fail if the listener saw nothing: prove it does."""
    tab = open_page(
        init_script=CSP_LISTENER,
        headers={"Content-Security-Policy": "script-src 'none'"},
    )
    page = tab.page
    expect(page.locator(".fbss-actions").first).to_be_hidden()  # our script was blocked
    violations = page.evaluate("window.__csp")
    assert any("fbss_quiz.js" in v for v in violations), violations


# --- 10. axe-core ----------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe(open_page: Callable[..., Tab], scheme: str) -> None:
    tab = open_page(color_scheme=scheme)
    page = tab.page
    expect(check_button(page, "shuffled")).to_be_visible()
    before = run_axe(page)
    assert before == [], f"{scheme}, before answering:\n" + describe(before)

    answer_all(page)
    expect(page.locator(".fbss-score").first).to_have_text("You got 1 of 2 right.")
    page.keyboard.press("Tab")  # a focus ring on screen as well
    after = run_axe(page)
    assert after == [], f"{scheme}, after answering:\n" + describe(after)
    assert tab.errors == []


def test_axe_without_the_quiz_script(open_page: Callable[..., Tab]) -> None:
    """The no-JavaScript markup (open answers) is accessible too. axe itself needs
    JavaScript (it hangs with scripting off), so only the quiz's script is blocked."""
    tab = open_page(goto=False)
    page = tab.page
    page.route("**/fbss_quiz.js*", lambda route: route.abort())
    page.goto(tab.url)
    expect(page.get_by_text("Show answer").first).to_be_visible()
    for summary in page.get_by_text("Show answer").all():
        summary.click()
    violations = run_axe(page)
    assert violations == [], describe(violations)


# --- 11. shuffled options ------------------------------------------------------------------


def test_shuffle(open_page: Callable[..., Tab]) -> None:
    tab = open_page()
    page = tab.page
    labels, _ = QUESTIONS["shuffled"]
    letters = ["A.", "B.", "C.", "D.", "E.", "F."]
    orders = []
    for attempt in range(12):
        rows = labels_in_visual_order(page, "shuffled")
        assert [letter for letter, _, _ in rows] == letters, rows
        order = [text for _, text, _ in rows]
        assert sorted(order) == sorted(labels)
        orders.append(order)

        pick = "Green" if attempt % 2 == 0 else order[0] if order[0] != "Green" else order[1]
        answer(page, "shuffled", [pick])
        green = next(letter for letter, text, _ in rows if text == "Green")
        expect(status(page, "shuffled")).to_have_text(
            "Correct." if pick == "Green" else f"Incorrect. The answer is {green} Green."
        )
        box = option(page, "shuffled", "Green")
        expect(badge(box)).to_have_text("Correct answer")
        # The rationales carry the same letters as their options, the folded ones too.
        assert rationale_letters(page, "shuffled") == option_letters(page, "shuffled")
        retry_button(page, "shuffled").click()
        if attempt >= 2 and len({tuple(o) for o in orders}) > 1:
            break
    assert len({tuple(o) for o in orders}) > 1, orders

    # The shuffled order is kept with the answer across a reload (compared by letter: once
    # checked, the options neither chosen nor correct are folded away).
    order = option_letters(page, "shuffled")
    answer(page, "shuffled", ["Green"])
    page.reload()
    assert option_letters(page, "shuffled") == order
    expect(choice(page, "shuffled", "Green")).to_be_checked()
    expect(status(page, "shuffled")).to_have_text("Correct.")
    assert tab.errors == []


def test_unshuffled_questions_keep_source_order(open_page: Callable[..., Tab]) -> None:
    """Options are shuffled by default; ':shuffle: no' on a quiz or a question keeps
    the author's order (tests/test_browser_shuffle.py tests the default)."""
    page = open_page().page
    for qid in ("wrong-level", "symptoms", "standalone"):
        rows = labels_in_visual_order(page, qid)
        assert [text for _, text, _ in rows] == QUESTIONS[qid][0]
        assert [letter for letter, _, _ in rows] == ["A.", "B.", "C."][: len(rows)]


# --- 12. phone width ---------------------------------------------------------------------


def test_phone_width(open_page: Callable[..., Tab]) -> None:
    tab = open_page(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = tab.page

    def assert_fits(when: str) -> None:
        widths = page.evaluate(
            """() => ({scroll: document.documentElement.scrollWidth,
                       client: document.documentElement.clientWidth,
                       body: document.body.scrollWidth})"""
        )
        assert widths["scroll"] <= widths["client"], (when, widths)
        assert widths["body"] <= widths["client"], (when, widths)
        sticking_out = page.evaluate(
            """() => {
                const width = document.documentElement.clientWidth;
                return Array.from(document.querySelectorAll(
                    ".fbss-quiz, .fbss-quiz *, .fbss-question, .fbss-question *"))
                  .filter((el) => el.getClientRects().length)
                  .filter((el) => { const r = el.getBoundingClientRect();
                                    return r.right > width + 0.5 || r.left < -0.5; })
                  .map((el) => el.className || el.tagName);
            }"""
        )
        assert sticking_out == [], (when, sticking_out)

    def assert_tall_buttons(when: str) -> None:
        buttons = page.locator(".fbss-quiz button:visible, .fbss-question button:visible")
        assert buttons.count() > 0
        for button in buttons.all():
            box = button.bounding_box()
            assert box is not None and box["height"] >= 44, (when, button.text_content(), box)

    assert_fits("before answering")
    assert_tall_buttons("before answering")
    answer_all(page)
    assert_fits("after answering")
    assert_tall_buttons("after answering")
    expect(retry_button(page, "wrong-level")).to_be_visible()
    assert tab.errors == []
