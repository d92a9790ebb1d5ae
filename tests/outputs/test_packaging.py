"""The package as PyPI and a packager get it: the sdist and the wheel that ``python -m build``
makes from this tree, their metadata as PyPI reads it (``twine check``), the description
PyPI shows, and an sdist that holds the whole source tree, so that its tests run."""

from __future__ import annotations

import email.parser
import email.policy
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from pathlib import Path

import pytest

from conftest import ROOT, missing_tool

pytestmark = pytest.mark.slow

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SOURCE = PYPROJECT["project"]["urls"]["Source"]
PYPI_README = ROOT / PYPROJECT["project"]["readme"]["file"]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """``python -m build``: the sdist, then the wheel built from that sdist."""
    out = tmp_path_factory.mktemp("dist")
    run = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return {"sdist": sdist, "wheel": wheel, "log": run.stdout + run.stderr}


def wheel_metadata(dist: dict[str, object]) -> Message:
    with zipfile.ZipFile(str(dist["wheel"])) as wheel:
        (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        text = wheel.read(name).decode("utf-8")
    return email.parser.Parser(policy=email.policy.compat32).parsestr(text)


def sdist_members(dist: dict[str, object]) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(str(dist["sdist"])) as sdist:
        # "fbss_quiz-0.1.0/docs/index.md" -> "docs/index.md"
        return {m.name.split("/", 1)[1]: m for m in sdist.getmembers() if "/" in m.name}


def test_the_build_warns_of_nothing(dist: dict[str, object]) -> None:
    """setuptools warns (and from 2027 fails) on the old ``license = {text = ...}`` table."""
    log = str(dist["log"])
    assert "Deprecat" not in log and "!!" not in log, log
    # Every file and folder that MANIFEST.in includes exists (what it prunes may not).
    assert "no files found matching" not in log and "no directories found" not in log, log


def test_the_license_is_an_spdx_expression_and_its_text_ships(dist: dict[str, object]) -> None:
    meta = wheel_metadata(dist)
    assert tuple(map(int, meta["Metadata-Version"].split("."))) >= (2, 4)
    assert meta["License-Expression"] == "MIT"
    assert meta.get_all("License-File") == ["LICENSE"]
    assert meta["License"] is None
    assert not [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert license_text.startswith("MIT License")
    with zipfile.ZipFile(str(dist["wheel"])) as wheel:
        (shipped,) = [n for n in wheel.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert wheel.read(shipped).decode("utf-8") == license_text
    assert "LICENSE" in sdist_members(dist)


def test_pypi_shows_users_only_the_extras_they_can_use(dist: dict[str, object]) -> None:
    """Test, lint and live-preview tools are dependency groups (PEP 735), not extras."""
    meta = wheel_metadata(dist)
    assert sorted(meta.get_all("Provides-Extra") or []) == ["docs", "export"]
    requires = " ".join(meta.get_all("Requires-Dist") or [])
    for tool in ("pytest", "playwright", "ruff", "sphinx-autobuild"):
        assert tool not in requires
    groups = PYPROJECT["dependency-groups"]
    assert any(r.startswith("pytest") for r in groups["test"])


def test_classifiers_are_ones_pypi_accepts_and_urls_are_listed(dist: dict[str, object]) -> None:
    from trove_classifiers import classifiers as known

    meta = wheel_metadata(dist)
    classifiers = meta.get_all("Classifier") or []
    assert "Framework :: Sphinx :: Extension" in classifiers
    assert [c for c in classifiers if c not in known] == []
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert urls["Source"] == SOURCE
    assert set(urls) == {"Source", "Documentation", "Issues"}
    assert all(u.startswith(SOURCE) for u in urls.values())


def test_twine_check_passes(dist: dict[str, object]) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "twine",
            "check",
            "--strict",
            str(dist["sdist"]),
            str(dist["wheel"]),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


LINK = re.compile(r"\]\((?P<url>[^)\s]+)\)|<(?P<auto>https?://[^>]+)>")


def test_the_pypi_description_links_only_to_absolute_addresses_that_exist(
    dist: dict[str, object],
) -> None:
    """PyPI cannot follow a link relative to the repository: every link and image is
    absolute, and each one into the repository names a file that is there."""
    meta = wheel_metadata(dist)
    assert meta["Description-Content-Type"].startswith("text/markdown")
    description = meta.get_payload()
    assert description.strip() == PYPI_README.read_text(encoding="utf-8").strip()
    urls = [m["url"] or m["auto"] for m in LINK.finditer(description)]
    assert len(urls) >= 4
    for url in urls:
        assert url.startswith("https://"), f"relative link on PyPI: {url}"
        assert url.startswith(SOURCE), f"{url} is not below project.urls.Source"
        inside = re.match(re.escape(SOURCE) + r"/(?:blob|raw)/main/(.+)", url)
        if inside:
            assert (ROOT / inside.group(1)).is_file(), f"{url}: no {inside.group(1)}"
    assert f"{SOURCE}/raw/main/media/quiz.png" in urls
    assert f"{SOURCE}/blob/main/AUTHORING.md" in urls


def test_the_pypi_description_shows_what_the_guide_builds() -> None:
    """Its conf.py lines and its question are the authoring guide's (which the tests build)."""
    description = PYPI_README.read_text(encoding="utf-8")
    guide = (ROOT / "AUTHORING.md").read_text(encoding="utf-8")
    conf = re.search(r"```python\n(# conf\.py\n.*?)```", description, re.S)
    guide_conf = re.search(r"<!-- minimal-book: conf.py -->\n```python\n(.*?)```", guide, re.S)
    assert conf is not None and guide_conf is not None
    guide_lines = [line.split("#")[0].strip() for line in guide_conf.group(1).splitlines()]
    for line in conf.group(1).splitlines():
        assert line.split("#")[0].strip() in guide_lines, line
    question = re.search(r"```markdown\n(.*?)\n```", description, re.S)
    single = re.search(r"<!-- example: single -->\n`````markdown\n(.*?)\n`````", guide, re.S)
    assert question is not None and single is not None
    assert question.group(1) == single.group(1)
    assert "pip install fbss-quiz myst-parser" in description


def tracked_files() -> list[str]:
    if not (ROOT / ".git").exists():
        missing_tool("A git checkout (to list the tracked files)", "run from a clone")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [name for name in listed.stdout.split("\0") if name]


def test_the_sdist_holds_every_tracked_file_and_nothing_git_ignores(
    dist: dict[str, object],
) -> None:
    members = sdist_members(dist)
    tracked = tracked_files()
    assert [name for name in tracked if name not in members] == []
    files = [name for name, m in members.items() if m.isfile()]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"],
        cwd=ROOT,
        input="\n".join(f for f in files if not f.startswith("fbss_quiz.egg-info/")),
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == []


def test_the_tests_run_from_the_unpacked_sdist(dist: dict[str, object], tmp_path: Path) -> None:
    """The tests need conftest.py, the test roots, the snapshots and AUTHORING.md."""
    with tarfile.open(str(dist["sdist"])) as sdist:
        sdist.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    some_tests = [
        "tests/extension/test_syntax.py",
        "tests/extension/test_authoring_guide.py",
        "tests/outputs/test_outputs.py::test_rst_root_builds_the_same_question",
    ]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not slow",
            *some_tests,
        ],
        cwd=unpacked,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert " passed" in run.stdout and "error" not in run.stdout.splitlines()[-1]
