"""Issue 16, part A, in Chromium on a furo page: the running count ("3 of 7 answered"),
the summary once every question is checked (score, the missed questions as working
links with their Review links, Retry the missed ones), review quizzes numbered 1-N, and
exam mode (no feedback before Submit, an in-page confirmation when answers are missing,
then the score by topic and by step and every question's feedback; a countdown that
never ends the attempt; results counted on the progress page), by keyboard, with storage
that throws, axe 0 in light and dark, and nothing wider than a 390 px phone.

Screenshots of the summary and of the exam's results (light, dark, 390 px) go to
``tests/artifacts/screenshots/`` (ignored by git).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import AXE_CONTEXT, AXE_OPTIONS, NO_STORAGE, THROWING_STORAGE, describe
from test_exam import STEP_ORDERS, every_kind

from conftest import Built, run_build, write_project

pytestmark = pytest.mark.browser

expect: Any
try:
    from playwright.sync_api import expect
except ImportError:
    expect = None

SCREENSHOTS = Path(__file__).parents[1] / "artifacts" / "screenshots"
FLOATING = ".mobile-header, .skip-to-content, .back-to-top, .fbss-skip { visibility: hidden; }"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


def seven_questions() -> str:
    blocks = []
    for n in range(1, 8):
        blocks.append(
            f""":::{{question}}
:id: s{n}
Question body {n}: which one is right?

- [x] Right {n}
  Right rationale {n}.
- [ ] Wrong {n}
  Wrong rationale {n}.
:::
"""
        )
    return "\n".join(blocks)


PAGES = {
    "index.md": """
# Book

```{toctree}
seven
review
exam
kinds
steps
progress
```
""",
    "seven.md": f"""
(seven)=
# Seven

(seven-reading)=
## Reading

Some reading before the quiz.

(seven-check)=
## Check yourself

::::{{quiz}} Seven questions
:topic: basics

{seven_questions()}
::::
""",
    "review.md": """
# Review

::::{quiz} Review of the basics
:collect: basics
::::
""",
    "exam.md": """
# Exam

::::{quiz} Practice exam
:mode: exam
:time-limit: 2

:::{question}
:id: x-one
:topic: causes
:step: analyze-cues
Which finding needs action today?

- [ ] Mild stiffness in the morning
  SECRET-STIFF: morning stiffness is common.
- [x] New numbness between the legs
  SECRET-NUMB: this can be cauda equina syndrome.

SECRET-EXPLAIN: red flags come first.
:::

:::{question}
:id: x-two
:topic: symptoms
:step: analyze-cues
Which symptoms are common after back surgery?

- [x] Leg pain
  SECRET-LEG: leg pain is common.
- [x] Numbness
  SECRET-NUMBNESS: numbness is common.
- [ ] Fever
  SECRET-FEVER: fever is not expected.
:::

:::{question}
:id: x-three
:type: matrix
:topic: treatments
:step: take-action
Decide for each finding.

columns: Routine | Report now

- [Report now] New weakness
  SECRET-WEAK: weakness can mean nerve damage.
- [Routine] Mild ache
  SECRET-ACHE: an ache is expected.
:::

:::{question}
:id: x-four
:topic: treatments causes
Which treatment sends mild electrical impulses?

- [x] Spinal cord stimulation
  SECRET-SCS: a stimulator sends impulses.
- [ ] A drug pump
  SECRET-PUMP: a pump releases medicine.
:::
::::
""",
    "kinds.md": every_kind(0).replace(":mode: exam\n", ":mode: exam\n:topic: causes\n"),
    "steps.md": f"""
# Steps

:::{{question}}
:id: k-plain
:type: ordering
Put the steps in order.

{chr(10).join(f"{i}. {label}" + chr(10) + "   Why." for i, label in enumerate(STEP_ORDERS[0], 1))}
:::
""",
    "progress.md": """
# Progress

