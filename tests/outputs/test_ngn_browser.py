"""NGN items in Chromium: every type answered by keyboard alone, axe-core, no JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from ngn_page import ITEMS_MD
from test_browser import AXE_CONTEXT, AXE_OPTIONS, describe

from conftest import Built, matrix_question, run_build, write_project

pytestmark = pytest.mark.browser

expect: Any
try:
    from playwright.sync_api import expect
except ImportError:
    expect = None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("ngn") / "project"
    write_project(srcdir, {"index.md": ITEMS_MD}, conf='html_theme = "furo"\n')
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return built


def run_axe(page: Any) -> list[dict]:
    """As in test_browser, and furo's "Back to top" button, which appears once the
    page has scrolled (clicking items below the fold), outside every landmark."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"exclude": [*AXE_CONTEXT["exclude"], [".back-to-top"]]}
    return Axe().run(page, context=context, options=AXE_OPTIONS).response["violations"]


def item(page: Any, qid: str) -> Any:
    return page.locator(f'.fbss-question[data-fbss-id="{qid}"]')


def tab_to(page: Any, selector: str, limit: int = 20) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def check_by_keyboard(page: Any, qid: str) -> Any:
    tab_to(page, f'[data-fbss-id="{qid}"] .fbss-check')
    page.keyboard.press("Enter")
    return item(page, qid).locator(".fbss-status")


def test_every_type_answered_by_keyboard_alone(open_page: Callable[..., Any]) -> None:
    page, errors = open_page()
    keyboard = page.keyboard

    # Matrix: one radio group per row; Space picks, arrows move along the row.
    item(page, "ngn-matrix").locator("input").first.focus()
    keyboard.press("Space")  # row 1: Expected (right)
    keyboard.press("Tab")
    keyboard.press("ArrowRight")  # row 2: Report now (right)
    keyboard.press("Tab")
    keyboard.press("Space")  # row 3: Expected (wrong)
    expect(check_by_keyboard(page, "ngn-matrix")).to_have_text(
        "Partly correct. 2 of 3 points. "
        "Right answer where you were wrong: New trouble passing urine: Report now."
    )
    expect(item(page, "ngn-matrix").locator(".fbss-mark.fbss-wrong")).to_have_count(1)
    expect(item(page, "ngn-matrix").locator(".fbss-mark.fbss-right")).to_have_count(2)

    # Multiple-response matrix: +/-.
    item(page, "ngn-matrix-multiple").locator("input").first.focus()
    keyboard.press("Space")  # therapy: pain (right)
    keyboard.press("Tab")
    keyboard.press("Tab")
    keyboard.press("Space")  # stimulation: pain (right)
    keyboard.press("Tab")
    keyboard.press("Space")  # stimulation: strength (wrong)
    expect(check_by_keyboard(page, "ngn-matrix-multiple")).to_have_text(
        "Partly correct. 1 of 3 points. Right answer where you were wrong: "
        "Physical therapy: Pain; Strength. Spinal cord stimulation: Pain."
    )

    # Drop-down cloze.
    item(page, "ngn-cloze").locator("select").first.focus()
    keyboard.press("ArrowDown")
    keyboard.press("Tab")
    keyboard.press("ArrowDown")
    keyboard.press("ArrowDown")
    expect(check_by_keyboard(page, "ngn-cloze")).to_have_text("Correct. 2 of 2 points.")

    # Highlight: toggle buttons announce their state with aria-pressed.
    phrases = item(page, "ngn-highlight").locator("button.fbss-phrase")
    phrases.first.focus()
    for key in ("Tab", "Enter", "Tab", "Space", "Tab", "Enter"):
        keyboard.press(key)
    expect(phrases.nth(1)).to_have_attribute("aria-pressed", "true")
    expect(check_by_keyboard(page, "ngn-highlight")).to_have_text(
        "Partly correct. 1 of 2 points. "
        "The answers are “new numbness around the buttocks”; “trouble passing urine”."
    )

    # Ordering: Move up / Move down buttons, each move announced.
    ordering = item(page, "ngn-ordering")
    ordering.locator(".fbss-step").nth(1).locator(".fbss-up").focus()
    keyboard.press("Enter")
    expect(ordering.locator(".fbss-note")).to_have_text(
        "Assessment by a multidisciplinary team: moved to position 1 of 3."
    )
    expect(ordering.locator(".fbss-step").first.locator(".fbss-down")).to_be_focused()
    # A 0/1 item says Correct or Incorrect, without points.
    expect(check_by_keyboard(page, "ngn-ordering")).to_have_text("Correct.")

    # Bow-tie: three fieldsets; a third monitored parameter costs one slot.
    item(page, "ngn-bowtie").locator("input").first.focus()
    keyboard.press("Space")  # condition (right)
    for key in ("Tab", "Space", "Tab", "Space", "Tab", "Tab", "Space", "Tab", "Tab", "Space"):
        keyboard.press(key)
    bowtie_verdict = (
        "Partly correct. 4 of 5 points. Right answer where you were wrong: "
        "Parameters to monitor: Bladder function; Saddle sensation."
    )
    expect(check_by_keyboard(page, "ngn-bowtie")).to_have_text(bowtie_verdict)

    # The case study totals its points once every question is checked.
    item(page, "case-q1").locator("input").first.focus()
    keyboard.press("Space")
    keyboard.press("Tab")
    keyboard.press("ArrowRight")
    expect(check_by_keyboard(page, "case-q1")).to_have_text("Correct. 2 of 2 points.")
    # (Its options come in a shuffled order: the right one by its label.)
    item(page, "case-q2").get_by_label("Arrange emergency care").focus()
    keyboard.press("Space")
    check_by_keyboard(page, "case-q2")
    expect(page.locator(".fbss-case .fbss-score")).to_have_text("Case score: 3 of 3 points.")

    # Answers survive a reload.
    page.reload()
    expect(item(page, "ngn-bowtie").locator(".fbss-status")).to_have_text(bowtie_verdict)
    expect(item(page, "ngn-ordering").locator(".fbss-status")).to_have_text("Correct.")
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_every_type_on_one_page(open_page: Callable[..., Any], scheme: str) -> None:
    page, errors = open_page(color_scheme=scheme)
    before = run_axe(page)
    assert before == [], describe(before)
    for qid in ("ngn-matrix", "ngn-highlight", "ngn-ordering", "ngn-bowtie", "ngn-cloze"):
        controls = item(page, qid).locator("input, select, button.fbss-phrase, .fbss-up")
        controls.nth(1).click() if qid != "ngn-cloze" else controls.first.select_option(index=1)
        item(page, qid).locator(".fbss-check").click()
    after = run_axe(page)
    assert after == [], describe(after)
    assert errors == []


