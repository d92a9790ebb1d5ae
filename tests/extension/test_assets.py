"""What readers download (fbss_quiz/assets.py): the core's script and style sheet, and
each page's extras, made by concatenating the shipped, prebuilt chunks it uses (one
file per group); none over 6 KB gzipped; the chunks are built from the sources
(tools/build_assets.py --check), written once, kept while unchanged, and restored when
one goes missing or differs."""

from __future__ import annotations

import gzip
import importlib.util
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from fbss_quiz.assets import (
    CHUNK_DIR,
    CHUNKS,
    GROUPS,
    bundle_name,
    chunk_files,
    chunk_scripts,
    chunks_for,
    chunks_named,
    grouped,
    page_files,
    refresh_bundles,
    write_bundle,
)

from conftest import ROOT

TOOLS = ROOT / "tools"

NAMES = sorted(f for name in CHUNKS for f in chunk_files(name))


def test_a_page_gets_the_chunks_it_uses_with_those_they_build_on_in_order() -> None:
    assert chunks_for({"core"}) == ["core"]
    assert chunks_for({"core", "choice"}) == ["core"]  # the core holds the choice kind
    assert chunks_for({"exam", "matrix", "progress"}) == [
        "core",
        "marks",
        "grid",
        "matrix",
        "progress",
        "exam",
    ]
    assert chunks_for({"dropdown_table"}) == ["core", "marks", "grid", "cloze", "dropdown_table"]
    assert chunks_for({"blueprint"}) == ["core", "blueprint"]


def test_file_names_list_the_chunks_they_hold() -> None:
    assert page_files({"core"}) == {".js": ["fbss_quiz.js"], ".css": ["fbss_quiz.css"]}
    # The core's pair first, the same on every page; then the kinds', then the loop's.
    assert page_files({"progress", "matrix", "exam"}) == {
        ".js": ["fbss_quiz.js", "fbss_quiz_marks_matrix.js", "fbss_quiz_progress_exam.js"],
        ".css": ["fbss_quiz.css", "fbss_quiz_marks_grid.css", "fbss_quiz_progress_exam.css"],
    }
    assert chunk_scripts({"progress", "matrix", "exam"}) == 4  # marks, matrix, progress, exam
    assert chunk_scripts({"core"}) == 0
    # A kind without style of its own shares the core's style sheet (and its cache).
    assert page_files({"select_n"}) == {
        ".js": ["fbss_quiz.js", "fbss_quiz_select_n.js"],
        ".css": ["fbss_quiz.css"],
    }
    assert bundle_name(["marks", "grid", "matrix"], ".css") == "fbss_quiz_marks_grid.css"


