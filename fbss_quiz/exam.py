"""Exam mode (``:mode: exam``): what the page holds back until the reader submits.

An exam's page must not hand out its answers to a reader who opens the HTML file:
no rationale, no "Correct" badge, no class or data that marks the correct options.
The web page writes each question with its ``data-fbss-item`` stripped of the
correct choices (:func:`stripped_item`), and everything it leaves out (the full
item, the messages that name the answer, the answer part's HTML) goes into one
sealed blob (:func:`seal`) that the script opens on Submit (``static/src/exam.js``).

The seal is JSON, XOR-ed with the quiz's id and written as base64: it keeps the
answers out of the page's text and out of a search in it. It deters; it does not
secure: anyone who reads the script can open it (AUTHORING.md says so).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from fbss_quiz.contract import ItemData


def _xor(data: bytes, key: str) -> bytes:
    pad = key.encode("utf-8") or b"fbss"
    return bytes(byte ^ pad[i % len(pad)] for i, byte in enumerate(data))


def seal(data: Any, key: str) -> str:
    """``data`` as JSON, XOR-ed with ``key`` and base64-encoded (``exam.js`` opens it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(_xor(text, key)).decode("ascii")


def unseal(blob: str, key: str) -> Any:
    """What :func:`seal` sealed (tests, and whoever wants to check a page)."""
    return json.loads(_xor(base64.b64decode(blob), key).decode("utf-8"))


def stripped_item(item: ItemData) -> ItemData:
    """The item without its answer: no group says which choices are correct, and only a
    bow-tie list (``slots``) keeps how many it needs (the page shows "choose 2")."""
    return {
        **item,
        "groups": [
            {**group, "correct": [], "need": group["need"] if group["rule"] == "slots" else 1}
            for group in item["groups"]
        ],
    }
