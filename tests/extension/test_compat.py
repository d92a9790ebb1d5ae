"""The parser workarounds of ``fbss_quiz/compat.py`` are needed where they apply."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from fbss_quiz import compat

from conftest import Built

#: A quiz whose fence opens straight onto a question's (no blank line between), the
#: layout in which MyST counts a line that is not in the source; line 9 is malformed.
TIGHT = """# Page

::::{quiz}
:::{question}
:id: tight
Which?

- [x] yes
-[ ] no
:::
::::
"""
BAD_LINE = 9


def _warned_line(built: Built) -> int:
    found = re.findall(r"index\.md:(\d+): WARNING: .*\[fbss_quiz\.bad-marker\]", built.warnings)
    assert len(found) == 1, built.warnings
    return int(found[0])


def test_myst_phantom_line_workaround_is_needed_where_it_applies(
    build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert compat.myst_version(), "the tests run with MyST"
    assert _warned_line(build({"index.md": TIGHT})) == BAD_LINE
    guarded = compat.myst_version() < compat.MYST_PHANTOM_LINE_BEFORE
    monkeypatch.setattr(compat, "MYST_PHANTOM_LINE_BEFORE", (0,))  # the workaround off
    without = _warned_line(build({"index.md": TIGHT}))
    if guarded:
        # If this fails, the installed MyST counts the line right: lower the guard.
        assert without == BAD_LINE + 1
    else:
        # If this fails, MyST still adds the line: move MYST_PHANTOM_LINE_BEFORE on.
        assert without == BAD_LINE


def test_a_blank_line_after_the_fence_is_not_taken_for_the_phantom_one(
    build: Callable[..., Built],
) -> None:
    spaced = TIGHT.replace("::::{quiz}\n", "::::{quiz}\n\n")
    assert _warned_line(build({"index.md": spaced})) == BAD_LINE + 1
