"""The browser code's unit tests (tests/js/, Node's built-in runner): every scorer over
the shared table tests/scoring_cases.json, without a browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from conftest import ROOT, missing_tool

CASES = json.loads((ROOT / "tests" / "scoring_cases.json").read_text(encoding="utf-8"))


def test_node_runs_the_js_unit_tests() -> None:
    node = shutil.which("node")
    if node is None:
        missing_tool("Node.js", "apt-get install nodejs (Node 20 or newer; no npm package needed)")
    run = subprocess.run(
        [node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-4000:]
    passed = re.search(r"^# pass (\d+)$", output, re.M)
    # Every case of the table ran (a runner that found no test file also exits 0).
    assert passed is not None and int(passed.group(1)) > len(CASES), output[-2000:]
