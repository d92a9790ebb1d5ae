"""What every kind's syntax shares: blocks of body lines, located problems, option
lines, fences, indented rationales, ``[[...]]`` markers, and the parsed body.

Pure Python over a list of lines: the directive parses each part as markup
afterwards. Reading our own lines (rather than relying on MyST's task-list
extension, which turns ``- [x]`` into raw HTML checkboxes) makes the syntax
behave the same in MyST and rST, with or without that extension. Each kind's own
syntax is in its module (``fbss_quiz/kinds/``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from fbss_quiz.diagnostics import Subtype
from fbss_quiz.model import GroupRecord, OptionRecord, QuestionRecord

#: A well-formed option line: ``- [x] text`` or ``* [ ] text`` at column 0.
OPTION_LINE = re.compile(r"^[-*] \[(?P<mark>[ xX])\] +(?P<text>\S.*)$")
#: Something that was meant to be an option line but is not well formed:
#: ``- [y] ...``, ``-[x] ...``, ``- [x]`` with no text, ``[x] ...`` without a bullet.
NEAR_OPTION_LINE = re.compile(r"^(?:[-*]\s*\[[^\]]{0,3}\]|\[[ xX]\](?:\s|$))")
#: ``[[name]]`` in a cloze stem, ``[[phrase]]`` / ``[[*phrase]]`` in a passage.
MARKER = re.compile(r"\[\[(?P<star>\*?)(?P<text>[^\[\]]*)\]\]")


@dataclass(frozen=True)
class Block:
    """A run of lines from the directive body; ``start`` indexes the body."""

    start: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def is_blank(self) -> bool:
        return not any(line.strip() for line in self.lines)


@dataclass(frozen=True)
class Problem:
    subtype: Subtype
    #: Index into the body lines, or -1 for the directive line itself.
    line: int
    message: str
    #: True when the faulty part is ignored and the question still stands.
    keeps_question: bool = False


@dataclass(frozen=True)
class Choice:
    """An option, a matrix cell, a blank's choice, a phrase or a step."""

    line: int
    correct: bool
    label: str
    rationale: Block | None


@dataclass
class Group:
    """A scoring group as written: its label (a matrix row's finding, a blank's or a
    bow-tie list's name) at body line ``line``, and its choices."""

    line: int
    label: str
    rule: str
    choices: list[Choice] = field(default_factory=list)
    #: A matrix row's rationale.
    rationale: Block | None = None


@dataclass(frozen=True)
class Marker:
    """A blank or a phrase in the stem, replaced by ``token`` before parsing."""

    token: str
    line: int
    text: str
    correct: bool


@dataclass
class ParsedItem:
    """A question body split into its parts, with the problems found (every kind)."""

    qtype: str
    stem: Block
    groups: list[Group] = field(default_factory=list)
    #: Matrix column names.
    columns: list[str] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    explanation: Block | None = None
    problems: list[Problem] = field(default_factory=list)
    #: Flat option indices in the order pages show them, when not the author's.
    display: tuple[int, ...] = ()

    def choices(self) -> list[Choice]:
        return [choice for group in self.groups for choice in group.choices]

    def left_out(self) -> bool:
        return not all(problem.keeps_question for problem in self.problems)

    def record(self) -> QuestionRecord:
        """The question's record: its structure, with the source text of each part
        (the collector puts the text as the page reads it in their place)."""
        groups = tuple(
            GroupRecord(
                group.label,
                tuple(
                    OptionRecord(c.label, c.correct, c.rationale.text if c.rationale else "")
                    for c in group.choices
                ),
                group.rule,
                group.rationale.text if group.rationale else "",
            )
            for group in self.groups
        )
        return QuestionRecord(
            id="",
            docname="",
            lineno=0,
            position=0,
            qtype=self.qtype,
            stem=self.stem.text,
            options=tuple(option for group in groups for option in group.options),
            explanation=self.explanation.text if self.explanation else "",
            groups=groups,
            columns=tuple(self.columns),
            display=self.display,
        )


def trim(start: int, lines: list[str]) -> Block:
    """Drop blank lines at both ends, keeping ``start`` pointing at the first kept line."""
    first, last = 0, len(lines)
    while first < last and not lines[first].strip():
        first += 1
    while last > first and not lines[last - 1].strip():
        last -= 1
    return Block(start + first, tuple(lines[first:last]))


def dedent(lines: list[str]) -> list[str]:
    widths = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return [line[cut:] if line.strip() else "" for line in lines]


def indented_body(lines: list[str], start: int) -> tuple[Block | None, int]:
    """The indented (or blank) lines from ``start``: an item's rationale, and where
    the next unindented line is."""
    end = start
    while end < len(lines) and (not lines[end].strip() or lines[end][:1].isspace()):
        end += 1
    body = trim(start, dedent(list(lines[start:end])))
    return (None if body.is_blank() else body), end


_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,}|:{3,})")


