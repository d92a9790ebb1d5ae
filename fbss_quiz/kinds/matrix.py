"""Matrix (``:type: matrix``, one choice per row) and multiple-response matrix
(``:type: matrix-multiple``, several per row).

A line ``columns: A | B`` after the stem, then one row per finding, ``- [B] finding``
(``- [A | B] finding`` in a multiple-response matrix), each with its rationale
indented under it. Each row is a group whose choices are the columns: 0/1 per row
(``one``) or +1/-1 per cell (``plus-minus``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.i18n import static_text
from fbss_quiz.kinds.base import ItemKind, choice_input, nothing
from fbss_quiz.model import QuestionRecord, Rule
from fbss_quiz.syntax import NEAR_OPTION_LINE, Choice, Group, LineParser, indented_body

if TYPE_CHECKING:
    from fbss_quiz.exporters.bank import BankQuestion
    from fbss_quiz.html_out import QuestionHtml

COLUMNS_LINE = re.compile(r"^columns:\s*(?P<names>.*)$", re.I)
ROW_LINE = re.compile(r"^[-*] \[(?P<cols>[^\]]*)\] +(?P<text>\S.*)$")
MULTIPLE = "matrix-multiple"


def _columns(p: LineParser, start: int) -> bool:
    """The column names of the ``columns:`` line at ``start``; False if unusable."""
    item = p.item
    item.columns = [c.strip() for c in COLUMNS_LINE.match(p.lines[start])["names"].split("|")]  # type: ignore[index]
    if len(item.columns) < 2 or not all(item.columns):
        p.problem(
            Subtype.MATRIX,
            start,
            "a matrix needs at least two named columns separated by '|', such as "
            "'columns: Expected | Report now'",
        )
        return False
    seen: dict[str, str] = {}
    for name in item.columns:
        if name.casefold() in seen:
            same = seen[name.casefold()]
            p.problem(
                Subtype.MATRIX,
                start,
                f"matrix has two columns named {same!r}"
                + (f" and {name!r}" if name != same else "")
                + ": a row's brackets could not say which one it means; give each column "
                "its own name, or remove one",
            )
            return False
        seen[name.casefold()] = name
    return True


def _check_row(p: LineParser, group: Group, marked: list[str]) -> None:
    columns = p.item.columns
    unknown = [c for c in marked if c not in columns]
    if not marked or unknown:
        wrong = f"names {unknown[0]!r}, which is not a column" if unknown else "marks no column"
        p.problem(
            Subtype.MATRIX,
            group.line,
            f"matrix row {group.label!r} {wrong}: put one of {' | '.join(columns)} in its brackets",
        )
    elif len(marked) > 1 and p.item.qtype != MULTIPLE:
        p.problem(
            Subtype.MATRIX,
            group.line,
            f"matrix row {group.label!r} marks {len(marked)} columns: keep one, or use "
            "':type: matrix-multiple' to allow several per row",
        )


def _rows(p: LineParser, start: int) -> int:
    """The rows after the columns line at ``start``; where the rows end."""
    columns = p.item.columns
    rule = Rule.PLUS_MINUS if p.item.qtype == MULTIPLE else Rule.ONE
    i = start + 1
    while i < len(p.lines):
        line = p.lines[i]
        if not line.strip():
            i += 1
            continue
        match = ROW_LINE.match(line)
        if match is None:
            if not (NEAR_OPTION_LINE.match(line) or line.startswith(("- ", "* "))):
                break
            p.problem(
                Subtype.MATRIX,
                i,
                f"matrix row {line.strip()!r} names no column: write '- [{columns[-1]}] "
                "finding', the right column in brackets",
            )
            i += 1
            continue
        body, end = indented_body(p.lines, i + 1)
        marked = [c.strip() for c in match["cols"].split("|") if c.strip()]
        group = Group(i, match["text"].strip(), rule, rationale=body)
        _check_row(p, group, marked)
        # A cell's label is its column's name, written on the columns line.
        group.choices = [Choice(start, c in marked, c, None) for c in columns]
        p.item.groups.append(group)
        i = end
    return i


class MatrixKind(ItemKind):
    name = "matrix"
    types = ("matrix", MULTIPLE)
    exports = {
        "json": None,
        "gift": "",
        "qti": "a Canvas matching question would merge rows that share a column, and "
        "Canvas has no grid of checkboxes",
        "anki": None,
    }
    group_part = "matrix row"
    choice_part = "column name"
    row_rationales = True
    left_message = "msg_left_rows"

    def parse_body(self, p: LineParser) -> None:
        start = p.first(COLUMNS_LINE)
        if start is None:
            p.stem(len(p.lines))
            p.problem(
                Subtype.MATRIX,
                -1,
                "matrix has no columns: add a line 'columns: Expected | Report now' after the "
                "question, then one row per finding such as '- [Report now] New leg weakness'",
            )
            return
        p.stem(start)
        if not _columns(p, start):
            return
        end = _rows(p, start)
        if not p.item.groups:
            p.problem(
                Subtype.MATRIX,
                start,
                "matrix has no rows: add lines such as '- [Report now] New leg weakness' under "
                "the columns line",
            )
        p.explanation(end, ROW_LINE)

    def report_raw_choice(self, group: int) -> bool:
        # A column's name is written once on the columns line: warn once, not per row.
        return group == 0

    # -- words of the answer --------------------------------------------------

    def key_lines(self, record: QuestionRecord, lettered: bool = True) -> list[str]:
        """A line per row: the finding, then its right column(s) (never lettered)."""
        return [
            f"{self.group_name(record, g)}: "
            + "; ".join(record.options[i].text for i in indices if i in record.correct)
            for g, indices in enumerate(record.group_indices())
        ]

    def rationale_heading(self, record: QuestionRecord, index: int, row: bool) -> str:
        """A row's rationale: the finding and its right column(s) (a matrix has no
        rationale per cell)."""
        return self.key_lines(record)[index] if row else ""

    # -- interactive HTML -----------------------------------------------------

    def open_options(self, h: QuestionHtml) -> None:
        out = h.out
        out.tag("div", "", CLASS="fbss-scroll")
        out.tag("table", "", CLASS="fbss-grid")
        out.tag("thead", "")
        out.tag("tr", "")
        out.element("th", h.text["finding"], scope="col")
        for c, column in enumerate(h.record.columns):
            out.tag("th", scope="col", ids=[f"{h.base}-c{c}"])
            out.text(column)
            out.close("th")
        out.close("tr")
        out.close("thead")
        out.tag("tbody", "\n")

    def close_options(self, h: QuestionHtml) -> None:
        for tagname in ("tbody", "table", "div"):
            h.out.close(tagname)

    def visit_group(self, h: QuestionHtml, node: qn.question_group) -> None:
        group = int(node["group"])
        h.out.tag("tr", **{"data-fbss-group": str(group)})
        h.out.tag("th", scope="row", ids=[f"{h.base}-g{group}-label"])

    def depart_group(self, h: QuestionHtml, node: qn.question_group) -> None:
        h.out.close("tr", "\n")

    visit_group_label = nothing

    def depart_group_label(self, h: QuestionHtml, node: qn.group_label) -> None:
        h.out.close("th")

    def visit_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        index = int(node["index"])
        group, column = h.record.locate(index)
        # The column's name, shown beside the control when a phone stacks the grid.
        h.out.tag("td", "", **{"data-fbss-col": h.record.columns[column]})
        kind = "radio" if h.record.groups[group].rule == Rule.ONE else "checkbox"
        choice_input(h, kind, index, f"{h.base}-g{group}-label {h.base}-c{column}")
        h.out.close("td")
        raise nodes.SkipNode

    # -- ePub, PDF, text ------------------------------------------------------

    def static_choices(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]:
        """The rows and columns as a table, an empty box in each cell."""
        columns = list(record.columns)
        mark = "( )" if record.groups[0].rule == Rule.ONE else "[ ]"
        table = nodes.table(classes=["fbss-static-matrix"])
        group = nodes.tgroup(cols=len(columns) + 1)
        table += group
        for width in [30] + [max(len(c) + 2, 8) for c in columns]:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        names: list[list[nodes.Node]] = [[nodes.Text(static_text()["finding"])]]
        head += _row(names + [[nodes.Text(c)] for c in columns])
        group += head
        body = nodes.tbody()
        for box in question.findall(qn.question_group):
            label = next(iter(box.findall(qn.group_label)))
            body += _row([list(label.children)] + [[nodes.Text(mark)] for _ in columns])
        group += body
        return [table]

    # -- exports --------------------------------------------------------------

    def group_label_html(self, question: BankQuestion, group: int) -> str:
        return question.group_labels_html[group]

    def anki_choices(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        record = question.record
        mark = "( )" if record.groups[0].rule == Rule.ONE else "[ ]"
        head = "".join(f"<th>{html.escape(c)}</th>" for c in record.columns)
        rows = "".join(
            f'<tr><th scope="row">{question.group_labels_html[g]}</th>'
            + f"<td>{mark}</td>" * len(record.columns)
            + "</tr>"
            for g in range(len(record.groups))
        )
        return (
            f'<table class="fbss-matrix"><thead><tr><th>{html.escape(text["finding"])}</th>'
            f"{head}</tr></thead><tbody>{rows}</tbody></table>"
        )

    def anki_rationales(self, question: BankQuestion) -> list[tuple[str, str]]:
        return list(zip(question.row_names, question.row_rationales_html, strict=True))


def _row(cells: list[list[nodes.Node]]) -> nodes.row:
    out = nodes.row()
    for cell in cells:
        out += nodes.entry("", nodes.paragraph("", "", *cell))
    return out


KIND = MatrixKind()
