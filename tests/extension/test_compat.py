"""The parser workarounds of ``fbss_quiz/compat.py`` are needed where they apply."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from docutils import nodes

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


#: Questions whose parts are plain words (made without a parse, ``compat.plain_*``)
#: beside parts that are not: parts of several lines and paragraphs, lines that look
#: plain and are not (a list, an ordered list), a label with markup, and a stem with a
#: role before plain rationales.
PLAIN = """# Page

:::{question}
:id: plain-one
Question one: a patient reports pain that came back
three months after surgery. Which is most likely?

- [x] Scar tissue around the nerve root
  Right: scar tissue (fibrosis) forms in the months after surgery.

  A second paragraph, with "quotes" and the patient's own words!
- [ ] A *new* disc herniation
  Wrong: 1. not a list here
- [ ] Option C/D, plain - with a dash
  - a list in the rationale
- [ ] Option D
  2. an ordered list starts here

The explanation, plain: one sentence.
:::

:::{question}
:id: plain-two
Stem with a {sup}`role` before plain rationales.

- [x] Yes
  Plain after a role.
- [ ] No
  Plain too.
:::
"""


def _doctree_dump(built: Built) -> list[tuple[object, ...]]:
    """Every node of the page as read, with its line, source and attributes."""
    rows: list[tuple[object, ...]] = []
    for node in built.app.env.get_doctree("index").findall():
        if isinstance(node, nodes.Text):
            rows.append(("#text", str(node), node.line, node.source))
        else:
            attrs = sorted((k, repr(v)) for k, v in node.attributes.items())
            rows.append((node.tagname, attrs, node.line, node.source, node.rawsource))
    # The two builds differ in their folder only.
    return [tuple(str(v).replace(str(built.srcdir), "") for v in row) for row in rows]


def test_plain_parts_made_without_a_parse_are_what_the_parse_makes(
    build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[bool] = []
    plain_nodes = compat.plain_paragraph_nodes

    def counting(*args: Any) -> bool:
        made.append(plain_nodes(*args))
        return made[-1]

    monkeypatch.setattr(compat, "plain_paragraph_nodes", counting)
    fast = build({"index.md": PLAIN})
    # The first stem and the first two rationales are made without a parse; once a part
    # waits for a parse (the list, the role), the plain parts after it wait too.
    assert made == [True, True, True, False, False], made
    monkeypatch.setattr(compat, "plain_paragraph_nodes", lambda *args: False)
    monkeypatch.setattr(compat, "plain_text", lambda text: False)
    parsed = build({"index.md": PLAIN})
    assert _doctree_dump(fast) == _doctree_dump(parsed)
    # MyST counts the words of every parse (the page's reading time, ``wordcount-words``).
    counted = [built.app.env.metadata["index"]["wordcount"] for built in (fast, parsed)]
    assert counted[0] == counted[1] and counted[0]["words"] > 60, counted
    assert fast.page("index") == parsed.page("index")
    assert fast.warnings == parsed.warnings.replace("project1", "project0")


def test_plain_lines_are_words_that_no_markdown_rule_reads() -> None:
    assert compat.plain_text('Option C/D, plain (c) - it\'s "so": yes!')
    for not_plain in ("1. a list", "- a list", "# heading", "a *word*", "a_b", "x  ", " x"):
        assert not compat.plain_text(not_plain), not_plain
    assert compat.plain_paragraphs(["One line", "two", "", "Another"]) == [
        (0, ["One line", "two"]),
        (3, ["Another"]),
    ]
    assert compat.plain_paragraphs(["One", "  indented"]) is None


def test_typographic_replacements_still_apply_to_plain_words(
    build: Callable[..., Built],
) -> None:
    page = build(
        {"index.md": PLAIN.replace("Plain too.", "Plain too (c) 2026.")},
        conf='myst_enable_extensions = ["colon_fence", "replacements"]\n',
    ).page("index")
    assert "Plain too \u00a9 2026." in page
