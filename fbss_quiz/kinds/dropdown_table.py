"""Drop-down table (``:type: dropdown-table``): a table of findings, one drop-down per row.

A line ``columns: Finding | What it means`` after the stem names the table's two
columns (the rows', then the drop-downs'). Then one row per finding, ``- finding``
at the start of a line, with its choices indented under it (``  - [x] right`` and
``  - [ ] other``, exactly one ``[x]``, at least two) and, under the choices at the
same indentation, the row's rationale. Rows may offer different choices. Each row is
a group scored 0/1 (``one``), as NCSBN scores a drop-down table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.kinds.base import ItemKind, nothing, option_labels
from fbss_quiz.model import QuestionRecord, Rule
from fbss_quiz.syntax import (
    NEAR_OPTION_LINE,
    OPTION_LINE,
    Choice,
    Group,
    LineParser,
    dedent,
    trim,
)

if TYPE_CHECKING:
    from fbss_quiz.exporters.bank import BankQuestion
    from fbss_quiz.html_out import QuestionHtml

COLUMNS_LINE = re.compile(r"^columns:\s*(?P<names>.*)$", re.I)
#: A row: ``- finding`` at the start of a line (not ``- [...]``, which is a choice or
#: a matrix row written here by mistake).
ROW_LINE = re.compile(r"^[-*] +(?P<text>[^\s\[].*)$")
#: Anything that starts like a choice: ``- [x] a``, ``-[x] a``, ``- [Expected] a``.
BRACKETED = re.compile(r"^[-*]\s*\[")
#: A choice line indented under something: in the explanation, a row written after it.
INDENTED_CHOICE = re.compile(r"^\s+[-*] \[[ xX]\] +\S")

#: The box before each choice in the static table.
BOX = "( ) "

EXAMPLE_ROW = (
    "'- New numbness between the legs' with its choices indented under it, "
    "'  - [ ] Expected' and '  - [x] Report now'"
)


def _columns(p: LineParser, start: int) -> bool:
    """The table's two column headings from the ``columns:`` line at ``start``."""
    match = COLUMNS_LINE.match(p.lines[start])
    assert match is not None
    names = [name.strip() for name in match["names"].split("|")]
    if len(names) != 2 or not all(names):
        p.problem(
            Subtype.DROPDOWN_TABLE,
            start,
            f"drop-down table has {len([n for n in names if n])} named columns: name two, "
            "the rows' heading then the drop-downs', separated by '|', such as "
            "'columns: Finding | What it means'",
        )
        return False
    p.item.columns = names
    return True


def _choices_in_stem(p: LineParser, end: int) -> None:
    """Choices before the ``columns:`` line, which would be shown as a plain list."""
    for i, line in enumerate(p.lines[:end]):
        if i not in p.fenced and (OPTION_LINE.match(line) or INDENTED_CHOICE.match(line)):
            p.problem(
                Subtype.DROPDOWN_TABLE,
                i,
                f"choice {line.strip()!r} comes before the 'columns:' line: write the "
                "question, then the columns line, then the rows with their choices",
            )
            return


def _stray_top_line(p: LineParser, i: int) -> None:
    """A line at the start of the row list that is not a row: a choice, a matrix row,
    or an indented line before the first row."""
    line = p.lines[i].strip()
    if p.lines[i][:1].isspace():
        message = (
            f"indented line {line!r} before the first row: start each row at the start "
            f"of a line, {EXAMPLE_ROW}"
        )
    elif OPTION_LINE.match(p.lines[i]):
        message = (
            f"choice {line!r} is not under a row: indent it by two spaces under its "
            "row's '- finding' line"
        )
    else:
        message = f"row {line!r} has brackets, as a matrix row does: write the row as {EXAMPLE_ROW}"
    p.problem(Subtype.DROPDOWN_TABLE, i, message)


def _row_body(p: LineParser, group: Group, first: int, body: list[str]) -> None:
    """The choices and the rationale of ``group``, from its indented ``body`` (dedented;
    ``body[k]`` is body line ``first + k``)."""
    nested = False
    for k, line in enumerate(body):
        index = first + k
        if not line.strip():
            continue
        match = OPTION_LINE.match(line)
        if match:
            group.choices.append(Choice(index, match["mark"] in "xX", match["text"].strip(), None))
        elif NEAR_OPTION_LINE.match(line):
            p.problem(
                Subtype.BAD_MARKER,
                index,
                f"malformed choice line {line.strip()!r}: write '- [x] text' for the "
                "correct choice or '- [ ] text' for another one",
            )
        elif line[:1].isspace() and OPTION_LINE.match(line.lstrip()):
            p.problem(
                Subtype.DROPDOWN_TABLE,
                index,
                f"choice {line.strip()!r} of row {group.label!r} is indented further than "
                "the row's other lines: indent every choice of a row alike",
            )
        elif line[:1].isspace() and group.choices:
            if not nested:
                p.problem(
                    Subtype.DROPDOWN_TABLE,
                    index,
                    f"row {group.label!r} has text indented under a choice: write the row's "
                    "one rationale under its last choice, as far in as the choices (a row has "
                    "one rationale, not one per choice)",
                )
            nested = True
        else:
            _rationale(p, group, index, body[k:])
            return


