"""In the browser: review quizzes that draw a fresh set per attempt, and the progress
page that reads the answers given on other pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_book import question

from conftest import run_build, serve_directory, write_project

pytestmark = pytest.mark.browser

TOPICS = ["causes"] * 6 + ["treatments"] * 4
FILES = {
    "index.md": "# Book\n\n```{toctree}\nch1\nreview\nprogress\n```\n",
    "ch1.md": "# Chapter\n\n## Section\n\n"
    + "".join(question(f"q{i}", topic, f"Stem {i} on {topic}?") for i, topic in enumerate(TOPICS)),
    "review.md": (
        "# Review\n\n::::{quiz} Review: causes\n:collect: causes\n:limit: 3\n:shuffle:\n::::\n"
    ),
    "progress.md": "# Progress\n\n```{quiz-progress}\n```\n",
}
CONF = 'html_theme = "furo"\nfbss_quiz_topics = {"causes": "Causes", "treatments": "Treatments"}\n'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    src = tmp_path_factory.mktemp("book")
    write_project(src, FILES, CONF)
    built = run_build(src)
    assert built.warnings == ""
    gen = serve_directory(built.outdir)
    yield next(gen)
    next(gen, None)


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def drawn(page: Any) -> list[str]:
    visible = page.locator(".fbss-quiz .fbss-question:visible")
    return [visible.nth(i).get_attribute("data-fbss-id") for i in range(visible.count())]


def answer_all(page: Any, right: bool) -> None:
    questions = page.locator(".fbss-question:visible")
    for i in range(questions.count()):
        q = questions.nth(i)
        label = "Right for" if right else "Wrong for"
        q.locator("label", has_text=label).click()
        q.locator(".fbss-check").click()


def test_review_quiz_draws_a_fresh_set_from_its_topic(page: Any, site: str) -> None:
    page.goto(f"{site}/review.html")
    causes = {f"q{i}" for i, topic in enumerate(TOPICS) if topic == "causes"}
    sets = []
    first = drawn(page)
    assert len(first) == 3 and set(first) <= causes
    page.reload()
    assert drawn(page) == first, "a reload keeps the current set"
    answer_all(page, right=True)
    assert page.locator(".fbss-score").inner_text() == "You got 3 of 3 right."
    page.reload()
    assert page.locator(".fbss-score").inner_text() == "You got 3 of 3 right."
    for _ in range(6):
        page.get_by_role("button", name="Reset quiz").click()
        current = drawn(page)
        assert len(current) == 3 and set(current) <= causes
        assert page.locator(".fbss-score").inner_text() == ""
        sets.append(frozenset(current))
    assert frozenset(first) != sets[0], "Reset quiz draws a different set"
    assert len(set(sets)) > 1
    # Each drawn question links back to where it is taught.
    link = page.locator(".fbss-question:visible .fbss-review a").first
    assert link.inner_text() == "Section"
    assert link.get_attribute("href").startswith("ch1.html#")


def test_progress_page_reflects_answers_from_other_pages_and_clears(page: Any, site: str) -> None:
    page.goto(f"{site}/progress.html")
    row = page.locator("tr[data-fbss-topic='causes'] td")
    assert [row.nth(i).inner_text() for i in range(4)] == ["6", "0", "0", "6"]
    # The list of questions left is closed (a book's worth would push the page down);
    # its count shows, and the summary opens it by keyboard.
    assert page.locator(".fbss-progress-list li:visible").count() == 0
    assert page.locator(".fbss-progress-js").inner_text() == (
        "Questions not yet answered correctly: 10"
    )
    page.locator(".fbss-progress-todo summary").focus()
    page.keyboard.press("Enter")
    assert page.locator(".fbss-progress-list li:visible").count() == 10

    page.goto(f"{site}/ch1.html")
    questions = page.locator(".fbss-question")
    for i, right in ((0, True), (1, False), (6, True)):
        q = questions.nth(i)
        q.locator("label", has_text="Right for" if right else "Wrong for").click()
        q.locator(".fbss-check").click()

    page.goto(f"{site}/progress.html")
    assert [row.nth(i).inner_text() for i in range(4)] == ["6", "2", "1", "4"]
    assert page.locator(".fbss-left").inner_text() == "8"
    page.locator(".fbss-progress-todo summary").click()
    treatments = page.locator("tr[data-fbss-topic='treatments'] td")
    assert [treatments.nth(i).inner_text() for i in range(4)] == ["4", "1", "1", "3"]
    todo = page.locator(".fbss-progress-list li:visible")
    assert todo.count() == 8
    assert "Question 1.2" in todo.first.inner_text()
    bar = page.locator("tr[data-fbss-topic='causes'] .fbss-bar-correct")
    assert bar.evaluate("el => el.style.width") == "17%"

    # Clearing asks first, by keyboard too.
    page.get_by_role("button", name="Clear my progress").focus()
    page.keyboard.press("Enter")
    assert page.locator(".fbss-confirm").is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Yes, clear everything"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Cancel
    assert not page.locator(".fbss-confirm").is_visible()
    assert [row.nth(i).inner_text() for i in range(4)] == ["6", "2", "1", "4"]
    page.get_by_role("button", name="Clear my progress").click()
    page.get_by_role("button", name="Yes, clear everything").click()
    assert (
        page.locator(".fbss-progress .fbss-status").inner_text()
        == "All saved answers were cleared."
    )
    assert [row.nth(i).inner_text() for i in range(4)] == ["6", "0", "0", "6"]
    page.goto(f"{site}/ch1.html")
    assert page.locator(".fbss-question").first.locator("input:checked").count() == 0


def test_progress_page_without_javascript_lists_every_question(browser: Any, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site}/progress.html")
    assert tab.locator(".fbss-progress-nojs").is_visible()
    assert not tab.locator(".fbss-progress-js").is_visible()
    tab.locator(".fbss-progress-todo summary").click()
    assert tab.locator(".fbss-progress-list li:visible").count() == 10
    assert not tab.locator(".fbss-clear").is_visible()
    context.close()


def test_axe_on_review_and_progress_pages(page: Any, site: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"],
        }
    }
    for name in ("review", "progress"):
        page.goto(f"{site}/{name}.html")
        if name == "review":
            answer_all(page, right=False)
        results = Axe().run(
            page, context={"exclude": [[".content-icon-container"]]}, options=options
        )
        violations = [v for v in results.response["violations"]]
        assert violations == [], Path(name).name + ": " + results.generate_report()
