"""Bodies of the Next Generation NCLEX item types, from plain lines.

Pure Python, like :mod:`fbss_quiz.syntax`: every problem is a :class:`Problem`
at a body-line index, which the directive turns into a located warning. The
syntax of each type (documented in AUTHORING.md):

- ``matrix`` / ``matrix-multiple``: a line ``columns: A | B``, then one row per
  finding, ``- [B] finding`` (``- [A | B] finding`` for several), each with an
  indented rationale;
- ``cloze``: blanks ``[[1]]`` in the stem, then for each blank a line ``[[1]]``
  and its ``- [x]`` / ``- [ ]`` choices;
- ``highlight``: a passage whose selectable phrases are ``[[phrase]]`` and
  correct ones ``[[*phrase]]``, then rationale lines ``- [[phrase]]``;
- ``ordering``: steps ``1. ...``, ``2. ...`` in the correct order;
- ``bowtie``: ``Condition:``, ``Actions:`` and ``Monitor:``, each followed by
  ``- [x]`` / ``- [ ]`` choices (1, 2 and 2 correct).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fbss_quiz.diagnostics import Subtype
from fbss_quiz.model import QuestionType, Rule
from fbss_quiz.syntax import (
    NEAR_OPTION_LINE,
    OPTION_LINE,
    Block,
    Problem,
    _dedent,
    _trim,
    fenced_lines,
)

COLUMNS_LINE = re.compile(r"^columns:\s*(?P<names>.*)$", re.I)
ROW_LINE = re.compile(r"^[-*] \[(?P<cols>[^\]]*)\] +(?P<text>\S.*)$")
STEP_LINE = re.compile(r"^(?P<n>\d+)\. +(?P<text>\S.*)$")
BLANK_HEADER = re.compile(r"^\[\[(?P<name>[^\]\s]+)\]\]\s*$")
BOWTIE_HEADER = re.compile(r"^(?P<name>condition|actions|monitor)\s*:\s*$", re.I)
PHRASE_RATIONALE = re.compile(r"^[-*] \[\[\*?(?P<text>[^\]]+)\]\]\s*$")
#: ``[[name]]`` in a cloze stem, ``[[phrase]]`` / ``[[*phrase]]`` in a passage.
MARKER = re.compile(r"\[\[(?P<star>\*?)(?P<text>[^\[\]]*)\]\]")

#: Bow-tie lists: header, scoring rule, how many correct choices.
BOWTIE_PARTS = (("condition", Rule.ONE, 1), ("actions", Rule.SLOTS, 2), ("monitor", Rule.SLOTS, 2))

NGN_TYPES = frozenset(
    {
        QuestionType.MATRIX,
        QuestionType.MATRIX_MULTIPLE,
        QuestionType.CLOZE,
        QuestionType.HIGHLIGHT,
        QuestionType.ORDERING,
        QuestionType.BOWTIE,
    }
)


@dataclass(frozen=True)
class Choice:
    line: int
    correct: bool
    label: str
    rationale: Block | None


@dataclass
class Group:
    line: int
    label: str
    rule: Rule
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
    qtype: QuestionType
    stem: Block
    groups: list[Group] = field(default_factory=list)
    #: Matrix column names.
    columns: list[str] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    explanation: Block | None = None
    problems: list[Problem] = field(default_factory=list)


def marker_token(index: int) -> str:
    """A word both parsers leave alone, swapped for a blank or phrase afterwards."""
    return f"FBSSMARK{index}Z"


def _indented_body(lines: list[str], start: int) -> tuple[Block | None, int]:
    """The indented (or blank) lines from ``start``: an item's rationale."""
    end = start
    while end < len(lines) and (not lines[end].strip() or lines[end][:1].isspace()):
        end += 1
    body = _trim(start, _dedent(list(lines[start:end])))
    return (None if body.is_blank() else body), end


class _Parser:
    def __init__(self, lines: list[str], qtype: QuestionType) -> None:
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

    def explanation(self, start: int, *stray: re.Pattern[str]) -> None:
        rest = _trim(start, list(self.lines[start:]))
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
                body, end = _indented_body(self.lines, i + 1)
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


