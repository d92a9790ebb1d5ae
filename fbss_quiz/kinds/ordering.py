"""Ordering (``:type: ordering``): put the steps in the right order.

The steps as a numbered list ``1.``, ``2.`` ... in the correct order, each with its
rationale indented. Pages show them in a fixed shuffled order (never the right
one), the same in every build. One group scored 0/1 for the whole order
(``order``).

On the web page a step is known by its place in that shown order (:func:`shown_ids`),
not by its place in the right one: ``data-fbss-option``, the element ids and the
scorer's key (``correct``: the steps' shown ids in the right order) all use it, so that
the page's markup says nothing of the answer, which an exam seals (``fbss_quiz/exam.py``).
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.contract import ItemData
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.i18n import item_text
from fbss_quiz.kinds.base import ItemKind, display_letters, lettered, lettered_html, option_labels
from fbss_quiz.model import QuestionRecord, Rule
from fbss_quiz.syntax import Choice, Group, LineParser, indented_body

if TYPE_CHECKING:
    from collections.abc import Mapping

    from fbss_quiz.exporters.bank import BankQuestion
    from fbss_quiz.html_out import QuestionHtml

STEP_LINE = re.compile(r"^(?P<n>\d+)\. +(?P<text>\S.*)$")


def display_order(labels: list[str]) -> list[int]:
    """A shuffled but deterministic order of the steps, never the right one."""
    n = len(labels)
    keyed = sorted(range(n), key=lambda i: hashlib.sha1(f"{i}:{labels[i]}".encode()).hexdigest())
    if keyed == list(range(n)) and n > 1:
        keyed = keyed[1:] + keyed[:1]
    return keyed


def shown_ids(record: QuestionRecord) -> list[int]:
    """Each step's id on the web page, by its place in the right order: its place in the
    order the page shows (``display``, never the right one). The ids read in the page's
    order are 0, 1, 2 ...: whoever reads the markup learns nothing that the page does not
    show, and a build gives the same ids as every other (they follow from the steps)."""
    shown = list(record.display) or list(range(len(record.options)))
    return [shown.index(k) for k in range(len(record.options))]


class OrderingKind(ItemKind):
    name = "ordering"
    types = ("ordering",)
    exports = {
        "json": None,
        "gift": "",
        "qti": "Canvas's classic quizzes have no ordering question",
        "anki": None,
    }
    group_part = "list"
    choice_part = "step"

    def parse_body(self, p: LineParser) -> None:
        start = p.items_start(STEP_LINE)
        p.stem(start)
        group = Group(-1 if start == len(p.lines) else start, "", Rule.ORDER)
        p.item.groups.append(group)
        i = start
        while i < len(p.lines):
            match = STEP_LINE.match(p.lines[i])
            if not match:
                if not p.lines[i].strip():
                    i += 1
                    continue
                break
            if int(match["n"]) != len(group.choices) + 1:
                p.problem(
                    Subtype.ORDERING,
                    i,
                    f"step numbered {match['n']} should be {len(group.choices) + 1}: number "
                    "the steps 1, 2, 3 ... in the correct order",
                )
            body, end = indented_body(p.lines, i + 1)
            group.choices.append(Choice(i, True, match["text"].strip(), body))
            i = end
        if len(group.choices) < 2:
            p.problem(
                Subtype.ORDERING,
                group.line,
                "an ordering question needs at least two steps, written '1. first step', "
                "'2. next step' ... in the correct order",
            )
        p.item.display = tuple(display_order([c.label for c in group.choices]))
        p.explanation(i, STEP_LINE)

    def item(self, record: QuestionRecord, scoring: str) -> ItemData:
        """The key in the steps' shown ids (:func:`shown_ids`), in the right order."""
        item = super().item(record, scoring)
        item["groups"] = [{**item["groups"][0], "correct": shown_ids(record)}]
        return item

    def option_id(self, record: QuestionRecord, index: int) -> int:
        return shown_ids(record)[index]

    def key_lines(self, record: QuestionRecord, lettered: bool = True) -> list[str]:
        """The steps in the right order, each with the letter it is shown under."""
        letters = display_letters(record)
        return [item_text()["key_ordering"]] + [
            f"{i + 1}. {letters[i]}{option.text}" for i, option in enumerate(record.options)
        ]

    def web_key(self, record: QuestionRecord) -> list[str]:
        """One line: the web page numbers its steps by place, and letters none."""
        return ["; ".join(f"{i + 1}. {option.text}" for i, option in enumerate(record.options))]

    def answer_message(self, record: QuestionRecord, text: Mapping[str, str]) -> str:
        return text["msg_order"]

    def nojs_hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        # Without the script the steps cannot move.
        return f"{text['hint_ordering_nojs']} {text['hint_nojs'].format(show=text['show_answer'])}"

    def html_attributes(self, h: QuestionHtml) -> dict[str, str]:
        attrs = super().html_attributes(h)
        for key in ("msg_moved", "msg_place"):
            attrs["data-fbss-" + key.replace("_", "-")] = h.text[key]
        return attrs

    def rationale_heading(self, record: QuestionRecord, index: int, row: bool) -> str:
        if row:
            return ""
        return item_text()["step_n"].format(n=index + 1, text=record.options[index].text)

    def open_options(self, h: QuestionHtml) -> None:
        h.out.tag("ol", CLASS="fbss-order", ids=[f"{h.base}-order"])

    def close_options(self, h: QuestionHtml) -> None:
        h.out.close("ol")

    def visit_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        """A step: a handle to drag it, its text, and Move up / Move down buttons (the
        script shows the handle and the buttons: they do nothing without it)."""
        shown = self.option_id(h.record, int(node["index"]))
        data = {"data-fbss-option": str(shown), "data-fbss-group": "0"}
        h.out.tag("li", "", CLASS="fbss-step", ids=[f"{h.base}-o{shown}"], **data)
        grip = {"aria-hidden": "true"}  # the Move buttons are the keyboard's and screen reader's
        h.out.element("span", "\u283f", CLASS="fbss-grip fbss-js", hidden="", **grip)
        h.out.tag("span", "", CLASS="fbss-step-text", ids=[f"{h.base}-o{shown}-text"])

    def depart_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        h.out.close("span")
        text_id = f"{h.base}-o{self.option_id(h.record, int(node['index']))}-text"
        for direction, arrow in (("up", "\u2191"), ("down", "\u2193")):
            h.out.tag(
                "button",
                "",
                CLASS=f"fbss-move fbss-{direction} fbss-js",
                type="button",
                hidden="",
                **{"aria-describedby": text_id},
            )
            h.out.element("span", arrow, **{"aria-hidden": "true"})
            h.out.element("span", h.text["move_" + direction], CLASS="fbss-sr")
            h.out.close("button")
        h.out.close("li", "\n")

    def static_choices(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]:
        return [lettered(option_labels(question), spell)]  # as shown: shuffled

    def anki_choices(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        order = list(question.record.display) or question.record.group_indices()[0]
        return lettered_html([question.options_html[i] for i in order])


KIND = OrderingKind()
