"""The Python scorers over the shared table of scoring cases (``tests/scoring_cases.json``,
which the browser's scorers run under ``node --test`` too), and the ``data-fbss-item``
that pages carry (``fbss_quiz/contract.py``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from ngn_page import ITEMS_MD

from fbss_quiz.kinds import BY_NAME, KINDS
from fbss_quiz.scoring import RULES

from conftest import Built

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "scoring_cases.json").read_text(encoding="utf-8")
)
SCORE_KEYS = ("points", "max", "right", "wrong", "full")


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_python_scorer_agrees_with_the_table(case: dict[str, Any]) -> None:
    item = case["item"]
    result = BY_NAME[item["kind"]].score(item, case["picks"])
    assert {key: result[key] for key in SCORE_KEYS} == case["expected"]
    assert len(result["parts"]) == len(item["groups"])
    assert result["full"] == all(result["parts"])


def test_the_table_covers_every_kind_rule_and_scoring() -> None:
    kinds = {case["item"]["kind"] for case in CASES}
    rules = {group["rule"] for case in CASES for group in case["item"]["groups"]}
    scorings = {case["item"]["scoring"] for case in CASES}
    assert kinds >= set(BY_NAME), set(BY_NAME) - kinds
    assert rules >= set(RULES), set(RULES) - rules
    assert scorings == {"ncsbn", "all-or-nothing"}
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)), "each case has its own name"


CHOICES_MD = """
:::{question}
:id: one
Which one?

- [ ] a
- [x] b
- [ ] c
:::

:::{question}
:id: many
Which ones?

- [x] a
- [ ] b
- [x] c
- [ ] d
:::

:::{question}
:id: select-two
:type: select-n
Select two.

- [x] a
- [ ] b
- [x] c
- [ ] d
:::
"""


def _key_picks(item: dict[str, Any]) -> list[list[int]]:
    """What a reader who knows the answer picks in each group (an order group's
    ``correct`` is its steps' ids in the right order)."""
    return [list(g["correct"]) for g in item["groups"]]


@pytest.mark.parametrize("scoring", ["ncsbn", "all-or-nothing"])
def test_every_page_item_scores_its_own_key_as_full_marks(
    build: Callable[..., Built], scoring: str
) -> None:
    built = build({"index.md": ITEMS_MD + CHOICES_MD}, conf=f'fbss_quiz_scoring = "{scoring}"\n')
    soup = BeautifulSoup(built.page(), "html.parser")
    questions = soup.select(".fbss-question")
    assert {q["data-fbss-type"] for q in questions} >= set(KINDS)
    for question in questions:
        item = json.loads(question["data-fbss-item"])
        assert item["kind"] == KINDS[question["data-fbss-type"]].name
        assert item["scoring"] == scoring
        result = BY_NAME[item["kind"]].score(item, _key_picks(item))
        assert result["full"] and result["points"] == result["max"], question["data-fbss-id"]
        empty = BY_NAME[item["kind"]].score(item, [])
        assert empty["points"] == 0 and not empty["full"]
        if item["kind"] == "choice":  # its inputs are its one group
            (group,) = item["groups"]
            inputs = question.select("input")
            assert group["size"] == len(inputs)
            assert group["rule"] == ("plus-minus" if inputs[0]["type"] == "checkbox" else "one")


COMPLETE_CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "complete_cases.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", COMPLETE_CASES, ids=[case["name"] for case in COMPLETE_CASES])
def test_python_counts_the_missing_answers_as_the_table(case: dict[str, Any]) -> None:
    """Check answer grades nothing while answers are missing; the page writes the
    "n of m left" forms for as many as the kind's ``missing`` counts with no picks."""
    item = case["item"]
    assert BY_NAME[item["kind"]].missing(item, case["picks"]) == case["missing"]


def test_the_complete_table_covers_every_kind() -> None:
    assert {case["item"]["kind"] for case in COMPLETE_CASES} == set(BY_NAME)
