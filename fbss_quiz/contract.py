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
  ``correct`` (indices within the group; for ``order`` every step's id, in the right
  order). A single-choice or select-all question is one group. A kind may add keys of
  its own: a trend item (``kind`` ``trend``) names in ``response`` the kind that runs
  and scores its question (``choice``, ``matrix`` ...), whose groups these are.

Inputs, rationales, phrases and steps carry ``data-fbss-option``: a flat index that
counts every group's options in order; but an ordering item's steps (and their
rationales) are counted in the order the page shows them (``kinds/ordering.py``,
``shown_ids``): their order in the record is the answer, which the markup must not tell.
The answer part (``details.fbss-answer``) holds one
``div.fbss-rationale[data-fbss-option]`` per option (a matrix: one per row,
``data-fbss-group``), then ``div.fbss-explanation``.

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

The quiz's running count and summary (issue 16). ``div.fbss-quiz`` carries
``data-fbss-msg-answered`` (a JSON list: the form for each number answered, from 0),
``data-fbss-msg-question`` ("Question {number}") and, in a review quiz,
``data-fbss-msg-numbered`` ("Question {n} · from {number}", which the script writes into
each drawn question's ``p.fbss-number[data-fbss-number]``). Its footer
(``div.fbss-quiz-footer``) holds ``p.fbss-count[role=status]``, ``p.fbss-score[role=status]``,
``div.fbss-summary`` (``ul.fbss-missed``, filled with links to the missed questions and their
``p.fbss-review`` links) and ``div.fbss-quiz-actions`` (``button.fbss-retry-missed``,
``button.fbss-reset``). An exam (``:mode: exam``, ``fbss_quiz/exam.py``) is
``div.fbss-quiz.fbss-exam[data-fbss-mode=exam]`` with ``data-fbss-msg-unanswered`` (forms
from 1), ``data-fbss-msg-of``, ``data-fbss-msg-no-step``, ``data-fbss-topic-labels`` and
``data-fbss-step-labels`` (JSON objects, in the book's order) and, with a time limit,
``data-fbss-time-limit`` (minutes), ``data-fbss-msg-time-left``, ``data-fbss-msg-time-up``
and ``data-fbss-msg-time-notes`` (JSON: minutes left -> what to announce). Its questions
carry ``data-fbss-step`` and a ``data-fbss-item`` whose groups have ``correct: []`` (and
``need: 1`` but in ``slots`` groups and a select-N item; a trend's keeps its ``response``:
the kind's ``exam_item``), no ``data-fbss-msg-answer``, ``-partial`` or
``-points``, and an empty, hidden ``details.fbss-answer``: what they lack is in the
footer's ``data-fbss-sealed`` (keyed by the question element's id: ``item``, ``msg`` and
``html``, the answer part after its summary), opened on Submit. The footer adds
``p.fbss-exam-hint``, ``p.fbss-timer-note``, ``div.fbss-results`` (the script writes a
table per topic and per step, captioned with its ``data-fbss-msg-score-topic`` and
``-score-step``, and after the first, when its totals exceed the questions,
``p.fbss-results-entries`` from ``data-fbss-msg-entries``), ``div.fbss-confirm``
(``p.fbss-confirm-text``, ``button.fbss-submit-yes``, ``button.fbss-submit-no``) and
``button.fbss-submit``; ``p.fbss-exam-nojs`` stands before it.

The scorer (Python: ``fbss_quiz/scoring.py``; JS: each kind's ``score``) is
``score(item, picks)``: ``picks`` holds, per group, the group-local indices picked
(for ``order``: the order as the reader put the steps), and the result is
:class:`ScoreData`. ``tests/scoring_cases.json`` holds the cases both must pass.

The progress page (``div.fbss-progress``, ``data-fbss-store``,
``data-fbss-msg-cleared``, ``data-fbss-msg-nothing``) holds a docutils table
(``table.fbss-progress-table``): a row per topic (``tr[data-fbss-topic]``) whose
cells are marked by class: ``fbss-total``, ``fbss-answered``, ``fbss-correct``,
``fbss-untried`` (each with ``data-fbss-col``, the column's name, for the phone
layout), ``fbss-share`` (the share right), and ``fbss-chart`` with
``span.fbss-bar-correct`` and ``span.fbss-bar-answered``. Before it stands
``p.fbss-legend`` (a ``span.fbss-swatch`` of each bar part, then its label); where
questions have clinical-judgment steps, a second such table has rows
``tr[data-fbss-step]``. Then ``p.fbss-progress-entries`` (when topic rows overlap),
``p.fbss-progress-next[hidden]`` holding the link to the practice page
(``data-fbss-msg-weakest`` on the progress element: its text, ``{topic}`` and
``{share}``; the script adds ``#topic=<id>``), ``p.fbss-progress-js``
(``strong.fbss-left``), ``p.fbss-progress-nojs`` and the list
``ul.fbss-progress-list`` of ``li[data-fbss-id][data-fbss-topics]`` (and
``data-fbss-step`` where set).

The practice queue is a review quiz (``div.fbss-quiz.fbss-practice``,
``data-fbss-draw`` the set's size, ``data-fbss-store``) whose questions are every
matching question of the book. It carries ``data-fbss-msg-due``, ``-fresh`` and
``-later`` (JSON lists: the form for each number from 0 to the pool's size, ``{n}``
filled in by the script), ``data-fbss-msg-queue`` (``{due}``, ``{fresh}``,
``{later}``), ``data-fbss-msg-topic`` (``{topic}``), ``data-fbss-msg-nostore`` and
``data-fbss-topic-labels`` (JSON: topic id to label); first inside it stand
``p.fbss-practice-nojs``, ``p.fbss-practice-status[role=status][hidden]`` and
``p.fbss-practice-topic[hidden]`` (``span.fbss-practice-topic-name``,
``a.fbss-practice-all``). The saved answer of a question (``localStorage``, key
``<store>:<id>``) holds ``{"v": 1, "chosen", "checked", "order", "res"}`` (an ordering
item's ``order`` is ``"shown"``: its ``chosen`` are the steps' ids as above; one saved
without it names each step by its place in the right order, and the script translates
it by the key) and, once
checked, its place in the schedule: ``box`` (1-5), ``at`` (ms since 1970) and
``right`` (``static/src/schedule.js``).
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
