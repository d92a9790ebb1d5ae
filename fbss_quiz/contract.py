"""The data contract between the HTML the extension writes and the browser's code.

Python writes it (``html_render.py``, through the kinds); the scripts in
``static/`` read it. Neither side changes it without the other: this docstring
is where it is written down.

Every question element ``div.fbss-question`` carries:

- ``data-fbss-id``: the question id (``:id:`` or the derived one);
- ``data-fbss-type``: its ``:type:`` value (``single``, ``multiple``, ``matrix`` ...);
- ``data-fbss-topics``: its topic ids, separated by spaces;
- ``data-fbss-store``: the ``localStorage`` key prefix, when ``fbss_quiz_storage`` is on;
- ``data-fbss-shuffle="true"``: when its options are shuffled on each attempt;
- ``data-fbss-msg-*``: every message the script shows, in the book's language, the
  counted ones in the plural form for their number (``fbss_quiz/i18n.py``);
- ``data-fbss-item``: one JSON object, :class:`ItemData` below, written by
  :func:`item_attribute` (the one place that writes it, so that a later "exam mode"
  can encode it until Submit)::

      {"kind": "matrix", "scoring": "ncsbn",
       "groups": [{"rule": "one", "size": 3, "need": 1, "correct": [1]}, ...]}

  ``kind`` is the name of the kind's module (``choice``, ``matrix``, ``cloze``,
  ``highlight``, ``ordering``, ``bowtie``, ``dropdown_rationale``, ``dropdown_table``,
  ``select_n``, ``trend``: ``fbss_quiz.kinds.KIND_MODULES``); ``scoring`` is ``fbss_quiz_scoring``
  (``ncsbn`` or ``all-or-nothing``, for every kind); ``groups`` in order, each with
  its scoring ``rule`` (``one``, ``plus-minus``, ``slots``, ``order``, or a rule a
  new kind adds), ``size`` (options in the group), ``need`` (correct ones) and
  ``correct`` (indices within the group; for ``order`` every step, in the right
  order). A single-choice or select-all question is one group. A kind may add keys of
  its own: a trend item (``kind`` ``trend``) names in ``response`` the kind that runs
  and scores its question (``choice``, ``matrix`` ...), whose groups these are.

Inputs, rationales, phrases and steps carry ``data-fbss-option``: a flat index that
counts every group's options in order. The answer part (``details.fbss-answer``)
holds one ``div.fbss-rationale[data-fbss-option]`` per option (a matrix: one per
row, ``data-fbss-group``), then ``div.fbss-explanation``.

The feedback (issue 15). Between the stem and the options' fieldset stands
``p.fbss-status[role=status]``, the verdict line: the script writes the result, the
points where an item has several, and ``data-fbss-msg-answer`` with ``{answer}``
filled in (the correct answer in words), and that is what the live region announces.
``{answer}`` comes from the kind's ``describe`` or, by default, from the answer key:
``.fbss-key [data-fbss-group]`` holds one line per group (no letters: the web page
shows none but a choice question's), and the lines of the groups not wholly right are
joined. After the buttons (``div.fbss-actions``: ``.fbss-check``, ``.fbss-retry``
and, for items of several parts, ``.fbss-clear-answers``) stands
``p.fbss-note[role=status]``, which says what Check answer still needs and announces
moves. Check answer grades nothing while answers are missing: a group needs one pick,
a ``slots`` group ``need`` picks, an ``order`` group none (``scoring.missing``; a
kind may ask otherwise, as select N asks for ``need`` picks whatever its rule); the
note is ``data-fbss-msg-left``, a JSON list of the message for each number left from
1 to all (the plural form follows that number), ``{left}`` and ``{total}`` filled in.
``data-fbss-msg-points`` is only on items worth more than one point (the others say
Correct or Incorrect); ``data-fbss-msg-key`` (NGN) is the "Correct answer" badge that
marks a right choice the reader missed. Elements with class ``fbss-js`` are hidden
until the script shows them (buttons, an ordering step's handle and Move buttons); one
that also has ``data-fbss-js`` (the hint) takes that text from the script, its own text
being what a reader without it can do. A choice or select-N question marks its correct
options ``div.fbss-option.fbss-key-option`` and holds, hidden until checked,
``span.fbss-badge`` (in the correct option, and first in its rationale's heading) and
``span.fbss-chosen`` (in each rationale's heading), and ``details.fbss-others``
(after the fieldset), where the options neither chosen nor correct fold once checked.
Each quiz carries ``data-fbss-msg-skip``, the "Skip to the quiz" link the script puts
first on the page.

The scorer (Python: ``fbss_quiz/scoring.py``; JS: each kind's ``score``) is
``score(item, picks)``: ``picks`` holds, per group, the group-local indices picked
(for ``order``: the order as the reader put the steps), and the result is
:class:`ScoreData`. ``tests/scoring_cases.json`` holds the cases both must pass.

The progress page (``div.fbss-progress``, ``data-fbss-store``,
``data-fbss-msg-cleared``, ``data-fbss-msg-nothing``) holds a docutils table
(``table.fbss-progress-table``): a row per topic (``tr[data-fbss-topic]``) whose
cells are marked by class: ``fbss-total``, ``fbss-answered``, ``fbss-correct``,
``fbss-untried`` (each with ``data-fbss-col``, the column's name, for the phone
layout), and ``fbss-chart`` with ``span.fbss-bar-correct`` and
``span.fbss-bar-answered``; then ``p.fbss-progress-js`` (``strong.fbss-left``),
``p.fbss-progress-nojs`` and the list ``ul.fbss-progress-list`` of
``li[data-fbss-id][data-fbss-topics]``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from fbss_quiz.model import QuestionRecord


class GroupData(TypedDict):
    rule: str
    size: int
    need: int
    correct: list[int]


class ItemData(TypedDict):
    kind: str
    scoring: str
    groups: list[GroupData]


class ScoreData(TypedDict):
    points: int
    max: int
    right: int
    wrong: int
    full: bool
    parts: list[bool]


def item_data(kind: str, record: QuestionRecord, scoring: str) -> ItemData:
    return {
        "kind": kind,
        "scoring": scoring,
        "groups": [group.contract() for group in record.groups],
    }


def item_attribute(item: ItemData) -> str:
    """The value of ``data-fbss-item``: the item as its kind gives it (``Kind.item``)."""
    return json.dumps(item, separators=(",", ":"))
