"""Build the browser chunks that the package ships, or check that they are fresh.

    npm ci                                 # once: esbuild and typescript (devDependencies)
    python tools/build_assets.py           # type-check the sources, build, minify
    python tools/build_assets.py --check   # the shipped chunks are those of the sources

The sources are ES modules and style sheets in ``fbss_quiz/static/src/`` (``// @ts-check``,
JSDoc types). A page loads the core's script and style sheet (the same on every quiz
page), then one or two more pairs, each the concatenation of the *chunks* of a group that
it uses (fbss_quiz/assets.py's ``CHUNKS``: one per item kind, the parts, the helpers).
This tool bundles and minifies every chunk with esbuild into
``fbss_quiz/static/chunks/<chunk>.js/.css``; the extension only concatenates them.

A chunk's script is one IIFE. A module belongs to the first chunk that reaches it, and a
later chunk that imports it gets, in its place, a stand-in that reads the names it
imports from the core's hooks, where the chunk that owns the module put them, each under
a short key that the tool gives it (``keys``: it writes both sides, so this one table's
property names may be short); only a few small modules without state (``COPIED``)
are bundled into each chunk that uses them instead. Every chunk after the core starts with
chunk.js, which asks the core (whose script ran before) for its hooks by a document
event: no globals; the event also counts the chunks that have run, and the core wires
the page once all of the page's have.

``manifest.json`` beside the chunks' folder holds the sha256 of every source, of the
recipe (esbuild's version in package-lock.json, its options, the chunks' entries) and
of every chunk. ``--check`` (the nox ``lint`` session runs it) recomputes them without
npm, so a source edited without a rebuild, or a chunk edited by hand, fails the lint.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from fbss_quiz.assets import CHUNKS, chunk_files, chunks_for  # noqa: E402

STATIC = ROOT / "fbss_quiz" / "static"
SRC = STATIC / "src"
BUNDLES = STATIC / "chunks"
MANIFEST = STATIC / "manifest.json"
BIN = ROOT / "node_modules" / ".bin"

#: Modern browsers only (the stylesheet already needs :has and :is).
ESBUILD_OPTIONS = ("--bundle", "--minify", "--target=es2020", "--legal-comments=none")
#: The part chunks' functions that the core calls (main.js's Hooks).
HOOKS = {"progress": "wireProgress", "practice": "wirePractice", "exam": "wireExam"}
#: What every chunk after the core starts with.
JOIN = "chunk.js"
#: Small modules without state that each chunk bundles its own copy of (tree-shaken to
#: what it uses), where that costs fewer bytes than handing their functions over
#: (measured: choices.js copied into the matrix and bow-tie chunks saves a chunk on
#: matrix pages; the practice queue's and the progress table's own functions of
#: schedule.js and storage.js stay out of the core). dom.js is handed over: -120 B on a
#: page with every kind, +13 B on a page of choice questions.
COPIED = frozenset({"choices.js", "schedule.js", "storage.js"})
IMPORT = re.compile(r'^import\s+(?P<what>[^;]+?)\s+from\s+"(?P<path>[^"]+)";', re.M)

Imports = dict[str, dict[str, set[str]]]


def imports_of(module: str) -> dict[str, set[str]]:
    """The modules that ``module`` imports (paths below ``static/src``) and the names it
    imports from each (``default`` for a default import)."""
    found: dict[str, set[str]] = {}
    text = (SRC / module).read_text(encoding="utf-8")
    for match in IMPORT.finditer(text):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(module), match["path"]))
        what = match["what"].strip()
        names = found.setdefault(target, set())
        if what.startswith("{"):
            names.update(n.split(" as ")[0].strip() for n in what.strip("{} ").split(","))
        elif what.startswith("*"):
            sys.exit(f"static/src/{module}: import * is not supported across chunks")
        else:
            names.add("default")
    return found


def plan() -> tuple[dict[str, list[str]], dict[str, str], Imports]:
    """Which modules each chunk owns; who owns each module; and, for each module that a
    later chunk imports, the names imported, by importing chunk."""
    owned: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    shared: Imports = {}
    for name, chunk in CHUNKS.items():
        below = set(chunks_for(chunk.needs))
        mine: list[str] = []
        todo = list(chunk.js) + ([JOIN] if name != "core" and chunk.js else [])
        while todo:
            module = todo.pop(0)
            if module in mine:
                continue
            if module in owner and module not in COPIED:
                sys.exit(f"static/src/{module}: in chunks {owner[module]!r} and {name!r}")
            mine.append(module)
            for target, names in imports_of(module).items():
                if target in owner and target not in COPIED:  # a module of an earlier chunk
                    if owner[target] not in below:
                        sys.exit(
                            f"static/src/{module} imports {target} of chunk "
                            f"{owner[target]!r}, which chunk {name!r} does not need"
                        )
                    shared.setdefault(target, {}).setdefault(name, set()).update(names)
                elif target not in mine:
                    todo.append(target)
        owned[name] = mine
        owner.update({m: name for m in mine if m != JOIN and m not in COPIED})
    return owned, owner, shared


def published(shared: Imports) -> dict[str, list[str]]:
    """The names of each shared module that its chunk publishes: all that others import."""
    return {m: sorted(set().union(*by.values())) for m, by in sorted(shared.items())}


def keys(names: dict[str, list[str]]) -> dict[tuple[str, str], str]:
    """A short key in the core's hooks for each published (module, name): the tool writes
    both sides, so the property names of this one table may be short."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    pairs = [(m, n) for m, ns in names.items() for n in ns]
    return {pair: letters[i % 52] * (1 + i // 52) for i, pair in enumerate(pairs)}


def publish_code(modules: list[str], names: dict[str, list[str]]) -> tuple[list[str], str]:
    """Import the published names of ``modules`` (owned by this chunk) under local names;
    return the import lines and the object literal of them by key."""
    key = keys(names)
    lines, fields = [], []
    for k, module in enumerate(m for m in modules if m in names):
        alias = {n: f"p{k}_{i}" for i, n in enumerate(names[module])}
        inner = ", ".join(f"{n} as {a}" for n, a in alias.items())
        lines.append(f'import {{ {inner} }} from "./{module}";')
        fields += [f"{key[module, n]}: {a}" for n, a in alias.items()]
    return lines, "{ " + ", ".join(fields) + " }"


def entry_js(name: str, owned: list[str], names: dict[str, list[str]]) -> str:
    """The entry module of chunk ``name``: publish what later chunks import from it, then
    start the page (the core), register a kind, or fill a part's slot."""
    chunk = CHUNKS[name]
    lines, table = publish_code(owned, names)
    if name == "core":
        lines += ['import { start } from "./main.js";', 'import choice from "./kinds/choice.js";']
        return "\n".join([*lines, f"start([choice], {table});", ""])
    lines.insert(0, f'import {{ core }} from "./{JOIN}";')
    if table != "{  }":
        lines.append(f"Object.assign(core, {table});")
    module = chunk.js[0]
    if module.startswith("kinds/"):
        lines += [f'import kind from "./{module}";', "core.kinds.set(kind.name, kind);"]
    elif name in HOOKS:
        lines += [f'import {{ {HOOKS[name]} }} from "./{module}";', f"core.{name} = {HOOKS[name]};"]
    return "\n".join([*lines, ""])


def stand_in(module: str, imported: list[str], names: dict[str, list[str]]) -> str:
    """What a chunk's import of another chunk's module resolves to: the names read from
    the core's hooks, where that chunk published them (by their keys)."""
    key = keys(names)
    up = "../" * (len(PurePosixPath(module).parts) - 1) or "./"
    lines = [f'import {{ core }} from "{up}{JOIN}";']
    plain = [f"{key[module, n]}: {n}" for n in imported if n != "default"]
    if plain:
        lines.append(f"export const {{ {', '.join(plain)} }} = core;")
    if "default" in imported:
        lines.append(f"export default core.{key[module, 'default']};")
    return "\n".join([*lines, ""])


def entries() -> dict[str, tuple[str, dict[str, str], str]]:
    """Per chunk: its script's entry, the stand-ins its build puts in place of other
    chunks' modules, and its style sheet's entry ("" where it has none)."""
    owned, _owner, shared = plan()
    names = published(shared)
    result = {}
    for name, chunk in CHUNKS.items():
        js = entry_js(name, owned[name], names) if chunk.js else ""
        stand_ins = {
            m: stand_in(m, sorted(by[name]), names) for m, by in shared.items() if name in by
        }
        css = "".join(f'@import "./{path}";\n' for path in chunk.css)
        result[name] = (js, dict(sorted(stand_ins.items())), css)
    return result


def sources() -> dict[str, str]:
    """sha256 of every source file, by its path below ``static/src``."""
    return {
        p.relative_to(SRC).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(SRC.rglob("*"))
        if p.is_file()
    }


def esbuild_version() -> str:
    """The esbuild that package-lock.json pins (read without npm, for ``--check``)."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"]["node_modules/esbuild"]["version"])


def recipe() -> str:
    """sha256 of how the chunks are made: a changed option or entry needs a rebuild."""
    text = json.dumps(
        {"esbuild": esbuild_version(), "options": ESBUILD_OPTIONS, "entries": entries()},
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        sys.exit(f"{path} is missing: run `npm ci` first (it installs the devDependencies)")
    return str(path)


def esbuild(entry: str, loader: str, cwd: Path) -> bytes:
    run = subprocess.run(
        [tool("esbuild"), *ESBUILD_OPTIONS, f"--loader={loader}"]
        + (["--format=iife"] if loader == "js" else []),
        input=entry.encode(),
        cwd=cwd,  # the entry's imports are relative to the sources
        capture_output=True,
    )
    if run.returncode != 0:
        sys.exit(run.stderr.decode(errors="replace"))
    return run.stdout


def build_js(entry: str, stand_ins: dict[str, str]) -> bytes:
    """A chunk's script, built in a copy of the sources whose other chunks' modules are
    stand-ins."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "src"
        shutil.copytree(SRC, tree)
        for module, text in stand_ins.items():
            (tree / module).write_text(text, encoding="utf-8")
        return esbuild(entry, "js", tree)


def type_check() -> None:
    """What ``// @ts-check`` promises: tsc over every module, strict, without emitting."""
    files = [str(p) for p in sorted(SRC.rglob("*.js"))]
    options = ["--noEmit", "--allowJs", "--checkJs", "--strict", "--skipLibCheck"]
    options += ["--target", "es2020", "--module", "es2020", "--moduleResolution", "bundler"]
    options += ["--lib", "es2020,dom,dom.iterable"]
    run = subprocess.run([tool("tsc"), *options, *files], cwd=ROOT, capture_output=True)
    if run.returncode != 0:
        sys.exit("tsc found type errors:\n" + (run.stdout + run.stderr).decode(errors="replace"))


def build() -> None:
    type_check()
    chunks = {}
    for name, (js, stand_ins, css) in entries().items():
        if js:
            chunks[f"{name}.js"] = build_js(js, stand_ins)
        if css:
            chunks[f"{name}.css"] = esbuild(css, "css", SRC)
    BUNDLES.mkdir(exist_ok=True)
    for stale_file in set(p.name for p in BUNDLES.iterdir()) - set(chunks):
        path = BUNDLES / stale_file
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for name, data in chunks.items():
        path = BUNDLES / name
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    manifest = {
        "about": "written by tools/build_assets.py; checked by its --check (nox -s lint)",
        "recipe": recipe(),
        "sources": sources(),
        "chunks": {n: hashlib.sha256(d).hexdigest() for n, d in sorted(chunks.items())},
    }
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    for name, data in sorted(chunks.items()):
        print(f"{name}: {len(data)} bytes, {len(gzip.compress(data, 9))} gzipped")


def stale() -> list[str]:
    """What makes the shipped chunks differ from a rebuild now (empty: fresh)."""
    if not MANIFEST.is_file():
        return [f"{MANIFEST.relative_to(ROOT)} is missing"]
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    problems = []
    old, new = manifest.get("sources", {}), sources()
    for name in sorted(set(old) | set(new)):
        if old.get(name) != new.get(name):
            what = "added" if name not in old else "removed" if name not in new else "changed"
            problems.append(f"source {what} since the last build: static/src/{name}")
    if manifest.get("recipe") != recipe():
        problems.append("the recipe changed (esbuild's version, its options or the entries)")
    expected = {f for name in CHUNKS for f in chunk_files(name)}
    shipped = {p.name: p for p in BUNDLES.iterdir()} if BUNDLES.is_dir() else {}
    listed = manifest.get("chunks", {})
    for name in sorted(expected | set(shipped) | set(listed)):
        path = shipped.get(name)
        if name not in expected:
            problems.append(f"chunk not made by this tool: static/chunks/{name}")
        elif path is None:
            problems.append(f"chunk missing: static/chunks/{name}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != listed.get(name):
            problems.append(f"chunk differs from the one built: static/chunks/{name}")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="verify the chunks are fresh (no npm needed)"
    )
    args = parser.parse_args(argv)
    if not args.check:
        build()
        return 0
    problems = stale()
    for problem in problems:
        print(f"fbss_quiz/static: {problem}", file=sys.stderr)
    if problems:
        print("Rebuild the chunks: npm ci && python tools/build_assets.py", file=sys.stderr)
        return 1
    print("fbss_quiz/static/chunks: fresh")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
