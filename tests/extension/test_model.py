"""The pure model: scoring, letters, derived ids, topic lists."""

from __future__ import annotations

import pytest

from fbss_quiz.model import (
    GroupRecord,
    OptionRecord,
    Rule,
    Score,
    derive_question_id,
    option_letter,
    score_groups,
    split_topics,
)


def score(rule: Rule, correct: frozenset[int], chosen: set[int]) -> Score:
    """One group of four options, ``correct`` of them right, scored by ``rule``."""
    options = tuple(OptionRecord(f"o{i}", i in correct) for i in range(4))
    return score_groups([GroupRecord("", options, rule)], [chosen])


def test_single_choice_is_all_or_nothing() -> None:
    assert score(Rule.ONE, frozenset({1}), {1}).verdict == "correct"
    assert score(Rule.ONE, frozenset({1}), {1}).points == 1
    assert score(Rule.ONE, frozenset({1}), {0}).points == 0
    assert score(Rule.ONE, frozenset({1}), {0}).verdict == "incorrect"


@pytest.mark.parametrize(
    ("chosen", "points", "verdict"),
    [
        ({0, 1}, 2, "correct"),
        ({0}, 1, "partial"),
        ({0, 2}, 0, "partial"),  # +1 -1 = 0, but one right choice is still partial credit
        ({0, 1, 2, 3}, 0, "partial"),  # ticking everything earns nothing
        ({2, 3}, 0, "incorrect"),  # never below zero
        (set(), 0, "incorrect"),
    ],
)
def test_select_all_is_plus_minus_with_floor_at_zero(
    chosen: set[int], points: int, verdict: str
) -> None:
    result = score(Rule.PLUS_MINUS, frozenset({0, 1}), chosen)
    assert result.points == points
    assert result.max_points == 2
    assert result.verdict == verdict


def test_option_letters_continue_past_z() -> None:
    assert [option_letter(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def test_derived_ids_are_stable_and_depend_on_document_and_text() -> None:
    first = derive_question_id("causes", "Which cause?", set())
    assert first == derive_question_id("causes", "Which   cause?\n", set())
    assert first != derive_question_id("symptoms", "Which cause?", set())
    assert first.startswith("causes-")
    assert derive_question_id("causes", "Which cause?", {first}) == f"{first}-2"
    assert derive_question_id("a/b", "x", set()).startswith("a-b-")


def test_topics_split_on_spaces_and_commas_without_repeats() -> None:
    assert split_topics("causes  symptoms,causes") == ["causes", "symptoms"]
    assert split_topics(None) == []
