"""The JavaScript and CSS that readers download, bundled per page.

``static/`` keeps readable, commented sources: ``core.js``/``core.css`` for every
page with a quiz element, and parts that only some pages need (``ngn`` for Next
Generation NCLEX items, ``progress`` for the progress table). A page loads one
script and one stylesheet: the core with its parts spliced into the core's closure
at the ``@parts`` line, minified. The bundle's name lists its parts
(``fbss_quiz.js``, ``fbss_quiz_ngn.js``, ``fbss_quiz_ngn_progress.js``, ...).
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import rcssmin
from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print

STATIC_DIR = Path(__file__).parent / "static"
#: The optional parts, in the order they are spliced in.
PARTS = ("ngn", "progress")
PARTS_SLOT = "  // @parts\n"


def bundle_name(parts: set[str] | frozenset[str]) -> str:
    """``fbss_quiz`` plus the page's parts, e.g. ``fbss_quiz_ngn``."""
    return "_".join(["fbss_quiz", *(p for p in PARTS if p in parts)])


def _sources() -> dict[str, str]:
    """Every source file's text, by name, read once per bundling."""
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(STATIC_DIR.iterdir())
        if p.suffix in (".js", ".css")
    }


def minify_js(text: str) -> str:
    # calmjs.parse also renames the closure's local names (rjsmin only strips space):
    # a tenth fewer gzipped bytes, which keeps the heaviest page under 6 KB.
    return str(minify_print(es5(text), obfuscate=True, drop_semi=True))


def bundle(parts: tuple[str, ...], sources: dict[str, str]) -> dict[str, str]:
    """The minified ``.js`` and ``.css`` for a page that needs ``parts``."""
    core = sources["core.js"]
    if PARTS_SLOT not in core:
        raise RuntimeError(f"core.js lost its {PARTS_SLOT.strip()!r} line")
    js = core.replace(PARTS_SLOT, "".join(sources[f"{p}.js"] for p in parts), 1)
    css = "".join(sources[f"{name}.css"] for name in ("core", *parts))
    name = bundle_name(set(parts))
    return {f"{name}.js": minify_js(js), f"{name}.css": rcssmin.cssmin(css)}


def _combinations() -> list[tuple[str, ...]]:
    return [c for n in range(len(PARTS) + 1) for c in itertools.combinations(PARTS, n)]


def all_bundles(sources: dict[str, str] | None = None) -> dict[str, str]:
    """Every combination of parts: a few kilobytes each, and no page is left out."""
    sources = sources if sources is not None else _sources()
    out: dict[str, str] = {}
    for parts in _combinations():
        out.update(bundle(parts, sources))
    return out


def write_bundles(target: Path) -> Path:
    """The bundles in ``target``. Minifying takes a fraction of a second, so it runs
    only when the sources change (a stamp of their hash), and files are rewritten
    only when their text changes, so an incremental build does not copy them again."""
    target.mkdir(parents=True, exist_ok=True)
    sources = _sources()
    digest = hashlib.sha256("".join(k + v for k, v in sources.items()).encode()).hexdigest()
    stamp = target / ".sources"
    names = [f"{bundle_name(set(c))}{ext}" for c in _combinations() for ext in (".js", ".css")]
    fresh = stamp.is_file() and stamp.read_text(encoding="utf-8") == digest
    if fresh and all((target / name).is_file() for name in names):
        return target
    for name, text in all_bundles(sources).items():
        out = target / name
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            out.write_text(text, encoding="utf-8")
    stamp.write_text(digest, encoding="utf-8")
    return target
