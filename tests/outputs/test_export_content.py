"""Whatever a page can hold, a question can hold, and every export carries it:
figures and tables with captions, math, code with a caption, admonitions,
footnotes, citations (sphinxcontrib-bibtex), glossary terms and sphinx-design's
dropdowns, tabs and cards."""

from __future__ import annotations

import base64
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from bs4 import BeautifulSoup
from test_exports import (
    PUBLISHED,
    QTI,
    SITE,
    anki_notes,
    bank_json,
    gift_unescape,
    parse_gift,
    qti_items,
    text_of,
)

from conftest import Built, run_build, write_project

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)

CONF = (
    PUBLISHED
    + """
extensions += ["sphinx_design", "sphinxcontrib.bibtex"]
myst_enable_extensions += ["dollarmath"]
bibtex_bibfiles = ["refs.bib"]
"""
)

BIB = """
@article{smith_2020,
  author = {Smith, Ann},
  title = {A study of scars},
  journal = {Spine},
  year = {2020},
}
"""

RICH = """
(rich)=
# Rich

::::::{question}
:id: rich
:topic: causes
A stem with $x^2$ inline, the term {term}`fibrosis`, a citation {cite}`smith_2020`,
a footnote[^note] and {download}`the handout <handout.txt>`.

```{figure} dot.png
:alt: A dot

The figure caption
```

```{table} The table caption
| Level | Finding |
|---|---|
| L4 | Scar |
```

$$
E = mc^2
$$

```{code-block} python
:caption: The code caption

print("scar")
```

```{note}
The admonition body
```

:::{dropdown} The dropdown title
The dropdown body
:::

::::{tab-set}
:::{tab-item} Tab one
The first tab
:::
:::{tab-item} Tab two
The second tab
:::
::::

:::{card} The card title
The card body
:::

- [x] Right
  Because it is.
- [ ] Wrong
  Because it is not.

The explanation.
::::::

[^note]: The footnote text.
"""

FILES = {
    "index.md": "# Book\n\n```{toctree}\nquiz\nglossary\nrefs\n```\n",
    "quiz.md": RICH,
    "glossary.md": "# Glossary\n\n```{glossary}\nfibrosis\n  Scar tissue.\n```\n",
    "refs.md": "# References\n\n```{bibliography}\n```\n",
    "refs.bib": BIB,
}

#: What the stem shows, in the order it shows it.
TEXTS = [
    "The figure caption",
    "The table caption",
    "L4",
    "E = mc^2",
    "The code caption",
    'print("scar")',
    "The admonition body",
    "The dropdown title",
    "The dropdown body",
    "The first tab",
    "The second tab",
    "The card title",
    "The card body",
]


def plain(markup: str) -> str:
    """The text of ``markup`` as read (code's highlighting spans joined)."""
    return " ".join(BeautifulSoup(markup, "html.parser").get_text().split())


def build_rich(tmp_path: Path) -> Built:
    src = tmp_path / "rich"
    write_project(src, FILES, CONF)
    (src / "dot.png").write_bytes(PNG)
    (src / "handout.txt").write_text("Take it home.\n")
    return run_build(src, "quizbank")


def test_every_kind_of_content_reaches_every_export(tmp_path: Path) -> None:
    built = build_rich(tmp_path)
    assert built.warnings == ""
    out = built.outdir
    (question,) = bank_json(built)["questions"]
    stem = question["stem"]["html"]
    soup = BeautifulSoup(stem, "html.parser")
    text = plain(stem)
    for expected in TEXTS:
        assert expected in text, expected
    # Math as MathJax's delimiters, which Moodle's filter, Canvas and Anki read.
    assert r"\(x^2\)" in text and r"\[E = mc^2\]" in text
    assert soup.find("figcaption") and soup.find("caption") and soup.find("details")
    # No permalink marks in an LMS.
    assert "headerlink" not in stem and "¶" not in text
    # Links lead to the published book: the term, the citation, the footnote.
    links = {a.get_text(" ", strip=True): a["href"] for a in soup.find_all("a", href=True)}
    assert links["fibrosis"].startswith(f"{SITE}glossary.html#term-")
    assert links["Smi20"].startswith(f"{SITE}refs.html#")
    assert links["[1]"].startswith(f"{SITE}quiz.html#")
    assert re.fullmatch(rf"{SITE}_downloads/\w+/handout\.txt", links["the handout"])
    assert all(href.startswith(SITE) for href in links.values()), links

    # GIFT: Moodle reads the same stem.
    (gift,) = parse_gift(out / "questions.gift")
    assert text_of(gift_unescape(gift.text)) == text_of(stem)
    # QTI: well-formed XML holding the same stem, the picture in the package.
    (item,) = qti_items(out / "questions-qti.zip").values()
    qti_stem = item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext") or ""
    assert text_of(qti_stem) == text_of(stem)
    assert 'src="%24IMS-CC-FILEBASE%24/images/dot.png"' in qti_stem
    with zipfile.ZipFile(out / "questions-qti.zip") as archive:
        assert archive.read("images/dot.png") == PNG
        for name in archive.namelist():
            if name.endswith(".xml"):
                ET.fromstring(archive.read(name))
    # Anki: the same stem on the front, the picture in the media.
    ((_, fields, _),) = anki_notes(out / "questions.apkg", tmp_path)
    front = fields.split("\x1f")[0]
    for expected in TEXTS:
        assert expected in plain(front), expected
    with zipfile.ZipFile(out / "questions.apkg") as archive:
        assert list(json.loads(archive.read("media")).values()) == ["dot.png"]