def _rationale(p: LineParser, group: Group, start: int, lines: list[str]) -> None:
    """The row's rationale: the rest of its body, from body line ``start``."""
    if not group.choices:
        if any(OPTION_LINE.match(line) for line in lines):
            p.problem(
                Subtype.DROPDOWN_TABLE,
                start,
                f"row {group.label!r} has text before its choices: list the choices first, "
                "indented under the row, then the rationale under them",
            )
        return  # without choices: _check_row says so
    for k, line in enumerate(lines):
        if OPTION_LINE.match(line):
            p.problem(
                Subtype.DROPDOWN_TABLE,
                start + k,
                f"choice {line.strip()!r} of row {group.label!r} comes after the row's "
                "rationale: list all of the row's choices first, then the rationale",
            )
            return
    group.rationale = trim(start, lines)


def _check_row(p: LineParser, group: Group) -> None:
    choices = group.choices
    correct = sum(choice.correct for choice in choices)
    if not choices:
        p.problem(
            Subtype.DROPDOWN_TABLE,
            group.line,
            f"row {group.label!r} has no choices: indent them under it, '  - [x] right "
            "answer' and '  - [ ] other answer' (an explanation after the rows may not "
            "start with a list)",
        )
    elif len(choices) < 2 or correct != 1:
        p.problem(
            Subtype.DROPDOWN_TABLE,
            group.line,
            f"row {group.label!r} has {len(choices)} choice{'s' * (len(choices) != 1)} and "
            f"{correct} correct: give it at least two choices and mark exactly one with '- [x]'",
        )
    seen: set[str] = set()
    for choice in choices:
        if choice.label.casefold() in seen:
            p.problem(
                Subtype.DROPDOWN_TABLE,
                choice.line,
                f"row {group.label!r} offers {choice.label!r} twice: remove one (a drop-down "
                "could not tell them apart)",
            )
        seen.add(choice.label.casefold())


def _rows(p: LineParser, start: int) -> int:
    """The rows after the columns line at ``start``; where the rows end."""
    seen: set[str] = set()
    i = start + 1
    while i < len(p.lines):
        line = p.lines[i]
        if not line.strip():
            i += 1
            continue
        end = i + 1
        while end < len(p.lines) and (not p.lines[end].strip() or p.lines[end][:1].isspace()):
            end += 1
        match = ROW_LINE.match(line)
        if match is None:
            if not (line[:1].isspace() or BRACKETED.match(line) or NEAR_OPTION_LINE.match(line)):
                break  # the explanation
            _stray_top_line(p, i)
            i = end
            continue
        group = Group(i, match["text"].strip(), Rule.ONE)
        reported = len(p.item.problems)
        _row_body(p, group, i + 1, dedent(p.lines[i + 1 : end]))
        if len(p.item.problems) == reported:  # one problem at a time per row
            _check_row(p, group)
        if group.label.casefold() in seen:
            p.problem(
                Subtype.DROPDOWN_TABLE,
                i,
                f"two rows are named {group.label!r}: name each row differently (the answer "
                "key could not tell them apart)",
            )
        seen.add(group.label.casefold())
        p.item.groups.append(group)
        i = end
    return i


