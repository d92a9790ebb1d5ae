"""The bundles readers download (fbss_quiz/assets.py): the shipped, prebuilt bundles are
built from the sources (tools/build_assets.py --check), copied once, kept while unchanged,
and restored when one goes missing or differs."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from fbss_quiz.assets import BUNDLE_DIR, bundle_name, write_bundles

from conftest import ROOT

TOOLS = ROOT / "tools"

NAMES = sorted(
    f"fbss_quiz{ngn}{progress}{practice}{exam}{ext}"
    for ngn in ("", "_ngn")
    for progress in ("", "_progress")
    for practice in ("", "_practice")
    for exam in ("", "_exam")
    for ext in (".css", ".js")
)


def test_bundle_names_list_the_parts_in_a_fixed_order() -> None:
    assert bundle_name(set()) == "fbss_quiz"
    assert bundle_name({"progress", "ngn"}) == "fbss_quiz_ngn_progress"
    assert bundle_name({"exam", "ngn", "progress"}) == "fbss_quiz_ngn_progress_exam"
    assert bundle_name({"practice", "progress", "ngn"}) == "fbss_quiz_ngn_progress_practice"


def test_the_package_ships_every_combination_minified() -> None:
    assert sorted(p.name for p in BUNDLE_DIR.iterdir()) == NAMES
    for name in NAMES:
        text = (BUNDLE_DIR / name).read_text(encoding="utf-8")
        assert text.startswith("(()=>{" if name.endswith(".js") else ".fbss-"), name
        assert "\n" not in text.strip() and "/*" not in text, f"{name} is not minified"


def test_bundles_are_copied_once_and_restored_when_missing_or_changed(tmp_path: Path) -> None:
    write_bundles(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == NAMES
    for name in NAMES:
        assert (tmp_path / name).read_bytes() == (BUNDLE_DIR / name).read_bytes()
    core = tmp_path / "fbss_quiz.js"
    os.utime(core, (0, 0))  # an incremental build must not touch (and recopy) it
    write_bundles(tmp_path)
    assert core.stat().st_mtime == 0
    (tmp_path / "fbss_quiz_ngn.css").unlink()
    (tmp_path / "fbss_quiz_progress.js").write_text("stale", encoding="utf-8")
    write_bundles(tmp_path)
    assert (tmp_path / "fbss_quiz_ngn.css").read_text(encoding="utf-8").startswith(".fbss-")
    assert (tmp_path / "fbss_quiz_progress.js").read_bytes() == (
        BUNDLE_DIR / "fbss_quiz_progress.js"
    ).read_bytes()
    assert core.stat().st_mtime == 0  # unchanged bytes are not rewritten


def _build_assets() -> ModuleType:
    """tools/build_assets.py, imported (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("build_assets", TOOLS / "build_assets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_bundles_are_built_from_the_sources() -> None:
    """A source edited without `python tools/build_assets.py` would ship stale code."""
    assert _build_assets().stale() == []


def test_a_stale_or_edited_bundle_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _build_assets()
    static = tmp_path / "static"
    shutil.copytree(BUNDLE_DIR.parent, static)
    monkeypatch.setattr(tool, "SRC", static / "src")
    monkeypatch.setattr(tool, "BUNDLES", static / "bundles")
    monkeypatch.setattr(tool, "MANIFEST", static / "manifest.json")
    assert tool.stale() == []
    with (static / "src" / "kinds" / "cloze.js").open("a", encoding="utf-8") as source:
        source.write("// edited\n")
    (static / "src" / "kinds" / "new.js").write_text("// a new kind\n", encoding="utf-8")
    (static / "bundles" / "fbss_quiz.css").write_text(".fbss-x{}", encoding="utf-8")
    (static / "bundles" / "fbss_quiz_ngn.js").unlink()
    assert tool.stale() == [
        "source changed since the last build: static/src/kinds/cloze.js",
        "source added since the last build: static/src/kinds/new.js",
        "bundle differs from the one built: static/bundles/fbss_quiz.css",
        "bundle missing: static/bundles/fbss_quiz_ngn.js",
    ]
