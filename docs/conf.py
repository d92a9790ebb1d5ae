"""Sphinx configuration for the open manual on Failed Back Surgery Syndrome."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "Failed Back Surgery Syndrome: an open manual"
author = "The FBSS manual team"
copyright = "2026, The FBSS manual team"
version = release = "0.1"
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "fbss_quiz",
    "markup_fixes",
]

root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
templates_path: list[str] = []

# -- MyST -------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline", "dollarmath"]
myst_heading_anchors = 3


class _WithoutMystSettingsDump(logging.Filter):
    """MyST logs its whole settings object at the start of every build: a screen-wide line
    that a newcomer reads as an error. Its warnings and errors still show."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.INFO or "MdParserConfig(" not in record.getMessage()


_myst_log = logging.getLogger("sphinx.myst_parser.sphinx_ext.main")
# conf.py runs once per build (a new class each time); a process that builds several
# times adds the filter once.
if not any(type(f).__name__ == "_WithoutMystSettingsDump" for f in _myst_log.filters):
    _myst_log.addFilter(_WithoutMystSettingsDump())

# -- Citations ----------------------------------------------------------------
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "author_year"

# -- Quizzes ------------------------------------------------------------------
fbss_quiz_topics = {
    "definition": "What FBSS is",
    "causes": "Causes",
    "symptoms": "Symptoms",
    "assessment": "Assessment",
    "treatments": "Treatments",
    "red-flags": "Red flags",
    "nursing": "Nursing care",
    "self-management": "Living with FBSS",
}
fbss_quiz_require_rationale = True
# Every item-writing check of fbss_quiz (AUTHORING.md, "Item review") warns, so that a
# `-W` build fails on a cue a test-wise student could use.
fbss_quiz_item_review = True
# GIFT and QTI cannot hold the case studies' matrix, highlight, ordering and bow-tie
# items; the quizbank log still counts what each file leaves out.
suppress_warnings = ["fbss_quiz.export-unsupported"]

# -- HTML ---------------------------------------------------------------------
# Where the manual is published. Read the Docs gives each build its own address
# (domain, language, version) in READTHEDOCS_CANONICAL_URL; elsewhere, as in
# `nox -s quizbank`, the address of the latest version. Sphinx writes it as every
# page's canonical link, and the quizbank export's links to the manual's pages are
# absolute with it, so that they work from Moodle, Canvas and Anki.
PUBLISHED_URL = "https://fbss-manual.readthedocs.io/en/latest/"
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or PUBLISHED_URL
html_theme = "furo"
html_title = "FBSS: an open manual"
html_static_path = ["_static"]
html_css_files = ["manual.css"]  # the manual's own small fixes (not fbss_quiz's)
html_favicon = "_static/favicon.svg"
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
DESCRIPTION = (
    "A plain-language open manual on Failed Back Surgery Syndrome (persistent spinal "
    "pain syndrome type 2) for patients, families and nursing students, with self-check "
    "quizzes."
)
# Sphinx has no site-wide meta tags; MyST adds these to every (MyST) page.
myst_html_meta = {"description": DESCRIPTION}
# A calm teal palette; every pair keeps WCAG AA contrast on furo's backgrounds.
html_theme_options = {
    "light_css_variables": {
        "color-brand-primary": "#0b5e62",
        "color-brand-content": "#0b5e62",
        "color-brand-visited": "#5b3f86",
    },
    "dark_css_variables": {
        "color-brand-primary": "#7fd3d0",
        "color-brand-content": "#7fd3d0",
        "color-brand-visited": "#c9b3ee",
    },
}

# -- ePub ---------------------------------------------------------------------
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_language = language
# EPUB requires the identifier to be an XML NCName and to equal the unique id.
epub_uid = "fbss-open-manual-2026"
epub_identifier = epub_uid
epub_scheme = "URL"
epub_description = DESCRIPTION
epub_cover = ("_static/cover.png", "")
# docs/_build/epub/fbss-manual.epub (the default is the project name without spaces).
epub_basename = "fbss-manual"
epub_show_urls = "footnote"
epub_use_index = False
epub_tocdup = False
# The root toctree is hidden on the web front page (furo shows it in the sidebar).
epub_tocscope = "includehidden"
