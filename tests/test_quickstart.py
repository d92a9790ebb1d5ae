"""The quickstart's bootstrap: where the system Python has no ensurepip (stock Debian
without python3-venv), dev.py makes a bare venv and installs pip from PyPI into it.
And the README's benchmark table is the latest run's."""

from __future__ import annotations

import importlib.util
import json
import venv
from pathlib import Path

from conftest import ROOT


def test_dev_py_bootstraps_pip_into_a_bare_venv(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
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
