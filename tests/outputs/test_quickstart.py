"""The quickstart: the README's commands run from a fresh copy with the system Python
(on Debian one that refuses pip install); where that Python has no ensurepip (stock Debian
without python3-venv), dev.py makes a bare venv and installs pip from PyPI into it.
And the README's benchmark table is the latest run's."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT


def load_dev_py() -> object:
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    return dev


def test_dev_py_installs_no_download_whose_sha256_differs(tmp_path: Path) -> None:
    dev: Any = load_dev_py()
    wheel = tmp_path / "pip-99-py3-none-any.whl"
    wheel.write_bytes(b"the wheel the index describes")
    listed = hashlib.sha256(wheel.read_bytes()).hexdigest()
    dev.check_digest(wheel, listed)  # the listed bytes: accepted
    wheel.write_bytes(b"something else")
    with pytest.raises(SystemExit, match="sha256"):
        dev.check_digest(wheel, listed)
    assert not wheel.exists()  # and removed, so nothing runs it


def test_dev_py_bootstraps_pip_into_a_bare_venv(tmp_path: Path) -> None:
    dev: Any = load_dev_py()
    dev.VENV = tmp_path / "venv"
    dev.BIN = dev.VENV / "bin"
    dev.PYTHON = dev.BIN / "python"
    venv.create(dev.VENV, with_pip=False)
    assert not dev.has_module("pip")
    dev.bootstrap_pip()
    assert dev.has_module("pip")


def test_readme_shows_the_latest_benchmark_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/run.py writes the latest results into the README: writing them again into a
    copy changes nothing, so a hand edit or a run that skipped the README shows here."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))  # run.py imports its books.py
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    bench: Any = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", bench)  # for its dataclasses
    spec.loader.exec_module(bench)
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    bench.update_readme((ROOT / "bench" / "results.md").read_text(encoding="utf-8"))
    assert (tmp_path / "README.md").read_bytes() == (ROOT / "README.md").read_bytes()


def debian_python() -> str:
    """The system Python of stock Debian or Ubuntu, which refuses ``pip install`` (PEP 668);
    elsewhere the Python running the tests."""
    system = Path("/usr/bin/python3")
    if system.exists():
        stdlib = subprocess.run(
            [str(system), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if stdlib and (Path(stdlib) / "EXTERNALLY-MANAGED").exists():
            return str(system)
    return sys.executable


def quickstart_commands() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quickstart.*?```sh\n(.*?)```", readme, re.S)
    assert block is not None, "README.md has no Quickstart commands"
    return [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]


@pytest.mark.slow
def test_the_quickstart_runs_from_a_fresh_copy_with_quiet_output(tmp_path: Path) -> None:
    """The README's commands, run as a newcomer would: with the system Python (on Debian,
    one that refuses pip install), in a tree without .venv or .nox. The manual is built
    with nothing that reads like an error, and the ePub has a readable name."""
    commands = quickstart_commands()
    assert [command[:2] for command in commands] == [["python3", "dev.py"]] * len(commands)
    sessions = [command[2] for command in commands]
    assert "docs" in sessions and "tests" in sessions
    clone = tmp_path / "clone"
    shutil.copytree(
        ROOT,
        clone,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            ".nox",
            "_build",
            "node_modules",
            "__pycache__",
            "*.egg-info",
            ".hypothesis",
            ".pytest_cache",
            ".mypy_cache",
            ".ruff_cache",
            "work",
            "dist",
        ),
    )
    python = debian_python()
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}

    def dev(*args: str) -> str:
        run = subprocess.run(
            [python, "dev.py", *args],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            timeout=1200,
        )
        output = run.stdout + run.stderr
        assert run.returncode == 0, output[-4000:]
        return output

    output = dev("docs")
    epub = clone / "docs" / "_build" / "epub" / "fbss-manual.epub"
    assert epub.is_file()
    assert (clone / "docs" / "_build" / "html" / "index.html").is_file()
    assert f"ePub:    {epub}" in output
    for noise in ("uv binary not found", "MdParserConfig", "configuration has changed"):
        assert noise not in output, noise
    assert not re.search(
        r"\b(WARNING|ERROR|Traceback)\b",
        output.replace(
            "WARNING: Location",
            "",  # this machine's pip configuration, not the project
        ),
    ), output[-4000:]
    # The tests session installs its dependency groups and collects every tier; the fast
    # tier's command collects tests/extension alone, without the browser and slow tests.
    everything = collected(dev("tests", "--collect-only", "-q", "-p", "no:cacheprovider"))
    assert {test.split("/")[1] for test in everything} == {"extension", "outputs", "manual"}
    fast = collected(dev("fast", "--collect-only", "-q", "-p", "no:cacheprovider"))
    assert fast and {test.split("/")[1] for test in fast} == {"extension"}
    assert set(fast) < set(everything)
    left_out = {test for test in everything if test.startswith("tests/extension/")} - set(fast)
    assert any("epubcheck" in test for test in left_out)
    assert any("by_keyboard" in test for test in left_out)
    help_text = subprocess.run(
        [python, "dev.py", "--help"], cwd=clone, env=env, capture_output=True, text=True
    ).stdout
    listed = subprocess.run(
        [str(clone / ".venv" / "bin" / "python"), "-m", "nox", "--list"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    for session in ("docs", "tests", "fast", "lint"):
        assert f"dev.py {session}" in help_text, session
        assert re.search(rf"^[*-] {session}\b", listed, re.M), listed


def collected(output: str) -> list[str]:
    """The test ids that ``pytest --collect-only -q`` printed."""
    return [line for line in output.splitlines() if line.startswith("tests/") and "::" in line]