```{quiz-progress}
```
""",
}

SECRETS = ("SECRET-", "cauda equina", "red flags come first")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("summary") / "project"
    conf = 'html_theme = "furo"\nfbss_quiz_topics["basics"] = "Basics"\n'
    write_project(srcdir, PAGES, conf=conf)
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return built


@pytest.fixture
def open_page(browser: Any, serve: Callable[..., str], site: Built) -> Iterator[Callable[..., Any]]:
    """``open_page(name, init_script=None, clock=False, **context_options)``: a fresh
    context (empty storage), with page errors collected in ``page.errors``."""
    contexts: list[Any] = []
    base: list[str] = []

    def _open(name: str, init_script: str | None = None, clock: bool = False, **options: Any):
        if not base:
            base.append(serve(site.outdir))
        context = browser.new_context(**options)
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.set_default_timeout(5000)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        if clock:
            page.clock.install()
        page.goto(f"{base[0]}/{name}.html")
        return page, errors

    yield _open
    for context in contexts:
        context.close()


def question(page: Any, qid: str) -> Any:
    return page.locator(f'.fbss-question[data-fbss-id="{qid}"]')


def answer_seven(page: Any, n: int, right: bool) -> None:
    q = question(page, f"s{n}")
    q.get_by_label(f"{'Right' if right else 'Wrong'} {n}", exact=False).check()
    q.get_by_role("button", name="Check answer").click()


#: test_browser's exclusions, and furo's two drawers (the site's navigation and the page's
#: contents), unlabelled ``<aside>`` landmarks on a page of a book with a toctree: axe's
#: best-practice "landmark-unique". The theme's markup, not the quiz's.
CONTEXT = {"exclude": [*AXE_CONTEXT["exclude"], [".sidebar-drawer"], [".toc-drawer"]]}


def run_axe(page: Any, when: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page, context=CONTEXT, options=AXE_OPTIONS).response["violations"]
    assert violations == [], f"{when}:\n" + describe(violations)


def assert_fits(page: Any, when: str) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], (when, widths)
    sticking_out = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll(".fbss-quiz, .fbss-quiz *")]
              .filter((el) => el.getClientRects().length)
              .filter((el) => { const r = el.getBoundingClientRect();
                                return r.right > width + 0.5 || r.left < -0.5; })
              .map((el) => el.className || el.tagName);
        }"""
    )
    assert sticking_out == [], (when, sticking_out)


