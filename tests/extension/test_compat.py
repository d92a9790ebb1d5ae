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


#: A question whose parts hold much of what Markdown has: lists, a quote, a fence, a
#: table, a footnote reference, roles (one unknown: a warning at its line, twice), and
#: labels with and without markup.
RICH = """# Page

:::{question}
:id: rich
The stem, with *emphasis* and a {sup}`role`.

- a list in the stem
- of two items

- [x] First, **bold** label
  A rationale with a list:
  - one
  - two
- [ ] Second label
  > A quoted rationale
  > on two lines, with a footnote[^note].
- [ ] Third label
  A rationale with an {nosuchrole}`unknown role`.
- [ ] Fourth label with a {sub}`role`
  ```
  code in a fence
  ```
- [ ] Fifth label
  | a | b |
  |---|---|
  | 1 | 2 |

The explanation, with another {nosuchrole}`unknown role`.
:::

[^note]: The footnote.
"""
#: Lines of RICH where MyST reports the unknown role.
UNKNOWN_ROLE_LINES = ["18", "28"]


def _joined_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record how many blocks each joined parse split into."""
    calls: list[int] = []
    split = compat.split_joined

    def counting(parsed: object, count: int) -> object:
        pieces = split(parsed, count)  # type: ignore[arg-type]
        calls.append(len(pieces) if pieces is not None else -1)
        return pieces

    monkeypatch.setattr(compat, "split_joined", counting)
    return calls


def test_blocks_parsed_together_come_out_as_parsed_one_by_one(
    build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _joined_calls(monkeypatch)
    joined = build({"index.md": RICH})
    # The stem and the first three rationales are joined; a fence or a table is not.
    assert calls == [4], calls
    monkeypatch.setattr(compat, "joinable", lambda directive, block: False)
    alone = build({"index.md": RICH})
    assert calls == [4]
    assert joined.page("index") == alone.page("index")
    project = re.compile(r"project\d")
    assert project.sub("", joined.warnings) == project.sub("", alone.warnings)
    warned = re.findall(r"index\.md:(\d+): (?:WARNING|ERROR): Unknown interpreted", joined.warnings)
    assert warned == UNKNOWN_ROLE_LINES, joined.warnings


def test_joined_blocks_keep_each_line_at_its_place() -> None:
    from fbss_quiz.syntax import Block

    joined = compat.joined_blocks([Block(0, ("a", "b")), Block(3, ("c",)), Block(5, ("d",))])
    assert joined is not None and joined.first == 0
    mark = f"% {compat.JOIN_MARK}"
    assert joined.lines == ["a", "b", mark, "c", mark, "d"]
    # No line between two blocks for the separator, or blocks out of order: no joining.
    assert compat.joined_blocks([Block(0, ("a",)), Block(1, ("b",))]) is None
    assert compat.joined_blocks([Block(4, ("a",)), Block(0, ("b",))]) is None
    assert compat.joined_blocks([Block(0, ("a",))]) is None


def test_labels_with_markup_that_leaves_a_trace_are_not_parsed_early() -> None:
    assert compat.parsed_alone("Option A, **bold** and `code`")
    for traced in ("a {term}`role`", "a footnote[^1]", "<b>html</b>", "~~gone~~", "$x$"):
        assert not compat.parsed_alone(traced), traced
