"""The bundles readers download (fbss_quiz/assets.py): every combination of parts is
written once, kept while the sources are unchanged, and restored when one goes missing."""

from __future__ import annotations

import os
from pathlib import Path

from fbss_quiz.assets import bundle_name, write_bundles


def test_bundle_names_list_the_parts_in_a_fixed_order() -> None:
    assert bundle_name(set()) == "fbss_quiz"
    assert bundle_name({"progress", "ngn"}) == "fbss_quiz_ngn_progress"


def test_bundles_are_written_once_and_restored_when_missing(tmp_path: Path) -> None:
    write_bundles(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == [
        f"{stem}{ext}"
        for stem in ("fbss_quiz", "fbss_quiz_ngn", "fbss_quiz_ngn_progress", "fbss_quiz_progress")
        for ext in (".css", ".js")
    ]
    core = tmp_path / "fbss_quiz.js"
    os.utime(core, (0, 0))  # an incremental build must not touch (and recopy) it
    write_bundles(tmp_path)
    assert core.stat().st_mtime == 0
    (tmp_path / "fbss_quiz_ngn.css").unlink()
    write_bundles(tmp_path)
    assert (tmp_path / "fbss_quiz_ngn.css").read_text(encoding="utf-8").startswith(".fbss-")
    assert core.stat().st_mtime == 0  # unchanged text is not rewritten
