"""Quality gates on every page of the real manual, not on a sample.

- axe-core on every HTML page, in light and dark mode, before and after answering
  every question: zero violations;
- the Nu HTML Checker (``vnu-jar`` from npm) on every page, errors only: zero errors
  from the manual's and the extension's markup (third-party errors are allowlisted
  below, each with its reason);
- every internal link (``href``/``src``, with its ``#fragment``) of the website and of
  the ePub resolves to a file and an id that exist.

EPUBCheck's "0 messages" gate lives in ``test_manual.py``.
"""

from __future__ import annotations

import json
import posixpath
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, java_available, missing_tool, serve_directory

pytestmark = pytest.mark.slow

DOCS = ROOT / "docs"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: Every page of the website: one per source file, plus Sphinx's own index and search
#: pages. ``test_every_built_page_is_checked`` proves this list misses none.
PAGES = sorted({p.stem for p in DOCS.glob("*.md")} | {"genindex", "search"})


@pytest.fixture(scope="module")
def manual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The manual built as in ``nox -s docs`` (HTML, then ePub from the same doctrees)."""
    base = tmp_path_factory.mktemp("quality")
    for builder in ("html", "epub"):
        command = [sys.executable, "-m", "sphinx", "-b", builder, "-W", "--keep-going", "-n"]
        command += ["-d", str(base / "doctrees"), str(DOCS), str(base / builder)]
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 0, f"sphinx-build -b {builder} failed:\n{done.stderr}"
    return base


@pytest.fixture(scope="module")
def site(manual: Path) -> Iterator[str]:
    yield from serve_directory(manual / "html")


def built_pages(manual: Path) -> list[str]:
    html = manual / "html"
    return sorted(p.relative_to(html).with_suffix("").as_posix() for p in html.rglob("*.html"))


def test_every_built_page_is_checked(manual: Path) -> None:
    assert built_pages(manual) == PAGES


# --- axe-core --------------------------------------------------------------------------

#: The rule sets of ``test_browser.py``: WCAG 2.0-2.2 A and AA, and best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
#: As in ``test_browser.py``: furo puts its "View this page" link and theme toggle
#: (``.content-icon-container``) outside every landmark, which axe reports as the
#: best-practice rule "region". That is furo's markup.
AXE_CONTEXT = {"exclude": [[".content-icon-container"]]}

#: Violations that come from third-party markup: (rule, a piece of the offending
#: element's HTML, reason). Only these elements are let off for only these rules;
#: anything in the quiz's markup (``fbss-``) never is.
AXE_THIRD_PARTY = [
    (
        "landmark-unique",
        '<aside class="sidebar-drawer">',
        "furo's page template has two <aside> landmarks (navigation and 'On this page') "
        "with no accessible name to tell them apart",
    ),
    (
        "page-has-heading-one",
        '<html class="" lang="en" data-content_root="./">',
        "furo's search page (search.html) has no <h1>",
    ),
]


def third_party(rule: str, html: str) -> bool:
    if "fbss-" in html:
        return False
    return any(rule == r and piece in html for r, piece, _ in AXE_THIRD_PARTY)


#: Answer every visible question (the first option, then Check answer), so that axe
#: also sees the feedback, rationales, explanations and quiz scores.
ANSWER_EVERY_QUESTION = """() => {
    let answered = 0;
    for (const q of document.querySelectorAll('.fbss-question')) {
        const check = q.querySelector('.fbss-check');
        const input = q.querySelector('.fbss-option input');
        if (!check || !input || check.offsetParent === null) continue;
        input.click();
        check.click();
        answered += 1;
    }
    return answered;
}"""


def run_axe(page: Any) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=AXE_CONTEXT, options=AXE_OPTIONS)
    violations = []
    for violation in results.response["violations"]:
        nodes = [n for n in violation["nodes"] if not third_party(violation["id"], n["html"])]
        if nodes:
            violations.append({**violation, "nodes": nodes})
    return violations


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"      {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


def body_luminance(page: Any) -> float:
    rgb = page.evaluate(
        "getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).slice(0, 3)"
    )
    return sum(float(c) for c in rgb) / (3 * 255)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_on_every_page(browser: Any, site: str, name: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{site}/{name}.html", wait_until="load")
        # furo follows the reader's colour scheme: prove that this run sees it.
        luminance = body_luminance(page)
        assert (luminance < 0.3) if scheme == "dark" else (luminance > 0.7), luminance
        found = {"on load": run_axe(page)}
        if page.evaluate(ANSWER_EVERY_QUESTION):
            found["after answering every question"] = run_axe(page)
        report = [f"{when}:\n{describe(v)}" for when, v in found.items() if v]
        assert not report, f"{name}.html, {scheme} mode\n" + "\n".join(report)
        assert errors == []
    finally:
        context.close()


#: Elements of the page's main text that reach past the right edge of the window, except
#: inside containers that scroll on purpose (code, wide docutils tables, NGN grids).
OVERFLOWING = """() => {
  const out = [];
  for (const el of document.querySelectorAll("article *")) {
    if (el.closest(".table-wrapper, .fbss-scroll, .fbss-chart, pre, .highlight")) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > window.innerWidth + 1) out.push(el.tagName + "." + el.className);
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 320])
def test_every_page_fits_a_phone_screen(browser: Any, site: str, width: int) -> None:
    """WCAG reflow: nothing is cut off or needs sideways scrolling at phone widths,
    before or after answering (rationales and marks appear then)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        wide = {}
        for name in PAGES:
            page.goto(f"{site}/{name}.html", wait_until="load")
            page.evaluate(ANSWER_EVERY_QUESTION)
            if found := page.evaluate(OVERFLOWING):
                wide[name] = found[:5]
        assert wide == {}
    finally:
        context.close()


# --- the Nu HTML Checker --------------------------------------------------------------------

#: Errors that come from third-party markup, each with its reason. Matched on the
#: message and a piece of the offending source; never add our own markup here.
NU_ALLOWLIST: list[tuple[str, str, str]] = [
    # None needed: the manual drops its toctree caption, whose <p role="heading"> Sphinx
    # writes without aria-level.
]


def allowlisted(message: dict) -> bool:
    return any(
        message.get("message") == text and piece in message.get("extract", "")
        for text, piece, _ in NU_ALLOWLIST
    )


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_a_keyboard_user_reaches_a_chapters_first_question_in_five_tabs(
    browser: Any, site: str, width: int
) -> None:
    """It took 48 Tabs (issue 15): the page's "Skip to the quiz" link comes first now. The
    reader presses Tab, and Enter on a link that says where it goes."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{site}/causes.html", wait_until="load")
        first = page.locator(".fbss-question").first.locator(".fbss-options input").first
        tabs = 0
        while not first.evaluate("(el) => el === document.activeElement") and tabs < 5:
            page.keyboard.press("Tab")
            tabs += 1
            if page.evaluate("document.activeElement.textContent") == "Skip to the quiz":
                page.keyboard.press("Enter")
        assert first.evaluate("(el) => el === document.activeElement"), page.evaluate(
            "document.activeElement.outerHTML"
        )
        assert tabs <= 5
        # What has the focus comes into sight (the theme scrolls smoothly), not under the
        # theme's header.
        from playwright.sync_api import expect

        expect(first).to_be_in_viewport(ratio=1)
        box = first.bounding_box()
        header = page.evaluate("document.querySelector('.mobile-header').offsetHeight")
        assert box is not None and header <= box["y"], (header, box)
    finally:
        context.close()


