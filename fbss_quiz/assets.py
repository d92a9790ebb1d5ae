"""The JavaScript and CSS that readers download: the core, and each page's extras made of
prebuilt chunks.

Every quiz page loads the *core* (quizzes and choice questions), ``fbss_quiz.js`` and
``fbss_quiz.css``: the same two files on every page, which the browser caches once for
the whole site. A page that uses more (another item kind, a case, the progress table,
the practice queue, exam mode, the blueprint's tables) loads it after the core as one
more pair of files, the *extras*, or two: the item kinds with their helpers (``marks``,
``grid``) and the case's chart form one group, the learning loop (progress, practice,
exam, blueprint) the other. Split so because every kind and every part of the loop
together would exceed the budget of 6 KB gzipped per pair of files (bench/run.py);
each group with everything it can hold stays under it (tests/extension/test_assets.py).

Files are made of *chunks*, which the package ships prebuilt and minified in
``static/chunks/`` (built from the readable sources in ``static/src/`` by
``tools/build_assets.py``, which the nox lint session runs with ``--check``). The build
only concatenates a group's chunks that a page needs, in the order of :data:`CHUNKS` (a
chunk after those it builds on): no minifying at build time. A file's name lists the
chunks it holds, e.g. ``fbss_quiz_marks_matrix.js`` and ``fbss_quiz_marks_grid.css``
for a page with a matrix (``fbss_quiz.js``: the core): the same chunks give the same
file in any build, parallel or incremental, and pages that need the same code share it
(and the browser's cache of it). The core's script tag says how many chunk scripts the
page's extras bring (:func:`chunk_scripts`): the core wires the page once they have all
run (static/src/main.js).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CHUNK_DIR = Path(__file__).parent / "static" / "chunks"
PREFIX = "fbss_quiz"
#: The groups of chunks, each a file of its own on a page, in the order pages load them.
CORE, KINDS, LOOP = "core", "kinds", "loop"
GROUPS = (CORE, KINDS, LOOP)


@dataclass(frozen=True)
class Chunk:
    """One prebuilt piece of a page's script and style sheet."""

    #: The modules (below ``static/src``) whose code the chunk brings: the core's
    #: ``start``, a kind's module (registered by its name), a part's ``wire*`` function
    #: or a helper's shared module.
    js: tuple[str, ...] = ()
    css: tuple[str, ...] = ()
    #: The chunks it builds on; they come before it in a page's files.
    needs: tuple[str, ...] = ()
    #: The file it goes into: the core's own (:data:`CORE`), the item kinds' (with
    #: their helpers and the case) or the learning loop's (:data:`LOOP`).
    group: str = "kinds"


#: Every chunk, in the order a page's file holds them (each after those it needs). An
#: item kind's chunk has the kind's name (``data-fbss-item``'s ``kind``); the core holds
#: the choice kind.
CHUNKS: dict[str, Chunk] = {
    "core": Chunk(js=("main.js", "kinds/choice.js"), css=("core.css",), group=CORE),
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
    "progress": Chunk(js=("progress.js",), css=("progress.css",), needs=("core",), group=LOOP),
    "practice": Chunk(js=("practice.js",), css=("practice.css",), needs=("core",), group=LOOP),
    "exam": Chunk(js=("exam.js",), css=("exam.css",), needs=("core",), group=LOOP),
    # A blueprint's page without a quiz gets the core's style sheet too, as before the
    # chunks, and no script.
    "blueprint": Chunk(css=("blueprint.css",), needs=("core",), group=LOOP),
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
    """The name of the file that holds the ``ext`` (``.js``, ``.css``) of ``chunks`` (one
    group's): ``fbss_quiz`` and the chunks other than the core that have such a file,
    e.g. ``fbss_quiz_marks_grid``; the core's is ``fbss_quiz``."""
    listed = set(chunks)
    held = (n for n in CHUNKS if n in listed and n != "core" and f"{n}{ext}" in chunk_files(n))
    return "_".join([PREFIX, *held]) + ext


def grouped(chunks: Iterable[str]) -> list[list[str]]:
    """``chunks`` by the file they go into, in the order of GROUPS (groups without a
    chunk left out)."""
    listed = set(chunks)
    by_group = [[n for n in CHUNKS if n in listed and CHUNKS[n].group == g] for g in GROUPS]
    return [group for group in by_group if group]


def _pieces(chunks: Iterable[str], ext: str) -> list[str]:
    """The chunk files of ``chunks`` with the extension ``ext``, in order."""
    return [f"{c}{ext}" for c in chunks if f"{c}{ext}" in chunk_files(c)]


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
    """The chunks that the file ``filename`` holds (of one group), read back from its
    name (``None`` if it is not such a name)."""
    stem, dot, ext = filename.rpartition(".")
    if not dot or (stem != PREFIX and not stem.startswith(PREFIX + "_")):
        return None
    if stem == PREFIX:
        return ["core"]
    rest, found = stem[len(PREFIX) + 1 :], []
    for name in CHUNKS:  # in the order names are written
        if rest == name or rest.startswith(name + "_"):
            found.append(name)
            rest = rest[len(name) + 1 :]
    if rest or len(grouped(found)) != 1 or bundle_name(found, "." + ext) != filename:
        return None
    return found


def refresh_bundles(static_dir: Path) -> None:
    """Rewrite the page files that an earlier build left in ``static_dir`` from the chunks
    shipped now: an incremental build after an upgrade does not rewrite every page, and
    the pages it leaves must not load the old code."""
    for path in sorted(static_dir.glob(PREFIX + "*")):
        chunks = chunks_named(path.name)
        if chunks is not None and path.suffix in (".js", ".css"):
            pieces = _pieces(chunks, path.suffix)
            if pieces:
                _write(path, b"".join(_chunk_bytes(p) for p in pieces))


def page_files(
    uses: Iterable[str], exts: tuple[str, ...] = (".js", ".css")
) -> dict[str, list[str]]:
    """By extension, the names of the files (of ``exts``) that a page using ``uses``
    loads, in order: the core's, then its extras (one file per group)."""
    groups = grouped(chunks_for(uses))
    return {
        ext: [bundle_name(group, ext) for group in groups if _pieces(group, ext)] for ext in exts
    }


def chunk_scripts(uses: Iterable[str]) -> int:
    """How many chunk scripts the extras of a page using ``uses`` bring (each tells the
    core it has run: static/src/chunk.js)."""
    return len(_pieces((c for c in chunks_for(uses) if c != "core"), ".js"))


def write_bundle(
    static_dir: Path, uses: Iterable[str], exts: tuple[str, ...] = (".js", ".css")
) -> dict[str, list[str]]:
    """The page's scripts and style sheets (of ``exts``) in ``static_dir``, made of the
    chunks it needs; by extension, the names of the files it loads, in order."""
    written: dict[str, list[str]] = {}
    for group in grouped(chunks_for(uses)):
        for ext in exts:
            pieces = _pieces(group, ext)
            if pieces:
                filename = bundle_name(group, ext)
                _write(static_dir / filename, b"".join(_chunk_bytes(p) for p in pieces))
                written.setdefault(ext, []).append(filename)
    return written
