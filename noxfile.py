"""Sessions for building the manual, testing and linting (``nox -l`` lists them)."""

from __future__ import annotations

import importlib.util
import logging
import shutil
from pathlib import Path

import nox

# nox.project.dependency_groups: the test, lint and dev tools are PEP 735 groups.
nox.needs_version = ">=2025.2.9"

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
DOCS = ROOT / "docs"
BUILD = DOCS / "_build"

nox.options.sessions = ["lint", "tests"]
# The stdlib venv needs ensurepip, which stock Debian ships separately
# (python3-venv); nox's own virtualenv dependency works without it.
nox.options.default_venv_backend = "venv" if importlib.util.find_spec("ensurepip") else "virtualenv"
nox.options.reuse_existing_virtualenvs = True


class _WithoutUvProbe(logging.Filter):
    """nox looks for uv before making any virtualenv and says "uv binary not found." when it
    is not there, which reads like an error; we do not use uv."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != "uv binary not found."


logging.getLogger("nox").addFilter(_WithoutUvProbe())

SPHINX_STRICT = ["-W", "--keep-going", "-n"]


def group(name: str) -> list[str]:
    """The requirements of a dependency group of pyproject.toml (PEP 735)."""
    return list(nox.project.dependency_groups(PYPROJECT, name))


def build_manual(session: nox.Session, builder: str, *extra: str) -> Path:
    out = BUILD / builder
    # -d keeps the doctrees out of the ePub folder (Sphinx 9 warns otherwise). One folder per
    # builder: their settings differ, so a shared one is read anew each time anyway, with a
    # "The configuration has changed" that looks like trouble.
    session.run(
        "sphinx-build",
        "-b",
        builder,
        *SPHINX_STRICT,
        "-d",
        str(BUILD / "doctrees" / builder),
        *extra,
        str(DOCS),
        str(out),
    )
    return out


@nox.session
def docs(session: nox.Session) -> None:
    """Build the manual as a website (docs/_build/html) and an ePub (docs/_build/epub)."""
    session.install("-e", ".[docs]")
    if "--clean" in session.posargs:
        shutil.rmtree(BUILD, ignore_errors=True)
    html = build_manual(session, "html")
    # Sphinx leaves a .buildinfo.bak after a configuration change, which the ePub
    # builder then warns about; the ePub is quick to rebuild from the doctrees.
    shutil.rmtree(BUILD / "epub", ignore_errors=True)
    epub = build_manual(session, "epub")
    books = sorted(epub.glob("*.epub"))
    session.log(f"Website: {html / 'index.html'}")
    session.log(f"ePub:    {books[0] if books else epub}")


@nox.session
def quizbank(session: nox.Session) -> None:
    """Export the question bank (JSON, GIFT, QTI, Anki) to docs/_build/quizbank."""
    session.install("-e", ".[docs,export]")
    out = build_manual(session, "quizbank")
    session.log(f"Question bank: {out}")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the whole test suite (browser tests use Debian's /usr/bin/chromium)."""
    session.install("-e", ".[docs]", *group("test"))
    session.run("pytest", *session.posargs, env={"PYTHONHASHSEED": "0"})


#: The fast tier: the extension's own tests without those that drive Chromium or need Java,
#: LaTeX or npm (CONTRIBUTING.md, "Which tier a test belongs in").
FAST_TIER = ["tests/extension", "-m", "not browser and not slow"]


@nox.session
def fast(session: nox.Session) -> None:
    """The fast tier (tests/extension; no Chromium, Java, LaTeX or npm): under a minute.
    CI runs the whole suite (``tests``)."""
    session.install("-e", ".[docs]", *group("test"))
    session.run("pytest", *FAST_TIER, *session.posargs, env={"PYTHONHASHSEED": "0"})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format check), mypy, no function of the package over 50 lines or of
    cyclomatic complexity 15 (tools/check_complexity.py, with radon), and the browser
    chunks fresh (no npm needed)."""
    session.install("-e", ".[docs]", *group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    session.run("python", "tools/check_complexity.py")
    # The shipped chunks are those of fbss_quiz/static/src (rebuild: tools/build_assets.py).
    session.run("python", "tools/build_assets.py", "--check")


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview for authors: rebuilds and reloads the browser on every save."""
    session.install("-e", ".[docs]", *group("dev"))
    session.run(
        "sphinx-autobuild",
        str(DOCS),
        str(BUILD / "live"),
        "--watch",
        str(ROOT / "fbss_quiz"),
        "-d",
        str(BUILD / "live-doctrees"),
        *(session.posargs or ["--port", "8000"]),
    )


@nox.session
def fmt(session: nox.Session) -> None:
    """Format and autofix the code (what ``lint`` checks)."""
    session.install(*group("lint"))
    session.run("ruff", "format", ".")
    session.run("ruff", "check", "--fix", ".")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks (not part of the tests): writes bench/results.json and bench/results.md."""
    session.install("-e", ".[docs]", *group("test"))
    # vnu-jar, pinned by package-lock.json, then Lighthouse: not a devDependency, so that
    # the `npm ci` of those who rebuild the browser bundles stays small.
    npm = ("--ignore-scripts", "--no-audit", "--no-fund")
    session.run("npm", "ci", "--omit=dev", *npm, external=True)
    session.run("npm", "install", "--no-save", *npm, "lighthouse@12.2.3", external=True)
    session.run("python", "bench/run.py", *session.posargs)