def test_nu_html_checker_on_every_page(manual: Path) -> None:
    if not java_available():
        missing_tool("Java (for the Nu HTML Checker)", "apt-get install default-jre-headless")
    if not VNU_JAR.exists():
        missing_tool("The Nu HTML Checker (vnu-jar)", "run `npm ci --omit=dev` in the project root")
    pages = [str(manual / "html" / f"{name}.html") for name in PAGES]
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert all(m["type"] in {"error", "non-document-error", "info"} for m in messages)
    errors = [m for m in messages if m["type"] != "info" and not allowlisted(m)]
    lines = [
        f"{Path(urlsplit(m.get('url', '')).path).name}:{m.get('lastLine', '?')}: "
        f"{m['message']}  [{m.get('extract', '').strip()[:120]}]"
        for m in errors
    ]
    assert not lines, "\n".join(lines)


# --- internal links ------------------------------------------------------------------------

OPF = "http://www.idpf.org/2007/opf"
NCX = "http://www.daisy.org/z3986/2005/ncx/"
LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


def ids_of(soup: BeautifulSoup) -> set[str]:
    ids = {str(tag["id"]) for tag in soup.find_all(id=True)}
    return ids | {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}


def links_of(soup: BeautifulSoup) -> Iterator[str]:
    for tag, attribute in LINK_ATTRIBUTES.items():
        for element in soup.find_all(tag, attrs={attribute: True}):
            yield str(element[attribute])


