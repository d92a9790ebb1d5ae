"""Benchmarks: build cost, scaling, incremental rebuilds, page weight, browser speed, Lighthouse.

    python3 dev.py bench                  # all of it (about 9 minutes on 2 cores)
    python bench/run.py --skip lighthouse # from the project's venv, leaving parts out
    python bench/run.py --only cpu        # the CPU ratios against plain text alone
    python bench/run.py --only small-book --repeats 5   # the peers' comparison (a minute)

A run with ``--only`` writes ``bench/work/results.json`` and ``.md`` (not the README's
table) unless ``--output`` says otherwise.

Everything that is a time is measured side by side in one run and reported as a ratio,
so runs on different machines compare. Writes ``bench/results.json`` (stable keys, for
comparing runs over time) and ``bench/results.md`` (the table the README shows).
Scratch files go to ``bench/work/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import books
from bs4 import BeautifulSoup

import fbss_quiz
from fbss_quiz.assets import CHUNK_DIR, CHUNKS, PREFIX, chunks_named

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOCS = ROOT / "docs"
WORK = HERE / "work"
CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE_VERSION = "12.2.3"
#: The quiz's own assets: the core, ``fbss_quiz.js`` and ``fbss_quiz.css``, on every quiz
#: page, then a pair per group of the other chunks the page uses, each the chunks
#: concatenated, named ``fbss_quiz_<chunk>[_<chunk>...].js/.css`` (fbss_quiz/assets.py).
QUIZ_PREFIX = PREFIX  # every such file's name starts with it

TARGETS = {
    "build_overhead_ratio": ("<=", 1.15),
    "build_overhead_cpu_ratio": ("<=", 1.15),
    "small_book_cpu_ratio": ("<=", 1.15),
    "large_book_cpu_ratio": ("<=", 1.15),
    "scaling_ratio_10k_vs_1k": ("<=", 1.3),
    "incremental_ratio": ("<=", 0.25),
    "item_review_cpu_ratio": ("<=", 1.05),
    # Each pair of quiz files a page loads (a group's .js with its .css); what a page
    # downloads in all (core + extras, quiz_assets_gzip_bytes) is reported beside it.
    "quiz_file_pair_gzip_bytes": ("<=", 6 * 1024),
    "init_ms_500": ("<=", 50.0),
    "check_p95_ms": ("<=", 16.0),
}


# --- running Sphinx ------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    #: User + system CPU time of the sphinx-build process (and of any process it waited
    #: for): unlike wall time, barely moved by other work on a shared machine.
    cpu_seconds: float
    peak_mb: float
    warnings: int


def sphinx(builder: str, src: Path, out: Path, doctrees: Path, *, fresh: bool = True) -> Run:
    """One ``sphinx-build`` in its own process: wall time, CPU time and peak RSS."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-d", str(doctrees)]
    command += [str(src), str(out)]
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        log = stderr.read().decode(errors="replace")
    if process.returncode != 0:
        raise RuntimeError(f"sphinx-build -b {builder} {src} failed:\n{log[-3000:]}")
    # ru_maxrss is in KiB on Linux.
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, log.count("WARNING"))


def compile_extension() -> None:
    """Give the extension the bytecode that Sphinx and the other extensions have.

    pip compiles a package to ``.pyc`` when it installs a wheel; an editable install (as
    in this project's venv and ``nox -s bench``) does not, and where
    ``PYTHONDONTWRITEBYTECODE`` is set (many CI and container images) Python never caches
    it either: every build would then compile the extension's source anew (0.1-0.3 s of a
    1.4 s build, measured) while the other packages load theirs."""
    compileall.compile_dir(Path(fbss_quiz.__file__).parent, quiet=1)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- 1. build overhead: the manual, a small book and a large one against plain text ----

#: The variants of a book that the overhead measures build side by side.
QUIZ = "quiz"
#: Every directive of the extension replaced by plain text of the same content, conf.py
#: unchanged: the extension is loaded and finds nothing to do.
PLAIN_WITH_EXTENSION = "plain_with_extension"
#: The same plain text, and ``fbss_quiz`` out of ``extensions``: the book as it would be
#: without the extension. The CPU ratios compare with this one, as the peers' figures
#: (sphinx-exercise, sphinx-quiz: x0.8-1.14 against no quizzes) compare with a book that
#: does not use the extension at all; the other extensions stay.
PLAIN_WITHOUT_EXTENSION = "plain_without_extension"


def interleaved(
    label: str, variants: dict[str, Path], repeats: int, builders: tuple[str, ...] = ("html",)
) -> dict[str, list[Run]]:
    """Clean builds of every variant, ``repeats`` times each, interleaved and in a
    rotating order, so that drift and the other work of a shared machine hit all alike.
    A run of several builders (HTML then ePub) adds up their times."""
    names = list(variants)
    runs: dict[str, list[Run]] = {name: [] for name in names}
    for repeat in range(repeats):
        turn = repeat % len(names)
        for name in names[turn:] + names[:turn]:
            log(f"{label}: {name} ({repeat + 1}/{repeats})")
            out = WORK / f"{label}-{name}"
            shutil.rmtree(out, ignore_errors=True)
            done = [sphinx(b, variants[name], out / b, out / "doctrees") for b in builders]
            runs[name].append(
                Run(
                    sum(r.seconds for r in done),
                    sum(r.cpu_seconds for r in done),
                    max(r.peak_mb for r in done),
                    sum(r.warnings for r in done),
                )
            )
    return runs


