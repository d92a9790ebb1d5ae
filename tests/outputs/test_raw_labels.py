"""Raw HTML in titles and labels is text, the same in every output.

MyST turns ``<b>x</b>`` into raw HTML nodes. In an option label, a matrix row or
column, a cloze choice or a bow-tie choice, that markup was text on some parts of
the web page, live markup elsewhere (a script-capable ``<img onerror>`` in the
label, the JSON export, Anki, the ePub) and made the ePub's XHTML malformed.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup

from fbss_quiz.diagnostics import Subtype

from conftest import Built

BOLD = "<b>bold</b>"
IMAGE = "<img src=x onerror=alert(1)>"

# "<<" marks each line that must carry one raw-html warning.
PAGE = f"""
# Raw HTML in labels

::::{{quiz}} Quiz {BOLD} <<
:::{{question}}
:id: single
Stem?

- [x] Right {BOLD} <<
  Because.
- [ ] Wrong {IMAGE} <<
  Not.
:::
::::

:::{{question}}
:id: matrix
:type: matrix
Which?

columns: Yes {BOLD} | No <<

- [Yes {BOLD}] Row {IMAGE} <<
  R.
- [No] Row two
  R.
:::

:::{{question}}
:id: cloze
:type: cloze
Pick [[1]].

[[1]]
- [x] good {BOLD} <<
  G.
- [ ] bad {IMAGE} <<
  B.
:::

:::{{question}}
:id: bowtie
:type: bowtie
A client.

Condition:
- [x] C1 {BOLD} <<
  a.
- [ ] C2
  b.
Actions:
- [x] A1
  a.
- [x] A2
  a.
- [ ] A3
  a.
Monitor:
- [x] M1
  a.
- [x] M2
  a.
- [ ] M3 {IMAGE} <<
  a.
:::
"""

CONF = 'suppress_warnings = ["fbss_quiz.export-unsupported"]\n'


def page_and_lines() -> tuple[str, list[int]]:
    lines = PAGE.lstrip("\n").splitlines()
    marked = [i for i, line in enumerate(lines, 1) if line.endswith(" <<")]
    return "\n".join(line.removesuffix(" <<") for line in lines) + "\n", marked


def raw_warning_lines(built: Built, name: str) -> list[int]:
    found = [w for w in built.warnings.splitlines() if f"[fbss_quiz.{Subtype.RAW_HTML}]" in w]
    others = [w for w in built.warnings.splitlines() if w and w not in found]
    assert others == [], others
    return sorted(int(m[1]) for w in found if (m := re.search(rf"{name}:(\d+): WARNING", w)))


@pytest.fixture
def project(build: Callable[..., Built]) -> Callable[[str], Built]:
    text, _ = page_and_lines()
    return lambda builder: build({"index.md": text}, conf=CONF, builder=builder)


def test_each_raw_label_warns_once_at_its_line(project: Callable[[str], Built]) -> None:
    built = project("html")
    assert raw_warning_lines(built, "index.md") == page_and_lines()[1]


def test_web_page_shows_raw_html_in_labels_as_text(project: Callable[[str], Built]) -> None:
    soup = BeautifulSoup(project("html").page(), "html.parser")
    article = soup.select_one(".body") or soup
    assert article.find_all(["b", "img"]) == []
    text = article.get_text()
    for label in (f"Right {BOLD}", f"Wrong {IMAGE}", f"Row {IMAGE}", f"M3 {IMAGE}", f"Quiz {BOLD}"):
        assert label in text, label
    assert f"Yes {BOLD}" in soup.select_one(".fbss-grid th[scope=col] + th").get_text()


def test_epub_stays_well_formed_with_labels_as_text(project: Callable[[str], Built]) -> None:
    built = project("epub")
    root = ET.fromstring(built.page().encode("utf-8"))  # raises on malformed XHTML
    xhtml = "{http://www.w3.org/1999/xhtml}"
    assert list(root.iter(f"{xhtml}img")) == [] and list(root.iter(f"{xhtml}b")) == []
    text = "".join(root.itertext())
    for label in (f"Right {BOLD}", f"Wrong {IMAGE}", f"good {BOLD}", f"C1 {BOLD}", f"Row {IMAGE}"):
        assert label in text, label


def test_json_export_carries_labels_as_escaped_text(project: Callable[[str], Built]) -> None:
    built = project("quizbank")
    bank = json.loads((built.outdir / "questions.json").read_text(encoding="utf-8"))
    fields = [
        field
        for question in bank["questions"]
        for part in (question["options"], question.get("groups", []))
        for item in part
        for field in (item.get("html", ""), (item.get("label") or {}).get("html", ""))
    ]
    assert not [f for f in fields if "<b>" in f or "<img" in f]
    assert "Right &lt;b&gt;bold&lt;/b&gt;" in fields
    assert "Row &lt;img src=x onerror=alert(1)&gt;" in fields
    assert "M3 &lt;img src=x onerror=alert(1)&gt;" in fields


def test_rst_raw_role_in_a_label_is_text_too(build: Callable[..., Built]) -> None:
    text = (
        "Page\n====\n\n.. role:: raw-html(raw)\n   :format: html\n\n.. question::\n"
        "   :id: q\n\n   Stem?\n\n   - [x] Right :raw-html:`<b>bold</b>`\n     r\n"
        "   - [ ] Wrong\n     r\n"
    )
    built = build({"index.rst": text})
    assert raw_warning_lines(built, "index.rst") == [12]
    soup = BeautifulSoup(built.page(), "html.parser")
    option = soup.select_one(".fbss-question .fbss-label")
    assert option.find("b") is None and BOLD in option.get_text()
