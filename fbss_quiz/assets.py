"""The JavaScript and CSS that readers download: prebuilt bundles, copied as they are.

A page loads one script and one stylesheet holding only the parts it uses: the core
(quizzes and choice questions) plus ``ngn`` (Next Generation NCLEX items), ``progress``
(the progress table), ``practice`` (the practice queue) and ``exam`` (exam mode) where
the page has them. The bundle's name lists its parts (``fbss_quiz.js``,
``fbss_quiz_ngn.js``, ``fbss_quiz_ngn_progress.js``, ...).

The package ships every combination, minified, in ``static/bundles/``: they are made from
the readable sources in ``static/src/`` by ``tools/build_assets.py`` (which the nox lint
session runs with ``--check``), not at build time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

BUNDLE_DIR = Path(__file__).parent / "static" / "bundles"
#: The optional parts, in the order their names are joined.
PARTS = ("ngn", "progress", "practice", "exam")


def bundle_name(parts: set[str] | frozenset[str]) -> str:
    """``fbss_quiz`` plus the page's parts, e.g. ``fbss_quiz_ngn``."""
    return "_".join(["fbss_quiz", *(p for p in PARTS if p in parts)])


def write_bundles(target: Path) -> Path:
    """The shipped bundles in ``target``. A file whose bytes are already there is not
    rewritten, so an incremental build does not copy it again."""
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(BUNDLE_DIR.glob("fbss_quiz*")):
        out = target / source.name
        if not out.is_file() or out.read_bytes() != source.read_bytes():
            shutil.copyfile(source, out)
    return target