def broken_links(files: dict[str, bytes]) -> list[str]:
    """Links between ``files`` (posix path -> content) whose file or #id is missing."""
    soups = {
        name: BeautifulSoup(data, "html.parser")
        for name, data in files.items()
        if name.endswith((".html", ".xhtml"))
    }
    ids = {name: ids_of(soup) for name, soup in soups.items()}
    broken = []
    for name, soup in soups.items():
        for link in links_of(soup):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # external: not this gate's business (the manual has none)
            target = name
            if parts.path:
                target = posixpath.normpath(
                    posixpath.join(posixpath.dirname(name), unquote(parts.path))
                )
                if link.endswith("/"):
                    target = posixpath.join(target, "index.html")
            if target not in files:
                broken.append(f"{name}: {link} (no file {target})")
            elif parts.fragment and target in ids and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{name}: {link} (no id {parts.fragment!r} in {target})")
    return broken


def test_every_internal_link_of_the_website_resolves(manual: Path) -> None:
    html = manual / "html"
    files = {p.relative_to(html).as_posix(): p.read_bytes() for p in html.rglob("*") if p.is_file()}
    assert broken_links(files) == []


def test_every_internal_link_of_the_epub_resolves(manual: Path) -> None:
    book = next((manual / "epub").glob("*.epub"))
    with zipfile.ZipFile(book) as epub:
        files = {name: epub.read(name) for name in epub.namelist()}
    assert broken_links(files) == []
    # The package and the NCX point at files of the book too.
    opf = ElementTree.fromstring(files["content.opf"])
    hrefs = [item.get("href", "") for item in opf.iter(f"{{{OPF}}}item")]
    missing = [href for href in hrefs if unquote(href) not in files]
    ncx = ElementTree.fromstring(files["toc.ncx"])
    for content in ncx.iter(f"{{{NCX}}}content"):
        source = urlsplit(content.get("src", ""))
        target_ids = ids_of(BeautifulSoup(files.get(source.path, b""), "html.parser"))
        if source.path not in files or (source.fragment and source.fragment not in target_ids):
            missing.append(content.get("src", ""))
    assert hrefs and missing == []


def test_the_link_checker_finds_broken_links() -> None:
    """The two link gates above could not fail if the checker saw nothing."""
    files = {
        "a.html": b'<p id="here"><a href="b.html#nowhere">x</a> <a href="c.html">y</a>'
        b'<a href="#here">z</a> <a href="#gone">w</a> <img src="_images/pic.png"></p>',
        "b.html": b'<h1 id="top">B</h1>',
        "_images/pic.png": b"",
    }
    assert broken_links(files) == [
        "a.html: b.html#nowhere (no id 'nowhere' in b.html)",
        "a.html: c.html (no file c.html)",
        "a.html: #gone (no id 'gone' in a.html)",
    ]
