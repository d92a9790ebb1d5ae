"""The PDF's "Answer" and "Back to question" links land, and each chapter's key ends
its chapter.

LaTeX writes the whole book as one tree, and its writer labels no container: the
links were dead in every PDF (hyperref's "undefined references"), and the one key
of the book stood at its end although the text says "at the end of the chapter".
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Built, missing_tool

HYPERREF = re.compile(r"\\hyperref\[\\detokenize\{(?P<target>[^}]*)\}\]")
LABEL = re.compile(r"\\label\{\\detokenize\{(?P<target>[^}]*)\}\}")
#: hyperref's and LaTeX's warnings; the log wraps long lines, so they are unwrapped first.
UNDEFINED = re.compile(r"[Rr]eference `(?P<target>[^']*)' on page \d+ undefined")


def dangling_hyperrefs(tex: str) -> list[str]:
    """Every ``\\hyperref`` target that no ``\\label`` defines."""
    labels = set(LABEL.findall(tex))
    return sorted({t for t in HYPERREF.findall(tex) if t not in labels})


def undefined_references(log: str) -> list[str]:
    """The references the LaTeX log calls undefined (none in a good PDF)."""
    found = UNDEFINED.findall(log.replace("\n", ""))
    if not found and "There were undefined references" in log:
        found = ["(the log says: there were undefined references)"]
    return found


def pdf_log(outdir: Path) -> str:
    """Run the LaTeX output's own Makefile (latexmk) and return the final log."""
    if shutil.which("latexmk") is None:
        missing_tool(
            "latexmk (the PDF step was not run)", "apt-get install latexmk texlive-latex-extra"
        )
    result = subprocess.run(
        ["make", "-C", str(outdir), "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    log = next(outdir.glob("*.log"))
    return log.read_text(encoding="latin-1")


def question(qid: str, stem: str) -> str:
    return (
        f":::{{question}}\n:id: {qid}\n:topic: causes\n{stem}\n\n"
        f"- [ ] Wrong {qid}\n  Why wrong.\n- [x] Right {qid}\n  Why right.\n\n"
        f"Explanation {qid}.\n:::\n\n"
    )


ROOT_DOC = "# Book\n\n" + question("r1", "Root question?")
BOOK = {
    "index.md": ROOT_DOC + "```{toctree}\nch1\nch2\nreview\n```\n",
    "ch1.md": "# Chapter one\n\n## Section A\n\n"
    + question("c1", "First?")
    + "## Section B\n\n"
    + question("c2", "Second?"),
    "ch2.md": "# Chapter two\n\n" + question("c3", "Third?"),
    "review.md": "# Review\n\n::::{quiz} Review\n:collect: causes\n::::\n",
}


def tex_of(built: Built) -> str:
    assert built.warnings == "", built.warnings
    return next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")


def test_chapter_keys_end_their_chapters_and_every_link_lands(
    build: Callable[..., Built],
) -> None:
    built = build(BOOK, builder="latex")
    tex = tex_of(built)
    assert dangling_hyperrefs(tex) == []
    # Each chapter's key is inside that chapter: after its heading, before the next.
    chapter_two = tex.index(r"\chapter{Chapter two}")
    review = tex.index(r"\chapter{Review}")
    for key, start, end in (
        ("ch1:key-q-c2", tex.index(r"\chapter{Chapter one}"), chapter_two),
        ("ch2:key-q-c3", chapter_two, review),
        ("review:key-quiz-review-1-1", review, len(tex)),
    ):
        assert start < tex.index(rf"\label{{\detokenize{{{key}}}}}") < end, key
    # The root document's own question links to its own key, at the end of its tree.
    assert r"\hyperref[\detokenize{index:key-q-r1}]" in tex
    # A review link to the root document's title (which LaTeX drops) names the document.
    assert r"\hyperref[\detokenize{index::doc}]" in tex
    assert tex.count("Answer key}") == 4
    assert undefined_references(pdf_log(built.outdir)) == []


def test_book_key_links_land_from_and_to_the_root_document(build: Callable[..., Built]) -> None:
    files = dict(BOOK, **{"answers.md": "# Answers\n\n```{answer-key}\n```\n"})
    files["index.md"] = files["index.md"].replace("review\n", "review\nanswers\n")
    built = build(files, conf='fbss_quiz_answer_key = "book"\n', builder="latex")
    tex = tex_of(built)
    assert tex.count("Answer key}") == 1
    # "Back to" from the key page lands on the question in the root document.
    assert r"\hyperref[\detokenize{index:q-r1}]" in tex
    assert r"\hyperref[\detokenize{answers:key-q-c1}]" in tex
    assert dangling_hyperrefs(tex) == []
    assert undefined_references(pdf_log(built.outdir)) == []


def test_texinfo_anchors_match_its_references(build: Callable[..., Built]) -> None:
    built = build(BOOK, builder="texinfo")
    assert built.warnings == "", built.warnings
    texi = next(built.outdir.glob("*.texi")).read_text(encoding="utf-8")
    anchors = set(re.findall(r"@anchor\{([^}]*)\}", texi))
    refs = re.findall(r"@ref\{([^,}]*)", texi)
    assert {"ch1 key-q-c1", "ch1 q-c1", "review key-quiz-review-1-1"} <= anchors
    assert [ref for ref in refs if ref not in anchors] == []


@pytest.mark.parametrize("text", ["", "There were undefined references.\n"])
def test_the_log_check_sees_undefined_references(text: str) -> None:
    wrapped = (
        "LaTeX Warning: Hyper reference `ch1:key-q-c1' on page 3 undefined on input li\nne 9.\n"
    )
    assert undefined_references(wrapped + text) == ["ch1:key-q-c1"]
    summary_only = ["(the log says: there were undefined references)"] if text else []
    assert undefined_references(text) == summary_only