def fenced_lines(lines: list[str]) -> set[int]:
    """Indices of lines inside MyST fences (code blocks, nested directives).

    Option markers there belong to that block, not to this question: a code
    sample that shows the syntax, or a question nested by mistake.
    """
    inside: set[int] = set()
    opener: str | None = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if opener is None:
            if match:
                opener = match.group("fence")
                inside.add(i)
            continue
        inside.add(i)
        if (
            match
            and match.group("fence")[0] == opener[0]
            and len(match.group("fence")) >= len(opener)
        ) and not line.strip(opener[0]).strip():
            opener = None
    return inside


def marker_token(index: int) -> str:
    """A word both parsers leave alone, swapped for a blank or phrase afterwards."""
    return f"FBSSMARK{index}Z"


class LineParser:
    """The body of one question being parsed into ``item``: its lines, fences and
    problems, and the steps every kind's parser shares."""

    def __init__(self, lines: list[str], qtype: str) -> None:
        self.lines = lines
        self.fenced = fenced_lines(lines)
        self.item = ParsedItem(qtype, Block(0, ()))

    def problem(self, subtype: Subtype, line: int, message: str, keep: bool = False) -> None:
        self.item.problems.append(Problem(subtype, line, message, keeps_question=keep))

    def first(self, pattern: re.Pattern[str]) -> int | None:
        return next(
            (i for i, x in enumerate(self.lines) if i not in self.fenced and pattern.match(x)), None
        )

    def items_start(self, pattern: re.Pattern[str]) -> int:
        """Where the item's list begins: its first ``pattern`` line, else the end."""
        first = self.first(pattern)
        return len(self.lines) if first is None else first

    def stem(self, end: int) -> None:
        self.item.stem = trim(0, list(self.lines[:end]))

    def explanation(self, start: int, *stray: re.Pattern[str]) -> None:
        rest = trim(start, list(self.lines[start:]))
        for k, line in enumerate(rest.lines):
            if rest.start + k not in self.fenced and any(p.match(line) for p in stray):
                self.problem(
                    Subtype.BAD_MARKER,
                    rest.start + k,
                    "item line after the explanation: keep the items in one list after the "
                    "question text, and put the explanation last",
                )
                break
        self.item.explanation = None if rest.is_blank() else rest

    def choices(self, start: int, group: Group) -> int:
        """``- [x]`` / ``- [ ]`` lines with rationales from ``start`` into ``group``."""
        i = start
        while i < len(self.lines):
            line = self.lines[i]
            match = OPTION_LINE.match(line)
            if match:
                body, end = indented_body(self.lines, i + 1)
                group.choices.append(Choice(i, match["mark"] in "xX", match["text"].strip(), body))
                i = end
                continue
            if not line.strip():
                i += 1
                continue
            if NEAR_OPTION_LINE.match(line):
                self.problem(
                    Subtype.BAD_MARKER,
                    i,
                    f"malformed choice line {line.strip()!r}: write '- [x] text' for the "
                    "correct choice or '- [ ] text' for another one",
                )
                i += 1
                continue
            break
        return i

    def stem_with_markers(self, end: int, subtype: Subtype, unclosed: str, empty: str) -> None:
        """The stem up to ``end``, with its ``[[...]]`` markers swapped for tokens.

        ``unclosed`` (with ``{line}``) says how to write a marker; ``empty`` (with
        ``{marker}``) what to do about an empty one, which is dropped while the question
        stands."""
        out = []
        for index, line in enumerate(self.lines[:end]):
            if index in self.fenced:
                out.append(line)
                continue
            replaced = MARKER.sub(
                partial(self._marker, line=index, subtype=subtype, empty=empty), line
            )
            if "[[" in replaced or "]]" in replaced:
                self.problem(subtype, index, unclosed.format(line=repr(line.strip())))
            out.append(replaced)
        self.item.stem = trim(0, out)

    def _marker(self, match: re.Match[str], line: int, subtype: Subtype, empty: str) -> str:
        text = match["text"].strip()
        if not text:
            self.problem(subtype, line, empty.format(marker=repr(match[0])), keep=True)
            return ""
        markers = self.item.markers
        token = marker_token(len(markers))
        markers.append(Marker(token, line, text, bool(match["star"])))
        return token

    def check_stem_and_rationales(self, require_rationale: bool, per_group: bool) -> None:
        """An empty stem; with ``require_rationale``, every choice (or, ``per_group``,
        every group) without a rationale, once the item is otherwise sound."""
        item = self.item
        if not item.stem.lines:
            self.problem(
                Subtype.EMPTY_STEM,
                next((g.line for g in item.groups if g.line >= 0), -1),
                "question has no text before its items: write the question (the stem) first",
            )
        if not require_rationale or item.left_out():
            return
        for group in item.groups:
            if per_group:
                missing = [(group.line, group.label)] if group.rationale is None else []
            else:
                missing = [(c.line, c.label) for c in group.choices if c.rationale is None]
            for line, label in missing:
                self.problem(
                    Subtype.NO_RATIONALE,
                    line,
                    f"{label!r} has no rationale: add an indented line under it that says "
                    "why (fbss_quiz_require_rationale is on)",
                )
