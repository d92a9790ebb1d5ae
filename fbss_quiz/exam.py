"""Exam mode (``:mode: exam``): what the page holds back until the reader submits.

An exam's page must not hand out its answers to a reader who opens the HTML file:
no rationale, no "Correct" badge, no class or data that marks the correct options.
The web page writes each question with its ``data-fbss-item`` stripped of the
correct choices (:func:`stripped_item`, through the kind's ``exam_item``), and
everything it leaves out (the full item, the messages that name the answer, the answer
part's HTML) goes into one sealed blob (:func:`seal`) that the script opens on Submit
(``static/src/exam.js``). The rest of the markup does not depend on the answer at all:
options stand in the author's order with their indices as ids, and an ordering item's
steps, shown in an order that is never the right one, are named by their place as
shown (``kinds/ordering.py``), so two exams that differ only in their keys are the
same page but for the seal (``tests/extension/test_exam.py``).

The seal is JSON with every printable ASCII character rotated within that range by a
shift that the quiz's id gives (ROT47-like): no word, tag or ``"correct"`` of it is left
to read or search for in the page. A rotation, unlike base64 or a running XOR, keeps
repeated text repeated, so the page still compresses as well as the plain answers would
(a 60-question exam: about as much gzipped as its questions). It deters; it does not
secure: anyone who reads the script can open it (AUTHORING.md says so).
"""

from __future__ import annotations

import json
from typing import Any

from fbss_quiz.contract import ItemData

#: The printable ASCII characters ("!" to "~") that the seal rotates.
FIRST, SPAN = 33, 94


def _shift(key: str) -> int:
    """1 to 93, from the quiz's id."""
    return 1 + sum(key.encode("utf-8")) % (SPAN - 1)


def _rotate(text: str, shift: int) -> str:
    return "".join(
        chr(FIRST + (ord(c) - FIRST + shift) % SPAN) if FIRST <= ord(c) < FIRST + SPAN else c
        for c in text
    )


def seal(data: Any, key: str) -> str:
    """``data`` as JSON, rotated by ``key``'s shift (``exam.js`` opens it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _rotate(text, _shift(key))


def unseal(blob: str, key: str) -> Any:
    """What :func:`seal` sealed (tests, and whoever wants to check a page)."""
    return json.loads(_rotate(blob, SPAN - _shift(key)))


def stripped_item(item: ItemData) -> ItemData:
    """The item without its answer: no group says which choices are correct, and only a
    bow-tie list (``slots``) keeps how many it needs (the page shows "choose 2"); a kind
    that shows its need otherwise puts it back in its ``exam_item`` (select N). Any other
    key (a trend's ``response``) stays."""
    return {
        **item,
        "groups": [
            {
                **group,
                "correct": [],
                "need": group["need"] if group["rule"] == "slots" else 1,
            }
            for group in item["groups"]
        ],
    }
