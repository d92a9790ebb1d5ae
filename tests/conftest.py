"""Shared fixtures: build small Sphinx projects, serve built sites, drive Chromium.

The test files live in tiers (CONTRIBUTING.md, "Which tier a test belongs in"):
``tests/extension/`` the fast tier (``nox -s fast``), ``tests/outputs/`` and
``tests/manual/`` the rest; this folder holds what they share (this file, ngn_page.py,
scoring_cases.json, js/, roots/, snapshots/, qti/)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import jinja2
import pytest
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
ROOTS = TESTS / "roots"
#: The folders test files live in; the fast tier is the first, without its tests marked
#: browser or slow.
TIERS = ("extension", "outputs", "manual")
CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

BASE_CONF = """
extensions = ["myst_parser", "fbss_quiz"]
project = "Quiz test"
copyright = "2026, Test"
version = release = "1.0"
myst_enable_extensions = ["colon_fence"]
fbss_quiz_topics = {"causes": "Causes", "treatments": "Treatments", "symptoms": "Symptoms"}
"""


# Test modules import helpers from each other by name (``from test_exports import
# bank_json``) across the tiers, while pytest puts only a test file's own folder on sys.path.
for _tier in TIERS:
    if str(TESTS / _tier) not in sys.path:
        sys.path.insert(0, str(TESTS / _tier))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test is in a tier, and a test that drives Chromium is marked ``browser``
    wherever it is, so that the fast tier's ``-m "not browser and not slow"`` leaves it out."""
    files = {item.path.resolve() for item in items}
    outside = sorted(str(path.relative_to(ROOT)) for path in files if path.parent == TESTS)
    if outside:
        raise pytest.UsageError(
            "test files belong in a tier folder, not in tests/ itself: "
            + ", ".join(outside)
            + f"; move each into tests/{TIERS[0]}/ (fast: no browser, Java, LaTeX or npm) "
            + f"or tests/{TIERS[1]}/ or tests/{TIERS[2]}/ (CONTRIBUTING.md, "
            + '"Which tier a test belongs in")'
        )
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def missing_tool(what: str, install: str) -> None:
    """Skip locally with the install hint; in CI a missing tool is a failure."""
    message = f"{what} is not available: {install}"
    if IN_CI:
        pytest.fail(message + " (CI must install it in .ci/run)")
    pytest.skip(message)


@dataclass
class Built:
    srcdir: Path
    outdir: Path
    warnings: str
    app: SphinxTestApp

    def page(self, name: str = "index") -> str:
        suffix = {"text": ".txt", "latex": ".tex"}.get(self.app.builder.name, ".html")
        if self.app.builder.name == "epub":
            suffix = ".xhtml"
        return (self.outdir / f"{name}{suffix}").read_text(encoding="utf-8")


def matrix_question(qid: str) -> str:
    """A two-row matrix question (MyST) with id ``qid``: the smallest page that needs the
    NGN kinds' files."""
    return f""":::{{question}}
:id: {qid}
:type: matrix
Which findings are expected?

columns: Expected | Report now

- [Expected] Soreness around the incision
  Some wound pain is expected after surgery.
- [Report now] New trouble passing urine
  New bladder trouble can mean cauda equina syndrome.
:::
"""


def write_project(srcdir: Path, files: dict[str, str], conf: str = "") -> None:
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(BASE_CONF + textwrap.dedent(conf), encoding="utf-8")
    for name, text in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Each Sphinx app compiles the theme's templates anew, about half of what a one-page
    test build costs; the tests share the compiled code instead (keyed by template and
    checked against its source by Jinja, so a changed template is compiled again)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


def run_build(
    srcdir: Path,
    builder: str = "html",
    *,
    builddir: Path | None = None,
    parallel: int = 0,
    fresh: bool = True,
    confoverrides: dict | None = None,
) -> Built:
    warning = StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        builddir=builddir or srcdir / "_build",
        freshenv=fresh,
        status=StringIO(),
        warning=warning,
        parallel=parallel,
        confoverrides=confoverrides or {},
    )
    templates = getattr(app.builder, "templates", None)  # the HTML builders'
    if isinstance(getattr(templates, "environment", None), jinja2.Environment):
        templates.environment.bytecode_cache = COMPILED_TEMPLATES  # type: ignore[union-attr]
    try:
        app.build()
    finally:
        app.cleanup()
    return Built(srcdir, Path(app.outdir), warning.getvalue(), app)


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., Built]:
    """``build({"index.md": "..."}, conf="...", builder="html")`` -> Built."""
    counter = iter(range(1000))

    def _build(
        files: dict[str, str], conf: str = "", builder: str = "html", **kwargs: object
    ) -> Built:
        srcdir = tmp_path / f"project{next(counter)}"
        write_project(srcdir, files, conf)
        return run_build(srcdir, builder, **kwargs)  # type: ignore[arg-type]

    return _build


@pytest.fixture
def root_copy(tmp_path: Path) -> Callable[[str], Path]:
    """A fresh copy of ``tests/roots/test-<name>`` to build."""

    def _copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return _copy


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for key, value in self.extra_headers.items():
            self.send_header(key, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_directory(directory: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    handler_class = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    """``serve(directory, headers={...})`` -> base URL on 127.0.0.1, stopped after the test."""
    stops: list[Iterator[str]] = []

    def _serve(directory: Path, headers: dict[str, str] | None = None) -> str:
        gen = serve_directory(directory, headers)
        stops.append(gen)
        return next(gen)

    yield _serve
    for gen in stops:
        next(gen, None)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        missing_tool("Chromium", "install Debian's package: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("Playwright", "pip install -e . --group test (pip 25.1 or newer)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def java_available() -> bool:
    if shutil.which("java") is None:
        return False
    return subprocess.run(["java", "-version"], capture_output=True).returncode == 0


@pytest.fixture
def open_page(browser: Any, serve: Callable[..., str], site: Built) -> Iterator[Callable[..., Any]]:
    """Open the ``index.html`` of the module's own ``site`` fixture in a new browser
    context (its options: viewport, color_scheme ...), collecting page errors; every
    context is closed after the test."""
    contexts: list[Any] = []

    def _open(**options: Any) -> tuple[Any, list[str]]:
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(5000)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(serve(site.outdir) + "/index.html")
        return page, errors

    yield _open
    for context in contexts:
        context.close()