def test_without_javascript_every_item_is_readable(open_page: Callable[..., Any]) -> None:
    page, _ = open_page(java_script_enabled=False)
    expect(
        item(page, "ngn-matrix").get_by_role("rowheader", name="New numbness between the legs")
    ).to_be_visible()
    expect(item(page, "ngn-highlight").get_by_text("trouble passing urine").first).to_be_visible()
    expect(
        item(page, "ngn-ordering").get_by_text("A trial of stimulation", exact=True)
    ).to_be_visible()
    expect(item(page, "ngn-bowtie").locator("legend").nth(2)).to_contain_text(
        "Parameters to monitor"
    )
    expect(page.get_by_text("Check answer").first).to_be_hidden()
    # The hints say what can be done here: nothing moves or toggles without the script.
    ordering = item(page, "ngn-ordering")
    expect(ordering.locator(".fbss-hint")).to_have_text(
        "Decide the correct order of the steps. Then open “Show answer” to check."
    )
    expect(ordering.locator(".fbss-move, .fbss-grip")).to_have_count(9)  # 3 steps
    for control in ordering.locator(".fbss-move, .fbss-grip").all():
        expect(control).to_be_hidden()
    expect(item(page, "ngn-highlight").locator(".fbss-hint")).to_have_text(
        "Decide which of the underlined phrases matter. Then open “Show answer” to check."
    )
    bowtie = item(page, "ngn-bowtie")
    bowtie.locator(".fbss-answer summary").click()
    # The key names no letter: the page shows none.
    expect(bowtie.locator(".fbss-key")).to_contain_text(
        "Condition most likely: Cauda equina syndrome"
    )


#: An exam of one matrix, beside the NGN items and the progress table: a page that loads
#: the core, the kinds' extras and the learning loop's (progress and exam).
EXAM_MD = (
    """
## Exam

::::{quiz} Short exam
:mode: exam

"""
    + matrix_question("exam-matrix")
    + """::::

## Progress

```{quiz-progress}
```
"""
)

#: The page's scripts, as built (the core first): every file a page can load.
SCRIPTS = [
    "_static/fbss_quiz.js",
    "_static/fbss_quiz_marks_matrix_bowtie_cloze_dropdown_rationale_dropdown_table_highlight_ordering_trend.js",
    "_static/fbss_quiz_progress_exam.js",
]


@pytest.fixture(scope="module")
def loop_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("ngn-loop") / "project"
    write_project(srcdir, {"index.md": ITEMS_MD + EXAM_MD}, conf='html_theme = "furo"\n')
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return built


def page_scripts(built: Built) -> list[str]:
    found = [s for s in built.page().split('src="')[1:] if s.startswith("_static/fbss_quiz")]
    return [s.split('"')[0].split("?")[0] for s in found]


