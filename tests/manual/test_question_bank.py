"""The manual's question bank measures judgment, not test-wiseness.

The figures come from ``tools/bank_stats.py`` (run it to see them per file); the targets
are those of the item-writing standard the manual's references hold (NBME guide, NCSBN):
keys spread over positions, select-all keys mixed among distractors, no cue from absolute
words or length, no item testing the same point with the same key, rationales that teach,
and most items at application level or above.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_bank_stats() -> Any:
    spec = importlib.util.spec_from_file_location("bank_stats", ROOT / "tools" / "bank_stats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bank_stats"] = module
    spec.loader.exec_module(module)
    return module


bank_stats = _load_bank_stats()


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return dict(bank_stats.figures(bank_stats.bank()))


def test_the_bank_is_large_enough(figures: dict[str, Any]) -> None:
    assert figures["standalone"] >= 60, figures["standalone"]
    assert figures["single"] >= 20 and figures["select-all"] >= 10


def test_single_answer_keys_are_spread_over_positions(figures: dict[str, Any]) -> None:
    shares = figures["key position shares (single)"]
    assert set("ABCD") <= set(shares), shares
    assert all(0.20 <= shares[p] <= 0.30 for p in "ABCD"), shares


def test_single_answer_items_have_four_options_or_more() -> None:
    few = [i.id for i in bank_stats.bank() if i.type == "single" and len(i.options) < 4]
    assert few == []


def test_select_all_items_mix_keys_among_five_to_eight_options(figures: dict[str, Any]) -> None:
    counts = figures["select-all option counts"]
    assert all(5 <= n <= 8 for n in counts), counts
    assert figures["select-all keys all first"] == []
    assert len(figures["select-all keys all last"]) <= 0.3 * figures["select-all"]


def test_absolute_words_are_no_cue(figures: dict[str, Any]) -> None:
    assert figures["absolute words only in distractors"] == []


def test_the_key_is_not_systematically_the_longest(figures: dict[str, Any]) -> None:
    assert figures["key strictly longest share"] <= 0.30, figures["key strictly longest (single)"]


def test_rationales_teach(figures: dict[str, Any]) -> None:
    assert figures["rationales under 8 words"] == []
    assert figures["rationales repeated verbatim"] == []


def test_no_two_items_test_the_same_point_with_the_same_key(figures: dict[str, Any]) -> None:
    assert figures["near-duplicate pairs"] == []


def test_most_items_are_at_application_level_or_above(figures: dict[str, Any]) -> None:
    assert figures["items without :level:"] == []
    assert figures["share at apply or above"] >= 0.70, figures["levels"]


def test_the_figures_see_what_a_test_wise_student_sees() -> None:
    """The measures themselves, on a tiny bank with every flaw."""
    item = bank_stats.Item
    flawed = [
        item("a.md", 1, "b1", "single", False, "remember", "", "Which?",
             [("Short", False, "why " * 8), ("The much longer right answer", True, "why " * 8),
              ("Never this", False, "why " * 8), ("Tiny", False, "why " * 8)]),
        item("a.md", 9, "m1", "multiple", False, "apply", "", "Which apply?",
             [("Yes one", True, "r"), ("Yes two", True, "r"), ("No", False, "r"),
              ("No two", False, "r"), ("No three", False, "r")]),
    ]  # fmt: skip
    found = bank_stats.figures(flawed)
    assert found["key position shares (single)"] == {"B": 1.0}
    assert found["select-all keys all first"] == ["m1"]
    assert found["absolute words only in distractors"] == ["b1"]
    assert found["key strictly longest (single)"] == ["b1"]
    assert len(found["rationales under 8 words"]) == 5
    assert found["rationales repeated verbatim"] == ["why " * 8, "r"]
    assert found["share at apply or above"] == 0.5
    twin = item("b.md", 1, "b2", "single", False, "apply", "", "Which one?",
                [("The much longer right answer", True, "x"), ("No", False, "y")])  # fmt: skip
    assert bank_stats.near_duplicates(flawed[0], twin)