def shot(locator: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    locator.scroll_into_view_if_needed()
    locator.screenshot(path=SCREENSHOTS / f"{name}.png", style=FLOATING)


def focused(page: Any) -> str:
    return str(
        page.evaluate(
            """() => { const el = document.activeElement;
                       return el.className + "|" + (el.id || "") + "|" + el.textContent.trim(); }"""
        )
    )


# --- the running count and the summary ------------------------------------------------


def test_count_then_summary_of_exactly_the_missed_ones(open_page: Callable[..., Any]) -> None:
    page, errors = open_page("seven")
    quiz = page.locator(".fbss-quiz")
    count, score = quiz.locator(".fbss-count"), quiz.locator(".fbss-score")
    expect(count).to_have_text("0 of 7 answered.")
    assert count.get_attribute("role") == "status"
    wrong = {2, 5}
    for n in range(1, 8):
        answer_seven(page, n, n not in wrong)
        if n < 7:
            expect(count).to_have_text(f"{n} of 7 answered.")
            expect(score).to_have_text("")
            expect(quiz.locator(".fbss-summary")).to_be_hidden()
    expect(count).to_be_hidden()
    expect(score).to_have_text("You got 5 of 7 right.")
    summary = quiz.locator(".fbss-summary")
    expect(summary).to_be_visible()
    links = summary.locator(".fbss-missed a")
    expect(links).to_have_text(["Question 1.2", "Question 1.5"])
    assert links.nth(0).get_attribute("href") == "#q-s2"
    expect(quiz.get_by_role("button", name="Retry the missed ones")).to_be_visible()
    expect(quiz.get_by_role("button", name="Reset quiz")).to_be_visible()

    # A link puts the reader on its question (its Try again, the first thing to do there).
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    links.nth(1).click()
    expect(question(page, "s5").get_by_role("button", name="Try again")).to_be_focused()
    expect(question(page, "s5")).to_be_in_viewport()
    assert errors == []


def test_retry_the_missed_ones_resets_only_those(open_page: Callable[..., Any]) -> None:
    page, errors = open_page("seven")
    quiz = page.locator(".fbss-quiz")
    for n in range(1, 8):
        answer_seven(page, n, n not in {3, 7})
    quiz.get_by_role("button", name="Retry the missed ones").click()
    for n in range(1, 8):
        q = question(page, f"s{n}")
        if n in {3, 7}:
            expect(q.locator(".fbss-status")).to_have_text("")
            expect(q.get_by_role("button", name="Check answer")).to_be_visible()
            expect(q.get_by_label(f"Wrong {n}", exact=False)).not_to_be_checked()
        else:
            expect(q.locator(".fbss-status")).to_have_text("Correct.")
            expect(q.get_by_label(f"Right {n}", exact=False)).to_be_checked()
    # The focus is on the first of them, on its first option as shown (options are
    # shuffled: not necessarily the author's first); the count says what is left.
    expect(question(page, "s3").locator(".fbss-options input").first).to_be_focused()
    expect(quiz.locator(".fbss-count")).to_have_text("5 of 7 answered.")
    expect(quiz.locator(".fbss-summary")).to_be_hidden()
    expect(quiz.get_by_role("button", name="Retry the missed ones")).to_be_hidden()
    answer_seven(page, 3, True)
    answer_seven(page, 7, True)
    expect(quiz.locator(".fbss-score")).to_have_text("You got 7 of 7 right.")
    expect(quiz.locator(".fbss-summary")).to_be_hidden()
    # The summary is there again after a reload (the answers are saved).
    page.reload()
    expect(quiz.locator(".fbss-score")).to_have_text("You got 7 of 7 right.")
    assert errors == []


def test_review_quiz_numbers_and_review_links(open_page: Callable[..., Any]) -> None:
    page, errors = open_page("review")
    quiz = page.locator(".fbss-quiz")
    numbers = quiz.locator(".fbss-number")
    expect(numbers.first).to_have_text("Question 1 · from 1.1")
    expect(numbers.nth(6)).to_have_text("Question 7 · from 1.7")
    for n in range(1, 8):
        q = quiz.locator(".fbss-question").nth(n - 1)
        q.get_by_label(f"{'Wrong' if n == 4 else 'Right'} {n}", exact=False).check()
        q.get_by_role("button", name="Check answer").click()
    item = quiz.locator(".fbss-missed li")
    expect(item).to_have_count(1)
    expect(item).to_have_text("Question 4 · from 1.4 — Review: Seven")
    item.get_by_role("link", name="Seven").click()
    page.wait_for_url(re.compile(r"seven\.html#seven$"))
    assert errors == []


# --- exam mode ---------------------------------------------------------------------------


def test_exam_page_source_holds_no_answer(site: Built) -> None:
    html = (site.outdir / "exam.html").read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in html
    for marker in ("fbss-key-option", "data-fbss-correct", "fbss-badge", "fbss-rationale"):
        assert marker not in html
    assert '"correct":[1]' not in html and "&quot;correct&quot;:[1" not in html
    assert html.count("&quot;correct&quot;:[]") == 5  # 1 + 1 + 2 rows + 1


def test_exam_no_feedback_until_submit_then_scores_by_topic_and_step(
    open_page: Callable[..., Any],
) -> None:
    page, errors = open_page("exam")
    quiz = page.locator(".fbss-quiz")
    expect(quiz.get_by_role("button", name="Check answer")).to_have_count(0)
    expect(quiz.locator(".fbss-rationale")).to_have_count(0)
    expect(quiz.locator(".fbss-count")).to_have_text("0 of 4 answered.")
    question(page, "x-one").get_by_label("Mild stiffness").check()
    expect(quiz.locator(".fbss-count")).to_have_text("1 of 4 answered.")
    # Nothing tells right from wrong before Submit.
    expect(question(page, "x-one").locator(".fbss-status")).to_have_text("")
    assert "SECRET" not in quiz.inner_text()
    matrix = question(page, "x-three")
    matrix.locator("tbody tr").nth(0).locator("input").nth(1).check()
    matrix.locator("tbody tr").nth(1).locator("input").nth(0).check()
    expect(quiz.locator(".fbss-count")).to_have_text("2 of 4 answered.")

    submit = quiz.get_by_role("button", name="Submit", exact=True)
    submit.click()
    confirm = quiz.locator(".fbss-confirm")
    expect(confirm).to_be_visible()
    expect(confirm.locator("p")).to_have_text("2 questions are not answered. Submit anyway?")
    expect(quiz.get_by_role("button", name="Submit anyway")).to_be_focused()
    quiz.get_by_role("button", name="Go back").click()
    expect(confirm).to_be_hidden()
    expect(submit).to_be_focused()
    expect(question(page, "x-one").locator(".fbss-status")).to_have_text("")

    question(page, "x-four").get_by_label("Spinal cord stimulation").check()
    submit.click()
    expect(confirm.locator("p")).to_have_text("1 question is not answered. Submit anyway?")
    quiz.get_by_role("button", name="Submit anyway").click()

    score = quiz.locator(".fbss-score")
    expect(score).to_have_text("You got 2 of 4 right.")
    expect(score).to_be_focused()
    expect(submit).to_be_hidden()
    expect(quiz.locator(".fbss-exam-hint")).to_be_hidden()
    # Every question's feedback, rationales and all.
    # The right option by the letter it is shown with (options are shuffled).
    expect(question(page, "x-one").locator(".fbss-status")).to_have_text(
        re.compile(r"^Incorrect\. The answer is [A-Z]\. New numbness between the legs\.$")
    )
    expect(question(page, "x-two").locator(".fbss-status")).to_contain_text("Incorrect.")
    expect(question(page, "x-three").locator(".fbss-status")).to_contain_text("Correct.")
    expect(question(page, "x-four").locator(".fbss-status")).to_have_text("Correct.")
    expect(question(page, "x-one").get_by_text("SECRET-NUMB")).to_be_visible()
    expect(question(page, "x-one").get_by_text("SECRET-EXPLAIN")).to_be_visible()
    expect(question(page, "x-one").locator(".fbss-key-option")).to_contain_text("New numbness")
    expect(question(page, "x-three").get_by_text("SECRET-WEAK")).to_be_visible()
    expect(question(page, "x-one").get_by_role("button", name="Try again")).to_be_hidden()

    topics = quiz.locator("table").filter(has_text="Score by topic").locator("tr")
    # In the book's order of topics (fbss_quiz_topics) and of the steps; a question without
    # a step counts under "No step given", last.
    expect(topics).to_have_text(["Causes1 of 2", "Treatments2 of 2", "Symptoms0 of 1"])
    # x-four counts under two topics: the totals (5) exceed the questions (4), and a line
    # under the table says why.
    entries = quiz.locator("table").filter(has_text="Score by topic").locator("+ p")
    expect(entries).to_have_text(
        "5 topic entries for 4 questions: a question can belong to two topics, and counts in each."
    )
    steps = quiz.locator("table").filter(has_text="clinical-judgment step").locator("tr")
    expect(steps).to_have_text(
        [
            "Clinical judgment: analyze cues0 of 2",
            "Clinical judgment: take action1 of 1",
            "No step given1 of 1",
        ]
    )
    expect(quiz.locator(".fbss-missed a")).to_have_text(["Question 3.1", "Question 3.2"])

    # Reset quiz: a new attempt.
    quiz.get_by_role("button", name="Reset quiz").click()
    expect(submit).to_be_visible()
    expect(quiz.locator(".fbss-exam-hint")).to_be_visible()
    expect(quiz.locator(".fbss-results")).to_be_hidden()
    expect(score).to_have_text("")
    expect(question(page, "x-one").locator(".fbss-status")).to_have_text("")
    expect(quiz.locator(".fbss-count")).to_have_text("0 of 4 answered.")
    assert errors == []


def submit_all_right(page: Any) -> None:
    quiz = page.locator(".fbss-quiz")
    question(page, "x-one").get_by_label("New numbness").check()
    question(page, "x-two").get_by_label("Leg pain").check()
    # By its text: options are shuffled, so its letter varies.
    question(page, "x-two").get_by_label(re.compile(r"^[A-Z]\. Numbness$")).check()
    matrix = question(page, "x-three")
    matrix.locator("tbody tr").nth(0).locator("input").nth(1).check()
    matrix.locator("tbody tr").nth(1).locator("input").nth(0).check()
    question(page, "x-four").get_by_label("Spinal cord stimulation").check()
    quiz.get_by_role("button", name="Submit", exact=True).click()
    expect(quiz.locator(".fbss-score")).to_have_text("You got 4 of 4 right.")


def test_exam_results_count_on_the_progress_page(open_page: Callable[..., Any]) -> None:
    page, errors = open_page("exam")
    submit_all_right(page)
    # No confirmation was needed: every question was answered.
    expect(page.locator(".fbss-confirm")).to_be_hidden()
    expect(page.locator(".fbss-missed li")).to_have_count(0)
    page.goto(page.url.replace("exam.html", "progress.html"))
    row = page.locator('tr[data-fbss-topic="treatments"]')
    expect(row.locator(".fbss-answered")).to_have_text("2")
    expect(row.locator(".fbss-correct")).to_have_text("2")
    # A new visit to the exam is a fresh attempt.
    page.go_back()
    expect(page.locator(".fbss-count")).to_have_text("0 of 4 answered.")
    expect(question(page, "x-one").get_by_label("New numbness")).not_to_be_checked()
    assert errors == []


def test_exam_countdown_never_ends_the_attempt(open_page: Callable[..., Any]) -> None:
    page, errors = open_page("exam", clock=True)
    quiz = page.locator(".fbss-quiz")
    timer = quiz.locator(".fbss-timer")
    expect(timer).to_have_text("Time left: 2:00")
    live = quiz.locator(".fbss-timer + [role=status]")
    expect(live).to_have_text("")
    page.clock.run_for(30_000)
    expect(timer).to_have_text("Time left: 1:30")
    page.clock.run_for(31_000)
    expect(live).to_have_text("1 minute left.")
    page.clock.run_for(60_000)
    expect(timer).to_have_text(
        "The suggested time is up. Finish at your own pace and submit when ready."
    )
    expect(live).to_have_text(
        "The suggested time is up. Finish at your own pace and submit when ready."
    )
    # Nothing was locked or submitted: the reader goes on.
    expect(quiz.locator(".fbss-score")).to_have_text("")
    submit_all_right(page)
    assert errors == []


@pytest.mark.parametrize("script", [THROWING_STORAGE, NO_STORAGE], ids=["throws", "no-storage"])
def test_storage_that_throws_breaks_nothing(open_page: Callable[..., Any], script: str) -> None:
    page, errors = open_page("seven", init_script=script)
    for n in range(1, 8):
        answer_seven(page, n, n != 1)
    expect(page.locator(".fbss-missed a")).to_have_text(["Question 1.1"])
    page.get_by_role("button", name="Retry the missed ones").click()
    expect(page.locator(".fbss-count")).to_have_text("6 of 7 answered.")
    exam, exam_errors = open_page("exam", init_script=script)
    submit_all_right(exam)
    expect(exam.locator(".fbss-results")).to_be_visible()
    # furo reads localStorage unguarded when it is missing altogether; the quiz adds none.
    assert [e for e in errors + exam_errors if "fbss" in e] == []
    if script == THROWING_STORAGE:
        assert errors == exam_errors == []


def test_keyboard_only(open_page: Callable[..., Any]) -> None:
    page, errors = open_page("exam")
    first = question(page, "x-one").get_by_label("New numbness")
    first.focus()
    page.keyboard.press("ArrowDown")  # radio group: the next option, checked
    page.keyboard.press("ArrowUp")
    expect(first).to_be_checked()
    submit = page.get_by_role("button", name="Submit", exact=True)
    submit.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Submit anyway")).to_be_focused()
    page.keyboard.press("Shift+Tab")  # nothing traps the focus; Tab comes back
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".fbss-score")).to_be_focused()
    expect(page.locator(".fbss-score")).to_have_text("You got 1 of 4 right.")
    # Tab goes on from the score to the missed questions' links.
    page.keyboard.press("Tab")
    assert "Question 3.2" in focused(page)
    page.keyboard.press("Enter")
    assert "x-two" in page.evaluate("document.activeElement.closest('.fbss-question').id")

    seven, more = open_page("seven")
    for n in range(1, 8):
        q = question(seven, f"s{n}")
        q.get_by_label(f"{'Wrong' if n == 6 else 'Right'} {n}", exact=False).focus()
        seven.keyboard.press("Space")
        seven.keyboard.press("Tab")
        seven.keyboard.press("Enter")  # Check answer
    retry = seven.get_by_role("button", name="Retry the missed ones")
    retry.focus()
    seven.keyboard.press("Enter")
    expect(question(seven, "s6").locator(".fbss-options input").first).to_be_focused()
    assert errors == more == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_and_screenshots(open_page: Callable[..., Any], scheme: str) -> None:
    page, errors = open_page("seven", color_scheme=scheme)
    for n in range(1, 8):
        answer_seven(page, n, n not in {2, 5})
    run_axe(page, f"{scheme}: the summary")
    shot(page.locator(".fbss-quiz-footer"), f"i16-summary-{scheme}")
    exam, exam_errors = open_page("exam", color_scheme=scheme)
    run_axe(exam, f"{scheme}: the exam before Submit")
    exam.get_by_role("button", name="Submit", exact=True).click()
    run_axe(exam, f"{scheme}: the confirmation")
    exam.get_by_role("button", name="Submit anyway").click()
    run_axe(exam, f"{scheme}: the exam's results")
    shot(exam.locator(".fbss-quiz-footer"), f"i16-exam-results-{scheme}")
    shot(question(exam, "x-one"), f"i16-exam-question-{scheme}")
    assert errors == exam_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width(open_page: Callable[..., Any], scheme: str) -> None:
    page, errors = open_page("seven", color_scheme=scheme, **PHONE)
    assert_fits(page, "seven, before")
    for n in range(1, 8):
        answer_seven(page, n, n not in {2, 5})
    assert_fits(page, "the summary")
    shot(page.locator(".fbss-quiz-footer"), f"i16-summary-390-{scheme}")
    exam, exam_errors = open_page("exam", color_scheme=scheme, **PHONE)
    assert_fits(exam, "the exam")
    exam.get_by_role("button", name="Submit", exact=True).click()
    assert_fits(exam, "the confirmation")
    exam.get_by_role("button", name="Submit anyway").click()
    assert_fits(exam, "the results")
    # A score stays on one line ("3 of 15", not "3 of" / "15") beside a label as long as
    # the manual's ("Clinical judgment: prioritize hypotheses"): the label wraps instead.
    lines = exam.locator(".fbss-results tr").first.evaluate(
        """(row) => {
            row.cells[0].textContent = 'Clinical judgment: prioritize hypotheses and more';
            row.cells[1].textContent = '13 of 15';
            const range = document.createRange();
            range.selectNodeContents(row.cells[1]);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }"""
    )
    assert lines == 1
    exam.reload()
    exam.get_by_role("button", name="Submit", exact=True).click()
    exam.get_by_role("button", name="Submit anyway").click()
    shot(exam.locator(".fbss-quiz-footer"), f"i16-exam-results-390-{scheme}")
    for button in exam.locator(".fbss-quiz-footer button:visible").all():
        box = button.bounding_box()
        assert box is not None and box["height"] >= 44, button.text_content()
    assert errors == exam_errors == []


