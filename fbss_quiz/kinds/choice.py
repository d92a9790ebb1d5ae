"""Single choice (``:type: single``, radio buttons) and select all that apply
(``:type: multiple``, checkboxes): the core syntax of ``- [x]`` / ``- [ ]`` options.

Without ``:type:`` the number of ``[x]`` decides. A single-choice question is one
group scored 0/1 (``one``); a select-all question one group scored +1 per right
and -1 per wrong choice (``plus-minus``), never below zero.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.i18n import counted, static_text
from fbss_quiz.kinds.base import KindBase, PartBuilder, lettered, option_labels
from fbss_quiz.model import QuestionRecord, Rule, option_letter
from fbss_quiz.syntax import (
    NEAR_OPTION_LINE,
    OPTION_LINE,
    Block,
    Choice,
    Group,
    ParsedItem,
    Problem,
    dedent,
    fenced_lines,
    trim,
)

if TYPE_CHECKING:
    from fbss_quiz.exporters.bank import BankQuestion
    from fbss_quiz.html_out import QuestionHtml

SINGLE, MULTIPLE = "single", "multiple"


@dataclass(frozen=True)
class ParsedOption:
    line: int
    correct: bool
    label: str
    rationale: Block | None


@dataclass
class ParsedQuestion:
    stem: Block
    options: list[ParsedOption] = field(default_factory=list)
    explanation: Block | None = None
    problems: list[Problem] = field(default_factory=list)


def _malformed(lines: list[str], fenced: set[int]) -> list[Problem]:
    return [
        Problem(
            Subtype.BAD_MARKER,
            i,
            f"malformed option line {line.strip()!r}: write '- [x] text' for a "
            "correct option or '- [ ] text' for an incorrect one (a space after "
            "the dash, x or a space inside the brackets, then the option text)",
        )
        for i, line in enumerate(lines)
        if i not in fenced and NEAR_OPTION_LINE.match(line) and not OPTION_LINE.match(line)
    ]


def _explanation(lines: list[str], start: int, fenced: set[int]) -> tuple[Block | None, list]:
    """The explanation from ``start`` (the first unindented line after the options),
    and a problem for an option line inside it."""
    rest = trim(start, list(lines[start:]))
    stray = next(
        (
            k
            for k, line in enumerate(rest.lines)
            if rest.start + k not in fenced and OPTION_LINE.match(line)
        ),
        None,
    )
    problems = []
    if stray is not None:
        problems.append(
            Problem(
                Subtype.BAD_MARKER,
                rest.start + stray,
                "option line after the explanation: keep all options in one list "
                "directly after the question text, and put the explanation last",
            )
        )
    return (None if rest.is_blank() else rest), problems


def parse_question_body(lines: list[str]) -> ParsedQuestion:
    """Split ``lines`` into stem, options with rationales, and explanation.

    Problems are reported, never raised: the caller turns each into a located
    warning. Checks that depend on options of the directive (``:type:``) or on
    configuration (required rationales) live in :func:`check_question`.
    """
    fenced = fenced_lines(lines)
    problems = _malformed(lines, fenced)
    first_option = next(
        (i for i, line in enumerate(lines) if i not in fenced and OPTION_LINE.match(line)), None
    )
    if first_option is None:
        if not problems:
            problems.append(
                Problem(
                    Subtype.NO_OPTIONS,
                    -1,
                    "question has no options: add lines such as '- [x] right answer' and "
                    "'- [ ] wrong answer' after the question text",
                )
            )
        return ParsedQuestion(stem=trim(0, list(lines)), problems=problems)

    parsed = ParsedQuestion(stem=trim(0, list(lines[:first_option])), problems=problems)
    i = first_option
    while i < len(lines):
        match = OPTION_LINE.match(lines[i])
        if not match:
            # First unindented line that is not an option: the explanation starts.
            parsed.explanation, stray = _explanation(lines, i, fenced)
            problems.extend(stray)
            break
        start = j = i + 1
        # The rationale is every following line that is indented or blank,
        # up to the next line at column 0.
        while j < len(lines) and (not lines[j].strip() or lines[j][:1].isspace()):
            j += 1
        body = trim(start, dedent(list(lines[start:j])))
        parsed.options.append(
            ParsedOption(
                line=i,
                correct=match.group("mark") in "xX",
                label=match.group("text").strip(),
                rationale=None if body.is_blank() else body,
            )
        )
        i = j
    return parsed


def _declared(parsed: ParsedQuestion, declared_type: str | None) -> str | None:
    """The declared type, "" for none, or None (with a problem) when unknown."""
    value = (declared_type or "").strip().lower()
    if not value or value in KIND.types:
        return value
    # Imported here: the registry imports this module.
    from fbss_quiz.kinds import KINDS

    others = ", ".join(t for t in KINDS if t not in KIND.types)
    parsed.problems.append(
        Problem(
            Subtype.UNKNOWN_TYPE,
            -1,
            f"unknown question type {declared_type.strip()!r}: use ':type: single' "  # type: ignore[union-attr]
            f"or ':type: multiple' (select all that apply), or one of {others}; "
            "or leave ':type:' out",
        )
    )
    return None


def check_question(
    parsed: ParsedQuestion, declared_type: str | None, require_rationale: bool
) -> str | None:
    """Add the problems that need the directive's options; return the question type
    (``single`` or ``multiple``), or ``None`` when the type itself is unusable."""
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
    qtype = _declared(parsed, declared_type)
    if qtype is None:
        return None
    correct = [o.line for o in parsed.options if o.correct]
    if parsed.options and not correct:
        problems.append(
            Problem(
                Subtype.NO_CORRECT,
                parsed.options[0].line,
                "question has no correct option: mark the right answer(s) with '- [x]'",
            )
        )
    if qtype == SINGLE and len(correct) > 1:
        problems.append(
            Problem(
                Subtype.SINGLE_MANY_CORRECT,
                correct[1],
                f"':type: single' question has {len(correct)} correct options: mark only one "
                "with '- [x]', or use ':type: multiple' for select-all-that-apply",
            )
        )
    if require_rationale:
        problems.extend(_without_rationale(parsed.options))
    return qtype or (MULTIPLE if len(correct) > 1 else SINGLE)


def _without_rationale(options: list[ParsedOption]) -> list[Problem]:
    return [
        Problem(
            Subtype.NO_RATIONALE,
            option.line,
            f"option {option.label!r} has no rationale: add an indented line "
            "under it that says why it is right or wrong "
            "(fbss_quiz_require_rationale is on)",
        )
        for option in options
        if option.rationale is None
    ]


def _select_all(record: QuestionRecord) -> bool:
    return bool(record.groups) and record.groups[0].rule == Rule.PLUS_MINUS


class ChoiceKind(KindBase):
    name = "choice"
    types = (SINGLE, MULTIPLE)
    lettered = True
    shuffles_options = True
    exports = {"json": None, "gift": None, "qti": None, "anki": None}

    def parse(self, qtype: str, lines: Sequence[str], require_rationale: bool) -> ParsedItem:
        """``qtype`` is the declared ``:type:``: empty, one of ours, or unknown."""
        parsed = parse_question_body(list(lines))
        found = check_question(parsed, qtype, require_rationale) or SINGLE
        rule = Rule.ONE if found == SINGLE else Rule.PLUS_MINUS
        choices = [Choice(o.line, o.correct, o.label, o.rationale) for o in parsed.options]
        first = choices[0].line if choices else -1
        return ParsedItem(
            qtype=found,
            stem=parsed.stem,
            groups=[Group(first, "", rule, choices)],
            explanation=parsed.explanation,
            problems=parsed.problems,
        )

    def build(self, parsed: ParsedItem, parts: PartBuilder) -> list[nodes.Node]:
        stem = qn.question_stem()
        options, answer = qn.question_options(), qn.question_answer()
        with parts.batch():
            parts.block(parsed.stem, stem)
            for index, choice in enumerate(parsed.choices()):
                label, messages = parts.inline(choice.label, choice.line, "option")
                option = qn.question_option(choice.label, "", *label, index=index)
                parts.source_info(option)
                options += option
                options += messages
                rationale = qn.option_rationale(index=index)
                if choice.rationale is not None:
                    parts.block(choice.rationale, rationale)
                answer += rationale
            if parsed.explanation is not None:
                explanation = qn.question_explanation()
                parts.block(parsed.explanation, explanation)
                answer += explanation
        return [stem, options, answer]

    # -- words of the answer --------------------------------------------------

    def answer_key(self, record: QuestionRecord) -> tuple[str, list[str]]:
        correct = sorted(record.correct)
        lead = "answers" if len(correct) > 1 else "answer"
        return lead, [", ".join(option_letter(i) for i in correct)]

    def rationale_heading(self, record: QuestionRecord, index: int, row: bool) -> str:
        if row:
            return ""
        text = static_text()
        word = text["right_option"] if record.options[index].correct else text["wrong_option"]
        return f"{option_letter(index)}. {word}"

    # -- interactive HTML -----------------------------------------------------

    def html_attributes(self, h: QuestionHtml) -> dict[str, str]:
        if not _select_all(h.record) or h.config.fbss_quiz_scoring == "all-or-nothing":
            return {}
        # A select-all question says how many of the right options were chosen (an
        # all-or-nothing one only Correct or Incorrect).
        return {"data-fbss-msg-partial": counted("msg_partial", len(h.record.correct))}

    def options_classes(self, record: QuestionRecord) -> str:
        return "fbss-options"

    def after_options(self, h: QuestionHtml) -> None:
        """Once checked, the options neither chosen nor correct go here with their
        rationales, folded, so that the feedback fits a phone's screen."""
        h.out.tag("details", "", CLASS="fbss-others", hidden="")
        h.out.element("summary", h.text["why_not"])
        h.out.close("details")

    def hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        return text["select_all"] if _select_all(record) else None

    def input_type(self, record: QuestionRecord) -> str:
        """Each option's box: a checkbox where several options may be chosen."""
        return "checkbox" if _select_all(record) else "radio"

    def visit_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        index = int(node["index"])
        input_id = f"{h.base}-o{index}"
        kind = self.input_type(h.record)
        # A correct option is tinted and badged once checked (the style sheet shows it).
        # (Not in an exam, whose page must not tell: the script marks them on Submit.)
        key = index in h.record.correct and not h.question.get("exam")
        css = "fbss-option fbss-key-option" if key else "fbss-option"
        h.out.node_tag(node, "div", CLASS=css)
        h.out.empty("input", type=kind, name=h.base, value=str(index), ids=[input_id])
        h.out.tag("label", CLASS="fbss-label", **{"for": input_id})
        h.out.fragment(("letter", index), lambda: _letter(h, index))

    def depart_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        h.out.close("label")
        h.out.close("div", "\n")

    def html_key(self, h: QuestionHtml) -> None:
        lead, (letters,) = self.answer_key(h.record)
        h.out.tag("p", "", CLASS="fbss-key")
        h.out.element("strong", h.text[lead], " ")
        h.out.text(letters)
        h.out.close("p")

    def html_rationale(self, h: QuestionHtml, node: qn.option_rationale) -> None:
        index = int(node["index"])
        correct = h.record.options[index].correct
        h.out.node_tag(
            node,
            "div",
            CLASS="fbss-rationale " + ("fbss-right" if correct else "fbss-wrong"),
            **{"data-fbss-option": str(index), "data-fbss-correct": "true" if correct else "false"},
        )
        h.out.fragment(("verdict", index, correct), lambda: _verdict(h, index, correct))

    # -- ePub, PDF, text ------------------------------------------------------

    def static_body(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]:
        stem = next(iter(question.findall(qn.question_stem)))
        out: list[nodes.Node] = list(stem.children)
        if _select_all(record):
            out.append(nodes.paragraph("", "", nodes.emphasis("", static_text()["select_all"])))
        options = next(iter(question.findall(qn.question_options)))
        return [*out, lettered(option_labels(options), spell)]

    # -- exports --------------------------------------------------------------

    def qti_type(self, record: QuestionRecord) -> str | None:
        return "multiple_answers_question" if _select_all(record) else "multiple_choice_question"

    def anki_front(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        items = "".join(f"<li>{option}</li>" for option in question.options_html)
        hint = ""
        if _select_all(question.record):
            hint = f"<p><em>{html.escape(text['select_all'])}</em></p>"
        return (
            f'<div class="fbss-stem">{question.stem_html}</div>{hint}'
            f'<ol class="fbss-options" type="A">{items}</ol>'
        )

    def anki_back(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        lead, (letters,) = self.answer_key(question.record)
        parts = [f"<p><strong>{html.escape(text[lead])}</strong> {html.escape(letters)}</p>"]
        for index, option in enumerate(question.record.options):
            verdict = text["right_option"] if option.correct else text["wrong_option"]
            css = "fbss-right" if option.correct else "fbss-wrong"
            parts.append(
                f'<div class="fbss-rationale"><p class="{css}"><strong>'
                f"{option_letter(index)}. {html.escape(verdict)}.</strong></p>"
                f"{question.rationales_html[index]}</div>"
            )
        return "".join(parts)


def _letter(h: QuestionHtml, index: int) -> None:
    h.out.element("span", f"{option_letter(index)}.", " ", CLASS="fbss-letter")


def _verdict(h: QuestionHtml, index: int, correct: bool) -> None:
    """The line above a rationale (the same in every question: ``HtmlOut.fragment``)."""
    h.out.tag("p", "", CLASS="fbss-verdict")
    if correct:
        # Once checked, under its option (every option has a rationale, empty or not),
        # the "Correct answer" badge stands for "✓ Correct".
        h.out.element("span", h.text["msg_key"], CLASS="fbss-badge", hidden="")
    h.out.element(
        "span",
        "\u2713" if correct else "\u2717",
        " ",
        CLASS="fbss-icon",
        **{"aria-hidden": "true"},
    )
    _letter(h, index)
    h.out.element("strong", h.text["right_option" if correct else "wrong_option"])
    # Shown once checked, on the option the reader chose.
    h.out.element("span", f" \u2014 {h.text['msg_chosen']}", CLASS="fbss-chosen", hidden="")
    h.out.close("p")


KIND = ChoiceKind()
