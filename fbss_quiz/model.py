"""The question model: plain Python, no docutils.

Exporters, tests and the collector use these records directly, so they hold text,
not nodes. A record is what the rest of the book needs to know about a question
once its page has been read. What a kind of question is (its ``:type:`` values,
syntax, rendering, scoring rules) lives in its module under ``fbss_quiz/kinds/``;
the record only names it (``qtype``).
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from fbss_quiz.scoring import score

if TYPE_CHECKING:
    from fbss_quiz.contract import GroupData, ItemData


class Rule(StrEnum):
    """How one group of choices earns points (NCSBN rules, ``fbss_quiz/scoring.py``)."""

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
class GroupRecord:
    """One scoring unit: the options of a single-choice or select-all question, a
    matrix row, a blank, a bow-tie list, the phrases of a highlight passage or the
    steps of an ordering item."""

    label: str
    options: tuple[OptionRecord, ...]
    #: A :class:`Rule`, or a rule that a kind adds (``fbss_quiz/scoring.py``).
    rule: str
    #: The row's rationale (matrix); options carry their own otherwise.
    rationale: str = ""

    @property
    def correct(self) -> frozenset[int]:
        """Indices within the group."""
        return frozenset(i for i, option in enumerate(self.options) if option.correct)

    def contract(self) -> GroupData:
        """The group as ``data-fbss-item`` describes it (``fbss_quiz/contract.py``)."""
        return {
            "rule": str(self.rule),
            "size": len(self.options),
            "need": len(self.correct),
            "correct": sorted(self.correct),
        }

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


#: The keys of :meth:`QuestionRecord.with_texts`: each names one part of a question's
#: markup, whose plain text the record keeps.
STEM, EXPLANATION = "stem", "explanation"


def option_part(index: int) -> str:
    return f"option:{index}"


def rationale_part(index: int) -> str:
    return f"rationale:{index}"


def label_part(group: int) -> str:
    return f"label:{group}"


def row_part(group: int) -> str:
    return f"row:{group}"


@dataclass(frozen=True)
class QuestionRecord:
    """One question as the collector stores it (plain data, picklable, JSON-able).

    The directive builds it from the parsed body (structure: groups, columns, the
    order shown, step, level); the read-phase transforms complete it with
    ``dataclasses.replace`` (its quiz's topics and shuffle default, its case, its id,
    document, position, section and the plain text of every part)."""

    id: str
    docname: str
    lineno: int
    #: Position of the question in its document, counted from 1.
    position: int
    #: The ``:type:`` value; ``fbss_quiz.kinds.KINDS[qtype]`` is its kind.
    qtype: str
    stem: str
    #: Every group's options, in order: ``correct`` and stored answers index this list.
    options: tuple[OptionRecord, ...]
    explanation: str = ""
    topics: tuple[str, ...] = ()
    section_title: str = ""
    section_anchor: str = ""
    #: The scoring groups (a single-choice or select-all question is one group).
    groups: tuple[GroupRecord, ...] = ()
    #: The clinical-judgment step (``:step:``), or "".
    step: str = ""
    #: The id of the unfolding case (``{case}``) that holds the question, or "".
    case: str = ""
    #: The cognitive level (``:level:``, revised Bloom), or "".
    level: str = ""
    #: A matrix's column names, as written on its ``columns:`` line.
    columns: tuple[str, ...] = ()
    #: The flat option indices in the order pages show them, when that is not the
    #: author's order (the steps of an ordering item).
    display: tuple[int, ...] = ()
    #: The title of the case in ``case``, as plain text.
    case_title: str = ""
    #: Shuffle the options in the browser; ``None`` until the quiz's default is known.
    shuffle: bool | None = None
    #: The item-review rules its ``:allow:`` names (``item-longest-key`` ...).
    allow: tuple[str, ...] = ()
    #: The words its stem shows in emphasis or bold, folded to lower case (a marked
    #: "*not*" is one a reader does not miss: ``fbss_quiz.item_review``).
    emphasis: tuple[str, ...] = ()

    @property
    def correct(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)

    def group_starts(self) -> list[int]:
        """The flat index of each group's first option."""
        starts, start = [], 0
        for group in self.groups:
            starts.append(start)
            start += len(group.options)
        return starts

    def group_indices(self) -> list[list[int]]:
        """The flat option indices of each group."""
        return [
            list(range(start, start + len(group.options)))
            for start, group in zip(self.group_starts(), self.groups, strict=True)
        ]

    def locate(self, index: int) -> tuple[int, int]:
        """(group, index within the group) of flat option ``index``."""
        for g, indices in enumerate(self.group_indices()):
            if index in indices:
                return g, index - indices[0]
        raise IndexError(f"question {self.id!r} has no option {index}")

    def scoring_groups(self) -> tuple[GroupRecord, ...]:
        return self.groups

    def max_points(self, scoring: Scoring = Scoring.NCSBN) -> int:
        return score_record(self, [], scoring).max_points

    def with_texts(self, texts: Mapping[str, str]) -> QuestionRecord:
        """The record with the plain text of each part found in ``texts`` (keys: ``stem``,
        ``explanation``, ``option:i``, ``rationale:i``, ``label:g``, ``row:g``)."""
        options = tuple(
            replace(
                option,
                text=texts.get(option_part(i), option.text),
                rationale=texts.get(rationale_part(i), option.rationale),
            )
            for i, option in enumerate(self.options)
        )
        groups = tuple(
            replace(
                group,
                label=texts.get(label_part(g), group.label),
                rationale=texts.get(row_part(g), group.rationale),
                options=options[start : start + len(group.options)],
            )
            for g, (start, group) in enumerate(zip(self.group_starts(), self.groups, strict=True))
        )
        return replace(
            self,
            stem=texts.get(STEM, self.stem),
            explanation=texts.get(EXPLANATION, self.explanation),
            options=options,
            groups=groups,
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "docname": self.docname,
            "lineno": self.lineno,
            "position": self.position,
            "type": self.qtype,
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
            "case_title": self.case_title,
            "level": self.level,
            "columns": list(self.columns),
            "display": list(self.display),
            "shuffle": self.shuffle,
            "allow": list(self.allow),
            "emphasis": list(self.emphasis),
        }