#: What the browser does on Back or reload (form state restoration): the last answer
#: ticked again, before the quiz's deferred script runs or after it, when parsing ends.
#: Chromium does it only at times (it made test_exam_results_count_on_the_progress_page
#: flaky); these do it every time, at each of the two moments.
RESTORED_BEFORE_SCRIPT = """
document.addEventListener("readystatechange", () => {
  const input = document.getElementById("q-x-one-o1");
  if (document.readyState === "interactive" && input) input.checked = true;
});
"""
RESTORED_AFTER_SCRIPT = """
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("q-x-one-o1").checked = true;
});
"""


@pytest.mark.parametrize(
    "restored", [RESTORED_BEFORE_SCRIPT, RESTORED_AFTER_SCRIPT], ids=["before", "after"]
)
def test_exam_starts_blank_after_back_or_reload(
    open_page: Callable[..., Any], restored: str
) -> None:
    # An exam's attempt starts blank, with nothing ticked that its count does not know of.
    page, errors = open_page("exam", init_script=restored)
    expect(page.locator(".fbss-count")).to_have_text("0 of 4 answered.")
    expect(page.locator("#q-x-one-o1")).not_to_be_checked()
    expect(question(page, "x-one").get_by_label("New numbness")).not_to_be_checked()
    assert errors == []