def _stem_and_markers(parser: _Parser, end: int, kind: str) -> None:
    """The stem up to ``end``, with its ``[[...]]`` markers swapped for tokens."""
    item = parser.item
    lines = list(parser.lines[:end])
    out = []
    for index, line in enumerate(lines):
        if index in parser.fenced:
            out.append(line)
            continue

        def swap(match: re.Match[str], index: int = index) -> str:
            text = match["text"].strip()
            if not text:
                _empty_marker(parser, index, match[0], kind)
                return ""
            token = marker_token(len(item.markers))
            item.markers.append(Marker(token, index, text, bool(match["star"])))
            return token

        replaced = MARKER.sub(swap, line)
        if "[[" in replaced or "]]" in replaced:
            parser.problem(
                Subtype.CLOZE if kind == "blank" else Subtype.HIGHLIGHT,
                index,
                f"unclosed {kind} marker in {line.strip()!r}: write "
                + ("'[[1]]'" if kind == "blank" else "'[[phrase]]' or '[[*correct phrase]]'"),
            )
        out.append(replaced)
    item.stem = _trim(0, out)


def _empty_marker(parser: _Parser, line: int, marker: str, kind: str) -> None:
    """``[[ ]]``: nothing to select or fill in. It is dropped; the question stands."""
    if kind == "blank":
        parser.problem(
            Subtype.CLOZE,
            line,
            f"empty blank {marker!r}: name it after its choice list, such as '[[1]]' with a "
            "line '[[1]]' and its choices after the text, or remove it (ignored)",
            keep=True,
        )
    else:
        parser.problem(
            Subtype.HIGHLIGHT,
            line,
            f"empty phrase {marker!r}: write the words to select between the brackets, "
            "'[[phrase]]' or '[[*correct phrase]]', or remove the brackets (ignored)",
            keep=True,
        )


def _parse_matrix(p: _Parser) -> None:
    item = p.item
    start = p.first(COLUMNS_LINE)
    if start is None:
        item.stem = _trim(0, list(p.lines))
        p.problem(
            Subtype.MATRIX,
            -1,
            "matrix has no columns: add a line 'columns: Expected | Report now' after the "
            "question, then one row per finding such as '- [Report now] New leg weakness'",
        )
        return
    item.stem = _trim(0, list(p.lines[:start]))
    item.columns = [c.strip() for c in COLUMNS_LINE.match(p.lines[start])["names"].split("|")]  # type: ignore[index]
    if len(item.columns) < 2 or not all(item.columns):
        p.problem(
            Subtype.MATRIX,
            start,
            "a matrix needs at least two named columns separated by '|', such as "
            "'columns: Expected | Report now'",
        )
        return
    seen: dict[str, str] = {}
    for name in item.columns:
        if name.casefold() in seen:
            same = seen[name.casefold()]
            p.problem(
                Subtype.MATRIX,
                start,
                f"matrix has two columns named {same!r}"
                + (f" and {name!r}" if name != same else "")
                + ": a row's brackets could not say which one it means; give each column "
                "its own name, or remove one",
            )
            return
        seen[name.casefold()] = name
    multiple = item.qtype is QuestionType.MATRIX_MULTIPLE
    rule = Rule.PLUS_MINUS if multiple else Rule.ONE
    i = start + 1
    while i < len(p.lines):
        line = p.lines[i]
        if not line.strip():
            i += 1
            continue
        match = ROW_LINE.match(line)
        if not match:
            if NEAR_OPTION_LINE.match(line) or line.startswith(("- ", "* ")):
                p.problem(
                    Subtype.MATRIX,
                    i,
                    f"matrix row {line.strip()!r} names no column: write '- [{item.columns[-1]}] "
                    "finding', the right column in brackets",
                )
                i += 1
                continue
            break
        body, end = _indented_body(p.lines, i + 1)
        marked = [c.strip() for c in match["cols"].split("|") if c.strip()]
        group = Group(i, match["text"].strip(), rule, rationale=body)
        unknown = [c for c in marked if c not in item.columns]
        if not marked or unknown:
            wrong = f"names {unknown[0]!r}, which is not a column" if unknown else "marks no column"
            p.problem(
                Subtype.MATRIX,
                i,
                f"matrix row {group.label!r} {wrong}: put one of "
                f"{' | '.join(item.columns)} in its brackets",
            )
        elif len(marked) > 1 and not multiple:
            p.problem(
                Subtype.MATRIX,
                i,
                f"matrix row {group.label!r} marks {len(marked)} columns: keep one, or use "
                "':type: matrix-multiple' to allow several per row",
            )
        # A cell's label is its column's name, written on the columns line.
        group.choices = [Choice(start, c in marked, c, None) for c in item.columns]
        item.groups.append(group)
        i = end
    if not item.groups:
        p.problem(
            Subtype.MATRIX,
            start,
            "matrix has no rows: add lines such as '- [Report now] New leg weakness' under "
            "the columns line",
        )
    p.explanation(i, ROW_LINE)