def check_items_exam_and_progress(page: Any) -> None:
    """A kind's item, the exam and the progress table on the page are all wired: an
    answer counts in the table at once, the exam grades its matrix on Submit."""
    page.locator(".fbss-progress-todo summary").click()  # open the list of questions left
    listed = page.locator('.fbss-progress-list li[data-fbss-id="ngn-matrix"]')
    expect(listed).to_be_visible()
    matrix = item(page, "ngn-matrix")
    for row, column in ((0, 0), (1, 1), (2, 1)):
        matrix.locator("tbody tr").nth(row).locator("input").nth(column).check()
    matrix.locator(".fbss-check").click()
    expect(matrix.locator(".fbss-status")).to_have_text("Correct. 3 of 3 points.")
    expect(listed).to_be_hidden()  # the table counts it at once, not only after a reload
    exam = page.locator(".fbss-exam")
    in_exam = item(page, "exam-matrix")
    expect(in_exam.locator(".fbss-check")).to_be_hidden()  # no feedback before Submit
    in_exam.locator("tbody tr").nth(0).locator("input").nth(0).check()
    in_exam.locator("tbody tr").nth(1).locator("input").nth(1).check()
    exam.get_by_role("button", name="Submit", exact=True).click()
    expect(exam.locator(".fbss-score")).to_have_text("You got 1 of 1 right.")
    expect(page.locator('.fbss-progress-list li[data-fbss-id="exam-matrix"]')).to_be_hidden()


def test_the_core_and_the_extras_wire_items_exam_and_progress_on_one_page(
    browser: Any, serve: Callable[..., str], loop_site: Built
) -> None:
    """A page with NGN items, an exam and the progress table loads the core, the kinds'
    file and the loop's, each deferred; the core wires the page once all the chunks are
    there: an item answered is counted by the table at once and after a reload, and the
    exam grades its matrix."""
    assert page_scripts(loop_site) == SCRIPTS
    # The core knows how many chunks follow: marks, 8 kinds (the case has style only),
    # progress and exam.
    assert 'data-fbss-chunks="11"' in loop_site.page()

    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(serve(loop_site.outdir) + "/index.html")
    check_items_exam_and_progress(page)
    page.reload()
    expect(item(page, "ngn-matrix").locator(".fbss-status")).to_have_text("Correct. 3 of 3 points.")
    page.locator(".fbss-progress-todo summary").click()
    expect(page.locator(".fbss-progress-list")).to_be_visible()
    expect(page.locator('.fbss-progress-list li[data-fbss-id="ngn-matrix"]')).to_be_hidden()
    assert errors == []
    context.close()


#: Takes the page's quiz scripts out of the HTML before the browser sees it (as a page
#: that loads them itself after DOMContentLoaded would have it), keeping their tags.
def _without_quiz_scripts(route: Any) -> None:
    response = route.fetch()
    html = re.sub(r"<script [^>]*fbss_quiz[^>]*></script>", "", response.text())
    route.fulfill(response=response, body=html)


ADD_SCRIPT = """([src, chunks]) => new Promise((done) => {
  const script = document.createElement("script");
  script.src = src;
  script.async = false;
  if (chunks) script.setAttribute("data-fbss-chunks", chunks);
  script.onload = () => done();
  document.head.append(script);
})"""


def test_scripts_added_after_the_page_loaded_wire_it_once_the_last_chunk_has_run(
    browser: Any, serve: Callable[..., str], loop_site: Built
) -> None:
    """Loaded after DOMContentLoaded (a page that adds the scripts itself), the core
    waits for the chunks it was told of: nothing is wired while the loop's file is
    missing (a question of a later kind would lose its kind, the exam its Submit); once
    it has run, everything is."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/index.html", _without_quiz_scripts)
    page.goto(serve(loop_site.outdir) + "/index.html")
    page.wait_for_load_state("load")
    assert page.evaluate("document.readyState") == "complete"
    assert page.locator('script[src*="fbss_quiz"]').count() == 0
    core, kinds, loop = SCRIPTS
    page.evaluate(ADD_SCRIPT, [core, "11"])
    page.evaluate(ADD_SCRIPT, [kinds, None])
    page.wait_for_timeout(200)
    # Not wired yet: the page still shows its static answers, without the script's buttons.
    expect(item(page, "ngn-matrix").locator(".fbss-check")).to_be_hidden()
    expect(
        page.locator(".fbss-exam").get_by_role("button", name="Submit", exact=True)
    ).to_have_count(0)
    page.evaluate(ADD_SCRIPT, [loop, None])
    check_items_exam_and_progress(page)
    assert errors == []
    context.close()


def test_scripts_added_after_the_page_loaded_without_chunks_wire_it_at_once(
    browser: Any, serve: Callable[..., str], tmp_path: Any
) -> None:
    """The core alone (a page of choice questions has no more), added after the page
    loaded, wires it as soon as it has run."""
    srcdir = tmp_path / "project"
    choice = ":::{question}\n:id: only-choice\nQ?\n\n- [x] a\n  Right.\n- [ ] b\n  Wrong.\n:::\n"
    write_project(srcdir, {"index.md": "# P\n\n" + choice}, conf='html_theme = "furo"\n')
    built = run_build(srcdir)
    assert page_scripts(built) == ["_static/fbss_quiz.js"]
    assert "data-fbss-chunks" not in built.page()
    context = browser.new_context()
    page = context.new_page()
    page.route("**/index.html", _without_quiz_scripts)
    page.goto(serve(built.outdir) + "/index.html")
    page.wait_for_load_state("load")
    expect(item(page, "only-choice").locator(".fbss-check")).to_be_hidden()
    page.evaluate(ADD_SCRIPT, ["_static/fbss_quiz.js", None])
    expect(item(page, "only-choice").locator(".fbss-check")).to_be_visible()
    context.close()
