"""Drop-down cloze (``:type: cloze``): blanks ``[[1]]`` in the text, each a drop-down.

After the text, a line ``[[1]]`` and that blank's ``- [x]`` / ``- [ ]`` choices,
exactly one ``[x]``, each with a rationale. Each blank is a group scored 0/1
(``one``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.i18n import item_text
from fbss_quiz.kinds.base import ItemKind, skip
from fbss_quiz.model import QuestionRecord, Rule
from fbss_quiz.syntax import OPTION_LINE, Group, LineParser, ParsedItem

if TYPE_CHECKING:
    from fbss_quiz.html_out import QuestionHtml

BLANK_HEADER = re.compile(r"^\[\[(?P<name>[^\]\s]+)\]\]\s*$")


def _lists(p: LineParser, start: int) -> tuple[dict[str, Group], int]:
    """Each blank's choice list, by name, from ``start``; where the lists end."""
    lists: dict[str, Group] = {}
    i = start
    while i < len(p.lines):
        header = BLANK_HEADER.match(p.lines[i])
        if not header or i in p.fenced:
            break
        group = Group(i, header["name"], Rule.ONE)
        if header["name"] in lists:
            p.problem(
                Subtype.CLOZE, i, f"blank [[{header['name']}]] has two choice lists: keep one"
            )
        lists[header["name"]] = group
        i = p.choices(i + 1, group)
    return lists, i


def _blanks(p: LineParser, lists: dict[str, Group]) -> set[str]:
    """The groups of the blanks in the text, in its order; the names seen."""
    seen: set[str] = set()
    for marker in p.item.markers:
        if marker.text in seen:
            p.problem(
                Subtype.CLOZE,
                marker.line,
                f"blank [[{marker.text}]] appears twice in the text: give each blank its own name",
            )
            continue
        seen.add(marker.text)
        listed = lists.get(marker.text)
        if listed is None:
            p.problem(
                Subtype.CLOZE,
                marker.line,
                f"blank [[{marker.text}]] has no choices: add a line '[[{marker.text}]]' after "
                "the text, followed by '- [x] right word' and '- [ ] other word' lines",
            )
            continue
        p.item.groups.append(listed)
        n_correct = sum(c.correct for c in listed.choices)
        if len(listed.choices) < 2 or n_correct != 1:
            p.problem(
                Subtype.CLOZE,
                listed.line,
                f"blank [[{marker.text}]] has {len(listed.choices)} choices and {n_correct} "
                "correct: give it at least two choices and mark exactly one with '- [x]'",
            )
    return seen


class ClozeKind(ItemKind):
    name = "cloze"
    types = ("cloze",)
    #: A kind built on this one (the drop-down rationale, a kind of one's own) shares
    #: its drop-downs: their script and style.
    chunks = ("cloze",)
    exports = {"json": None, "gift": "", "qti": None, "anki": None}
    group_part = "blank name"
    choice_part = "cloze choice"
    left_message = "msg_left_blanks"

    def parse_body(self, p: LineParser) -> None:
        start = p.items_start(BLANK_HEADER)
        p.stem_with_markers(
            start,
            Subtype.CLOZE,
            "unclosed blank marker in {line}: write '[[1]]'",
            "empty blank {marker}: name it after its choice list, such as '[[1]]' with a "
            "line '[[1]]' and its choices after the text, or remove it (ignored)",
        )
        if not p.item.markers:
            p.problem(
                Subtype.CLOZE,
                -1,
                "cloze question has no blank: write '[[1]]' in the text where a drop-down "
                "goes, then a line '[[1]]' followed by its '- [x]' / '- [ ]' choices",
            )
            return
        lists, end = _lists(p, start)
        seen = _blanks(p, lists)
        for name, group in lists.items():
            if name not in seen:
                p.problem(
                    Subtype.CLOZE,
                    group.line,
                    f"choices for [[{name}]], but the text has no blank [[{name}]]: add it "
                    "where the drop-down goes",
                )
        p.explanation(end, BLANK_HEADER, OPTION_LINE)

    def stem_tokens(self, parsed: ParsedItem) -> dict[str, nodes.Node]:
        names = {group.label for group in parsed.groups}
        blanks = (marker for marker in parsed.markers if marker.text in names)
        return {marker.token: qn.cloze_blank(group=g) for g, marker in enumerate(blanks)}

    def group_name(self, record: QuestionRecord, group: int) -> str:
        """Blank 1, Blank 2 ... in the order of the text: the name in the source
        (``[[dose]]``) is the author's, never shown."""
        return item_text()["blank"].format(n=group + 1)

    def qti_type(self, record: QuestionRecord) -> str | None:
        return "multiple_dropdowns_question"

    # The drop-downs stand in the stem (visit_blank); the groups hold nothing to show.
    visit_group = skip

    def visit_blank(self, h: QuestionHtml, node: qn.cloze_blank) -> None:
        """A drop-down inside the sentence, with a label for screen readers."""
        group = int(node["group"])
        select_id = f"{h.base}-g{group}"
        h.out.tag("label", CLASS="fbss-sr", **{"for": select_id})
        h.out.text(self.group_name(h.record, group))
        h.out.close("label")
        h.out.tag(
            "select",
            CLASS="fbss-blank",
            ids=[select_id],
            name=select_id,
            **{"data-fbss-group": str(group)},
        )
        h.out.element("option", h.text["choose"], value="")
        for index in h.record.group_indices()[group]:
            h.out.element("option", h.record.options[index].text, value=str(index))
        h.out.close("select")
        raise nodes.SkipNode


KIND = ClozeKind()