def _parse_cloze(p: _Parser) -> None:
    item = p.item
    start = p.items_start(BLANK_HEADER)
    _stem_and_markers(p, start, "blank")
    if not item.markers:
        p.problem(
            Subtype.CLOZE,
            -1,
            "cloze question has no blank: write '[[1]]' in the text where a drop-down goes, "
            "then a line '[[1]]' followed by its '- [x]' / '- [ ]' choices",
        )
        return
    lists: dict[str, Group] = {}
    i = start
    while i < len(p.lines):
        header = BLANK_HEADER.match(p.lines[i])
        if not header or i in p.fenced:
            break
        group = Group(i, header["name"], Rule.ONE)
        if header["name"] in lists:
            p.problem(
                Subtype.CLOZE, i, f"blank [[{header['name']}]] has two choice lists: keep one"
            )
        lists[header["name"]] = group
        i = p.choices(i + 1, group)
    seen: set[str] = set()
    for marker in item.markers:
        if marker.text in seen:
            p.problem(
                Subtype.CLOZE,
                marker.line,
                f"blank [[{marker.text}]] appears twice in the text: give each blank its own name",
            )
            continue
        seen.add(marker.text)
        listed = lists.get(marker.text)
        if listed is None:
            p.problem(
                Subtype.CLOZE,
                marker.line,
                f"blank [[{marker.text}]] has no choices: add a line '[[{marker.text}]]' after "
                "the text, followed by '- [x] right word' and '- [ ] other word' lines",
            )
            continue
        item.groups.append(listed)
        n_correct = sum(c.correct for c in listed.choices)
        if len(listed.choices) < 2 or n_correct != 1:
            p.problem(
                Subtype.CLOZE,
                listed.line,
                f"blank [[{marker.text}]] has {len(listed.choices)} choices and {n_correct} "
                "correct: give it at least two choices and mark exactly one with '- [x]'",
            )
    for name, group in lists.items():
        if name not in seen:
            p.problem(
                Subtype.CLOZE,
                group.line,
                f"choices for [[{name}]], but the text has no blank [[{name}]]: add it where the "
                "drop-down goes",
            )
    p.explanation(i, BLANK_HEADER, OPTION_LINE)


def _parse_highlight(p: _Parser) -> None:
    item = p.item
    start = p.items_start(PHRASE_RATIONALE)
    _stem_and_markers(p, start, "phrase")
    group = Group(-1, "", Rule.PLUS_MINUS)
    item.groups.append(group)
    rationales: dict[str, Block | None] = {}
    i = start
    while i < len(p.lines):
        match = PHRASE_RATIONALE.match(p.lines[i])
        if not match:
            if not p.lines[i].strip():
                i += 1
                continue
            break
        body, end = _indented_body(p.lines, i + 1)
        text = match["text"].strip()
        if text not in {m.text for m in item.markers}:
            p.problem(
                Subtype.HIGHLIGHT,
                i,
                f"rationale for {text!r}, which is not a selectable phrase of the passage: "
                "copy the phrase exactly as it is written between [[ ]]",
            )
        rationales[text] = body
        i = end
    for marker in item.markers:
        group.choices.append(
            Choice(marker.line, marker.correct, marker.text, rationales.get(marker.text))
        )
    if not item.markers:
        p.problem(
            Subtype.HIGHLIGHT,
            -1,
            "highlight question has no selectable phrase: mark phrases in the passage with "
            "'[[phrase]]' and the correct ones with '[[*phrase]]'",
        )
    elif not any(m.correct for m in item.markers):
        p.problem(
            Subtype.HIGHLIGHT,
            item.markers[0].line,
            "highlight question has no correct phrase: mark the phrases that matter with "
            "'[[*phrase]]'",
        )
    p.explanation(i, PHRASE_RATIONALE)