def median_of(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


def cpu_summary(runs: dict[str, list[Run]]) -> dict[str, object]:
    """The medians and every run's CPU seconds, per variant (stable keys)."""
    return {
        "cpu_seconds": {k: round(median_of(v, "cpu_seconds"), 3) for k, v in runs.items()},
        "wall_seconds": {k: round(median_of(v, "seconds"), 3) for k, v in runs.items()},
        "cpu_runs": {k: [round(r.cpu_seconds, 3) for r in v] for k, v in runs.items()},
        "warnings_by_variant": {k: max(r.warnings for r in v) for k, v in runs.items()},
    }


def cpu_ratio(runs: dict[str, list[Run]], over: str = PLAIN_WITHOUT_EXTENSION) -> float:
    return round(median_of(runs[QUIZ], "cpu_seconds") / median_of(runs[over], "cpu_seconds"), 3)


def plain_variants(src: Path, label: str, *, with_extension: bool = True) -> dict[str, Path]:
    variants = {QUIZ: src}
    if with_extension:
        variants[PLAIN_WITH_EXTENSION] = books.write_plain_book(src, WORK / f"{label}-src-plain")
    variants[PLAIN_WITHOUT_EXTENSION] = books.write_plain_book(
        src, WORK / f"{label}-src-bare", keep_extension=False
    )
    return variants


def build_overhead(repeats: int) -> dict[str, object]:
    """The manual (HTML then ePub, as ``nox -s docs``) against the same manual with
    every directive of the extension replaced by plain text of the same content: wall
    time with the extension still loaded (as measured from the start), and CPU time."""
    runs = interleaved("manual", plain_variants(DOCS, "manual"), repeats, ("html", "epub"))
    quiz = median_of(runs[QUIZ], "seconds")
    plain_s = median_of(runs[PLAIN_WITH_EXTENSION], "seconds")
    return {
        "build_overhead_ratio": round(quiz / plain_s, 3),
        "build_overhead_cpu_ratio": cpu_ratio(runs),
        "build_overhead": {
            "quiz_seconds": round(quiz, 2),
            "plain_seconds": round(plain_s, 2),
            "runs": {
                "quiz": [round(r.seconds, 2) for r in runs[QUIZ]],
                "plain": [round(r.seconds, 2) for r in runs[PLAIN_WITH_EXTENSION]],
            },
            "warnings": {
                "quiz": runs[QUIZ][-1].warnings,
                "plain": runs[PLAIN_WITH_EXTENSION][-1].warnings,
            },
            "questions": count_questions(DOCS),
            "cpu_ratio_extension_loaded": cpu_ratio(runs, PLAIN_WITH_EXTENSION),
            **cpu_summary(runs),
        },
    }


def small_book(repeats: int) -> dict[str, object]:
    """The peers' comparison: a clean HTML build of a 12-page book with five questions
    against the same book as plain text, in CPU time."""
    src = books.write_small_book(WORK / "small-book-src", pages=12, questions=5)
    runs = interleaved("small-book", plain_variants(src, "small-book"), repeats)
    return {
        "small_book_cpu_ratio": cpu_ratio(runs),
        "small_book": {
            "pages": len(list(src.glob("*.md"))),
            "questions": count_questions(src),
            "theme": "alabaster",
            "builder": "html",
            "cpu_ratio_extension_loaded": cpu_ratio(runs, PLAIN_WITH_EXTENSION),
            **cpu_summary(runs),
        },
    }


def large_book(size: int, repeats: int) -> dict[str, object]:
    """The largest generated book of the scaling measure against the same book as plain
    text (each review page holding the plain text of every question it gathers, as its
    web page does), in CPU time; the plain book without the extension only, since at
    this size what it costs to load the extension is lost in the noise."""
    src = books.write_book(WORK / f"large-book-{size}-src", size, theme="basic")
    variants = plain_variants(src, f"large-book-{size}", with_extension=False)
    runs = interleaved(f"large-book-{size}", variants, repeats)
    quiz_cpu = median_of(runs[QUIZ], "cpu_seconds")
    plain_cpu = median_of(runs[PLAIN_WITHOUT_EXTENSION], "cpu_seconds")
    return {
        "large_book_cpu_ratio": cpu_ratio(runs),
        "large_book": {
            "questions": size,
            "pages": len(list(src.glob("*.md"))),
            "theme": "basic",
            "builder": "html",
            "extra_cpu_ms_per_question": round(1000 * (quiz_cpu - plain_cpu) / size, 3),
            **cpu_summary(runs),
        },
    }


def count_questions(src: Path) -> int:
    return sum(p.read_text(encoding="utf-8").count("{question}") for p in src.rglob("*.md"))


# --- 2. scaling and 3. incremental rebuild --------------------------------------------


def scaling(sizes: tuple[int, ...]) -> dict[str, object]:
    """Generated books (10 questions a page, plus a review page per topic).

    They use Sphinx's ``basic`` theme: furo puts the whole table of contents on every
    page, which makes any book with thousands of pages grow quadratically whether or
    not it has quizzes (measured: 60 % of a 300-page furo build is furo's navigation
    tree), and this benchmark is about the extension's own growth.
    """
    rows: dict[str, dict[str, float]] = {}
    for size in sizes:
        src = books.write_book(WORK / f"book-{size}", size, theme="basic")
        out = WORK / f"book-{size}-out"
        shutil.rmtree(out, ignore_errors=True)
        log(f"scaling: building the {size}-question book")
        run = sphinx("html", src, out / "html", out / "doctrees")
        rows[str(size)] = {
            "pages": size // books.QUESTIONS_PER_PAGE + len(books.TOPICS) + 1,
            "seconds": round(run.seconds, 2),
            "ms_per_question": round(1000 * run.seconds / size, 3),
            "peak_memory_mb": round(run.peak_mb, 1),
            "kb_per_question": round(1024 * run.peak_mb / size, 1),
        }
    result: dict[str, object] = {"scaling": rows}
    if "1000" in rows and "10000" in rows:
        result["scaling_ratio_10k_vs_1k"] = round(
            rows["10000"]["ms_per_question"] / rows["1000"]["ms_per_question"], 3
        )
        result["peak_memory_mb_10k"] = rows["10000"]["peak_memory_mb"]
    return result


def incremental(size: int = 1000, repeats: int = 3) -> dict[str, object]:
    """Edit one chapter of the book and rebuild, against a full build of the same book."""
    src = books.write_book(WORK / f"incremental-{size}", size, theme="furo")
    out = WORK / f"incremental-{size}-out"
    full_runs, edit_runs = [], []
    for _ in range(repeats):
        shutil.rmtree(out, ignore_errors=True)
        full_runs.append(sphinx("html", src, out / "html", out / "doctrees").seconds)
        books.edit_one_chapter(src, page=1)
        edit_runs.append(sphinx("html", src, out / "html", out / "doctrees", fresh=False).seconds)
    full, edit = statistics.median(full_runs), statistics.median(edit_runs)
    return {
        "incremental_ratio": round(edit / full, 3),
        "incremental": {
            "questions": size,
            "theme": "furo",
            "full_seconds": round(full, 2),
            "after_editing_one_chapter_seconds": round(edit, 2),
        },
    }


# --- item review: the manual with every check on against none -----------------------


def write_manual_without_item_review(target: Path) -> Path:
    """The manual with the item review off and no blueprint: its build runs no check."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("_build"))
    conf = target / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nfbss_quiz_item_review = False\n")
    for page in target.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"```\{quiz-blueprint\}\n```\n", "", text), encoding="utf-8")
    return target


def review_ms(runs: int = 5) -> float:
    """The rules and the blueprint alone, over the manual's questions as written."""
    sys.path.insert(0, str(ROOT / "tools"))
    import bank_stats

    from fbss_quiz import item_review

    records = bank_stats.records(bank_stats.bank())
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        item_review.blueprint(records, item_review.review_bank(records))
        times.append(time.perf_counter() - start)
    return round(1000 * statistics.median(times), 1)


def item_review_cost(repeats: int) -> dict[str, object]:
    """The manual's HTML build with every item-review check on (docs/conf.py) against the
    same manual with none, clean builds interleaved: what the checks and the blueprint
    add. CPU time is the target (wall time on a shared machine moves by more than 5 %)."""
    variants = {"on": DOCS, "off": write_manual_without_item_review(WORK / "manual-no-review")}
    runs = interleaved("item-review", variants, repeats)
    on, off = median_of(runs["on"], "cpu_seconds"), median_of(runs["off"], "cpu_seconds")
    wall = median_of(runs["on"], "seconds") / median_of(runs["off"], "seconds")
    return {
        "item_review_cpu_ratio": round(on / off, 3),
        "item_review": {
            "questions": count_questions(DOCS),
            "wall_ratio": round(wall, 3),
            "review_ms": review_ms(),
            "wall_runs": {k: [round(r.seconds, 2) for r in v] for k, v in runs.items()},
            **cpu_summary(runs),
        },
    }


# --- 4. page weight ------------------------------------------------------------------


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def question_count(page: Path) -> int:
    return page.read_text(encoding="utf-8").count('class="fbss-question')


def _page_assets(html_dir: Path, page: Path) -> dict[str, dict[str, int]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refs = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    refs += [script["src"] for script in soup.find_all("script", src=True)]
    assets: dict[str, dict[str, int]] = {}
    for ref in refs:
        path = html_dir / ref.split("?")[0]
        data = path.read_bytes()
        assets[path.relative_to(html_dir).as_posix()] = {"raw": len(data), "gzip": gz(data)}
    return assets


def _is_quiz_asset(name: str) -> bool:
    return Path(name).name.startswith(QUIZ_PREFIX)


def _group_of(name: str) -> str:
    """The group of chunks (fbss_quiz/assets.py) that the quiz file ``name`` holds."""
    chunks = chunks_named(Path(name).name) or ["core"]
    return CHUNKS[chunks[0]].group


def page_weight(html_dir: Path) -> dict[str, object]:
    """The quiz's files: every pair a page of the manual loads (a group's script with its
    style sheet, the core's the same on every quiz page), gzipped, against the budget of
    6 KB a pair; what each quiz page downloads in all (pages that load the same files
    together), the heaviest named; the CSS and JS of that page beside the theme's; and
    each chunk the package ships, gzipped alone."""
    weighed = []
    pairs: dict[str, dict[str, object]] = {}
    for page in sorted(html_dir.glob("*.html")):
        assets = _page_assets(html_dir, page)
        mine = {k: v for k, v in assets.items() if _is_quiz_asset(k)}
        quiz_gz = sum(v["gzip"] for v in mine.values())
        if not quiz_gz:
            continue
        weighed.append((quiz_gz, question_count(page), page, assets))
        by_group: dict[str, list[str]] = {}
        for name in sorted(mine, key=lambda k: (k.endswith(".css"), k)):
            by_group.setdefault(_group_of(name), []).append(name)
        for files in by_group.values():
            key = " + ".join(Path(k).name for k in files)
            pair = pairs.setdefault(
                key, {"gzip_bytes": sum(mine[k]["gzip"] for k in files), "pages": []}
            )
            pair["pages"].append(page.name)  # type: ignore[attr-defined]
    quiz_gz, _count, page, assets = max(weighed, key=lambda w: (w[0], w[1]))
    quiz = {k: v for k, v in assets.items() if _is_quiz_asset(k)}
    theme = {k: v for k, v in assets.items() if k not in quiz}
    theme_gz = sum(v["gzip"] for v in theme.values())
    downloads: dict[str, dict[str, object]] = {}
    for gzipped, _n, each, files in sorted(weighed, key=lambda w: (-w[0], w[2].name)):
        mine = {k: v for k, v in files.items() if _is_quiz_asset(k)}
        key = " + ".join(Path(k).name for k in sorted(mine, key=lambda k: k.endswith(".css")))
        entry = downloads.setdefault(
            key, {"gzip_bytes": gzipped, "raw_bytes": sum(v["raw"] for v in mine.values())}
        )
        entry.setdefault("pages", []).append(each.name)  # type: ignore[union-attr]
    chunks = {p.name: gz(p.read_bytes()) for p in sorted(CHUNK_DIR.iterdir())}
    core = [f"_static/{PREFIX}.js", f"_static/{PREFIX}.css"]
    largest = max(pairs, key=lambda k: pairs[k]["gzip_bytes"])  # type: ignore[arg-type, return-value]
    return {
        "quiz_file_pair_gzip_bytes": pairs[largest]["gzip_bytes"],
        "quiz_assets_gzip_bytes": quiz_gz,
        "quiz_core_assets_gzip_bytes": sum(
            gz((html_dir / name).read_bytes()) for name in core if (html_dir / name).is_file()
        ),
        "quiz_assets_fraction_of_theme": round(quiz_gz / theme_gz, 3),
        "page_weight": {
            "page": page.name,
            "questions_on_page": question_count(page),
            "quiz_raw_bytes": sum(v["raw"] for v in quiz.values()),
            "quiz_gzip_bytes": quiz_gz,
            "theme_raw_bytes": sum(v["raw"] for v in theme.values()),
            "theme_gzip_bytes": theme_gz,
            "html_raw_bytes": page.stat().st_size,
            "html_gzip_bytes": gz(page.read_bytes()),
            "assets": assets,
            "largest_pair": largest,
            "pairs": dict(sorted(pairs.items(), key=lambda kv: -kv[1]["gzip_bytes"])),  # type: ignore[operator]
            "downloads": downloads,
            "chunks_gzip_bytes": chunks,
        },
    }


# --- serving and the browser -----------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    #: Compress text as every real host does (Read the Docs, GitHub Pages), so that
    #: Lighthouse's simulated mobile network sees the bytes a reader downloads.
    compress = False

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (
            self.compress
            and wants
            and path.is_file()
            and path.suffix in {".html", ".css", ".js", ".svg", ".json"}
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path, *, compress: bool = False) -> Iterator[str]:
    handler_class = type("Handler", (_Quiet,), {"compress": compress})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


#: Marks placed around the unmodified script as it is served, so the time is the
#: script's own parse + init (the script initialises at once when loaded deferred).
#: The core wires the page in a microtask, once the rest of its script (the page's chunks)
#: has run: the end mark goes in the microtask queued after it.
INIT_WRAP = (
    "performance.mark('fbss-start');\n{}\n;queueMicrotask(() => performance.mark('fbss-end'));"
)

CHECK_TIMES = """async () => {
  const out = [];
  for (const q of document.querySelectorAll('.fbss-question')) {
    const status = q.querySelector('.fbss-status');
    q.querySelector('.fbss-option input').click();
    const t0 = performance.now();
    q.querySelector('.fbss-check').click();
    if (!status.textContent) {
      await new Promise((resolve) => {
        const watch = new MutationObserver(() => {
          if (status.textContent) { watch.disconnect(); resolve(); }
        });
        watch.observe(q, {subtree: true, childList: true, characterData: true});
      });
    }
    const t1 = performance.now();
    void document.body.offsetHeight;  // the style and layout the feedback costs
    out.push([t1 - t0, performance.now() - t0]);
  }
  return out;
}"""


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def browser_speed(questions: int = 500, loads: int = 7) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    src = books.write_one_page_book(WORK / f"page-{questions}", questions)
    out = WORK / f"page-{questions}-out"
    sphinx("html", src, out / "html", out / "doctrees")
    # The minified script that readers download (the core: these are single-choice questions).
    script = (out / "html" / "_static" / "fbss_quiz.js").read_text(encoding="utf-8")
    init_ms: list[float] = []
    checks: list[list[float]] = []
    with serve(out / "html") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for load in range(loads):
            context = browser.new_context()  # fresh localStorage every load
            page = context.new_page()
            page.route(
                "**/fbss_quiz.js*",
                lambda route: route.fulfill(
                    body=INIT_WRAP.format(script), content_type="text/javascript"
                ),
            )
            page.goto(f"{base}/index.html", wait_until="load")
            assert page.locator(".fbss-question").count() == questions
            init_ms.append(
                page.evaluate("performance.measure('fbss', 'fbss-start', 'fbss-end').duration")
            )
            if load == 0:
                checks = page.evaluate(CHECK_TIMES)
            context.close()
        browser.close()
        version = browser.version
    dom = [c[0] for c in checks]
    layout = [c[1] for c in checks]
    return {
        "init_ms_500": round(statistics.median(init_ms), 2),
        "check_p95_ms": round(p95(dom), 3),
        "browser": {
            "chromium": version,
            "questions": questions,
            "init_ms_runs": [round(t, 2) for t in init_ms],
            "check_median_ms": round(statistics.median(dom), 3),
            "check_max_ms": round(max(dom), 3),
            "check_p95_with_layout_ms": round(p95(layout), 3),
            "checks_timed": len(dom),
            "method": "element.click() on Check answer to the status text in the DOM; "
            "init = parse + run of the minified core script, fbss_quiz.js "
            "(performance marks around it)",
        },
    }


# --- 6. Lighthouse -----------------------------------------------------------------------


def lighthouse_run(url: str, report: Path) -> dict[str, object]:
    command = [
        "npx",
        "--no-install",
        "lighthouse",
        url,
        "--output=json",
        f"--output-path={report}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--form-factor=mobile",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def failing_audits(result: dict) -> dict[str, list[str]]:
    """Per category below 1.0: the audits that lost points, with their titles."""
    out: dict[str, list[str]] = {}
    for key, category in result["categories"].items():
        if category["score"] is None or category["score"] >= 1:
            continue
        lost = []
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                lost.append(f"{ref['id']} ({audit['score']}{', ' + value if value else ''})")
        out[key] = lost
    return out


def lighthouse(html_dir: Path, runs: int) -> dict[str, object]:
    """The heaviest quiz page and a chapter without quizzes, served gzipped as real
    hosts serve them (the ``lighthouse`` key), and uncompressed for comparison."""
    pages = sorted(html_dir.glob("*.html"), key=question_count, reverse=True)
    heavy = pages[0].name
    # A chapter without quizzes: a content page, not the search or index page.
    plain = next(
        p.name
        for p in sorted(html_dir.glob("*.html"))
        if question_count(p) == 0 and p.stem not in {"genindex", "search", "index"}
    )
    return {
        "lighthouse": _lighthouse_pair(html_dir, heavy, plain, runs, compress=True),
        "lighthouse_uncompressed": _lighthouse_pair(html_dir, heavy, plain, runs, compress=False),
    }


def _lighthouse_pair(
    html_dir: Path, heavy: str, plain: str, runs: int, *, compress: bool
) -> dict[str, object]:
    scores: dict[str, list[dict[str, float]]] = {heavy: [], plain: []}
    audits: dict[str, dict[str, list[str]]] = {}
    metrics: dict[str, dict[str, float]] = {}
    version = ""
    with serve(html_dir, compress=compress) as base, tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            for name in (heavy, plain):  # interleaved
                log(
                    f"lighthouse: {name}, {'gzip' if compress else 'uncompressed'} "
                    f"({run + 1}/{runs})"
                )
                result = lighthouse_run(f"{base}/{name}", Path(tmp) / "report.json")
                version = result["lighthouseVersion"]
                scores[name].append({k: c["score"] for k, c in result["categories"].items()})
                audits[name] = failing_audits(result)
                metrics[name] = {
                    k: round(result["audits"][k]["numericValue"])
                    for k in (
                        "first-contentful-paint",
                        "largest-contentful-paint",
                        "total-blocking-time",
                        "speed-index",
                    )
                }
                metrics[name]["cumulative-layout-shift"] = round(
                    result["audits"]["cumulative-layout-shift"]["numericValue"], 4
                )
    median = {
        name: {k: statistics.median(s[k] for s in runs_) for k in runs_[0]}
        for name, runs_ in scores.items()
    }
    return {
        "version": version,
        "runs": runs,
        "form_factor": "mobile",
        "served": "gzip" if compress else "uncompressed",
        "quiz_page": {
            "page": heavy,
            "questions": question_count(html_dir / heavy),
            "html_bytes": (html_dir / heavy).stat().st_size,
            **median[heavy],
        },
        "page_without_quizzes": {
            "page": plain,
            "html_bytes": (html_dir / plain).stat().st_size,
            **median[plain],
        },
        "performance_delta": round(median[heavy]["performance"] - median[plain]["performance"], 3),
        "lost_points": audits,
        "metrics_ms": metrics,
    }


# --- the report ----------------------------------------------------------------------------


def version_of(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


def machine() -> dict[str, object]:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1) if found else ""
    meminfo = Path("/proc/meminfo")
    memory = ""
    if meminfo.exists():
        found = re.search(r"MemTotal:\s*(\d+)", meminfo.read_text())
        memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else ""

    def tool(*command: str) -> str:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return "missing"
        return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "missing"

    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "versions": {
            name: version_of(name)
            for name in (
                "fbss-quiz",
                "sphinx",
                "furo",
                "sphinx-design",
                "myst-parser",
                "sphinxcontrib-bibtex",
                "playwright",
            )
        }
        | {"chromium": tool(CHROMIUM, "--version"), "node": tool("node", "--version")},
    }


def verdict(key: str, value: object) -> str:
    if key not in TARGETS or not isinstance(value, int | float):
        return ""
    limit = TARGETS[key][1]
    return "yes" if value <= limit else "**no**"


def markdown(results: dict) -> str:
    def row(what: str, key: str, shown: str, target: str) -> str:
        value = results.get(key)
        ok = verdict(key, value) if value is not None else "not run"
        return f"| {what} | {shown if value is not None else '—'} | {target} | {ok} |"

    r = results
    bo, sc, inc = r.get("build_overhead", {}), r.get("scaling", {}), r.get("incremental", {})
    pw, br = r.get("page_weight", {}), r.get("browser", {})
    lines = [
        f"Measured {r['date']} on {r['machine']['cpu'] or 'unknown CPU'} "
        f"({r['machine']['cores']} cores, {r['machine']['memory']}), Python "
        f"{r['machine']['python']}, Sphinx {r['machine']['versions']['sphinx']}, "
        f"{r['machine']['versions']['chromium']}; command: `{r['command']}`.",
        "",
        "| measure | result | target | met |",
        "|---|---|---|---|",
    ]
    if bo:
        lines.append(
            row(
                "Build overhead: manual (HTML + ePub) with quizzes / with plain text",
                "build_overhead_ratio",
                f"{r['build_overhead_ratio']} ({bo['quiz_seconds']} s / {bo['plain_seconds']} s)",
                "≤ 1.15",
            )
        )
    lines += cpu_rows(r, row)
    if sc:
        per_q = ", ".join(f"{n}: {v['ms_per_question']} ms" for n, v in sc.items())
        lines.append(
            row(
                "Scaling: time per question, 10,000 / 1,000 questions",
                "scaling_ratio_10k_vs_1k",
                f"{r.get('scaling_ratio_10k_vs_1k')} ({per_q})",
                "≤ 1.3",
            )
        )
        mem = ", ".join(f"{n}: {v['peak_memory_mb']} MB" for n, v in sc.items())
        lines.append(
            f"| Peak memory of the build | {mem} | the 10,000 book builds | "
            f"{'yes' if '10000' in sc else 'not run'} |"
        )
    if inc:
        lines.append(
            row(
                "Incremental rebuild after editing one chapter / full build",
                "incremental_ratio",
                f"{r['incremental_ratio']} ({inc['after_editing_one_chapter_seconds']}"
                f" s / {inc['full_seconds']} s)",
                "≤ 0.25",
            )
        )
    ir = r.get("item_review", {})
    if ir:
        cpu = ir["cpu_seconds"]
        lines.append(
            row(
                "Item review: CPU of the manual's HTML build with every check on / with none",
                "item_review_cpu_ratio",
                f"{r['item_review_cpu_ratio']} ({cpu['on']} s / {cpu['off']} s; wall "
                f"{ir['wall_ratio']}; the checks and the blueprint alone: {ir['review_ms']} ms "
                f"for {ir['questions']} questions)",
                "≤ 1.05",
            )
        )
    if pw:
        pairs = pw.get("pairs", {})
        lines.append(
            row(
                "The largest pair of quiz files a page loads (`"
                + str(pw.get("largest_pair", "")).replace(" + ", "` + `")
                + "`), gzipped",
                "quiz_file_pair_gzip_bytes",
                f"{r.get('quiz_file_pair_gzip_bytes', 0):,} B",
                "≤ 6 KB",
            )
        )
        for files, info in pairs.items():
            used = ", ".join(f"`{p}`" for p in info["pages"])
            lines.append(
                f"| Pair `{files.replace(' + ', '` + `')}`, loaded by {used}, gzipped | "
                f"{info['gzip_bytes']:,} B | ≤ 6 KB | "
                f"{'yes' if info['gzip_bytes'] <= 6 * 1024 else '**no**'} |"
            )
        lines.append(
            f"| What the heaviest quiz page (`{pw['page']}`) downloads in all: the core and "
            f"its extras, gzipped (raw) | {pw['quiz_gzip_bytes']:,} B "
            f"({pw['quiz_raw_bytes']:,} B) | — (each pair ≤ 6 KB) | |"
        )
        for files, info in pw.get("downloads", {}).items():
            used = ", ".join(f"`{p}`" for p in info["pages"])
            lines.append(
                f"| What {used} download{'s' if len(info['pages']) == 1 else ''} in all: "
                f"`{files.replace(' + ', '` + `')}`, gzipped | "
                f"{info['gzip_bytes']:,} B | — | |"
            )
        chunks = pw.get("chunks_gzip_bytes", {})
        if chunks:
            shown = ", ".join(f"`{name}` {size:,}" for name, size in chunks.items())
            row_text = "| The chunks pages are made of, each gzipped alone (B) | "
            lines.append(row_text + f"{shown} | — | |")
        lines.append(
            f"| Quiz assets / furo + sphinx-design + Sphinx assets of the page "
            f"(gzipped) | {r['quiz_assets_fraction_of_theme']:.1%} "
            f"({pw['quiz_gzip_bytes']:,} / {pw['theme_gzip_bytes']:,} B) | — | |"
        )
    if br:
        lines.append(
            row(
                f"Initialise a page of {br['questions']} questions",
                "init_ms_500",
                f"{r['init_ms_500']} ms",
                "≤ 50 ms",
            )
        )
        lines.append(
            row(
                "Check answer → feedback in the DOM, p95",
                "check_p95_ms",
                f"{r['check_p95_ms']} ms (with layout: {br['check_p95_with_layout_ms']} ms)",
                "≤ 16 ms",
            )
        )
    for lh_key in ("lighthouse", "lighthouse_uncompressed"):
        lh = r.get(lh_key)
        if not lh:
            continue
        cats = ("performance", "accessibility", "best-practices", "seo")
        for key, label in (
            ("quiz_page", "quiz page with the most questions"),
            ("page_without_quizzes", "chapter without quizzes"),
        ):
            page = lh[key]
            scores = " / ".join(f"{page[c]:.2f}" for c in cats)
            ok = all(page[c] >= 1 for c in cats[1:])
            target = "a11y, BP, SEO 1.0"
            if key == "quiz_page" and lh["served"] == "gzip":
                ok = ok and lh["performance_delta"] >= -0.01
                target += f"; perf ≥ {lh['page_without_quizzes']['performance']:.2f} - 0.01"
            elif key == "quiz_page":
                # Read the Docs and GitHub Pages compress HTML; this run shows what the
                # page's size costs where a server does not (performance not a target).
                target += "; perf for comparison only"
            lines.append(
                f"| Lighthouse {lh['version']} mobile, served {lh['served']}, {label} "
                f"(`{page['page']}`, {page['html_bytes'] // 1024} KB of HTML): "
                f"performance / accessibility / best practices / SEO | {scores} | "
                f"{target} | "
                f"{'yes' if ok else '**no**'} |"
            )
    notes = []
    lh = r.get("lighthouse")
    if lh:
        for page, categories in lh["lost_points"].items():
            for category, audits in categories.items():
                if category != "performance" and audits:
                    notes.append(f"Lighthouse, `{page}`, {category}: {', '.join(audits)}.")
    if any(k in r for k in ("build_overhead", "small_book", "large_book")):
        notes.append(
            "CPU rows: user + system time of the `sphinx-build` process (not wall time, "
            "which other work on a shared machine moves), median of interleaved clean "
            'builds. "As plain text": every directive of the extension replaced by plain '
            "text of the same content (stem, options with their rationales, explanation; a "
            "review page holds every question it gathers, as its web page does) and "
            "`fbss_quiz` taken out of `extensions`, the other extensions and settings "
            "unchanged: the book as it would be without the extension, the baseline of the "
            "peers' figures (sphinx-exercise, sphinx-quiz: x0.8-1.14). \"With fbss_quiz "
            'loaded": against the same plain text with `fbss_quiz` still in `extensions` '
            "(what the questions cost, without what loading the extension costs); the "
            "wall-time row keeps that baseline, as it always had. A plain review page holds "
            "the Markdown of every question it gathers, which Sphinx parses anew, where the "
            "quiz build copies the parsed questions: that is why a ratio can be under 1."
        )
    if "small_book" in r:
        notes.append(
            "The 12-page book: an index and 11 chapters of about 300 words of prose; "
            "chapters 2, 4, 6, 8 and 10 end with a quiz of one question shaped like the "
            "manual's (four options with rationales, an explanation); Sphinx's default "
            "theme (alabaster), MyST and sphinx-design."
        )
    if sc:
        notes.append(
            "The generated books (10 questions a page, one review page per topic) use "
            "Sphinx's `basic` theme: furo lists every page in every page's sidebar, so its "
            "cost grows with pages squared with or without quizzes."
        )
    if pw and pw.get("downloads"):
        notes.append(
            "Each quiz page loads the core's script and style sheet (quizzes, choice "
            "questions; the same files on every quiz page, cached once for the site: "
            f"{r['quiz_core_assets_gzip_bytes']:,} B), then a pair of files per group of the "
            "other prebuilt chunks it uses (fbss_quiz/assets.py): the item kinds with the "
            "case's chart, and the learning loop (progress table, practice queue, exam mode, "
            "blueprint). The budget holds for every pair; a page that uses many parts loads "
            "more than 6 KB in all (the self-test: exam mode and the progress table beside "
            "its kinds), which the rows above report as they are."
        )
    if r.get("lighthouse_uncompressed"):
        notes.append(
            "Uncompressed Lighthouse runs show what a page's HTML size costs on a server that "
            "does not compress (Read the Docs and GitHub Pages do); the self-test ships its "
            "whole pool of questions so that each attempt can draw a new set offline."
        )
    if br:
        notes.append(f"Browser: {br['method']}.")
    lines += ["", *[f"- {note}" for note in notes], ""]
    return "\n".join(lines)


def cpu_rows(r: dict, row: Callable[[str, str, str, str], str]) -> list[str]:
    """The CPU ratios against plain text: the manual, the peers' small book, the large book."""
    rows = []
    for key, what in (
        (
            "build_overhead",
            "Build overhead in CPU: manual (HTML + ePub) with quizzes / as plain text",
        ),
        (
            "small_book",
            "CPU of a clean HTML build, {pages}-page book with {questions} questions "
            "/ the same book as plain text",
        ),
        (
            "large_book",
            "CPU of a clean HTML build, {questions:,}-question book / the same book as plain text",
        ),
    ):
        info = r.get(key)
        if not info:
            continue
        cpu = info["cpu_seconds"]
        shown = f"{r[key + '_cpu_ratio']} ({cpu[QUIZ]} s / {cpu[PLAIN_WITHOUT_EXTENSION]} s"
        if "cpu_ratio_extension_loaded" in info:
            loaded = info["cpu_ratio_extension_loaded"]
            shown += f"; against plain text with fbss_quiz loaded: {loaded}"
        if "extra_cpu_ms_per_question" in info:
            shown += f"; +{info['extra_cpu_ms_per_question']} ms of CPU a question"
        rows.append(row(what.format(**info), key + "_cpu_ratio", shown + ")", "≤ 1.15"))
    return rows


README_START = "<!-- bench:start (written by bench/run.py from bench/results.md) -->"
README_END = "<!-- bench:end -->"


def update_readme(table: str) -> None:
    """The README shows the latest run (tests/outputs/test_quickstart.py checks they agree)."""
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(README_START, 1)
    _old, tail = rest.split(README_END, 1)
    new = f"{head}{README_START}\n{table.strip()}\n{README_END}{tail}"
    readme.write_text(new, encoding="utf-8")


PARTS = (
    "overhead",
    "small-book",
    "large-book",
    "scaling",
    "incremental",
    "item-review",
    "weight",
    "browser",
    "lighthouse",
)
#: What ``--only cpu`` runs: the CPU ratios against plain text.
CPU_PARTS = ("overhead", "small-book", "large-book")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parts = parser.add_mutually_exclusive_group()
    parts.add_argument("--skip", nargs="*", default=[], choices=PARTS)
    parts.add_argument(
        "--only",
        nargs="+",
        choices=(*PARTS, "cpu"),
        help="run only these parts (cpu: the CPU ratios against plain text); the results "
        "go to bench/work/results.json unless --output says otherwise",
    )
    parser.add_argument(
        "--sizes",
        default="100,1000,10000",
        help="question counts of the generated books; the largest is also built as plain text",
    )
    parser.add_argument("--repeats", type=int, default=3, help="builds per variant")
    parser.add_argument(
        "--large-repeats",
        type=int,
        default=2,
        help="builds per variant of the largest book against plain text (a minute or more "
        "each; two, in opposite orders, so that drift hits both alike)",
    )
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args(argv)
    if args.only:
        wanted = {p for name in args.only for p in (CPU_PARTS if name == "cpu" else (name,))}
        args.skip = [p for p in PARTS if p not in wanted]
    if args.output is None:
        # A partial run must not replace the full run's results, which the README shows.
        args.output = WORK / "results.json" if args.only else HERE / "results.json"
    WORK.mkdir(exist_ok=True)
    compile_extension()
    started = time.perf_counter()
    results: dict[str, object] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": "python3 dev.py bench" + (f" --only {' '.join(args.only)}" if args.only else ""),
        "machine": machine(),
    }
    steps: list[tuple[str, Callable[[], dict[str, object]]]] = []
    html_dir = WORK / "manual-quiz" / "html"
    sizes = tuple(int(s) for s in args.sizes.split(","))
    steps.append(("overhead", lambda: build_overhead(args.repeats)))
    steps.append(("small-book", lambda: small_book(args.repeats)))
    steps.append(("large-book", lambda: large_book(max(sizes), args.large_repeats)))
    steps.append(("scaling", lambda: scaling(sizes)))
    steps.append(("incremental", lambda: incremental(1000, args.repeats)))
    steps.append(("item-review", lambda: item_review_cost(args.repeats)))

    def manual_html() -> Path:
        if not (html_dir / "index.html").exists():
            sphinx("html", DOCS, html_dir, WORK / "manual-quiz" / "doctrees")
        return html_dir

    steps.append(("weight", lambda: page_weight(manual_html())))
    steps.append(("browser", lambda: browser_speed(500)))
    steps.append(("lighthouse", lambda: lighthouse(manual_html(), args.lighthouse_runs)))
    for name, step in steps:
        if name in args.skip:
            continue
        log(f"{name} ...")
        t0 = time.perf_counter()
        results.update(step())
        log(f"{name} done in {time.perf_counter() - t0:.0f} s")
    results["bench_seconds"] = round(time.perf_counter() - started)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    args.output.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    if args.output == HERE / "results.json":
        update_readme(markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