#: The reader answers the first question after the script ran, before the page is shown.
BEGUN_BEFORE_SHOWN = """
document.addEventListener("DOMContentLoaded", () => document.getElementById("q-x-one-o1").click());
"""


def test_exam_keeps_an_answer_the_reader_gave_before_the_page_was_shown(
    open_page: Callable[..., Any],
) -> None:
    # The second blanking, when the page is shown, spares a question the reader has begun.
    page, errors = open_page("exam", init_script=BEGUN_BEFORE_SHOWN)
    expect(page.locator("#q-x-one-o1")).to_be_checked()
    expect(page.locator(".fbss-count")).to_have_text("1 of 4 answered.")
    assert errors == []


def steps_shown(q: Any) -> list[str]:
    return q.locator(".fbss-step-text").all_inner_texts()


def put_in_order_by_keyboard(page: Any, q: Any, order: tuple[str, ...]) -> None:
    """Each step in turn moved up to its place with its Move up button (Tab, Enter)."""
    for place, text in enumerate(order):
        now = steps_shown(q).index(text)
        if now == place:
            continue
        up = q.locator(".fbss-step").nth(now).locator(".fbss-up")
        up.focus()
        for _ in range(now - place):
            page.keyboard.press("Enter")
    assert steps_shown(q) == list(order)


