"""Bow-tie (``:type: bowtie``): the condition, two actions, two parameters to monitor.

Three lists under the lines ``Condition:`` (exactly one ``[x]``), ``Actions:``
(exactly two) and ``Monitor:`` (exactly two), each with more choices than
correct ones. The condition is scored 0/1 (``one``), the actions and parameters
0/1 per slot (``slots``): 5 points.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.i18n import item_text, static_text
from fbss_quiz.kinds.base import ItemKind, choice_input
from fbss_quiz.model import QuestionRecord, Rule
from fbss_quiz.syntax import OPTION_LINE, Group, LineParser

if TYPE_CHECKING:
    from fbss_quiz.exporters.bank import BankQuestion
    from fbss_quiz.html_out import QuestionHtml

BOWTIE_HEADER = re.compile(r"^(?P<name>condition|actions|monitor)\s*:\s*$", re.I)
#: The lists: header, scoring rule, how many correct choices.
PARTS = (("condition", Rule.ONE, 1), ("actions", Rule.SLOTS, 2), ("monitor", Rule.SLOTS, 2))


def _lists(p: LineParser, start: int) -> tuple[dict[str, Group], int]:
    found: dict[str, Group] = {}
    i = start
    while i < len(p.lines):
        header = BOWTIE_HEADER.match(p.lines[i])
        if not header or i in p.fenced:
            break
        name = header["name"].lower()
        rule = next(rule for part, rule, _ in PARTS if part == name)
        group = Group(i, name, rule)
        if name in found:
            p.problem(Subtype.BOWTIE, i, f"bow-tie has two '{name.title()}:' lists: keep one")
        found[name] = group
        i = p.choices(i + 1, group)
    return found, i


class BowtieKind(ItemKind):
    name = "bowtie"
    types = ("bowtie",)
    exports = {"json": None, "gift": "", "qti": "Canvas has no bow-tie question", "anki": None}
    group_part = "bow-tie list"
    choice_part = "bow-tie choice"
    left_message = "msg_left_choices"

    def parse_body(self, p: LineParser) -> None:
        start = p.items_start(BOWTIE_HEADER)
        p.stem(start)
        found, end = _lists(p, start)
        for name, _, count in PARTS:
            part = found.get(name)
            if part is None:
                p.problem(
                    Subtype.BOWTIE,
                    -1,
                    f"bow-tie has no '{name.title()}:' list: write the lines 'Condition:', "
                    "'Actions:' and 'Monitor:', each followed by '- [x]' / '- [ ]' choices",
                )
                continue
            p.item.groups.append(part)
            n_correct = sum(c.correct for c in part.choices)
            if n_correct != count or len(part.choices) <= count:
                p.problem(
                    Subtype.BOWTIE,
                    part.line,
                    f"bow-tie '{name.title()}:' has {n_correct} correct of {len(part.choices)}: "
                    f"mark exactly {count} with '- [x]', among more than {count} choices",
                )
        p.explanation(end, BOWTIE_HEADER, OPTION_LINE)

    def group_name(self, record: QuestionRecord, group: int) -> str:
        return item_text()["bowtie_" + record.groups[group].label]

    def static_group_name(self, record: QuestionRecord, group: int) -> str:
        need = len(record.groups[group].correct)
        return f"{self.group_name(record, group)} {static_text()['choose_n'].format(n=need)}"

    def anki_group_name(self, question: BankQuestion, group: int, text: Mapping[str, str]) -> str:
        need = len(question.record.groups[group].correct)
        return f"{question.group_names[group]} {text['choose_n'].format(n=need)}"

    def visit_group(self, h: QuestionHtml, node: qn.question_group) -> None:
        group = int(node["group"])
        need = len(h.record.groups[group].correct)
        h.out.tag("fieldset", CLASS="fbss-bowtie-part", **{"data-fbss-group": str(group)})
        h.out.tag("legend", ids=[f"{h.base}-g{group}-label"])
        h.out.text(self.group_name(h.record, group) + " ")
        h.out.element("span", h.text["choose_n"].format(n=need), CLASS="fbss-need")
        h.out.close("legend")

    def depart_group(self, h: QuestionHtml, node: qn.question_group) -> None:
        h.out.close("fieldset", "\n")

    def visit_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        index = int(node["index"])
        group, _ = h.record.locate(index)
        kind = "radio" if h.record.groups[group].rule == Rule.ONE else "checkbox"
        h.out.tag("div", CLASS="fbss-option")
        choice_input(h, kind, index)
        h.out.tag("label", CLASS="fbss-label", **{"for": f"{h.base}-o{index}"})

    def depart_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        h.out.close("label")
        h.out.close("div", "\n")


KIND = BowtieKind()
