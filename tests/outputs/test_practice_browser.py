"""In the browser: the practice queue ({quiz-practice}) brings back what the reader got
wrong, then what they never tried, then what they answered right longest ago, across a
reload; the progress page's legend, shares and "Practise your weakest topic" link; and
both pages with storage that throws, is full or holds junk, by keyboard, with axe, in
light and dark, at 390 px."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_book import question
from test_browser import (
    FULL_STORAGE,
    NO_STORAGE,
    THROWING_STORAGE,
    describe,
    run_axe,
)

from conftest import run_build, serve_directory, write_project

pytestmark = pytest.mark.browser

#: q4 is on causes and treatments; q1 and q6 have a clinical-judgment step.
TOPICS = ["causes", "causes", "causes", "causes", "causes treatments"] + ["treatments"] * 3
STEPS = {1: "take-action", 6: "take-action"}


def book_question(i: int, topic: str, stem: str = "") -> str:
    text = question(f"q{i}", topic, stem or f"Stem {i} on {topic}?")
    if i in STEPS:
        text = text.replace(f":id: q{i}\n", f":id: q{i}\n:step: {STEPS[i]}\n")
    return text


def chapter(stem_of: dict[int, str] | None = None) -> str:
    stems = stem_of or {}
    return "# Chapter\n\n## Section\n\n" + "".join(
        book_question(i, topic, stems.get(i, "")) for i, topic in enumerate(TOPICS)
    )


FILES = {
    "index.md": "# Book\n\n```{toctree}\nch1\npractice\nprogress\n```\n",
    "ch1.md": chapter(),
    "practice.md": "# Practice\n\nIntro.\n\n```{quiz-practice}\n:limit: 6\n```\n",
    "progress.md": "# Progress\n\n```{quiz-progress}\n```\n",
}
CONF = 'html_theme = "furo"\nfbss_quiz_topics = {"causes": "Causes", "treatments": "Treatments"}\n'
PREFIX = "fbss-quiz:Quiz test:"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    src = tmp_path_factory.mktemp("practice")
    write_project(src, FILES, CONF)
    built = run_build(src)
    assert built.warnings == ""
    gen = serve_directory(built.outdir)
    yield next(gen)
    next(gen, None)


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert errors == []


def shown(page: Any) -> list[str]:
    visible = page.locator(".fbss-practice .fbss-question:visible")
    return [visible.nth(i).get_attribute("data-fbss-id") for i in range(visible.count())]


def answer(page: Any, qid: str, right: bool) -> None:
    q = page.locator(f".fbss-question[data-fbss-id='{qid}']:visible")
    q.locator("label", has_text=("Right for " if right else "Wrong for ") + qid).click()
    q.locator(".fbss-check").click()


def answer_in_chapter(page: Any, site: str, answers: list[tuple[str, bool]]) -> None:
    page.goto(f"{site}/ch1.html")
    for qid, right in answers:
        answer(page, qid, right)


def age(page: Any, qid: str, days: float) -> None:
    """Move the last check of ``qid`` ``days`` into the past (as if answered then)."""
    page.evaluate(
        """([key, days]) => {
            const saved = JSON.parse(localStorage.getItem(key));
            saved.at -= days * 24 * 3600 * 1000;
            localStorage.setItem(key, JSON.stringify(saved));
        }""",
        [PREFIX + qid, days],
    )


def test_wrong_first_then_never_tried_then_right_across_a_reload(page: Any, site: str) -> None:
    answer_in_chapter(page, site, [("q3", False), ("q0", True), ("q1", True)])
    page.goto(f"{site}/practice.html")
    # Six of eight: the wrong one, then the five never tried in book order; the two
    # answered right (not due for a day) wait.
    assert shown(page) == ["q3", "q2", "q4", "q5", "q6", "q7"]
    status = page.locator(".fbss-practice-status")
    assert status.inner_text() == (
        "1 due now, 5 never tried, 2 answered right recently. This set starts with what is due."
    )
    assert not page.locator(".fbss-practice-nojs").is_visible()
    # A fresh attempt: the saved answers are not shown as checked here.
    assert page.locator(".fbss-practice .fbss-check:visible").count() == 6
    page.reload()
    assert shown(page) == ["q3", "q2", "q4", "q5", "q6", "q7"]

    # Two days on, both right answers are due: the one answered longest ago comes first.
    age(page, "q0", 2)
    age(page, "q1", 3)
    page.goto(f"{site}/practice.html#topic=causes")
    assert shown(page) == ["q3", "q2", "q4", "q1", "q0"]
    assert page.locator(".fbss-practice-status").inner_text().startswith("3 due now, 2 never")
    page.reload()
    assert shown(page) == ["q3", "q2", "q4", "q1", "q0"]

    # Checking here moves the boxes too: q2 wrong joins q3 (older wrong first); q3 put
    # right leaves the front; New set draws by the new schedule.
    answer(page, "q2", False)
    answer(page, "q3", True)
    page.get_by_role("button", name="New set").click()
    assert shown(page) == ["q2", "q4", "q1", "q0", "q3"]
    assert (
        page.locator(".fbss-practice-status")
        .inner_text()
        .startswith("3 due now, 1 never tried, 1 answered right recently.")
    )
    assert page.evaluate("document.activeElement.closest('.fbss-question').dataset.fbssId") == "q2"
    # The saved answers stay for the progress page (New set clears only the view).
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{PREFIX}q3'))")
    assert saved["checked"] is True and saved["res"] == "correct" and saved["box"] == 2


def test_old_answers_saved_before_the_schedule_still_count(page: Any, site: str) -> None:
    """Answers saved by an older release (no box) load: wrong ones first, right last."""
    page.goto(f"{site}/practice.html")
    old = {"v": 1, "chosen": [1], "checked": True, "order": None}
    for qid, res in (("q0", "incorrect"), ("q1", "correct"), ("q2", "partial")):
        page.evaluate(
            "([k, v]) => localStorage.setItem(k, v)",
            [PREFIX + qid, json.dumps({**old, "res": res})],
        )
    page.reload()
    assert shown(page) == ["q0", "q2", "q3", "q4", "q5", "q6"]
    page.goto(f"{site}/practice.html#topic=causes")
    assert shown(page)[-1] == "q1"


def test_weakest_topic_link_opens_the_queue_filtered(page: Any, site: str) -> None:
    answer_in_chapter(page, site, [("q0", True), ("q1", True), ("q5", False), ("q4", True)])
    page.goto(f"{site}/progress.html")
    row = page.locator("tr[data-fbss-topic='treatments'] td")
    assert [row.nth(i).inner_text() for i in range(5)] == ["4", "2", "1", "2", "25%"]
    causes = page.locator("tr[data-fbss-topic='causes'] td")
    assert [causes.nth(i).inner_text() for i in range(5)] == ["5", "3", "3", "2", "60%"]
    step = page.locator("tr[data-fbss-step='take-action'] td")
    assert [step.nth(i).inner_text() for i in range(5)] == ["2", "1", "1", "1", "50%"]
    assert page.locator(".fbss-progress-entries").inner_text() == (
        "9 topic entries for 8 questions: a question can belong to two topics, and counts in each."
    )
    legend = page.locator(".fbss-legend .fbss-legend-label")
    assert legend.all_inner_texts() == ["Answered correctly", "Answered, not yet correctly"]
    # Each label follows a swatch drawn as its part of the bars.
    swatch = page.locator(".fbss-legend .fbss-swatch.fbss-bar-answered")
    bar = page.locator("tr[data-fbss-topic='causes'] .fbss-bar-answered")
    style = "el => getComputedStyle(el).backgroundImage"
    assert swatch.evaluate(style) == bar.evaluate(style) != "none"
    link = page.locator(".fbss-progress-next a")
    assert link.inner_text() == "Practise your weakest topic: Treatments (25% right)"
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/practice.html#topic=treatments")
    assert shown(page) == ["q5", "q6", "q7", "q4"]
    assert (
        page.locator(".fbss-practice-topic")
        .inner_text()
        .startswith("Only questions on Treatments.")
    )
    page.get_by_role("link", name="Practise every topic").click()
    assert page.locator(".fbss-practice-topic").is_hidden()
    assert shown(page) == ["q5", "q2", "q3", "q6", "q7", "q0"]
    assert "#" not in page.url


def test_keyboard_only(page: Any, site: str) -> None:
    page.goto(f"{site}/practice.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the quiz"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('.fbss-question').dataset.fbssId") == "q0"
    # Options are shuffled: down the radio group to the right one, wherever it is shown.
    labels = page.locator(".fbss-question[data-fbss-id='q0'] .fbss-options label")
    right = next(k for k, text in enumerate(labels.all_inner_texts()) if "Right for q0" in text)
    for _ in range(right):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")  # checks the focused option (the first, if it is right)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    page.keyboard.press("Enter")
    first = page.locator(".fbss-question[data-fbss-id='q0'] .fbss-status")
    assert first.inner_text() == "Correct."
    page.get_by_role("button", name="New set").focus()
    page.keyboard.press("Enter")
    assert shown(page)[0] == "q1" and "q0" not in shown(page)
    assert page.evaluate("document.activeElement.closest('.fbss-question').dataset.fbssId") == "q1"


def test_without_javascript_the_first_questions_and_their_answers(browser: Any, site: str) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    tab = ctx.new_page()
    tab.goto(f"{site}/practice.html")
    assert tab.locator(".fbss-practice-nojs").is_visible()
    assert shown(tab) == ["q0", "q1", "q2", "q3", "q4", "q5"]
    assert tab.locator(".fbss-practice .fbss-answer summary:visible").count() == 6
    assert not tab.get_by_text("New set").is_visible()
    ctx.close()


JUNK = {
    "q0": "{not json",
    "q1": json.dumps({"v": 1, "chosen": [1], "checked": True, "res": "correct", "box": "x"}),
    "q2": json.dumps({"v": 1, "box": 9, "at": "yesterday", "right": 3}),
    "q3": json.dumps([1, 2]),
    "q4": "null",
    "q5": json.dumps({"v": 2, "box": 1, "at": 0, "right": False}),
}


def junk_storage() -> str:
    entries = {PREFIX + qid: value for qid, value in JUNK.items()}
    return f"""
    (() => {{
      if (sessionStorage.getItem("seeded")) return;
      sessionStorage.setItem("seeded", "1");
      for (const [k, v] of Object.entries({json.dumps(entries)})) localStorage.setItem(k, v);
    }})();
    """


@pytest.mark.parametrize(
    ("script", "kept"),
    [(THROWING_STORAGE, False), (FULL_STORAGE, False), (NO_STORAGE, False), (None, True)],
    ids=["throws", "full", "unavailable", "junk"],
)
def test_broken_storage_never_breaks_the_queue(
    context: Any, site: str, script: str | None, kept: bool
) -> None:
    context.add_init_script(script or junk_storage())
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{site}/practice.html")
    status = tab.locator(".fbss-practice-status")
    if kept:
        # Junk reads as never tried; q1 (an old answer, right, at an unknown time: due)
        # comes after them; a good answer saved over the junk works.
        assert status.inner_text().startswith("1 due now, 7 never tried, 0 answered right")
        assert shown(tab) == ["q0", "q2", "q3", "q4", "q5", "q6"]
    else:
        assert status.inner_text().startswith("This browser does not keep your answers")
        assert shown(tab) == ["q0", "q1", "q2", "q3", "q4", "q5"]
    answer(tab, "q0", False)
    assert (
        tab.locator(".fbss-question[data-fbss-id='q0'] .fbss-status")
        .inner_text()
        .startswith("Incorrect.")
    )
    tab.get_by_role("button", name="New set").click()
    assert shown(tab)[0] == "q0"
    tab.reload()
    assert len(shown(tab)) == 6
    if kept:
        assert shown(tab)[0] == "q0"
    tab.goto(f"{site}/progress.html")
    assert tab.locator("tr[data-fbss-topic='causes'] td").count() == 6
    if script == NO_STORAGE:
        # furo reads localStorage unguarded; the quiz's own code adds no error of its own.
        errors = [e for e in errors if "localStorage" not in e and "insecure" not in e]
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_practice_and_progress(context: Any, site: str, scheme: str) -> None:
    tab = context.new_page()
    tab.emulate_media(color_scheme=scheme)
    answer_in_chapter(tab, site, [("q0", True), ("q5", False)])
    for name in ("practice", "progress"):
        tab.goto(f"{site}/{name}.html")
        if name == "practice":
            answer(tab, "q5", False)
            answer(tab, "q1", True)
        violations = run_axe(tab)
        assert violations == [], f"{name}, {scheme}:\n" + describe(violations)


def test_phone_width(browser: Any, site: str) -> None:
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    tab = ctx.new_page()
    answer_in_chapter(tab, site, [("q0", True), ("q5", False)])
    for name in ("practice.html", "practice.html#topic=treatments", "progress.html"):
        tab.goto(f"{site}/{name}")
        if name == "practice.html":
            answer(tab, "q5", False)
        widths = tab.evaluate(
            """() => ({scroll: document.documentElement.scrollWidth,
                       client: document.documentElement.clientWidth})"""
        )
        assert widths["scroll"] <= widths["client"], (name, widths)
    ctx.close()


def test_progress_survives_a_rebuild_with_edited_questions(browser: Any, tmp_path: Path) -> None:
    """The answers are keyed by question id: a rebuild that edits a question's text (same
    ids) keeps the reader's progress and their place in the queue."""
    src = tmp_path / "book"
    write_project(src, FILES, CONF)
    built = run_build(src)
    gen = serve_directory(built.outdir)
    base = next(gen)
    ctx = browser.new_context()
    try:
        tab = ctx.new_page()
        answer_in_chapter(tab, base, [("q3", False), ("q0", True)])
        (src / "ch1.md").write_text(chapter({0: "An edited stem?", 3: "Another edit?"}))
        shutil.rmtree(built.outdir)
        rebuilt = run_build(src)
        assert rebuilt.warnings == "" and rebuilt.outdir == built.outdir
        assert "An edited stem?" in rebuilt.page("ch1")
        tab.goto(f"{base}/progress.html")
        causes = tab.locator("tr[data-fbss-topic='causes'] td")
        assert [causes.nth(i).inner_text() for i in range(5)] == ["5", "2", "1", "3", "20%"]
        tab.goto(f"{base}/practice.html")
        assert shown(tab)[0] == "q3"
        tab.goto(f"{base}/ch1.html")
        status = tab.locator(".fbss-question[data-fbss-id='q0'] .fbss-status")
        assert status.inner_text() == "Correct."
    finally:
        ctx.close()
        next(gen, None)
