"""Every example in AUTHORING.md builds, and its HTML matches a reviewed snapshot.

Set UPDATE_SNAPSHOTS=1 to rewrite the snapshots after an intended change, then
review the diff.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import IN_CI, ROOT

GUIDE = ROOT / "AUTHORING.md"
SNAPSHOTS = Path(__file__).parents[1] / "snapshots"
EXAMPLE = re.compile(
    r"<!-- example: (?P<name>[\w-]+) -->\n`````(?P<lang>\w+)\n(?P<body>.*?)\n`````", re.S
)


def examples() -> list[tuple[str, str, str]]:
    found = [(m["name"], m["lang"], m["body"]) for m in EXAMPLE.finditer(GUIDE.read_text())]
    assert len(found) >= 5
    return found


def quiz_fragment(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("div", class_="body") or soup.find("article") or soup.body
    classes = ["fbss-quiz", "fbss-question", "fbss-answer-key", "fbss-progress"]
    parts = article.find_all(["div"], class_=classes, recursive=True)
    tops = [p for p in parts if not p.find_parent("div", class_=classes)]
    return "\n".join(p.prettify() for p in tops)


@pytest.mark.parametrize(("name", "lang", "body"), examples(), ids=[e[0] for e in examples()])
def test_guide_example_builds_as_documented(
    build: Callable[..., object], name: str, lang: str, body: str
) -> None:
    if lang == "rst":
        files = {"index.rst": "Page\n====\n\n" + body + "\n"}
    elif name.startswith("warning-"):
        # No heading above, so the documented line numbers are the snippet's own.
        files = {"index.md": body + "\n"}
    elif name in {"answer-key", "progress", "practice"}:
        # Shown with a question of the book, which they list.
        single = next(b for n, _, b in examples() if n == "single")
        files = {"index.md": "# Page\n\n" + single + "\n\n" + body + "\n"}
    else:
        files = {"index.md": "# Page\n\n" + body + "\n"}
    built = build(files)
    if name.startswith("warning-"):
        documented = re.search(r"```text\n(index\.md:\d+: WARNING: .*?)\n```", GUIDE.read_text())
        assert documented is not None
        assert documented.group(1) in built.warnings
        return
    assert built.warnings == "", built.warnings
    fragment = quiz_fragment(built.page())
    assert 'class="fbss-question"' in fragment
    if name == "answer-key":
        assert (
            "Answer: B" in fragment.replace("\n", " ").replace("  ", " ") or "Answer:" in fragment
        )
    if name in {"progress", "practice"}:
        assert 'data-fbss-id="wrong-level"' in fragment
    snapshot = SNAPSHOTS / f"{name}.html"
    if os.environ.get("UPDATE_SNAPSHOTS") or (not snapshot.exists() and not IN_CI):
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(fragment, encoding="utf-8")
    assert snapshot.exists(), f"missing snapshot {snapshot}: run with UPDATE_SNAPSHOTS=1"
    assert fragment == snapshot.read_text(encoding="utf-8")


def test_rst_and_myst_forms_of_the_same_question_render_the_same(
    build: Callable[..., object],
) -> None:
    bodies = {name: (lang, body) for name, lang, body in examples()}
    myst = build({"index.md": "# Page\n\n" + bodies["single"][1] + "\n"})
    rst = build({"index.rst": "Page\n====\n\n" + bodies["single-rst"][1] + "\n"})
    # Same markup; only where the source lines wrap differs.
    assert quiz_fragment(myst.page()).split() == quiz_fragment(rst.page()).split()


def guide_block(marker: str) -> str:
    """The fenced block that follows ``<!-- minimal-book: marker -->`` in the guide."""
    found = re.search(
        rf"<!-- minimal-book: {re.escape(marker)} -->\n```\w*\n(.*?)\n```", GUIDE.read_text(), re.S
    )
    assert found is not None, f"AUTHORING.md has no '{marker}' block of the minimal book"
    return found.group(1)


@pytest.mark.slow  # two fresh sphinx-build processes
def test_the_minimal_book_of_turning_it_on_builds_html_and_epub_with_w(tmp_path: Path) -> None:
    """The conf.py and the commands of "Turning it on", run as a new author would."""
    import shlex
    import subprocess
    import sys
    import zipfile

    (tmp_path / "conf.py").write_text(guide_block("conf.py") + "\n", encoding="utf-8")
    single = next(body for name, _, body in examples() if name == "single")
    (tmp_path / "index.md").write_text(f"# My book\n\n{single}\n", encoding="utf-8")
    commands = [shlex.split(line) for line in guide_block("commands").splitlines()]
    assert [c[:1] for c in commands] == [["sphinx-build"], ["sphinx-build"]]
    assert {c[c.index("-b") + 1] for c in commands} == {"html", "epub"}
    for command in commands:
        assert "-W" in command
        run = subprocess.run(
            [sys.executable, "-m", "sphinx", *command[1:]],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        assert "WARNING" not in run.stderr, run.stderr
    page = (tmp_path / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'data-fbss-id="wrong-level"' in page
    (book,) = (tmp_path / "_build" / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        names = epub.namelist()
        assert not [n for n in names if "doctree" in n or n.endswith(".pickle")], names
        text = epub.read("index.xhtml").decode("utf-8")
    assert "Surgery helps only when it treats the real cause" in text