class DropdownTableKind(ItemKind):
    name = "dropdown_table"
    types = ("dropdown-table",)
    exports = {
        "json": None,
        "gift": "a GIFT question has one answer; Moodle's several drop-downs are its "
        "embedded-answers (Cloze) format, which GIFT cannot carry",
        "qti": None,
        "anki": None,
    }
    group_part = "drop-down table row"
    choice_part = "drop-down table choice"
    row_rationales = True
    left_message = "msg_left_rows"

    def parse_body(self, p: LineParser) -> None:
        start = p.first(COLUMNS_LINE)
        if start is None:
            p.stem(len(p.lines))
            p.problem(
                Subtype.DROPDOWN_TABLE,
                -1,
                "drop-down table has no columns line: add 'columns: Finding | What it means' "
                f"after the question (the rows' heading, then the drop-downs'), then rows such "
                f"as {EXAMPLE_ROW}",
            )
            return
        p.stem(start)
        _choices_in_stem(p, start)
        if not _columns(p, start):
            return
        reported = len(p.item.problems)
        end = _rows(p, start)
        if not p.item.groups and len(p.item.problems) == reported:
            p.problem(
                Subtype.DROPDOWN_TABLE,
                start,
                f"drop-down table has no rows: add rows under the columns line, such as "
                f"{EXAMPLE_ROW}",
            )
        p.explanation(end, OPTION_LINE, INDENTED_CHOICE)

    # -- words of the answer --------------------------------------------------

    def key_lines(self, record: QuestionRecord, lettered: bool = True) -> list[str]:
        """A line per row: the finding, then its right choice (never lettered)."""
        return [
            f"{self.group_name(record, g)}: "
            + "; ".join(record.options[i].text for i in indices if i in record.correct)
            for g, indices in enumerate(record.group_indices())
        ]

    def rationale_heading(self, record: QuestionRecord, index: int, row: bool) -> str:
        """A row's rationale: the finding and its right choice (a row has one rationale)."""
        return self.key_lines(record)[index] if row else ""

    # -- interactive HTML -----------------------------------------------------

    def open_options(self, h: QuestionHtml) -> None:
        out = h.out
        out.tag("div", "", CLASS="fbss-scroll")
        out.tag("table", "", CLASS="fbss-grid")
        out.tag("thead", "")
        out.tag("tr", "")
        for c, column in enumerate(h.record.columns):
            out.element("th", column, scope="col", ids=[f"{h.base}-c{c}"])
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
        """The row's heading ends; its drop-down follows, named by the row and the
        column (a drop-down shows plain text: the record's)."""
        out, group = h.out, int(node.parent["group"])
        out.close("th")
        # The column's name, shown above the drop-down when a phone stacks the table.
        out.tag("td", "", **{"data-fbss-col": h.record.columns[-1]})
        select_id = f"{h.base}-g{group}"
        out.tag(
            "select",
            CLASS="fbss-blank",
            ids=[select_id],
            name=select_id,
            **{
                "aria-labelledby": f"{select_id}-label {h.base}-c1",
                "data-fbss-group": str(group),
            },
        )
        out.element("option", h.text["choose"], value="")
        for index in h.record.group_indices()[group]:
            out.element("option", h.record.options[index].text, value=str(index))
        out.close("select")
        out.close("td")

    def visit_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        """The drop-down holds the choices (``depart_group_label``): their nodes write
        nothing."""
        raise nodes.SkipNode

    # -- ePub, PDF, text ------------------------------------------------------

    def static_choices(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]:
        """The table, each row's choices listed in its second cell, a box before each."""
        table = nodes.table(classes=["fbss-static-dropdown-table"])
        group = nodes.tgroup(cols=2)
        table += group
        first, second = _text_widths(record)
        # The findings are the rows' headers (``th`` in ePub).
        group += nodes.colspec(colwidth=first, stub=1)
        group += nodes.colspec(colwidth=second)
        head = nodes.thead()
        head += _row([[nodes.paragraph("", column)] for column in record.columns])
        group += head
        body = nodes.tbody()
        for box in question.findall(qn.question_group):
            label = next(iter(box.findall(qn.group_label)))
            choices: list[nodes.Node] = [
                nodes.paragraph("", "", nodes.Text(BOX), *choice) for choice in option_labels(box)
            ]
            body += _row([[nodes.paragraph("", "", *label.children)], choices])
        group += body
        return [table]

    # -- exports --------------------------------------------------------------

    def qti_type(self, record: QuestionRecord) -> str | None:
        return "multiple_dropdowns_question"

    def qti_stem(self, question: BankQuestion, blank: Callable[[int], str]) -> str:
        """Canvas's Multiple Dropdowns: the stem, then the table with a row's blank in
        its second cell."""
        return question.stem_html + _table_html(question, blank)

    def group_label_html(self, question: BankQuestion, group: int) -> str:
        return question.group_labels_html[group]

    def anki_choices(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        def choices(g: int) -> str:
            indices = question.record.group_indices()[g]
            return "<br>".join(f"( ) {question.options_html[i]}" for i in indices)

        return _table_html(question, choices)

    def anki_rationales(self, question: BankQuestion) -> list[tuple[str, str]]:
        return list(zip(question.row_names, question.row_rationales_html, strict=True))


def _text_widths(record: QuestionRecord) -> tuple[int, int]:
    """Column widths for the text writer, which runs a cell's paragraphs together and
    wraps them: wide enough for a row's choices on one line where that is short."""
    labels = [len(group.label) for group in record.groups]
    choices = [
        sum(len(BOX) + len(option.text) + 2 for option in group.options) for group in record.groups
    ]
    first = min(max([len(record.columns[0]), *labels]) + 2, 30)
    second = min(max([len(record.columns[1]), *choices]) + 2, 44)
    return max(first, 12), max(second, 12)


def _row(cells: list[list[nodes.Node]]) -> nodes.row:
    out = nodes.row()
    for cell in cells:
        out += nodes.entry("", *cell)
    return out


def _table_html(question: BankQuestion, second: Callable[[int], str]) -> str:
    """The table as export HTML: a row's heading, then ``second(row)`` in its cell.
    (Class ``fbss-matrix``: the Anki note type's table style.)"""
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in question.record.columns)
    rows = "".join(
        f'<tr><th scope="row">{label}</th><td>{second(g)}</td></tr>'
        for g, label in enumerate(question.group_labels_html)
    )
    return f'<table class="fbss-matrix"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


KIND = DropdownTableKind()