def test_an_exam_of_every_kind_grades_its_ordering_items_by_the_sealed_key(
    open_page: Callable[..., Any],
) -> None:
    """An exam with every kind runs (a trend item's response kept: without it the script
    stopped), and its ordering items, whose steps the page names by their place as shown,
    are graded right when put in the right order; one topic per question: no line about
    topic entries under the table."""
    page, errors = open_page("kinds")
    quiz = page.locator(".fbss-quiz")
    expect(quiz.get_by_role("button", name="Submit", exact=True)).to_be_visible()
    for qid in ("k-ordering", "k-trend"):
        put_in_order_by_keyboard(page, question(page, qid), STEP_ORDERS[0])
    quiz.get_by_role("button", name="Submit", exact=True).press("Enter")
    quiz.get_by_role("button", name="Submit anyway").press("Enter")
    expect(question(page, "k-ordering").locator(".fbss-status")).to_have_text("Correct.")
    expect(question(page, "k-trend").locator(".fbss-status")).to_have_text("Correct.")
    expect(question(page, "k-single").locator(".fbss-status")).to_contain_text("Incorrect.")
    expect(quiz.locator(".fbss-score")).to_have_text("You got 2 of 11 right.")
    expect(quiz.locator("table").filter(has_text="Score by topic").locator("tr")).to_have_text(
        ["Causes2 of 11"]
    )
    expect(quiz.locator(".fbss-results-entries")).to_have_count(0)
    assert errors == []


