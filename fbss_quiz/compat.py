"""Where the extension adapts to its parsers: MyST or reStructuredText.

MyST mocks docutils' directive state and counts lines its own way; each
difference we rely on is here, so that a MyST release that changes one shows up
in one place (and in ``tests/extension/test_compat.py``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: MyST releases before this one prepend a newline to a colon fence whose body starts
#: with a nested fence (``render_colon_fence``), which shifts every line inside by one;
#: checked with myst-parser 4.0 and 5.2. Move it on when a release still does so.
MYST_PHANTOM_LINE_BEFORE = (6, 0)


def is_myst(directive: Any) -> bool:
    """Is ``directive`` being run by MyST (rather than docutils' rST parser)?"""
    return type(directive.state).__module__.startswith("myst_parser")


@cache
def myst_version() -> tuple[int, ...]:
    try:
        import myst_parser
    except ImportError:
        return ()
    return tuple(int(part) for part in re.findall(r"\d+", myst_parser.__version__)[:2])


def body_line(directive: Any, index: int) -> int:
    """The 1-based source line of line ``index`` of the directive's body (-1: the
    directive's own line)."""
    if index < 0:
        return int(directive.lineno)
    if is_myst(directive):
        # MyST counts the content offset from the line after the directive's.
        return int(directive.lineno) + 1 + int(directive.content_offset) + index
    return int(directive.content_offset) + index + 1


def inline_lineno(directive: Any, line: int) -> int:
    """The ``lineno`` to give ``parse_inline`` for source line ``line``: MyST's inliner
    counts from zero."""
    return line - 1 if is_myst(directive) else line


def phantom_line(directive: Any) -> int:
    """1 where MyST counted a blank line after the directive that is not in the source
    (see ``MYST_PHANTOM_LINE_BEFORE``), else 0: subtract it from the content offset.

    Only the source tells a real blank line from the phantom one, so the line after
    the directive is read from it (only for a fence that opens straight onto another)."""
    if not is_myst(directive) or myst_version() >= MYST_PHANTOM_LINE_BEFORE:
        return 0
    content = directive.content
    if directive.options or directive.content_offset != 1 or not content:
        return 0
    if not content[0].startswith(":::"):
        return 0
    env = directive.state.document.settings.env
    try:
        source = env.doc2path(env.docname).read_text(encoding="utf-8")
        after_directive = source.splitlines()[directive.lineno]
    except (OSError, IndexError):
        return 0
    return 0 if not after_directive.strip() else 1
