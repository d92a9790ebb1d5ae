"""Extended multiple response, "select N" (``:type: select-n``): "Select 3 findings
that require follow-up."

The options are written as in a select-all question (``- [x]`` / ``- [ ]``, each with
its rationale indented under it); N is the number of ``[x]``, which an optional
``:select: 3`` confirms. The page says N, and the reader picks exactly N: the script
keeps them from checking more, and asks for N before it checks the answer. The
options are one group, scored as ``:scoring:`` says: ``zero-one`` (the default,
NCSBN's select-N rule: 1 point per correct option chosen, which is the rule
``slots`` with N slots) or ``plus-minus`` (+1 per correct option, -1 per incorrect
one). The book-wide ``fbss_quiz_scoring = "all-or-nothing"`` applies as to every kind.

Everything else is the choice kind's: lettered options, "Answers: A, C, E", a
rationale per option, and on the web the choice script's view with a limit added.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.contract import ItemData
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.i18n import counted, static_text
from fbss_quiz.kinds.base import lettered, option_labels
from fbss_quiz.kinds.choice import MULTIPLE, ChoiceKind, check_question, parse_question_body
from fbss_quiz.model import QuestionRecord, Rule
from fbss_quiz.syntax import Choice, Group, ParsedItem, Problem

if TYPE_CHECKING:
    from fbss_quiz.exporters.bank import BankQuestion
    from fbss_quiz.html_out import QuestionHtml

SELECT_N = "select-n"
#: ``:scoring:`` values and the rule each gives the options.
SCORINGS: Mapping[str, str] = {"zero-one": Rule.SLOTS, "plus-minus": Rule.PLUS_MINUS}


def _problem(parsed: ParsedItem, line: int, message: str, keep: bool = True) -> None:
    parsed.problems.append(Problem(Subtype.SELECT_N, line, message, keeps_question=keep))


def _check_n(parsed: ParsedItem) -> None:
    """An item that asks for too few, or leaves too little to choose from: it works,
    but it is not a select-N item (the question stays)."""
    choices = parsed.choices()
    correct = [c.line for c in choices if c.correct]
    n, total = len(correct), len(choices)
    if n == 1:
        _problem(
            parsed,
            correct[0],
            "select-N item has 1 correct option: mark at least 2 with '- [x]' (for one "
            "answer, leave ':type:' out: a single-choice question)",
        )
    elif n == total:
        _problem(
            parsed,
            choices[0].line,
            f"select-N item marks all {total} options correct: add incorrect options "
            "('- [ ] ...'), at least 2, so that the reader has a choice to make",
        )
    elif total < n + 2:
        _problem(
            parsed,
            choices[0].line,
            f"select-N item has {total} options for {n} correct ones: give it at least "
            f"{n + 2} (N + 2; NCSBN's have 5 to 10), so that no pick is given away",
        )


def _check_select(parsed: ParsedItem, value: str) -> None:
    """``:select:``, which must say the number of ``[x]`` (N comes from the ``[x]``)."""
    n = sum(c.correct for c in parsed.choices())
    text = value.strip()
    if not text.isdigit() or int(text) < 1:
        _problem(
            parsed,
            -1,
            f"':select: {text}' is not a number of options: write the N of 'select N' as "
            f"a whole number, such as ':select: {n or 3}' (N is the number of '[x]'; "
            "the option is ignored)",
        )
    elif n and int(text) != n:
        _problem(
            parsed,
            -1,
            f"':select: {int(text)}' but {n} option{'s are' if n > 1 else ' is'} marked "
            f"'[x]': mark {int(text)} correct options, or write ':select: {n}' (the "
            f"item asks for the {n} marked)",
        )


def _scoring_rule(parsed: ParsedItem, value: str) -> str:
    name = value.strip().lower()
    if name in SCORINGS:
        return SCORINGS[name]
    _problem(
        parsed,
        -1,
        f"unknown ':scoring: {value.strip()}': use 'zero-one' (1 point per correct option "
        "chosen, NCSBN's select-N rule, the default) or 'plus-minus' (+1 per correct, -1 "
        "per incorrect); all-or-nothing is set for the whole book with fbss_quiz_scoring "
        "(zero-one is used)",
    )
    return Rule.SLOTS


def need(record: QuestionRecord) -> int:
    """N: how many options the reader selects."""
    return len(record.correct)


class SelectNKind(ChoiceKind):
    name = "select_n"
    # (ChoiceKind's own pair of types narrows what mypy expects here.)
    types = (SELECT_N,)  # type: ignore[assignment]
    # questions.json writes it as an item (its group holds the rule and N), not as
    # lettered options; the answer key still letters them.
    lettered = False
    exports = {"json": None, "gift": None, "qti": None, "anki": None}
    options: ClassVar[tuple[str, ...]] = ("select", "scoring")

    # -- syntax ---------------------------------------------------------------

    def parse(self, qtype: str, lines: Sequence[str], require_rationale: bool) -> ParsedItem:
        body = parse_question_body(list(lines))
        # The choice kind's checks of a select-all question: a stem, an [x], rationales.
        check_question(body, MULTIPLE, require_rationale)
        choices = [Choice(o.line, o.correct, o.label, o.rationale) for o in body.options]
        first = choices[0].line if choices else -1
        parsed = ParsedItem(
            qtype=SELECT_N,
            stem=body.stem,
            groups=[Group(first, "", Rule.SLOTS, choices)],
            explanation=body.explanation,
            problems=body.problems,
        )
        if not parsed.left_out():
            _check_n(parsed)
        return parsed

    def apply_options(self, parsed: ParsedItem, options: Mapping[str, str]) -> None:
        if "select" in options:
            _check_select(parsed, options["select"])
        if "scoring" in options:
            parsed.groups[0].rule = _scoring_rule(parsed, options["scoring"])

    # -- interactive HTML -----------------------------------------------------

    #: Check answer asks for N picks first: "Select 3 options: 1 of 3 left."
    left_message = "msg_left_select"

    def missing(self, item: ItemData, picks: Sequence[Sequence[int]]) -> int:
        """N picks before Check answer grades, whatever the scoring (a plus-minus group
        would ask for one): as ``missing`` in ``static/src/kinds/select_n.js``."""
        chosen = set(picks[0]) if picks else set()
        return max(0, item["groups"][0]["need"] - len(chosen))

    def exam_item(self, record: QuestionRecord, scoring: str) -> ItemData:
        """An exam keeps N (the page says it, and the boxes stop at it), whatever the
        scoring: a plus-minus group stripped to one would let the reader tick one box."""
        item = super().exam_item(record, scoring)
        item["groups"][0]["need"] = need(record)
        return item

    def clearable(self, record: QuestionRecord) -> bool:
        """N boxes to untick before another answer: "Clear answers" does it at once."""
        return True

    def html_attributes(self, h: QuestionHtml) -> dict[str, str]:
        n = need(h.record)
        attrs = {
            "data-fbss-msg-partly": h.text["msg_partly"],
            "data-fbss-msg-limit": counted("msg_select_limit", n).format(n=n),
        }
        # Points where there are several to earn (an all-or-nothing book: Correct or
        # Incorrect only).
        points = self.max_points(h.record, h.config.fbss_quiz_scoring)
        if points > 1:
            attrs["data-fbss-msg-points"] = counted("msg_points", points)
        return attrs

    def hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        n = need(record)
        return counted("hint_select_n", n).format(n=n)

    def nojs_hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        """Without the script the boxes tick but nothing checks them: "Show answer" does."""
        return f"{self.hint(record, text)} {text['hint_nojs'].format(show=text['show_answer'])}"

    def input_type(self, record: QuestionRecord) -> str:
        return "checkbox"

    # -- ePub, PDF, text ------------------------------------------------------

    def static_body(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]:
        stem = next(iter(question.findall(qn.question_stem)))
        # What the reader can do on paper: choose N, then look the answer up in the key.
        text = static_text()
        words = f"{self.hint(record, text)} {text['hint_key']}"
        hint = nodes.paragraph("", "", nodes.emphasis("", words))
        options = next(iter(question.findall(qn.question_options)))
        return [*stem.children, hint, lettered(option_labels(options), spell)]

    # -- exports --------------------------------------------------------------

    def qti_type(self, record: QuestionRecord) -> str | None:
        # Canvas cannot stop at N nor score 0/1 per option: it scores the item as it
        # scores select-all (AUTHORING.md, "Exporting the question bank").
        return "multiple_answers_question"

    def anki_front(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        items = "".join(f"<li>{option}</li>" for option in question.options_html)
        hint = html.escape(self.hint(question.record, text) or "")
        return (
            f'<div class="fbss-stem">{question.stem_html}</div><p><em>{hint}</em></p>'
            f'<ol class="fbss-options" type="A">{items}</ol>'
        )


KIND = SelectNKind()
