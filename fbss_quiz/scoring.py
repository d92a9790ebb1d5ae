"""How an answer earns points: the NCSBN rules, over the ``data-fbss-item`` object.

Pure Python with no imports from the package, so that the model, the kinds and
the tests share one scorer, and the browser's scorers (``static/``) can be held
to the same table of cases (``tests/scoring_cases.json``). ``score(item, picks)``
takes the item as ``fbss_quiz/contract.py`` describes it and, per group, the
group-local indices the reader picked (for an ``order`` group: the steps in the
order the reader put them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fbss_quiz.contract import GroupData, ItemData, ScoreData

#: (points, most points, right choices, wrong choices) of one group; points may be
#: negative (plus-minus), the item's total never is.
GroupScore = tuple[int, int, int, int]
GroupRule = Callable[[Sequence[int], "GroupData"], GroupScore]


def _count(picks: Sequence[int], group: GroupData) -> tuple[int, int]:
    correct = set(group["correct"])
    right = sum(1 for pick in set(picks) if pick in correct)
    return right, len(set(picks)) - right


def one(picks: Sequence[int], group: GroupData) -> GroupScore:
    """0/1: exactly the correct choice (a single-choice question, a matrix row, a blank)."""
    right, wrong = _count(picks, group)
    return int(right == 1 and wrong == 0), 1, right, wrong


def plus_minus(picks: Sequence[int], group: GroupData) -> GroupScore:
    """+1 per correct choice, -1 per incorrect one (select-all, highlight, matrix-multiple)."""
    right, wrong = _count(picks, group)
    return right - wrong, group["need"], right, wrong


def slots(picks: Sequence[int], group: GroupData) -> GroupScore:
    """0/1 per slot (a bow-tie list): each choice beyond the slots costs one."""
    right, wrong = _count(picks, group)
    excess = max(0, len(set(picks)) - group["need"])
    return max(0, right - excess), group["need"], right, wrong


def order(picks: Sequence[int], group: GroupData) -> GroupScore:
    """0/1 for the whole order; right and wrong count the steps in and out of place
    (``correct``: the steps in the right order, by the ids the picks use)."""
    key = list(group["correct"])
    right = sum(
        1 for position, step in enumerate(picks) if position < len(key) and key[position] == step
    )
    full = len(key) == group["size"] and list(picks) == key
    return int(full), 1, right, len(picks) - right


#: Every rule by the name ``data-fbss-item`` gives it. A kind that adds a rule passes
#: its own table to :func:`score`.
RULES: Mapping[str, GroupRule] = {
    "one": one,
    "plus-minus": plus_minus,
    "slots": slots,
    "order": order,
}


def required(group: GroupData) -> int:
    """How many picks a group needs before its item may be checked: a bow-tie list one
    per slot, an order none (every order is an answer), any other group one."""
    return {"slots": group["need"], "order": 0}.get(group["rule"], 1)


def missing(item: ItemData, picks: Sequence[Sequence[int]]) -> int:
    """The picks still missing before the item may be checked (0: complete). Check
    answer grades nothing while any is missing; with no picks this is how many the
    item needs in all. The browser's ``missing`` (``static/src/scoring.js``) is the
    same; ``tests/complete_cases.json`` holds the cases both pass."""
    return sum(
        max(0, required(group) - len(set(picks[k] if k < len(picks) else ())))
        for k, group in enumerate(item["groups"])
    )


def score(
    item: ItemData, picks: Sequence[Sequence[int]], rules: Mapping[str, GroupRule] = RULES
) -> ScoreData:
    """The item's score: points never below zero; ``all-or-nothing`` scoring gives
    1 of 1 when every group is fully right and 0 of 1 otherwise."""
    points = most = right = wrong = 0
    parts = []
    for index, group in enumerate(item["groups"]):
        chosen = picks[index] if index < len(picks) else ()
        p, m, r, w = rules[group["rule"]](chosen, group)
        points, most, right, wrong = points + p, most + m, right + r, wrong + w
        parts.append(p == m and w == 0)
    full = all(parts)
    if item["scoring"] == "all-or-nothing":
        points, most = int(full), 1
    return {
        "points": max(0, points),
        "max": most,
        "right": right,
        "wrong": wrong,
        "full": full,
        "parts": parts,
    }
