"""Author text is text: script-like payloads in every part of a question stay inert.

One rST project carries the payloads in the quiz title, the question id, the stem,
the option labels, the rationales, the explanation and a topic label. It is built
for the web (and driven in Chromium), for ePub and for plain text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import Built, run_build, write_project

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="alert(2)'
IMAGE = "<img src=x onerror=alert(3)>"
PAYLOADS = (SCRIPT, ATTRIBUTE, IMAGE)
ALL = " ".join(PAYLOADS)
QID = 'x" onmouseover="alert(4)'

INDEX_RST = f"""
XSS test
========

.. quiz:: Title {ALL}
   :topic: causes

   .. question::
      :id: {QID}

      Stem {ALL}

      - [ ] Label one {SCRIPT}
        Rationale one {IMAGE}
      - [x] Label two {ATTRIBUTE}
        Rationale two {SCRIPT}
      - [ ] Label three {IMAGE}
        Rationale three {ATTRIBUTE}

      Explanation {ALL}

   .. question::
      :id: plain-{"multi"}
      :type: multiple

      Second stem {ATTRIBUTE}

      - [x] Multi one {IMAGE}
        Multi rationale {SCRIPT}
      - [ ] Multi two {SCRIPT}
        Multi rationale two {ATTRIBUTE}

.. toctree::
   :hidden:

   progress
"""

#: The progress page is where topic labels are shown.
PROGRESS_RST = """
Progress
========

