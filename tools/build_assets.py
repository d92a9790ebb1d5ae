"""Build the browser bundles that the package ships, or check that they are fresh.

    npm ci                                 # once: esbuild and typescript (devDependencies)
    python tools/build_assets.py           # type-check the sources, bundle, minify
    python tools/build_assets.py --check   # the shipped bundles are those of the sources

The sources are ES modules in ``fbss_quiz/static/src/`` (``// @ts-check``, JSDoc types).
A page loads one script and one stylesheet holding only what it uses: every bundle has
the core (quizzes, choice questions), ``ngn`` adds the Next Generation NCLEX kinds,
``progress`` the progress table, ``practice`` the practice queue and ``exam`` exam mode
(``:mode: exam``; its style is in the core's). Each combination is bundled and minified by
esbuild into ``fbss_quiz/static/bundles/fbss_quiz[_ngn][_progress][_practice][_exam].js/.css``,
which the package
ships and the extension only copies (fbss_quiz/assets.py): no minifying at build time.

``manifest.json`` beside the bundles' folder holds the sha256 of every source, of the
recipe (esbuild's version in package-lock.json, its options and the entry points) and
of every bundle. ``--check`` (the nox ``lint`` session runs it) recomputes them without
npm, so a source edited without a rebuild, or a bundle edited by hand, fails the lint.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "fbss_quiz" / "static"
SRC = STATIC / "src"
BUNDLES = STATIC / "bundles"
MANIFEST = STATIC / "manifest.json"
BIN = ROOT / "node_modules" / ".bin"

#: The optional parts of a page's bundle, in the order their names are joined.
PARTS = ("ngn", "progress", "practice", "exam")
#: Modern browsers only (the stylesheet already needs :has and :is).
ESBUILD_OPTIONS = ("--bundle", "--minify", "--target=es2020", "--legal-comments=none")


def bundle_name(parts: tuple[str, ...]) -> str:
    """As fbss_quiz.assets.bundle_name: ``fbss_quiz`` plus the parts, e.g. ``fbss_quiz_ngn``."""
    return "_".join(["fbss_quiz", *(p for p in PARTS if p in parts)])


def combinations() -> list[tuple[str, ...]]:
    return [c for n in range(len(PARTS) + 1) for c in itertools.combinations(PARTS, n)]


def entry_js(parts: tuple[str, ...]) -> str:
    """The entry module of a bundle: the core with the kinds and parts it holds."""
    lines = ["import { start } from './main.js';", "import choice from './kinds/choice.js';"]
    if "ngn" in parts:
        lines.append("import ngn from './ngn.js';")
    if "progress" in parts:
        lines.append("import { wireProgress } from './progress.js';")
    if "practice" in parts:
        lines.append("import { wirePractice } from './practice.js';")
    if "exam" in parts:
        lines.append("import { wireExam } from './exam.js';")
    kinds = "[choice, ...ngn]" if "ngn" in parts else "[choice]"
    progress = "wireProgress" if "progress" in parts else "null"
    practice = "wirePractice" if "practice" in parts else "null"
    exam = "wireExam" if "exam" in parts else "null"
    return "\n".join([*lines, f"start({kinds}, {progress}, {exam}, {practice});", ""])


def entry_css(parts: tuple[str, ...]) -> str:
    # Exam mode shares core.css (its few rules cost less than another stylesheet).
    return "".join(f"@import './{name}.css';\n" for name in ("core", *parts) if name != "exam")


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
    """sha256 of how the bundles are made: a changed option or entry needs a rebuild."""
    text = json.dumps(
        {
            "esbuild": esbuild_version(),
            "options": ESBUILD_OPTIONS,
            "entries": {bundle_name(c): [entry_js(c), entry_css(c)] for c in combinations()},
        },
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        sys.exit(f"{path} is missing: run `npm ci` first (it installs the devDependencies)")
    return str(path)


def esbuild(entry: str, loader: str) -> bytes:
    run = subprocess.run(
        [tool("esbuild"), *ESBUILD_OPTIONS, f"--loader={loader}"]
        + (["--format=iife"] if loader == "js" else []),
        input=entry.encode(),
        cwd=SRC,  # the entry's imports are relative to the sources
        capture_output=True,
    )
    if run.returncode != 0:
        sys.exit(run.stderr.decode(errors="replace"))
    return run.stdout


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
    bundles = {}
    for parts in combinations():
        name = bundle_name(parts)
        bundles[f"{name}.js"] = esbuild(entry_js(parts), "js")
        bundles[f"{name}.css"] = esbuild(entry_css(parts), "css")
    BUNDLES.mkdir(exist_ok=True)
    for stale in set(p.name for p in BUNDLES.iterdir()) - set(bundles):
        path = BUNDLES / stale
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for name, data in bundles.items():
        path = BUNDLES / name
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    manifest = {
        "about": "written by tools/build_assets.py; checked by its --check (nox -s lint)",
        "recipe": recipe(),
        "sources": sources(),
        "bundles": {n: hashlib.sha256(d).hexdigest() for n, d in sorted(bundles.items())},
    }
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    for name, data in sorted(bundles.items()):
        print(f"{name}: {len(data)} bytes, {len(gzip.compress(data, 9))} gzipped")


def stale() -> list[str]:
    """What makes the shipped bundles differ from a rebuild now (empty: fresh)."""
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
    expected = {f"{bundle_name(c)}{ext}" for c in combinations() for ext in (".js", ".css")}
    shipped = {p.name: p for p in BUNDLES.iterdir()} if BUNDLES.is_dir() else {}
    listed = manifest.get("bundles", {})
    for name in sorted(expected | set(shipped) | set(listed)):
        path = shipped.get(name)
        if name not in expected:
            problems.append(f"bundle not made by this tool: static/bundles/{name}")
        elif path is None:
            problems.append(f"bundle missing: static/bundles/{name}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != listed.get(name):
            problems.append(f"bundle differs from the one built: static/bundles/{name}")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="verify the bundles are fresh (no npm needed)"
    )
    args = parser.parse_args(argv)
    if not args.check:
        build()
        return 0
    problems = stale()
    for problem in problems:
        print(f"fbss_quiz/static: {problem}", file=sys.stderr)
    if problems:
        print("Rebuild the bundles: npm ci && python tools/build_assets.py", file=sys.stderr)
        return 1
    print("fbss_quiz/static/bundles: fresh")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
