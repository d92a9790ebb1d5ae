"""Links and pictures in the exports: absolute wherever the book's address is
known (Read the Docs says it in ``READTHEDOCS_CANONICAL_URL``), one warning where
it is not, and nothing that runs code or comes from outside the book."""

from __future__ import annotations

import base64
import json
import re
import runpy
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from test_exports import anki_notes, bank_json, gift_unescape, parse_gift, qti_items

from conftest import ROOT, Built, run_build, write_project

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
RTD_URL = "https://fbss.example.org/es/stable/"
#: What docs/conf.py does; a book on Read the Docs copies it.
RTD_CONF = 'import os\nhtml_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")\n'
FBSS = r"\[fbss_quiz\.[a-z-]+\]"

LINKED_PAGE = """
(linked)=
# Linked

:::{question}
:id: linked
A stem with ![a dot](dot.png), [the other page](other.md), {ref}`other-section`,
[the web](https://example.org/x) and [mail](mailto:nurse@example.org).

- [x] Right, see [the other page](other.md)
  Because of {ref}`linked`.
- [ ] Wrong
  Because not.

The explanation.
:::
"""
LINKED = {
    "index.md": "# Book\n\n```{toctree}\nlinked\nsub/other\n```\n",
    "linked.md": LINKED_PAGE.replace("other.md", "sub/other.md"),
    "sub/other.md": "(other-section)=\n# Other\n\nText.\n",
}


def fbss_lines(built: Built) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", built.warnings)
    return [line for line in plain.splitlines() if re.search(FBSS, line)]


def linked_book(tmp_path: Path, conf: str = "") -> Path:
    src = tmp_path / "linked"
    write_project(src, LINKED, conf)
    (src / "dot.png").write_bytes(PNG)
    return src


def urls(markup: str) -> tuple[list[str], list[str]]:
    """The ``href`` of every link and the ``src`` of every picture in ``markup``."""
    soup = BeautifulSoup(markup, "html.parser")
    return (
        [str(a["href"]) for a in soup.find_all("a", href=True)],
        [str(img["src"]) for img in soup.find_all("img", src=True)],
    )


def export_markup(built: Built, tmp_path: Path) -> dict[str, list[str]]:
    """Every piece of HTML each export holds."""
    out = built.outdir
    markup: dict[str, list[str]] = {}

    def walk(value: Any) -> list[str]:
        if isinstance(value, dict):
            return [m for key, v in value.items() for m in walk(v) if key != "text"]
        if isinstance(value, list):
            return [m for v in value for m in walk(v)]
        return [value] if isinstance(value, str) and "<" in value else []

    markup["json"] = walk(bank_json(built))
    markup["gift"] = [
        gift_unescape(part)
        for q in parse_gift(out / "questions.gift")
        for part in (
            q.text,
            q.generalFeedback,
            *(a.answer for a in q.answers.answers),
            *(a.feedback for a in q.answers.answers),
        )
    ]
    markup["qti"] = [
        m.text or "" for item in qti_items(out / "questions-qti.zip").values() for m in item.iter()
    ]
    markup["anki"] = [
        field
        for _, fields, _ in anki_notes(out / "questions.apkg", tmp_path)
        for field in fields.split("\x1f")
    ]
    return markup


def test_read_the_docs_address_makes_every_link_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", RTD_URL)
    built = run_build(linked_book(tmp_path, RTD_CONF), "quizbank")
    assert built.warnings == ""
    question = bank_json(built)["questions"][0]
    assert question["section"]["url"] == f"{RTD_URL}linked.html#linked"
    hrefs, _ = urls(question["stem"]["html"])
    assert hrefs == [
        f"{RTD_URL}sub/other.html",  # [the other page](sub/other.md)
        f"{RTD_URL}sub/other.html#other-section",  # {ref}
        "https://example.org/x",
        "mailto:nurse%40example.org",
    ]
    for fmt, pieces in export_markup(built, tmp_path).items():
        links = [href for piece in pieces for href in urls(piece)[0]]
        pictures = [src for piece in pieces for src in urls(piece)[1]]
        assert f"{RTD_URL}sub/other.html" in links, fmt
        assert f"{RTD_URL}linked.html#linked" in links, fmt
        for href in links:
            assert href.startswith((RTD_URL, "https://example.org/", "mailto:")), (fmt, href)
        # Pictures: the site's copy, or the copy inside the package.
        assert pictures, fmt
        packaged = {
            "json": f"{RTD_URL}_images/dot.png",
            "gift": f"{RTD_URL}_images/dot.png",
            "qti": "%24IMS-CC-FILEBASE%24/images/dot.png",
            "anki": "dot.png",
        }[fmt]
        assert set(pictures) == {packaged}, fmt


def test_the_manual_takes_its_address_from_read_the_docs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conf = str(ROOT / "docs" / "conf.py")
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", RTD_URL)
    assert runpy.run_path(conf)["html_baseurl"] == RTD_URL
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL")
    published = runpy.run_path(conf)
    # Elsewhere (nox -s quizbank), the published address: never relative links.
    assert published["html_baseurl"] == published["PUBLISHED_URL"]
    assert published["html_baseurl"].startswith("https://")


