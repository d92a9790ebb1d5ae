"""The benchmark's plain-text books: the baseline of its CPU ratios (bench/books.py).

A quiz book and its plain twin must hold the same words, and the twin no directive of
the extension: a directive left behind would fail the build without the extension, and
lost text would make the quiz book look dearer than it is."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, run_build

sys.path.insert(0, str(ROOT / "bench"))
import books
import run as bench_run

DIRECTIVE = re.compile(r"\{(quiz[\w-]*|question|case|answer-key)\}")


def conf_extensions(book: Path) -> list[str]:
    namespace: dict[str, Any] = {}
    exec((book / "conf.py").read_text(encoding="utf-8"), namespace)
    return namespace["extensions"]


def question_lines(text: str) -> list[str]:
    """The words of every question of a generated page: stem, options (without their
    ``[x]``), rationales and explanation."""
    lines = []
    for block in re.findall(r":::\{question\}\n(.*?)\n:::\n", text, re.S):
        for line in block.splitlines():
            if line.startswith(":id:") or not line.strip():
                continue
            lines.append(re.sub(r"^- \[[ x]\] ", "- ", line))
    return lines


def test_the_plain_book_holds_every_question_as_text_and_no_directive(tmp_path: Path) -> None:
    src = books.write_book(tmp_path / "quiz", 60, theme="basic")
    plain = books.write_plain_book(src, tmp_path / "plain", keep_extension=False)
    pages = sorted(p.name for p in src.glob("*.md"))
    assert sorted(p.name for p in plain.glob("*.md")) == pages
    for name in pages:
        text = (plain / name).read_text(encoding="utf-8")
        assert not DIRECTIVE.search(text), name
        assert "- [x]" not in text and "- [ ]" not in text, name
        for line in question_lines((src / name).read_text(encoding="utf-8")):
            assert line in text.splitlines(), (name, line)
    # A review page holds every question of its topic, as its web page does.
    review = (plain / "review-symptoms.md").read_text(encoding="utf-8")
    on_topic = {p for p in range(1, 7) if books.TOPICS[p % 3] == "symptoms"}
    stems = set(re.findall(r"^Question (\d+) on page (\d+):", review, re.M))
    assert stems == {(str(n), str(p)) for p in on_topic for n in range(1, 11)}


def test_the_plain_book_leaves_the_extension_out_or_keeps_it(tmp_path: Path) -> None:
    src = books.write_book(tmp_path / "quiz", 10, theme="basic", reviews=False)
    without = books.write_plain_book(src, tmp_path / "without", keep_extension=False)
    kept = books.write_plain_book(src, tmp_path / "kept")
    assert conf_extensions(src) == ["myst_parser", "sphinx_design", "fbss_quiz"]
    assert conf_extensions(without) == ["myst_parser", "sphinx_design"]
    assert (kept / "conf.py").read_text() == (src / "conf.py").read_text()


def test_a_case_and_its_questions_become_text_and_reviews_gather_them(tmp_path: Path) -> None:
    src = books.write_book(tmp_path / "quiz", 10, theme="basic")
    (src / "page1.md").write_text(
        "# Chapter 1\n\n"
        "::::::{case} Case study: Mr. Reyes\n:topic: symptoms\n\n"
        "Mr. Reyes, 56, had a fusion.\n\n"
        ":::{question}\n:id: case-q\n:type: single\n"
        "What does he need first?\n\n"
        "- [x] An urgent review\n  New numbness needs it.\n- [ ] Rest\n  Rest delays it.\n\n"
        "New numbness is an emergency.\n:::\n::::::\n\n"
        "```{answer-key}\n```\n",
        encoding="utf-8",
    )
    plain = books.write_plain_book(src, tmp_path / "plain", keep_extension=False)
    page = (plain / "page1.md").read_text(encoding="utf-8")
    assert not DIRECTIVE.search(page)
    for words in ("**Case study: Mr. Reyes**", "Mr. Reyes, 56", "- An urgent review"):
        assert words in page
    # The question inherits the case's topic, so the symptoms review shows it.
    assert "What does he need first?" in (plain / "review-symptoms.md").read_text()
    assert "What does he need first?" not in (plain / "review-causes.md").read_text()


def test_the_small_book_spreads_five_questions_over_twelve_pages(tmp_path: Path) -> None:
    src = books.write_small_book(tmp_path / "small")
    pages = sorted(src.glob("*.md"))
    assert len(pages) == 12
    with_question = sorted(
        int(p.stem.removeprefix("page")) for p in pages if "{question}" in p.read_text()
    )
    assert with_question == [2, 4, 6, 8, 10]


def test_the_small_books_plain_twin_builds_without_the_extension(tmp_path: Path) -> None:
    """Sphinx warns of any directive left behind when fbss_quiz is not loaded."""
    src = books.write_small_book(tmp_path / "small")
    plain = books.write_plain_book(src, tmp_path / "plain", keep_extension=False)
    built = run_build(plain)
    assert built.warnings == ""
    html = built.page("page2")
    assert "fbss" not in html
    assert "Why option B is right" in html and "Option D for question 1 on page 2" in html


@pytest.mark.parametrize(("ratio", "met"), [(1.3, "**no**"), (1.1, "yes")])
def test_the_table_shows_each_cpu_ratio_with_its_target(ratio: float, met: str) -> None:
    info = {
        "pages": 12,
        "questions": 5,
        "cpu_ratio_extension_loaded": 1.05,
        "cpu_seconds": {"quiz": 1.3, "plain_without_extension": 1.0},
    }
    results = {"small_book_cpu_ratio": ratio, "small_book": info}
    rows = bench_run.cpu_rows(results, lambda *cells: " | ".join(cells))
    [row] = rows
    assert row.startswith("CPU of a clean HTML build, 12-page book with 5 questions")
    assert "≤ 1.15" in row
    table = bench_run.markdown(
        {
            **results,
            "date": "today",
            "command": "bench",
            "machine": {
                "cpu": "",
                "cores": 2,
                "memory": "",
                "python": "3",
                "versions": {"sphinx": "9", "chromium": "c"},
            },
        }
    )
    shown = f"{ratio} (1.3 s / 1.0 s; against plain text with fbss_quiz loaded: 1.05)"
    assert f"| {shown} | ≤ 1.15 | {met} |" in table
