"""The quickstart's bootstrap: where the system Python has no ensurepip (stock Debian
without python3-venv), dev.py makes a bare venv and installs pip from PyPI into it."""

from __future__ import annotations

import importlib.util
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
