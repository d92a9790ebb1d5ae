"""The JavaScript and CSS that readers download: each page's file made of prebuilt chunks.

A page downloads one script and one stylesheet holding only what it uses. Both are made
of *chunks*, which the package ships prebuilt and minified in ``static/chunks/`` (built
from the readable sources in ``static/src/`` by ``tools/build_assets.py``, which the nox
lint session runs with ``--check``): the core (quizzes and choice questions), one chunk
per other item kind (``matrix``, ``cloze``, ...), the case's chart, the progress table,
the practice queue, exam mode and the blueprint's tables, and two helpers that kinds
share (``marks``: the marks that grading puts on an item's parts; ``grid``). The build
only concatenates the chunks a page needs, in the order of :data:`CHUNKS` (a chunk after
those it builds on): no minifying at build time. A file's name lists the chunks it holds
after the core, e.g. ``fbss_quiz_marks_matrix.js`` and ``fbss_quiz_marks_grid.css`` for
a page with a matrix (``fbss_quiz.js``: the core alone): the same chunks give the same
file in any build, parallel or incremental, and pages that need the same code share it
(and the browser's cache of it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CHUNK_DIR = Path(__file__).parent / "static" / "chunks"
PREFIX = "fbss_quiz"


@dataclass(frozen=True)
class Chunk:
    """One prebuilt piece of a page's script and style sheet."""

    #: The modules (below ``static/src``) whose code the chunk brings: the core's
    #: ``start``, a kind's module (registered by its name), a part's ``wire*`` function
    #: or a helper's shared module.
    js: tuple[str, ...] = ()
    css: tuple[str, ...] = ()
    #: The chunks it builds on; they come before it in a page's file.
    needs: tuple[str, ...] = ()


#: Every chunk, in the order a page's file holds them (each after those it needs). An
#: item kind's chunk has the kind's name (``data-fbss-item``'s ``kind``); the core holds
#: the choice kind.
CHUNKS: dict[str, Chunk] = {
    "core": Chunk(js=("main.js", "kinds/choice.js"), css=("core.css",)),
    "marks": Chunk(js=("feedback.js",), css=("marks.css",), needs=("core",)),
    "grid": Chunk(css=("grid.css",), needs=("core",)),
    "matrix": Chunk(js=("kinds/matrix.js",), needs=("marks", "grid")),
    "bowtie": Chunk(js=("kinds/bowtie.js",), css=("kinds/bowtie.css",), needs=("marks",)),
    "cloze": Chunk(js=("kinds/cloze.js",), css=("kinds/cloze.css",), needs=("marks",)),
    "dropdown_rationale": Chunk(js=("kinds/dropdown_rationale.js",), needs=("cloze",)),
    "dropdown_table": Chunk(
        js=("kinds/dropdown_table.js",), css=("kinds/dropdown_table.css",), needs=("cloze", "grid")
    ),
    "highlight": Chunk(js=("kinds/highlight.js",), css=("kinds/highlight.css",), needs=("marks",)),
    "ordering": Chunk(js=("kinds/ordering.js",), css=("kinds/ordering.css",), needs=("marks",)),
    "select_n": Chunk(js=("kinds/select_n.js",), needs=("core",)),
    "trend": Chunk(js=("kinds/trend.js",), css=("kinds/trend.css",), needs=("core",)),
    "case": Chunk(css=("case.css",), needs=("core",)),
    "progress": Chunk(js=("progress.js",), css=("progress.css",), needs=("core",)),
    "practice": Chunk(js=("practice.js",), css=("practice.css",), needs=("core",)),
    "exam": Chunk(js=("exam.js",), css=("exam.css",), needs=("core",)),
    # Every file holds the core (its name does not say so): a blueprint's page without a
    # quiz gets the core's style sheet too, as before the chunks, and no script.
    "blueprint": Chunk(css=("blueprint.css",), needs=("core",)),
}


def chunk_files(name: str) -> list[str]:
    """The files that the chunk ``name`` ships: ``name.js`` and/or ``name.css``."""
    chunk = CHUNKS[name]
    return [f"{name}{ext}" for ext, parts in ((".js", chunk.js), (".css", chunk.css)) if parts]


def chunks_for(uses: Iterable[str]) -> list[str]:
    """The chunks that a page using ``uses`` (chunk names; others are ignored: a kind
    that the core holds) needs, with those they build on, in the order of CHUNKS."""
    wanted: set[str] = set()
    todo = [name for name in uses if name in CHUNKS]
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(CHUNKS[name].needs)
    return [name for name in CHUNKS if name in wanted]


def bundle_name(chunks: Iterable[str], ext: str) -> str:
    """The name of the file that holds the ``ext`` (``.js``, ``.css``) of ``chunks``:
    ``fbss_quiz`` and the chunks after the core that have such a file, e.g.
    ``fbss_quiz_marks_grid``."""
    listed = set(chunks)
    held = (n for n in CHUNKS if n in listed and n != "core" and f"{n}{ext}" in chunk_files(n))
    return "_".join([PREFIX, *held]) + ext


@cache
def _chunk_bytes(filename: str) -> bytes:
    return (CHUNK_DIR / filename).read_bytes()


def _write(path: Path, data: bytes) -> None:
    """``data`` in ``path`` unless it is there already; written whole, then renamed, so
    that parallel writers of the same file never leave half of it."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def chunks_named(filename: str) -> list[str] | None:
    """The chunks that the file ``filename`` holds, read back from its name (``None`` if
    it is not such a name)."""
    stem, dot, ext = filename.rpartition(".")
    if not dot or (stem != PREFIX and not stem.startswith(PREFIX + "_")):
        return None
    rest, found = stem[len(PREFIX) + 1 :], ["core"]
    for name in CHUNKS:  # in the order names are written
        if rest == name or rest.startswith(name + "_"):
            found.append(name)
            rest = rest[len(name) + 1 :]
    if rest or bundle_name(found, "." + ext) != filename:
        return None
    return found


def refresh_bundles(static_dir: Path) -> None:
    """Rewrite the page files that an earlier build left in ``static_dir`` from the chunks
    shipped now: an incremental build after an upgrade does not rewrite every page, and
    the pages it leaves must not load the old code."""
    for path in sorted(static_dir.glob(PREFIX + "*")):
        chunks = chunks_named(path.name)
        if chunks is not None and path.suffix in (".js", ".css"):
            pieces = [f"{c}{path.suffix}" for c in chunks if f"{c}{path.suffix}" in chunk_files(c)]
            _write(path, b"".join(_chunk_bytes(p) for p in pieces))


def write_bundle(
    static_dir: Path, uses: Iterable[str], exts: tuple[str, ...] = (".js", ".css")
) -> dict[str, str]:
    """The page's script and style sheet (of ``exts``) in ``static_dir``, made of the
    chunks it needs; by extension, the names of the files it has."""
    chunks = chunks_for(uses)
    written = {}
    for ext in exts:
        pieces = [f"{c}{ext}" for c in chunks if f"{c}{ext}" in chunk_files(c)]
        if pieces:
            filename = bundle_name(chunks, ext)
            _write(static_dir / filename, b"".join(_chunk_bytes(p) for p in pieces))
            written[ext] = filename
    return written