#: What a reader could still change an answer with: a form control or button of a
#: question, shown and enabled, outside its answer part (whose summary only opens it).
LIVE_CONTROLS = """(q) => [...q.querySelectorAll("button, input, select, textarea")]
  .filter((el) => !el.closest("details") && !el.disabled && el.getClientRects().length)
  .map((el) => (el.className || el.tagName) + ": " + (el.textContent || el.value).trim())"""

#: Each question's answer as it stands: what is ticked, chosen, pressed, and in which order.
ANSWERS = """(q) => [...q.querySelectorAll("input, select, [aria-pressed], .fbss-step")]
  .map((el) => el.type === "radio" || el.type === "checkbox" ? el.checked
    : el.tagName === "SELECT" ? el.value
    : el.hasAttribute("aria-pressed") ? el.getAttribute("aria-pressed") : el.id).join()"""


def test_a_submitted_exam_of_every_kind_offers_nothing_that_changes_an_answer(
    open_page: Callable[..., Any],
) -> None:
    """Once an exam is submitted, every question of every kind is read-only: no Clear
    answers, Try again, Move up or down, phrase, box or drop-down left to use (an
    ordering item's Clear answers stayed, and undid its graded answer), and dragging a
    step moves nothing."""
    page, errors = open_page("kinds")
    quiz = page.locator(".fbss-quiz")
    put_in_order_by_keyboard(page, question(page, "k-ordering"), STEP_ORDERS[1])
    question(page, "k-highlight").locator(".fbss-phrase").last.click()  # wrong
    # Before Submit the reader can change every kind.
    questions = quiz.locator(".fbss-question")
    ids = questions.evaluate_all("(qs) => qs.map((q) => q.dataset.fbssId)")
    assert len(ids) == 11
    for qid in ids:
        assert question(page, qid).evaluate(LIVE_CONTROLS) != [], qid
    quiz.get_by_role("button", name="Submit", exact=True).click()
    quiz.get_by_role("button", name="Submit anyway").click()
    expect(quiz.locator(".fbss-score")).to_have_text("You got 0 of 11 right.")
    before = {qid: question(page, qid).evaluate(ANSWERS) for qid in ids}
    for qid in ids:
        q = question(page, qid)
        assert q.evaluate(LIVE_CONTROLS) == [], qid
        expect(q.locator(".fbss-status")).not_to_have_text("")
    # A drag by a step's handle, as a mouse would.
    ordering = question(page, "k-ordering")
    grip = ordering.locator(".fbss-grip").first.bounding_box()
    last = ordering.locator(".fbss-step").last.bounding_box()
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    page.mouse.move(grip["x"] + grip["width"] / 2, last["y"] + last["height"], steps=5)
    page.mouse.up()
    assert {qid: question(page, qid).evaluate(ANSWERS) for qid in ids} == before
    expect(ordering.locator(".fbss-status")).to_contain_text("Incorrect.")
    expect(quiz.locator(".fbss-score")).to_have_text("You got 0 of 11 right.")
    assert errors == []


