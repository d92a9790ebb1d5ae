#!/usr/bin/env python3
"""Run a nox session in the project's own virtual environment, making it if needed.

    python3 dev.py docs     build the manual: docs/_build/html and docs/_build/epub
    python3 dev.py tests    run the whole test suite (what CI runs)
    python3 dev.py fast     run the fast tier: tests/extension, under a minute
    python3 dev.py fast -x  (arguments go to the session's pytest)
    python3 dev.py lint | serve | fmt | bench ...   (any nox session)

Works where the system Python refuses ``pip install`` (PEP 668, stock Debian and
Ubuntu) because everything goes into ``.venv``; where ``python3-venv`` is not
installed either, pip is fetched from PyPI into a bare venv.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
# noxfile.py reads the PEP 735 dependency groups through nox.project.dependency_groups.
NOX = "nox>=2025.2.9"


def has_module(name: str) -> bool:
    return runs(f"import {name}")


def runs(statement: str) -> bool:
    probe = [str(PYTHON), "-c", statement]
    return subprocess.run(probe, capture_output=True).returncode == 0


def check_digest(path: Path, sha256: str) -> None:
    """Run nothing downloaded that is not byte for byte what the index lists."""
    got = hashlib.sha256(path.read_bytes()).hexdigest()
    if got != sha256:
        path.unlink()
        raise SystemExit(
            f"{path.name}: sha256 {got} is not the {sha256} that the index lists; "
            "not installing it (a broken download or a tampered mirror: try again)"
        )


def bootstrap_pip() -> None:
    """Install pip into a venv made without it (no ensurepip on this system)."""
    index = "https://pypi.org/pypi/pip/json"
    with urllib.request.urlopen(index, timeout=60) as answer:
        release = json.load(answer)
    wheel = next(u for u in release["urls"] if u["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / wheel["filename"]
        # Mirrors may answer with URLs relative to the index.
        urllib.request.urlretrieve(urllib.parse.urljoin(index, wheel["url"]), target)
        check_digest(target, wheel["digests"]["sha256"])
        subprocess.run([str(PYTHON), f"{target}/pip", "install", "-q", str(target)], check=True)


def ensure_venv() -> None:
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except (subprocess.CalledProcessError, OSError, SystemExit):
            venv.create(VENV, with_pip=False, clear=True)
    if not has_module("pip"):
        bootstrap_pip()
    if not runs("from nox.project import dependency_groups"):
        print("Installing nox into .venv ...", flush=True)
        subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", NOX], check=True)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if argv else 2
    ensure_venv()
    session, rest = argv[0], argv[1:]
    if rest[:1] == ["--"]:  # `dev.py tests -- -x` and `dev.py tests -x` mean the same
        rest = rest[1:]
    command = [str(PYTHON), "-m", "nox", "-s", session]
    if rest:
        command += ["--", *rest]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
