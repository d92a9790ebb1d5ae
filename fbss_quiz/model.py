"""The question model: plain Python, no docutils.

Exporters, tests and the collector use these records directly, so they hold text,
not nodes. A record is what the rest of the book needs to know about a question
once its page has been read.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class QuestionType(StrEnum):
    SINGLE = "single"
    #: "Select all that apply": scored +1 per right choice, -1 per wrong one.
    MULTIPLE = "multiple"
    #: Next Generation NCLEX types: each answer is a set of choices per group
    #: (a matrix row, a drop-down blank, a bow-tie slot list), see ``GroupRecord``.
    MATRIX = "matrix"
    MATRIX_MULTIPLE = "matrix-multiple"
    CLOZE = "cloze"
    HIGHLIGHT = "highlight"
    ORDERING = "ordering"
    BOWTIE = "bowtie"


#: The types the core syntax (``- [x]`` options) writes.
CLASSIC_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTIPLE})


class Rule(StrEnum):
    """How one group of choices earns points (NCSBN rules)."""

    #: 0/1: exactly the correct choice (a single-choice question, a matrix row, a blank).
    ONE = "one"
    #: +1 per correct choice, -1 per incorrect one (select-all, highlight, matrix-multiple).
    PLUS_MINUS = "plus-minus"
    #: 0/1 per slot: a bow-tie list where the reader picks as many as are correct.
    SLOTS = "slots"
    #: 0/1 for the whole order (ordered response).
    ORDER = "order"


class Scoring(StrEnum):
    NCSBN = "ncsbn"
    ALL_OR_NOTHING = "all-or-nothing"


#: The clinical-judgment steps of the NCSBN measurement model, for ``:step:``.
CLINICAL_JUDGMENT_STEPS = (
    "recognize-cues",
    "analyze-cues",
    "prioritize-hypotheses",
    "generate-solutions",
    "take-action",
    "evaluate-outcomes",
)

#: The cognitive levels of the revised Bloom taxonomy, lowest first, for ``:level:``.
COGNITIVE_LEVELS = ("remember", "understand", "apply", "analyze", "evaluate", "create")


@dataclass(frozen=True)
class OptionRecord:
    text: str
    correct: bool
    rationale: str = ""


@dataclass(frozen=True)
class QuestionRecord:
    """One question as the collector stores it (plain data, picklable, JSON-able)."""

    id: str
    docname: str
    lineno: int
    #: Position of the question in its document, counted from 1.
    position: int
    qtype: QuestionType
    stem: str
    options: tuple[OptionRecord, ...]
    explanation: str = ""
    topics: tuple[str, ...] = ()
    section_title: str = ""
    section_anchor: str = ""
    #: NGN types: the scoring groups; ``options`` is then every group's options,
    #: in order, so that ``correct`` and stored answers index one flat list.
    groups: tuple[GroupRecord, ...] = ()
    #: The clinical-judgment step (``:step:``), or "".
    step: str = ""
    #: The id of the unfolding case (``{case}``) that holds the question, or "".
    case: str = ""
    #: The cognitive level (``:level:``, revised Bloom), or "".
    level: str = ""

    @property
    def correct(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)

    def scoring_groups(self) -> tuple[GroupRecord, ...]:
        """The groups to score; single and select-all questions are one group."""
        if self.groups:
            return self.groups
        rule = Rule.ONE if self.qtype is QuestionType.SINGLE else Rule.PLUS_MINUS
        return (GroupRecord("", self.options, rule),)

    def max_points(self, scoring: Scoring = Scoring.NCSBN) -> int:
        return score_groups(self.scoring_groups(), [], scoring, max_only=True).max_points

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "docname": self.docname,
            "lineno": self.lineno,
            "position": self.position,
            "type": str(self.qtype),
            "stem": self.stem,
            "options": [
                {"text": o.text, "correct": o.correct, "rationale": o.rationale}
                for o in self.options
            ],
            "correct": sorted(self.correct),
            "explanation": self.explanation,
            "topics": list(self.topics),
            "section_title": self.section_title,
            "section_anchor": self.section_anchor,
            "groups": [g.as_dict() for g in self.groups],
            "step": self.step,
            "case": self.case,
            "level": self.level,
        }


@dataclass(frozen=True)
class GroupRecord:
    """One scoring unit of an NGN item: a matrix row, a blank, a bow-tie list,
    the phrases of a highlight passage or the steps of an ordering item."""

    label: str
    options: tuple[OptionRecord, ...]
    rule: Rule
    #: The row's rationale (matrix); options carry their own otherwise.
    rationale: str = ""

    @property
    def correct(self) -> frozenset[int]:
        """Indices within the group."""
        return frozenset(i for i, option in enumerate(self.options) if option.correct)

    def as_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "rule": str(self.rule),
            "rationale": self.rationale,
            "options": [
                {"text": o.text, "correct": o.correct, "rationale": o.rationale}
                for o in self.options
            ],
        }


@dataclass(frozen=True)
class Score:
    points: int
    max_points: int
    #: Right choices made (for select-all) or 1/0 (single choice).
    right: int
    wrong: int

    @property
    def verdict(self) -> str:
        """``correct``, ``partial`` or ``incorrect``, as the page announces it."""
        if self.points == self.max_points and self.wrong == 0:
            return "correct"
        if self.points > 0 or self.right > 0:
            return "partial"
        return "incorrect"


def score(qtype: QuestionType, correct: frozenset[int], chosen: set[int]) -> Score:
    """Score one answer the NCSBN way.

    Single choice is 0/1. Select-all is +1 per right choice and -1 per wrong
    choice, never below zero, so ticking every box earns nothing.
    """
    right = len(chosen & correct)
    wrong = len(chosen - correct)
    if qtype is QuestionType.SINGLE:
        return Score(int(right == 1 and wrong == 0), 1, right, wrong)
    return Score(max(0, right - wrong), len(correct), right, wrong)


def _group_points(
    group: GroupRecord, chosen: Sequence[int] | Collection[int]
) -> tuple[int, int, int, int]:
    """(raw points, max points, right choices, wrong choices) of one group."""
    correct = group.correct
    if group.rule is Rule.ORDER:
        order = list(chosen)
        right = sum(1 for position, index in enumerate(order) if index == position)
        full = order == list(range(len(group.options)))
        return int(full), 1, right, len(order) - right
    picked = set(chosen)
    right = len(picked & correct)
    wrong = len(picked - correct)
    if group.rule is Rule.ONE:
        return int(right == 1 and wrong == 0), 1, right, wrong
    if group.rule is Rule.SLOTS:
        # One point per correct slot; picking more than there are slots costs the excess.
        excess = max(0, len(picked) - len(correct))
        return max(0, right - excess), len(correct), right, wrong
    return right - wrong, len(correct), right, wrong


def score_groups(
    groups: Sequence[GroupRecord],
    chosen: Sequence[Sequence[int] | Collection[int]],
    scoring: Scoring = Scoring.NCSBN,
    *,
    max_only: bool = False,
) -> Score:
    """Score an answer given as the choices (group-local indices) of each group.

    NCSBN: 0/1 per single-choice group (a matrix row, a blank), 0/1 per bow-tie
    slot, +/- for select-all, highlight and multiple-response matrix; the item
    never scores below zero. Ordering is 0/1 for the whole order.
    ``all-or-nothing`` gives 1 point for a fully correct item and 0 otherwise.
    """
    points = max_points = right = wrong = 0
    full = True
    for index, group in enumerate(groups):
        picks = chosen[index] if index < len(chosen) else ()
        raw, most, r, w = _group_points(group, picks)
        points += raw
        max_points += most
        right += r
        wrong += w
        full = full and raw == most and (w == 0 or group.rule is Rule.ORDER)
    points = max(0, points)
    if scoring is Scoring.ALL_OR_NOTHING:
        if max_only:
            return Score(0, 1, 0, 0)
        return Score(int(full), 1, right, wrong)
    if max_only:
        return Score(0, max_points, 0, 0)
    return Score(points, max_points, right, wrong)


def score_record(
    record: QuestionRecord,
    chosen: Sequence[Sequence[int] | Collection[int]],
    scoring: Scoring = Scoring.NCSBN,
) -> Score:
    """Score ``record``: ``chosen`` holds one entry per scoring group."""
    return score_groups(record.scoring_groups(), chosen, scoring)


def option_letter(index: int) -> str:
    """A, B, ... Z, AA, AB ... so that long option lists still get a label."""
    letters = string.ascii_uppercase
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = letters[rest] + label
    return label


_WHITESPACE = re.compile(r"\s+")


def derive_question_id(docname: str, stem: str, taken: set[str]) -> str:
    """A stable id for a question that has no ``:id:``.

    Built from the document and the stem's text, not from a counter, so the id
    does not change with the reading order (parallel builds) or when another
    question is inserted above it. Identical stems in one document get -2, -3.
    """
    normal = _WHITESPACE.sub(" ", stem).strip().lower()
    digest = hashlib.sha1(f"{docname}\n{normal}".encode()).hexdigest()[:8]
    base = f"{docname.replace('/', '-')}-{digest}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@dataclass
class Topics:
    """The topics declared in ``fbss_quiz_topics``, in the author's order."""

    labels: dict[str, str] = field(default_factory=dict)

    def unknown(self, topic_ids: list[str]) -> list[str]:
        return [t for t in topic_ids if t not in self.labels]

    def label(self, topic_id: str) -> str:
        return self.labels.get(topic_id, topic_id)