def test_an_ordering_answer_saved_by_an_older_page_comes_back_right(
    open_page: Callable[..., Any],
) -> None:
    """An answer saved before the steps were named by their place as shown names each
    step by its place in the right order: it is translated by the key, not misread."""
    old = '{"v": 1, "chosen": [0, 1, 2, 3], "checked": true, "res": "correct"}'
    script = f"localStorage.setItem('fbss-quiz:Quiz test:k-plain', '{old}');"
    page, errors = open_page("steps", init_script=script)
    q = question(page, "k-plain")
    expect(q.locator(".fbss-status")).to_have_text("Correct.")
    assert steps_shown(q) == list(STEP_ORDERS[0])
    # Saved again (Try again, then Check answer), it is in the new ids and still right.
    q.get_by_role("button", name="Try again").click()
    q.get_by_role("button", name="Check answer").click()
    expect(q.locator(".fbss-status")).to_have_text("Correct.")
    saved = page.evaluate("() => JSON.parse(localStorage.getItem('fbss-quiz:Quiz test:k-plain'))")
    assert saved["order"] == "shown" and saved["res"] == "correct"
    page.reload()
    expect(q.locator(".fbss-status")).to_have_text("Correct.")
    assert steps_shown(q) == list(STEP_ORDERS[0])
    assert errors == []
