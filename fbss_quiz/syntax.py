"""Split the body of a ``question`` directive into stem, options and explanation.

Pure Python over a list of lines: the directive layer parses each part as markup
afterwards. Reading our own lines (rather than relying on MyST's task-list
extension, which turns ``- [x]`` into raw HTML checkboxes) makes the syntax
behave the same in MyST and rST, with or without that extension.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fbss_quiz.diagnostics import Subtype
from fbss_quiz.model import QuestionType

#: A well-formed option line: ``- [x] text`` or ``* [ ] text`` at column 0.
OPTION_LINE = re.compile(r"^[-*] \[(?P<mark>[ xX])\] +(?P<text>\S.*)$")
#: Something that was meant to be an option line but is not well formed:
#: ``- [y] ...``, ``-[x] ...``, ``- [x]`` with no text, ``[x] ...`` without a bullet.
NEAR_OPTION_LINE = re.compile(r"^(?:[-*]\s*\[[^\]]{0,3}\]|\[[ xX]\](?:\s|$))")


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
class ParsedOption:
    line: int
    correct: bool
    label: str
    rationale: Block | None


@dataclass(frozen=True)
class Problem:
    subtype: Subtype
    #: Index into the body lines, or -1 for the directive line itself.
    line: int
    message: str
    #: True when the faulty part is ignored and the question still stands.
    keeps_question: bool = False


@dataclass
class ParsedQuestion:
    stem: Block
    options: list[ParsedOption] = field(default_factory=list)
    explanation: Block | None = None
    problems: list[Problem] = field(default_factory=list)


def _trim(start: int, lines: list[str]) -> Block:
    """Drop blank lines at both ends, keeping ``start`` pointing at the first kept line."""
    first, last = 0, len(lines)
    while first < last and not lines[first].strip():
        first += 1
    while last > first and not lines[last - 1].strip():
        last -= 1
    return Block(start + first, tuple(lines[first:last]))


def _dedent(lines: list[str]) -> list[str]:
    widths = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(widths, default=0)
    return [line[cut:] if line.strip() else "" for line in lines]


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


def parse_question_body(lines: list[str]) -> ParsedQuestion:
    """Split ``lines`` into stem, options with rationales, and explanation.

    Problems are reported, never raised: the caller turns each into a located
    warning. Checks that depend on options of the directive (``:type:``) or on
    configuration (required rationales) live in :func:`check_question`.
    """
    problems: list[Problem] = []
    fenced = fenced_lines(lines)
    first_option = next(
        (i for i, line in enumerate(lines) if i not in fenced and OPTION_LINE.match(line)), None
    )
    for i, line in enumerate(lines):
        if i not in fenced and NEAR_OPTION_LINE.match(line) and not OPTION_LINE.match(line):
            problems.append(
                Problem(
                    Subtype.BAD_MARKER,
                    i,
                    f"malformed option line {line.strip()!r}: write '- [x] text' for a "
                    "correct option or '- [ ] text' for an incorrect one (a space after "
                    "the dash, x or a space inside the brackets, then the option text)",
                )
            )
    if first_option is None:
        stem = _trim(0, list(lines))
        if not problems:
            problems.append(
                Problem(
                    Subtype.NO_OPTIONS,
                    -1,
                    "question has no options: add lines such as '- [x] right answer' and "
                    "'- [ ] wrong answer' after the question text",
                )
            )
        return ParsedQuestion(stem=stem, problems=problems)

    stem = _trim(0, list(lines[:first_option]))
    options: list[ParsedOption] = []
    i = first_option
    explanation: Block | None = None
    while i < len(lines):
        match = OPTION_LINE.match(lines[i])
        if match:
            start = i + 1
            j = start
            # The rationale is every following line that is indented or blank,
            # up to the next line at column 0.
            while j < len(lines) and (not lines[j].strip() or lines[j][:1].isspace()):
                j += 1
            body = _trim(start, _dedent(list(lines[start:j])))
            options.append(
                ParsedOption(
                    line=i,
                    correct=match.group("mark") in "xX",
                    label=match.group("text").strip(),
                    rationale=None if body.is_blank() else body,
                )
            )
            i = j
            continue
        # First unindented line that is not an option: the explanation starts.
        rest = _trim(i, list(lines[i:]))
        stray = next(
            (
                k
                for k, line in enumerate(rest.lines)
                if rest.start + k not in fenced and OPTION_LINE.match(line)
            ),
            None,
        )
        if stray is not None:
            problems.append(
                Problem(
                    Subtype.BAD_MARKER,
                    rest.start + stray,
                    "option line after the explanation: keep all options in one list "
                    "directly after the question text, and put the explanation last",
                )
            )
        explanation = None if rest.is_blank() else rest
        break
    return ParsedQuestion(stem=stem, options=options, explanation=explanation, problems=problems)


def check_question(
    parsed: ParsedQuestion, declared_type: str | None, require_rationale: bool
) -> QuestionType | None:
    """Add the problems that need the directive's options; return the question type.

    Returns ``None`` when the type itself is unusable.
    """
    problems = parsed.problems
    if not parsed.stem.lines and parsed.options:
        problems.append(
            Problem(
                Subtype.EMPTY_STEM,
                parsed.options[0].line,
                "question has no text before its options: write the question (the stem) "
                "above the first '- [ ]' line",
            )
        )
    qtype: QuestionType | None
    if declared_type is None or not declared_type.strip():
        qtype = None
    else:
        try:
            qtype = QuestionType(declared_type.strip().lower())
        except ValueError:
            problems.append(
                Problem(
                    Subtype.UNKNOWN_TYPE,
                    -1,
                    f"unknown question type {declared_type.strip()!r}: use ':type: single' "
                    "or ':type: multiple' (select all that apply), or one of matrix, "
                    "matrix-multiple, cloze, highlight, ordering, bowtie; or leave ':type:' out",
                )
            )
            return None
    n_correct = sum(option.correct for option in parsed.options)
    if parsed.options and n_correct == 0:
        problems.append(
            Problem(
                Subtype.NO_CORRECT,
                parsed.options[0].line,
                "question has no correct option: mark the right answer(s) with '- [x]'",
            )
        )
    if qtype is QuestionType.SINGLE and n_correct > 1:
        problems.append(
            Problem(
                Subtype.SINGLE_MANY_CORRECT,
                [o.line for o in parsed.options if o.correct][1],
                f"':type: single' question has {n_correct} correct options: mark only one "
                "with '- [x]', or use ':type: multiple' for select-all-that-apply",
            )
        )
    if require_rationale:
        for option in parsed.options:
            if option.rationale is None:
                problems.append(
                    Problem(
                        Subtype.NO_RATIONALE,
                        option.line,
                        f"option {option.label!r} has no rationale: add an indented line "
                        "under it that says why it is right or wrong "
                        "(fbss_quiz_require_rationale is on)",
                    )
                )
    if qtype is None:
        qtype = QuestionType.MULTIPLE if n_correct > 1 else QuestionType.SINGLE
    return qtype
