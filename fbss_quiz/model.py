"""The question model: plain Python, no docutils.

Exporters, tests and the collector use these records directly, so they hold text,
not nodes. A record is what the rest of the book needs to know about a question
once its page has been read.
"""

from __future__ import annotations

import hashlib
import re
import string
from dataclasses import dataclass, field
from enum import StrEnum


class QuestionType(StrEnum):
    SINGLE = "single"
    #: "Select all that apply": scored +1 per right choice, -1 per wrong one.
    MULTIPLE = "multiple"


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

    @property
    def correct(self) -> frozenset[int]:
        return frozenset(i for i, option in enumerate(self.options) if option.correct)

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

    def matches(self, record: QuestionRecord) -> bool:
        return ALL_TOPICS in self.topics or any(t in record.topics for t in self.topics)

    def select(self, records: list[QuestionRecord]) -> list[QuestionRecord]:
        """The questions this quiz shows, in book order.

        With a limit and shuffling, the browser draws its set of ``limit`` from
        the whole pool on each attempt, so the pool is returned; otherwise (and
        in every static output) the first ``limit`` in book order.
        """
        pool = [r for r in records if self.matches(r)]
        return pool if self.shuffle else pool[: self.limit]


def question_number(chapter: int, position: int) -> str:
    """``C.N``: the document's place in the book, then the question's place in it."""
    return f"{chapter}.{position}"