def test_without_an_address_one_located_warning(tmp_path: Path) -> None:
    src = linked_book(tmp_path)
    built = run_build(src, "quizbank")
    assert fbss_lines(built) == [
        f"{src / 'conf.py'}:1: WARNING: html_baseurl is not set, so the exports link to the "
        "book's pages by relative addresses, which lead nowhere from an LMS or Anki: set "
        "html_baseurl to the address the book is published at (on Read the Docs: "
        "html_baseurl = os.environ.get('READTHEDOCS_CANONICAL_URL', '') in conf.py) "
        "[fbss_quiz.export-baseurl]"
    ]
    # The links are relative to the site root, as documented.
    assert bank_json(built)["questions"][0]["section"]["url"] == "linked.html#linked"
    quiet = run_build(
        linked_book(tmp_path / "quiet", 'suppress_warnings = ["fbss_quiz.export-baseurl"]\n'),
        "quizbank",
    )
    assert quiet.warnings == ""


UNSAFE_MD = """
# Unsafe

:::{question}
:id: unsafe
A stem with <a href="javascript:alert(1)" title="t">a raw link</a>,
<a href=" JaVa&#x09;Script:alert(2)">another</a> and [a page](other.md).

- [x] Right
  Because.
- [ ] Wrong
  Because not.
:::
"""
UNSAFE_RST = """
Unsafe too
==========

.. question::
   :id: unsafe-rst

   A `script <javascript:alert(3)>`_, a `page <data:text/html,hello>`_ and a
   `relative link <other.html#other>`_.

   - [x] Right
     Because.
   - [ ] Wrong
     Because not.
"""


def test_links_that_run_code_are_left_out_with_a_warning(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    files = {
        "index.md": "# Book\n\n```{toctree}\nunsafe\nunsafe_rst\nother\n```\n",
        "unsafe.md": UNSAFE_MD,
        "unsafe_rst.rst": UNSAFE_RST,
        "other.md": "(other)=\n# Other\n\nText.\n",
    }
    built = build(files, conf='html_baseurl = "https://example.org/book/"\n', builder="quizbank")
    lines = fbss_lines(built)
    assert [re.sub(r"^.*/", "", line).split(": WARNING")[0] for line in lines] == [
        "unsafe.md:5",
        "unsafe.md:5",
        "unsafe_rst.rst:7",
        "unsafe_rst.rst:7",
    ]
    for line, scheme in zip(lines, ["javascript", "javascript", "javascript", "data"], strict=True):
        assert f"a {scheme}: link in question" in line
        assert line.endswith("[fbss_quiz.export-link]")
        assert "link to an http(s) or mailto address, or to a page of the book" in line
    for fmt, pieces in export_markup(built, tmp_path).items():
        everything = "\n".join(pieces).lower()
        assert "javascript" not in everything.replace(" ", "").replace("\t", ""), fmt
        assert "data:text" not in everything, fmt
        # The text stays, and so do the book's own links.
        assert "a raw link" in everything and "relative link" in everything, fmt
        assert "https://example.org/book/other.html" in everything, fmt


def test_a_picture_from_outside_the_book_stays_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "secret.png").write_bytes(PNG)
    src = tmp_path / "book"
    page = (
        "# Page\n\n:::{question}\n:id: outside\nWhat is this?\n\n"
        "![a secret](../secret.png)\n\n![a dot](dot.png)\n\n"
        "- [x] A dot\n  It is.\n- [ ] A line\n  It is not.\n:::\n"
    )
    write_project(src, {"index.md": page}, 'html_baseurl = "https://example.org/book/"\n')
    (src / "dot.png").write_bytes(PNG)
    built = run_build(src, "quizbank")
    assert fbss_lines(built) == [
        f"{src / 'index.md'}:7: WARNING: image '../secret.png' in question 'outside' is "
        "outside the source folder, so it is left out of the exports: move it into the "
        "source folder (next to conf.py or below) [fbss_quiz.export-image]"
    ]
    out = built.outdir
    with zipfile.ZipFile(out / "questions-qti.zip") as archive:
        assert sorted(n for n in archive.namelist() if n.startswith("images/")) == [
            "images/dot.png"
        ]
        assert all(archive.read(n) == PNG for n in archive.namelist() if "images/" in n)
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
        assert "secret.png" not in xml and "[a secret]" in xml
    with zipfile.ZipFile(out / "questions.apkg") as archive:
        assert list(json.loads(archive.read("media")).values()) == ["dot.png"]
    assert sorted(p.name for p in (out / "_images").iterdir()) == ["dot.png"]
    stem = bank_json(built)["questions"][0]["stem"]["html"]
    assert "secret.png" not in stem and "[a secret]" in stem
    assert "secret.png" not in (out / "questions.gift").read_text(encoding="utf-8")
