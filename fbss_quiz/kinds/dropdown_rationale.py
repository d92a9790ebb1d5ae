"""Drop-down rationale (``:type: dropdown-rationale``): one sentence whose drop-downs
are linked, a cause and its reasons.

Two blanks make a *dyad* ("The client is at risk for [[1]] as evidenced by [[2]].")
and three a *triad* ("The nurse should [[1]] because of [[2]] and [[3]]."). It is
written as a drop-down cloze, whose parser, doctree, drop-downs, static form and
answer key it reuses (``fbss_quiz/kinds/cloze.py``): ``[[1]]`` in the sentence, then
a line ``[[1]]`` per blank followed by its ``- [x]`` / ``- [ ]`` choices, exactly one
``[x]``, each with a rationale.

Scoring is NCSBN's *rationale scoring*: the linked parts earn one point together,
and only when every one of them is right ("both X and Y must be correct to earn a
point"). Each blank still gets its own right/wrong mark, so a reader sees which part
failed. For a triad NCSBN is reported to give a point per correct pair of the cause
with each reason (2 points); that reading could not be checked against an NCSBN
source, so a triad is scored like a dyad: 1 point for all three parts right, else 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from fbss_quiz.contract import ItemData, ScoreData
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.i18n import _
from fbss_quiz.kinds.cloze import ClozeKind
from fbss_quiz.model import QuestionRecord
from fbss_quiz.syntax import LineParser, Marker, Problem

#: How many linked blanks the sentence may have: a dyad or a triad.
BLANKS = (2, 3)

HOW = (
    "write 2 blanks for a dyad ('The client is at risk for [[1]] as evidenced by "
    "[[2]].') or 3 for a triad ('The nurse should [[1]] because of [[2]] and [[3]].'), "
    "each with a line '[[1]]' after the sentence followed by its '- [x]' / '- [ ]' choices"
)


def _own(problem: Problem) -> Problem:
    """A problem the cloze parser found, reported under this kind's subtype."""
    if problem.subtype != Subtype.CLOZE:
        return problem
    return replace(problem, subtype=Subtype.DROPDOWN_RATIONALE)


def _check_count(p: LineParser) -> None:
    """A dyad or a triad: 2 or 3 differently named blanks in the sentence."""
    named: dict[str, Marker] = {}
    for marker in p.item.markers:
        named.setdefault(marker.text, marker)
    firsts = list(named.values())
    count = len(firsts)
    if count in BLANKS:
        return
    if count > max(BLANKS):
        p.problem(
            Subtype.DROPDOWN_RATIONALE,
            firsts[max(BLANKS)].line,
            f"drop-down rationale has {count} blanks, but it links 2 (a dyad: a cause and "
            "its effect) or 3 (a triad: a cause and two reasons): remove the extra ones, "
            "or use ':type: cloze' for a sentence whose drop-downs score one point each",
        )
        return
    noun = "blank" if count == 1 else "blanks"
    line = firsts[0].line if firsts else -1
    p.problem(Subtype.DROPDOWN_RATIONALE, line, f"drop-down rationale has {count} {noun}: {HOW}")


class DropdownRationaleKind(ClozeKind):
    name = "dropdown_rationale"
    types = ("dropdown-rationale",)
    exports = {
        "json": None,
        "gift": "",
        "qti": (
            "its Multiple Dropdowns question would score each drop-down on its own; it "
            "cannot give the point only when every linked part is right"
        ),
        "anki": None,
    }

    def parse_body(self, p: LineParser) -> None:
        super().parse_body(p)
        # Without any blank the cloze parser says only "no blank"; the count check
        # below says what a dyad and a triad look like.
        no_blank = not p.item.markers
        p.item.problems[:] = [
            _own(problem)
            for problem in p.item.problems
            if not (no_blank and problem.subtype == Subtype.CLOZE and problem.line == -1)
        ]
        _check_count(p)

    def score(self, item: ItemData, picks: Sequence[Sequence[int]]) -> ScoreData:
        """NCSBN rationale scoring: 1 point when every linked part is right, else 0;
        ``right``, ``wrong`` and ``parts`` still count each blank."""
        result = super().score(item, picks)
        result["points"], result["max"] = int(result["full"]), 1
        return result

    def hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        return _(
            "Choose the answer for each blank from its list. "
            "The point is earned only when every blank is right."
        )

    def qti_type(self, record: QuestionRecord) -> str | None:
        return None


KIND = DropdownRationaleKind()