def split_topics(value: str | None) -> list[str]:
    """``:topic:`` takes ids separated by spaces (commas are forgiven)."""
    if not value:
        return []
    seen: list[str] = []
    for part in value.replace(",", " ").split():
        if part not in seen:
            seen.append(part)
    return seen


#: ``:collect: all`` gathers every question of the book.
ALL_TOPICS = "all"


@dataclass(frozen=True)
class CollectorRecord:
    """A review quiz that gathers questions from the whole book by topic."""

    docname: str
    lineno: int
    quiz_id: str
    topics: tuple[str, ...]
    limit: int | None = None
    shuffle: bool = False
    #: With ``limit`` and ``shuffle``: how many questions the page ships for the browser
    #: to draw from (``None``: every matching one).
    pool: int | None = None

    def matches(self, record: QuestionRecord) -> bool:
        # A case's items stay in their case: out of it they lose the scenario and the
        # earlier steps that they build on (NCSBN presents a case's items as a unit).
        if record.case:
            return False
        return ALL_TOPICS in self.topics or any(t in record.topics for t in self.topics)

    def select(self, records: list[QuestionRecord]) -> list[QuestionRecord]:
        """The questions this quiz shows, in book order.

        With a limit and shuffling, the browser draws its set of ``limit`` from
        the pool on each attempt, so the pool is returned: every matching question,
        or ``pool`` of them spread evenly over the book (the same ones in every
        build, so builds stay reproducible). Otherwise (and in every static output)
        the first ``limit`` in book order.
        """
        matching = [r for r in records if self.matches(r)]
        if not self.shuffle:
            return matching[: self.limit]
        if self.limit and self.pool and self.pool < len(matching):
            return [matching[i * len(matching) // self.pool] for i in range(self.pool)]
        return matching


def question_number(chapter: int, position: int) -> str:
    """``C.N``: the document's place in the book, then the question's place in it."""
    return f"{chapter}.{position}"
