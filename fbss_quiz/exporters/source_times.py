"""When each question's source last changed, for the Anki notes' modification times.

Anki updates a note it already has only when the incoming note's modification
time is newer than its own (the importer's default, "update if newer"; it
compares nothing else), and it keeps the incoming time. So a note's time must
move forward when, and only when, what the note shows changes. The time of a
question is the latest time of the source lines it is made from (its own
lines, the heading of its section, the title of its case study):

- a committed line: the committer time of the last commit that changed it
  (``git blame``), the same in every clone, on every machine;
- a line changed since (or a file git does not track, or no git at all): the
  file's modification time.

``SOURCE_DATE_EPOCH``, when set, caps every time (the reproducible-builds
convention for file times, "clamping"): set it to the last commit's time and
uncommitted edits take that time, everything older keeps its own.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

#: 1980-01-01, the earliest time a zip entry can carry, and the floor of every time.
DEFAULT_EPOCH = 315532800

_HEADER = re.compile(r"^([0-9a-f]{40}) \d+ (\d+)(?: \d+)?$")
_UNCOMMITTED = "0" * 40


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as a whole number of seconds, or None when unset or invalid."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return max(int(value), DEFAULT_EPOCH) if value.isdigit() else None


def clamp(seconds: int) -> int:
    """``seconds`` no earlier than 1980 and no later than ``SOURCE_DATE_EPOCH``."""
    cap = source_date_epoch()
    seconds = max(seconds, DEFAULT_EPOCH)
    return min(seconds, cap) if cap is not None else seconds


def _file_time(path: Path) -> int:
    try:
        # Rounded up: an edit in the second after a commit is still newer.
        return math.ceil(path.stat().st_mtime)
    except OSError:
        return DEFAULT_EPOCH


def blame(path: Path) -> dict[int, int] | None:
    """Line number (from 1) -> committer time, for the lines git has committed as they are.

    None when git cannot say (not installed, not a repository, an untracked
    file); lines changed since the last commit are left out.
    """
    try:
        result = subprocess.run(
            ["git", "blame", "--porcelain", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    times: dict[str, int] = {}
    lines: dict[int, int] = {}
    commit = ""
    final_line = 0
    for line in result.stdout.splitlines():
        header = _HEADER.match(line)
        if header:
            commit, final_line = header.group(1), int(header.group(2))
        elif line.startswith("committer-time "):
            times[commit] = int(line.split()[1])
        elif line.startswith("\t") and commit != _UNCOMMITTED and commit in times:
            lines[final_line] = times[commit]
    return lines


class SourceTimes:
    """The times of source lines, reading each file's history once."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[dict[int, int] | None, int]] = {}

    def line_count(self, path: Path) -> int:
        try:
            return len(path.read_text(encoding="utf-8", errors="replace").splitlines())
        except OSError:
            return 0

    def _of(self, path: Path) -> tuple[dict[int, int] | None, int]:
        if path not in self._files:
            self._files[path] = (blame(path), _file_time(path))
        return self._files[path]

    def latest(self, path: Path, lines: Iterable[int]) -> int:
        """The latest time of ``lines`` of ``path`` (clamped, see :func:`clamp`)."""
        committed, modified = self._of(path)
        wanted = list(lines)
        if committed is None or not wanted:
            return clamp(modified)
        return clamp(max(committed.get(line, modified) for line in wanted))
