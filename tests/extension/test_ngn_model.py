"""Scoring of every Next Generation NCLEX item type (pure model, NCSBN rules)."""

from __future__ import annotations

import pytest

from fbss_quiz.kinds import KINDS
from fbss_quiz.model import (
    GroupRecord,
    OptionRecord,
    QuestionRecord,
    Rule,
    Scoring,
    score_groups,
    score_record,
)


def group(marks: str, rule: Rule, label: str = "") -> GroupRecord:
    """``"x.x"``: three options, the first and last correct."""
    return GroupRecord(
        label, tuple(OptionRecord(f"o{i}", m == "x") for i, m in enumerate(marks)), rule
    )


def record(qtype: str, groups: tuple[GroupRecord, ...]) -> QuestionRecord:
    options = tuple(o for g in groups for o in g.options)
    return QuestionRecord("q", "doc", 1, 1, qtype, "Stem", options, groups=groups)


MATRIX = record("matrix", tuple(group(m, Rule.ONE) for m in ("x.", ".x", "x.")))


@pytest.mark.parametrize(
    ("chosen", "points", "verdict"),
    [
        ([{0}, {1}, {0}], 3, "correct"),
        ([{0}, {0}, {0}], 2, "partial"),
        ([{1}, {0}, {1}], 0, "incorrect"),
        ([{0}, set(), set()], 1, "partial"),  # an unanswered row earns nothing
    ],
)
def test_matrix_is_zero_or_one_per_row(chosen: list[set[int]], points: int, verdict: str) -> None:
    result = score_record(MATRIX, chosen)
    assert (result.points, result.max_points, result.verdict) == (points, 3, verdict)


MATRIX_MULTIPLE = record(
    "matrix-multiple", (group("xx.", Rule.PLUS_MINUS), group(".x.", Rule.PLUS_MINUS))
)


@pytest.mark.parametrize(
    ("chosen", "points"),
    [
        ([{0, 1}, {1}], 3),
        ([{0, 1, 2}, {1}], 2),  # -1 for the wrong column
        ([{0}, {0, 2}], 0),  # 1 - 2 = -1, floored at zero for the item
        ([{2}, {0, 2}], 0),  # never below zero
        ([{0, 1, 2}, {0, 1, 2}], 0),  # ticking every box earns nothing
    ],
)
def test_matrix_multiple_is_plus_minus_with_floor_at_zero(
    chosen: list[set[int]], points: int
) -> None:
    result = score_record(MATRIX_MULTIPLE, chosen)
    assert (result.points, result.max_points) == (points, 3)


def test_cloze_is_zero_or_one_per_blank() -> None:
    cloze = record("cloze", (group(".x.", Rule.ONE), group("x..", Rule.ONE)))
    assert score_record(cloze, [{1}, {0}]).points == 2
    assert score_record(cloze, [{1}, {2}]).points == 1
    assert score_record(cloze, [{0}, {2}]).points == 0
    assert score_record(cloze, [{1}, {0}]).max_points == 2


@pytest.mark.parametrize(
    ("chosen", "points", "verdict"),
    [
        ({0, 2}, 2, "correct"),
        ({0}, 1, "partial"),
        ({0, 1}, 0, "partial"),
        ({1, 3}, 0, "incorrect"),  # -2, floored at zero
        ({0, 1, 2, 3}, 0, "partial"),  # selecting every phrase earns nothing
        (set(), 0, "incorrect"),
    ],
)
def test_highlight_is_plus_minus_with_floor_at_zero(
    chosen: set[int], points: int, verdict: str
) -> None:
    highlight = record("highlight", (group("x.x.", Rule.PLUS_MINUS),))
    result = score_record(highlight, [chosen])
    assert (result.points, result.max_points, result.verdict) == (points, 2, verdict)


def test_ordering_is_zero_or_one_for_the_whole_order() -> None:
    ordering = record("ordering", (group("xxxx", Rule.ORDER),))
    assert score_record(ordering, [[0, 1, 2, 3]]).points == 1
    assert score_record(ordering, [[0, 1, 2, 3]]).verdict == "correct"
    assert score_record(ordering, [[1, 0, 2, 3]]).points == 0
    assert score_record(ordering, [[1, 0, 2, 3]]).verdict == "partial"
    assert score_record(ordering, [[3, 2, 1, 0]]).verdict == "incorrect"
    assert score_record(ordering, [[3, 2, 1, 0]]).max_points == 1


BOWTIE = record(
    "bowtie",
    (
        group(".x..", Rule.ONE, "Condition"),
        group("x.x..", Rule.SLOTS, "Actions"),
        group(".xx..", Rule.SLOTS, "Monitor"),
    ),
)


@pytest.mark.parametrize(
    ("chosen", "points"),
    [
        ([{1}, {0, 2}, {1, 2}], 5),
        ([{0}, {0, 2}, {1, 2}], 4),  # wrong condition: 0 for the centre only
        ([{1}, {0, 1}, {1, 3}], 3),  # one right action, one right parameter
        ([{1}, {0, 1, 2}, {1, 2}], 4),  # a third action costs one slot
        ([{2}, {1, 3}, {0, 3}], 0),
    ],
)
def test_bowtie_is_zero_or_one_per_slot(chosen: list[set[int]], points: int) -> None:
    result = score_record(BOWTIE, chosen)
    assert (result.points, result.max_points) == (points, 5)


def test_all_or_nothing_scores_the_whole_item() -> None:
    aon = Scoring.ALL_OR_NOTHING
    assert score_record(BOWTIE, [{1}, {0, 2}, {1, 2}], aon).points == 1
    assert score_record(BOWTIE, [{1}, {0, 2}, {1, 3}], aon).points == 0
    assert score_record(BOWTIE, [{1}, {0, 2}, {1, 3}], aon).max_points == 1
    assert score_record(MATRIX_MULTIPLE, [{0, 1}, {1}], aon).points == 1
    assert score_record(MATRIX_MULTIPLE, [{0, 1, 2}, {1}], aon).points == 0
    assert BOWTIE.max_points(aon) == 1
    assert BOWTIE.max_points() == 5


def test_classic_types_score_through_the_same_groups() -> None:
    body = ["S", "- [x] a", "- [x] b", "- [ ] c"]
    multiple = KINDS["multiple"].parse("multiple", body, False).record()
    assert score_record(multiple, [{0, 2}]).points == 0
    assert score_record(multiple, [{0, 1}]).points == 2
    single = KINDS["single"].parse("", ["S", "- [ ] a", "- [x] b"], False).record()
    assert single.qtype == "single"
    assert score_record(single, [{1}]).points == 1
    assert single.max_points() == 1
    assert score_groups(single.scoring_groups(), []).points == 0


def test_records_stay_json_able_with_groups() -> None:
    data = BOWTIE.as_dict()
    assert data["type"] == "bowtie"
    assert data["groups"][1]["rule"] == "slots"  # type: ignore[index]
    assert data["correct"] == [1, 4, 6, 10, 11]