def _gz(data: bytes) -> int:
    """As bench/run.py weighs a file."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def test_no_file_pair_a_page_can_load_exceeds_6_kb_gzipped() -> None:
    """The budget (issue 15; bench/run.py's page weight): every pair of files a page can
    load, a .js with its .css, at most 6 KB gzipped. A group's largest pair holds every
    chunk of the group; any page's pair of that group holds fewer."""
    for group in grouped(CHUNKS):
        size = sum(
            _gz(
                b"".join(
                    (CHUNK_DIR / f"{c}{ext}").read_bytes()
                    for c in group
                    if f"{c}{ext}" in chunk_files(c)
                )
            )
            for ext in (".js", ".css")
        )
        assert size <= 6 * 1024, (group, size)
    assert [CHUNKS[g[0]].group for g in grouped(CHUNKS)] == list(GROUPS)


def test_the_package_ships_every_chunk_minified() -> None:
    assert sorted(p.name for p in CHUNK_DIR.iterdir()) == NAMES
    for name in NAMES:
        text = (CHUNK_DIR / name).read_text(encoding="utf-8")
        assert text.startswith("(()=>{" if name.endswith(".js") else (".fbss-", "@media")), name
        assert "\n" not in text.strip() and "/*" not in text, f"{name} is not minified"


def test_the_core_holds_nothing_only_an_exam_needs() -> None:
    """Every quiz page loads the core: an exam's starting blank after Back or reload (a
    second clearing when the page is shown) is the exam chunk's, as are its buttons."""
    core = (CHUNK_DIR / "core.js").read_text(encoding="utf-8")
    exam = (CHUNK_DIR / "exam.js").read_text(encoding="utf-8")
    for name in ("pageshow", "fbss-submit"):
        assert name not in core and name in exam, name


def test_a_chunk_takes_the_core_s_code_from_the_core() -> None:
    """A kind's chunk holds the kind, not the scorer of the core, which it reads from the
    core's hooks (a chunk with its own copy would cost its pages again); only the small
    helpers without state are copied (tools/build_assets.py's COPIED)."""
    core = (CHUNK_DIR / "core.js").read_text(encoding="utf-8")
    matrix = (CHUNK_DIR / "matrix.js").read_text(encoding="utf-8")
    assert "all-or-nothing" in core and "all-or-nothing" not in matrix
    assert "fbss-mark" not in core and "fbss-mark" in (CHUNK_DIR / "marks.js").read_text("utf-8")
    assert "fbss-quiz-chunk" in matrix and '"matrix"' in matrix


def test_a_page_file_is_its_chunks_written_once_and_restored(tmp_path: Path) -> None:
    uses = {"core", "matrix", "exam"}
    files = {
        ".js": ["fbss_quiz.js", "fbss_quiz_marks_matrix.js", "fbss_quiz_exam.js"],
        ".css": ["fbss_quiz.css", "fbss_quiz_marks_grid.css", "fbss_quiz_exam.css"],
    }
    assert write_bundle(tmp_path, uses) == files
    for ext, names in files.items():
        for name in names:
            chunks = chunks_named(name)
            assert chunks is not None and set(chunks) <= set(chunks_for(uses)), name
            expected = b"".join((CHUNK_DIR / f"{c}{ext}").read_bytes() for c in chunks)
            assert (tmp_path / name).read_bytes() == expected
    script, style = tmp_path / files[".js"][1], tmp_path / files[".css"][2]
    os.utime(script, (0, 0))  # an incremental build must not touch (and rewrite) it
    write_bundle(tmp_path, uses)
    assert script.stat().st_mtime == 0
    script.write_text("stale", encoding="utf-8")
    style.unlink()
    write_bundle(tmp_path, uses)
    assert script.read_bytes().startswith(b"(()=>{") and style.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(files[".js"] + files[".css"])
    # A blueprint alone needs its style, not the quizzes' script.
    assert write_bundle(tmp_path, {"blueprint"}, (".css",)) == {
        ".css": ["fbss_quiz.css", "fbss_quiz_blueprint.css"]
    }


def test_a_file_name_gives_back_its_chunks_and_an_upgrade_rewrites_old_files(
    tmp_path: Path,
) -> None:
    """An incremental build does not rewrite unchanged pages: the files they load, left
    by the last build, are made anew from the chunks shipped now (builder-inited)."""
    uses = {"dropdown_rationale", "dropdown_table", "select_n", "exam"}
    files = write_bundle(tmp_path, uses)
    for ext, names in files.items():
        for name, group in zip(names, grouped(chunks_for(uses)), strict=True):
            held = [c for c in group if f"{c}{ext}" in chunk_files(c)]
            assert chunks_named(name) == held, name
    assert chunks_named("fbss_quiz.js") == ["core"]
    assert chunks_named("fbss_quiz_nosuch.js") is None
    assert chunks_named("fbss_quiz_exam_matrix.js") is None  # not in the order written
    assert chunks_named("fbss_quiz_matrix_exam.js") is None  # two groups: never one file
    assert chunks_named("other.js") is None
    script = tmp_path / files[".js"][1]
    fresh = script.read_bytes()
    script.write_bytes(b"(()=>{})();")  # what an older version shipped
    (tmp_path / "fbss_quiz_theirs.js").write_text("kept", encoding="utf-8")
    refresh_bundles(tmp_path)
    assert script.read_bytes() == fresh
    assert (tmp_path / "fbss_quiz_theirs.js").read_text(encoding="utf-8") == "kept"


def _build_assets() -> ModuleType:
    """tools/build_assets.py, imported (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("build_assets", TOOLS / "build_assets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_chunks_are_built_from_the_sources() -> None:
    """A source edited without `python tools/build_assets.py` would ship stale code."""
    assert _build_assets().stale() == []


def test_a_stale_or_edited_chunk_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _build_assets()
    static = tmp_path / "static"
    shutil.copytree(CHUNK_DIR.parent, static)
    monkeypatch.setattr(tool, "SRC", static / "src")
    monkeypatch.setattr(tool, "BUNDLES", static / "chunks")
    monkeypatch.setattr(tool, "MANIFEST", static / "manifest.json")
    assert tool.stale() == []
    with (static / "src" / "kinds" / "cloze.js").open("a", encoding="utf-8") as source:
        source.write("// edited\n")
    (static / "src" / "kinds" / "new.js").write_text("// a new kind\n", encoding="utf-8")
    (static / "chunks" / "core.css").write_text(".fbss-x{}", encoding="utf-8")
    (static / "chunks" / "matrix.js").unlink()
    (static / "chunks" / "fbss_quiz_ngn.js").write_text("(()=>{})();", encoding="utf-8")
    assert tool.stale() == [
        "source changed since the last build: static/src/kinds/cloze.js",
        "source added since the last build: static/src/kinds/new.js",
        "chunk differs from the one built: static/chunks/core.css",
        "chunk not made by this tool: static/chunks/fbss_quiz_ngn.js",
        "chunk missing: static/chunks/matrix.js",
    ]


def test_a_changed_import_changes_the_recipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which names a chunk takes from the core is part of how the chunks are made: a
    kind that imports one more shared function needs a rebuild even if the check only
    compared the recipe."""
    tool = _build_assets()
    static = tmp_path / "static"
    shutil.copytree(CHUNK_DIR.parent, static)
    monkeypatch.setattr(tool, "SRC", static / "src")
    before = tool.recipe()
    matrix = static / "src" / "kinds" / "matrix.js"
    matrix.write_text(
        matrix.read_text(encoding="utf-8").replace(
            'import { scoreItem } from "../scoring.js";',
            'import { missing, scoreItem } from "../scoring.js";',
        ),
        encoding="utf-8",
    )
    assert tool.recipe() != before