@dataclass(frozen=True)
class Score:
    points: int
    max_points: int
    #: Right choices made (for select-all) or 1/0 (single choice).
    right: int
    wrong: int
    #: Every group fully right.
    full: bool = False
    #: Per group: fully right.
    parts: tuple[bool, ...] = ()

    @property
    def verdict(self) -> str:
        """``correct``, ``partial`` or ``incorrect``, as the page announces it."""
        if self.points == self.max_points and self.wrong == 0:
            return "correct"
        if self.points > 0 or self.right > 0:
            return "partial"
        return "incorrect"


Picks = Sequence[Sequence[int] | Collection[int]]


def score_groups(
    groups: Sequence[GroupRecord],
    chosen: Picks,
    scoring: Scoring | str = Scoring.NCSBN,
    *,
    max_only: bool = False,
) -> Score:
    """Score an answer given as the choices (group-local indices) of each group, by the
    rules of ``fbss_quiz/scoring.py`` (the same as the browser's scorers)."""
    item: ItemData = {
        "kind": "",
        "scoring": str(scoring),
        "groups": [group.contract() for group in groups],
    }
    # Sets are unordered: a set of picks is read in index order.
    picks = [sorted(p) if isinstance(p, (set, frozenset)) else list(p) for p in chosen]
    result = score(item, picks)
    if max_only:
        return Score(0, result["max"], 0, 0)
    return Score(
        result["points"],
        result["max"],
        result["right"],
        result["wrong"],
        result["full"],
        tuple(result["parts"]),
    )


def score_record(record: QuestionRecord, chosen: Picks, scoring: Scoring | str = "ncsbn") -> Score:
    """Score ``record``: ``chosen`` holds one entry per scoring group."""
    return score_groups(record.groups, chosen, scoring)


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