def _parse_ordering(p: _Parser) -> None:
    item = p.item
    start = p.items_start(STEP_LINE)
    item.stem = _trim(0, list(p.lines[:start]))
    group = Group(-1 if start == len(p.lines) else start, "", Rule.ORDER)
    item.groups.append(group)
    i = start
    while i < len(p.lines):
        match = STEP_LINE.match(p.lines[i])
        if not match:
            if not p.lines[i].strip():
                i += 1
                continue
            break
        if int(match["n"]) != len(group.choices) + 1:
            p.problem(
                Subtype.ORDERING,
                i,
                f"step numbered {match['n']} should be {len(group.choices) + 1}: number the "
                "steps 1, 2, 3 ... in the correct order",
            )
        body, end = _indented_body(p.lines, i + 1)
        group.choices.append(Choice(i, True, match["text"].strip(), body))
        i = end
    if len(group.choices) < 2:
        p.problem(
            Subtype.ORDERING,
            group.line,
            "an ordering question needs at least two steps, written '1. first step', "
            "'2. next step' ... in the correct order",
        )
    p.explanation(i, STEP_LINE)


def _parse_bowtie(p: _Parser) -> None:
    item = p.item
    start = p.items_start(BOWTIE_HEADER)
    item.stem = _trim(0, list(p.lines[:start]))
    found: dict[str, Group] = {}
    i = start
    while i < len(p.lines):
        header = BOWTIE_HEADER.match(p.lines[i])
        if not header or i in p.fenced:
            break
        name = header["name"].lower()
        rule = next(rule for part, rule, _ in BOWTIE_PARTS if part == name)
        group = Group(i, name, rule)
        if name in found:
            p.problem(Subtype.BOWTIE, i, f"bow-tie has two '{name.title()}:' lists: keep one")
        found[name] = group
        i = p.choices(i + 1, group)
    for name, _, count in BOWTIE_PARTS:
        part = found.get(name)
        if part is None:
            p.problem(
                Subtype.BOWTIE,
                -1,
                f"bow-tie has no '{name.title()}:' list: write the lines 'Condition:', "
                "'Actions:' and 'Monitor:', each followed by '- [x]' / '- [ ]' choices",
            )
            continue
        item.groups.append(part)
        n_correct = sum(c.correct for c in part.choices)
        if n_correct != count or len(part.choices) <= count:
            p.problem(
                Subtype.BOWTIE,
                part.line,
                f"bow-tie '{name.title()}:' has {n_correct} correct of {len(part.choices)}: "
                f"mark exactly {count} with '- [x]', among more than {count} choices",
            )
    p.explanation(i, BOWTIE_HEADER, OPTION_LINE)


_PARSERS = {
    QuestionType.MATRIX: _parse_matrix,
    QuestionType.MATRIX_MULTIPLE: _parse_matrix,
    QuestionType.CLOZE: _parse_cloze,
    QuestionType.HIGHLIGHT: _parse_highlight,
    QuestionType.ORDERING: _parse_ordering,
    QuestionType.BOWTIE: _parse_bowtie,
}


def parse_item_body(lines: list[str], qtype: QuestionType, require_rationale: bool) -> ParsedItem:
    """Parse the body of an NGN item of ``qtype``; problems are collected, not raised."""
    parser = _Parser(list(lines), qtype)
    _PARSERS[qtype](parser)
    item = parser.item
    if not item.stem.lines:
        parser.problem(
            Subtype.EMPTY_STEM,
            next((g.line for g in item.groups if g.line >= 0), -1),
            "question has no text before its items: write the question (the stem) first",
        )
    if require_rationale and all(problem.keeps_question for problem in item.problems):
        for group in item.groups:
            if qtype in (QuestionType.MATRIX, QuestionType.MATRIX_MULTIPLE):
                missing = [(group.line, group.label)] if group.rationale is None else []
            else:
                missing = [(c.line, c.label) for c in group.choices if c.rationale is None]
            for line, label in missing:
                parser.problem(
                    Subtype.NO_RATIONALE,
                    line,
                    f"{label!r} has no rationale: add an indented line under it that says "
                    "why (fbss_quiz_require_rationale is on)",
                )
    return item
