"""Highlight (``:type: highlight``): select the phrases of a passage that matter.

A passage in which every selectable phrase is written ``[[phrase]]`` and every
phrase that matters ``[[*phrase]]``; then, optionally, a rationale per phrase: a
line ``- [[phrase]]`` with the rationale indented under it. The phrases are one
group scored +1/-1 per phrase (``plus-minus``).
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
from fbss_quiz.syntax import Block, Choice, Group, LineParser, ParsedItem, indented_body

if TYPE_CHECKING:
    from collections.abc import Mapping

    from fbss_quiz.exporters.bank import BankQuestion
    from fbss_quiz.html_out import QuestionHtml

PHRASE_RATIONALE = re.compile(r"^[-*] \[\[\*?(?P<text>[^\]]+)\]\]\s*$")


def _rationales(p: LineParser, start: int) -> tuple[dict[str, Block | None], int]:
    """The rationale of each phrase, from ``start``; where they end."""
    rationales: dict[str, Block | None] = {}
    phrases = {m.text for m in p.item.markers}
    i = start
    while i < len(p.lines):
        match = PHRASE_RATIONALE.match(p.lines[i])
        if not match:
            if not p.lines[i].strip():
                i += 1
                continue
            break
        body, end = indented_body(p.lines, i + 1)
        text = match["text"].strip()
        if text not in phrases:
            p.problem(
                Subtype.HIGHLIGHT,
                i,
                f"rationale for {text!r}, which is not a selectable phrase of the passage: "
                "copy the phrase exactly as it is written between [[ ]]",
            )
        rationales[text] = body
        i = end
    return rationales, i


class HighlightKind(ItemKind):
    name = "highlight"
    types = ("highlight",)
    choices_in_stem = True
    exports = {
        "json": None,
        "gift": "",
        "qti": "Canvas has no selectable-phrase question",
        "anki": None,
    }
    # The phrases stand in the passage: the group has no label and no options of its own.
    group_part = None
    choice_part = None

    def parse_body(self, p: LineParser) -> None:
        start = p.items_start(PHRASE_RATIONALE)
        p.stem_with_markers(
            start,
            Subtype.HIGHLIGHT,
            "unclosed phrase marker in {line}: write '[[phrase]]' or '[[*correct phrase]]'",
            "empty phrase {marker}: write the words to select between the brackets, "
            "'[[phrase]]' or '[[*correct phrase]]', or remove the brackets (ignored)",
        )
        group = Group(-1, "", Rule.PLUS_MINUS)
        p.item.groups.append(group)
        rationales, end = _rationales(p, start)
        markers = p.item.markers
        group.choices = [Choice(m.line, m.correct, m.text, rationales.get(m.text)) for m in markers]
        if not markers:
            p.problem(
                Subtype.HIGHLIGHT,
                -1,
                "highlight question has no selectable phrase: mark phrases in the passage with "
                "'[[phrase]]' and the correct ones with '[[*phrase]]'",
            )
        elif not any(m.correct for m in markers):
            p.problem(
                Subtype.HIGHLIGHT,
                markers[0].line,
                "highlight question has no correct phrase: mark the phrases that matter with "
                "'[[*phrase]]'",
            )
        p.explanation(end, PHRASE_RATIONALE)

    def stem_tokens(self, parsed: ParsedItem) -> dict[str, nodes.Node]:
        return {
            marker.token: qn.question_option(marker.text, marker.text, index=index)
            for index, marker in enumerate(parsed.markers)
        }

    def key_lines(self, record: QuestionRecord, lettered: bool = True) -> list[str]:
        return [f"{item_text()['key_highlight']} {self.web_key(record)[0]}"]

    def web_key(self, record: QuestionRecord) -> list[str]:
        return ["; ".join(f"“{record.options[i].text}”" for i in sorted(record.correct))]

    def nojs_hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        # Without the script the phrases are plain text: nothing to select.
        return f"{text['hint_highlight_nojs']} {text['hint_nojs'].format(show=text['show_answer'])}"

    def rationale_heading(self, record: QuestionRecord, index: int, row: bool) -> str:
        if row:
            return ""
        option = record.options[index]
        text = item_text()
        verdict = text["right_choice"] if option.correct else text["wrong_choice"]
        return f"“{option.text}”: {verdict}"

    # The phrases stand in the stem (visit_option); the group holds nothing to show.
    visit_group = skip

    def visit_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        index = int(node["index"])
        group, _ = h.record.locate(index)
        data = {"data-fbss-option": str(index), "data-fbss-group": str(group)}
        h.out.tag("span", "", CLASS="fbss-phrase", **data)

    def depart_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        h.out.close("span")

    def static_choices(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]:
        return []  # the phrases are in the passage, in [brackets]

    def anki_choices(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        return ""  # the phrases are in the passage, in [brackets]


KIND = HighlightKind()
