"""Where the extension adapts to its parsers: MyST or reStructuredText.

MyST mocks docutils' directive state and counts lines its own way; each
difference we rely on is here, so that a MyST release that changes one shows up
in one place (and in ``tests/extension/test_compat.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from fbss_quiz.syntax import Block

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


#: The text of the MyST comment line that separates the blocks of one joined parse.
JOIN_MARK = "fbss-quiz-part-break"
#: A line that keeps its block out of a joined parse: one that starts something that a
#: MyST comment line does not end or that a parse reads differently at its first line
#: (a fence, an HTML block, display math, a definition list, a footnote or link
#: definition, front matter or a rule, a block attribute line), a comment of its own
#: (which would merge with the separator) and any line of a table (table rows run on
#: past a comment).
_UNJOINABLE = re.compile(r"^\s*(?:[`~:<$%\\\[]|([-*_=])(?:\s*\1){2,}\s*$|\{[^}]*\}\s*$)|\|")
#: Inline markup that leaves a trace on the document or in the log when parsed (a role,
#: a footnote reference, HTML, strikethrough, math): a label holding any of it is parsed
#: only after the blocks that come before it.
_TRACE = re.compile(r"[{<~$]|\[\^")


def joinable(directive: Any, block: Block) -> bool:
    """Can ``block`` be parsed in one text with others (``joined_blocks``)?"""
    return (
        is_myst(directive)
        and bool(block.lines)
        and not any(_UNJOINABLE.search(line) for line in block.lines)
    )


def parsed_alone(text: str) -> bool:
    """Parsing ``text`` inline leaves nothing on the document or in the log that
    depends on what was parsed before it."""
    return _TRACE.search(text) is None


@dataclass(frozen=True)
class JoinedBlocks:
    """Blocks of one question body laid out for a single parse."""

    #: Body index of the first line.
    first: int
    lines: list[str]


def joined_blocks(blocks: Sequence[Block]) -> JoinedBlocks | None:
    """Joinable ``blocks`` (see :func:`joinable`) as one text that MyST parses as it
    would each block alone: every line at its own body index, so that line numbers
    stay right, and in the gap after each block but the last a ``% JOIN_MARK``
    comment line, which ends any paragraph, list or quote before it. None for fewer
    than two blocks, or blocks out of source order or without a line between them."""
    if len(blocks) < 2:
        return None
    first = blocks[0].start
    lines: list[str] = []
    for block in blocks:
        gap = block.start - first - len(lines)
        if lines:
            if gap < 1:
                return None
            lines += [f"% {JOIN_MARK}"] + [""] * (gap - 1)
        lines += block.lines
    return JoinedBlocks(first, lines)


def split_joined(parsed: Sequence[nodes.Node], count: int) -> list[list[nodes.Node]] | None:
    """The nodes of a joined parse, one list per block; None unless every separator
    came back as a comment between blocks."""
    pieces: list[list[nodes.Node]] = [[]]
    for node in parsed:
        if isinstance(node, nodes.comment) and node.children == [nodes.Text(JOIN_MARK)]:
            pieces.append([])
        else:
            pieces[-1].append(node)
    return pieces if len(pieces) == count else None


#: MyST extensions that react to no character a plain line may hold (``plain_lines``):
#: each needs one of ``$ { < [ ~ \\`` or a ``:`` or ``~`` at the start of a line. Any
#: other (``smartquotes``, ``replacements``, ``linkify``, ``gfm_autolink``...) rewrites
#: or links plain words, and a page that enables one is parsed as before.
_PLAIN_SAFE_EXTENSIONS = frozenset(
    {
        "amsmath",
        "attrs_block",
        "attrs_inline",
        "attrs_image",
        "colon_fence",
        "deflist",
        "dollarmath",
        "fieldlist",
        "html_admonition",
        "html_image",
        "strikethrough",
        "substitution",
        "tasklist",
    }
)
#: A line that MyST reads as text and nothing else: words, digits, spaces and
#: ``, . ; : ? ! ' " ( ) / -``, starting with a letter, a bracket or a quote (no list,
#: heading, rule, target or definition can start there) and ending without a space
#: (a hard break). No character that starts inline markup (``* _ ` [ < & \\ { $ ~``).
_PLAIN_LINE = re.compile(r"(?:[^\W\d_]|[(\"'])(?:[^\W_]|[ ,.;:?!'\"()/-])*(?<! )")


def plain_parser(directive: Any) -> bool:
    """Does ``directive``'s page parse plain lines as text alone (MyST, with no
    extension that changes plain words)? Asked per page: front matter can enable
    extensions."""
    if not is_myst(directive):
        return False
    renderer = directive.state._renderer
    known = getattr(renderer, "_fbss_quiz_plain", None)
    if known is None:
        extensions = set(renderer.md_config.enable_extensions)
        known = renderer._fbss_quiz_plain = extensions <= _PLAIN_SAFE_EXTENSIONS
    return bool(known)


def plain_text(text: str) -> bool:
    """Is ``text`` (one line) a run of plain words (``_PLAIN_LINE``)?"""
    return _PLAIN_LINE.fullmatch(text) is not None


def plain_paragraphs(lines: Sequence[str]) -> list[tuple[int, list[str]]] | None:
    """``lines`` as paragraphs of plain lines (see ``plain_text``), each with the index
    of its first line, when that is all they hold (blank lines between); else None."""
    paragraphs: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    for index, line in enumerate(lines):
        if not line.strip():
            current = None
        elif _PLAIN_LINE.fullmatch(line) is None:
            return None
        elif current is None:
            current = [line]
            paragraphs.append((index, current))
        else:
            current.append(line)
    return paragraphs or None


def plain_paragraph_nodes(
    directive: Any, first: int, lines: Sequence[str], container: nodes.Element
) -> bool:
    """Put into ``container`` the nodes MyST's nested parse makes of ``lines`` (body
    lines ``first``...) when they are plain paragraphs (``plain_paragraphs``), without
    the parse: a paragraph per run of lines, a ``Text`` per line and a ``Text("\\n")``
    between (MyST's soft break), each paragraph at its source line, as MyST places it.
    False (nothing done) otherwise. A plain rationale costs MyST a full block parse;
    this is most of what a question's text costs to read."""
    if not plain_parser(directive):
        return False
    paragraphs = plain_paragraphs(lines)
    if paragraphs is None:
        return False
    count_words(directive, lines)
    document = directive.state.document
    # MyST's line: its state's line, plus the body's offset, plus the line in the block
    # (1-based), as ``MockState.nested_parse`` and ``_render_tokens`` count.
    base = directive.state._lineno + directive.content_offset + first + 1
    for index, run in paragraphs:
        paragraph = nodes.paragraph("\n".join(run))
        paragraph.line = base + index
        # As MyST does: later nodes without a line take this one (``setup_child``).
        document.current_line = paragraph.line
        paragraph.source = document["source"]
        container.append(paragraph)
        for number, line in enumerate(run):
            if number:
                paragraph.append(nodes.Text("\n"))
            paragraph.append(nodes.Text(line))
    return True


def count_words(directive: Any, lines: Sequence[str]) -> None:
    """Add the words of ``lines`` to the page's word count, as MyST's ``wordcount``
    rule does for each parse (its core rule runs on every parse, nested and inline, and
    feeds the page's ``wordcount-words`` and ``wordcount-minutes`` and its metadata):
    text made without a parse must be counted too."""
    from mdit_py_plugins.wordcount import basic_count  # MyST's own counter (MyST pages only)

    renderer = directive.state._renderer
    data = renderer.md_env.setdefault("wordcount", {})
    data.setdefault("words", 0)
    data["words"] += sum(basic_count(line) for line in lines)
    data["minutes"] = round(data["words"] / renderer.md_config.words_per_minute)