.. quiz-progress::
"""
TOPIC = "<script>alert(5)</script>"

CONF = """
html_theme = "furo"
# Keep '"' as typed: curly quotes would defuse the attribute payload by themselves.
smartquotes = False
fbss_quiz_topics = {"causes": "<script>alert(5)</script>"}
"""


def build_payload_project(root: Path, builder: str) -> Built:
    srcdir = root / builder
    write_project(srcdir, {"index.rst": INDEX_RST, "progress.rst": PROGRESS_RST}, conf=CONF)
    built = run_build(srcdir, builder)
    assert "Traceback" not in built.warnings, built.warnings
    assert "Exception" not in built.warnings, built.warnings
    return built


@pytest.fixture(scope="module")
def payload_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xss")


@pytest.fixture(scope="module")
def html_site(payload_root: Path) -> Built:
    return build_payload_project(payload_root, "html")


def test_html_has_no_live_payload(html_site: Built) -> None:
    html = html_site.page()
    assert "fbss-question" in html  # the questions were rendered, not left out
    assert html.count('class="fbss-question"') == 2
    assert "<script>alert" not in html
    assert "<img src=x" not in html and '<img src="x"' not in html
    assert 'onmouseover="' not in html
    # Escaped, the payloads are there as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html

    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert handlers == [], element
    for script in soup.find_all("script"):
        assert "alert" not in script.get_text(), script
    assert soup.find("img", src="x") is None
    # The id survives as the attribute's value, quotes and all, not as markup.
    question = soup.find("div", attrs={"data-fbss-id": QID})
    assert question is not None
    assert re.fullmatch(r"[A-Za-z0-9_-]+", str(question["id"])), question["id"]
    title = soup.select_one(".fbss-quiz-title")
    assert title is not None and title.get_text() == f"Title {ALL}"


def test_html_topic_label_is_text(html_site: Built) -> None:
    html = html_site.page("progress")
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert TOPIC in [th.get_text() for th in soup.select(".fbss-progress th")]
    for script in soup.find_all("script"):
        assert "alert" not in script.get_text(), script


@pytest.fixture
def payload_page(
    browser: Any, serve: Callable[..., str], html_site: Built
) -> Iterator[tuple[Any, list[str], list[str]]]:
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(5000)
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(serve(html_site.outdir) + "/index.html")
    yield page, dialogs, errors
    context.close()


def hover_everything(page: Any) -> int:
    hovered = 0
    for element in page.locator(".fbss-quiz, .fbss-quiz *").all():
        if element.is_visible():
            element.hover(force=True)
            hovered += 1
    return hovered


@pytest.mark.browser
def test_browser_runs_no_payload(payload_page: tuple[Any, list[str], list[str]]) -> None:
    from playwright.sync_api import expect

    page, dialogs, errors = payload_page
    question = page.locator(".fbss-question").first
    expect(question.get_by_role("button", name="Check answer")).to_be_visible()
    assert dialogs == [], "on load"

    # The payloads read as literal text, where the author wrote them.
    for payload in PAYLOADS:
        assert page.get_by_text(payload).count() >= 1, payload
    expect(page.get_by_text(f"Title {ALL}")).to_be_visible()
    expect(question.get_by_text(f"Stem {ALL}")).to_be_visible()
    # The options are shuffled (the default): lettered A, B, C in whatever order they came.
    labels = [label.text_content() or "" for label in question.locator(".fbss-label").all()]
    assert [label[:3] for label in labels] == ["A. ", "B. ", "C. "]
    assert sorted(label[3:] for label in labels) == sorted(
        [f"Label one {SCRIPT}", f"Label two {ATTRIBUTE}", f"Label three {IMAGE}"]
    )

    assert hover_everything(page) > 20
    assert dialogs == [], "after hovering"

    question.get_by_label("Label two").check()
    question.get_by_role("button", name="Check answer").click()
    expect(question.locator(".fbss-status")).to_contain_text("Correct.")
    # The options neither chosen nor correct fold under "Why not the others?".
    question.get_by_text("Why not the others?").click()
    expect(question.get_by_text(f"Rationale one {IMAGE}")).to_be_visible()
    expect(question.get_by_text(f"Rationale two {SCRIPT}")).to_be_visible()
    expect(question.get_by_text(f"Rationale three {ATTRIBUTE}")).to_be_visible()
    expect(question.get_by_text(f"Explanation {ALL}")).to_be_visible()

    second = page.locator(".fbss-question").nth(1)
    second.get_by_label("Multi two").check()
    second.get_by_role("button", name="Check answer").click()
    expect(second.locator(".fbss-status")).to_contain_text("Incorrect.")
    expect(page.locator(".fbss-score")).to_have_text("You got 1 of 2 right.")

    assert hover_everything(page) > 30
    assert dialogs == [], "after checking"

    question.get_by_role("button", name="Try again").click()
    expect(question.locator(".fbss-status")).to_have_text("")
    page.reload()  # restores the saved answer of the second question, keyed by id
    expect(second.locator(".fbss-status")).to_contain_text("Incorrect.")
    hover_everything(page)
    assert dialogs == [], "after trying again and reloading"

    page.goto(page.url.replace("index.html", "progress.html"))
    expect(page.get_by_text(TOPIC).first).to_be_visible()
    assert dialogs == [], "on the progress page"
    assert errors == []
    # The id with quotes is a plain part of the storage key.
    keys = page.evaluate("Object.keys(localStorage)")
    assert f"fbss-quiz:Quiz test:{QID}" in keys, keys


def test_epub_escapes_payloads(payload_root: Path) -> None:
    built = build_payload_project(payload_root, "epub")
    xhtml = built.page()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xhtml
    assert "&lt;img src=x onerror=alert(3)&gt;" in xhtml
    assert "<script>alert" not in xhtml
    assert 'onmouseover="' not in xhtml
    tree = ET.fromstring(xhtml.encode("utf-8"))
    tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
    assert "script" not in tags
    assert "img" not in tags
    for element in tree.iter():
        handlers = [name for name in element.attrib if name.rsplit("}", 1)[-1].startswith("on")]
        assert handlers == [], (element.tag, element.attrib)
    # The static rendering is there: stem, answer key and explanation.
    text = "".join(tree.itertext())
    assert f"Stem {ALL}" in text
    assert f"Explanation {ALL}" in text
    assert f"Label two {ATTRIBUTE}" in text


def test_text_keeps_payloads_as_text(payload_root: Path) -> None:
    built = build_payload_project(payload_root, "text")
    text = " ".join(built.page().split())  # the text writer wraps long lines
    for payload in PAYLOADS:
        assert payload in text, payload
    assert f"Stem {ALL}" in text
    assert f"Rationale two {SCRIPT}" in text
    assert f"Explanation {ALL}" in text
