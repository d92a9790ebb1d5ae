"""The quickstart: the README's commands run from a fresh copy with the system Python
(on Debian one that refuses pip install); where that Python has no ensurepip (stock Debian
without python3-venv), dev.py makes a bare venv and installs pip from PyPI into it.
And the README's benchmark table is the latest run's."""

from __future__ import annotations

import hashlib
import importlib.util
import json
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


def test_readme_shows_the_latest_benchmark_run() -> None:
    """bench/run.py writes both; a hand edit or a run without the README would part them."""
    root = ROOT
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = readme.split("<!-- bench:start", 1)[1].split("-->", 1)[1].split("<!-- bench:end -->")[0]
    latest = (root / "bench" / "results.md").read_text(encoding="utf-8")
    assert shown.strip() == latest.strip()
    results = json.loads((root / "bench" / "results.json").read_text(encoding="utf-8"))
    assert results["date"] in shown


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
    assert quickstart_commands() == [
        ["python3", "dev.py", "docs"],
        ["python3", "dev.py", "tests"],
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npython3 dev.py tests\n" in ci  # CI runs the README's command
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
    # The tests session installs its dependency groups and runs pytest (one quick file).
    output = dev("tests", "tests/extension/test_model.py", "-q", "-p", "no:cacheprovider")
    assert re.search(r"\d+ passed", output), output[-2000:]
