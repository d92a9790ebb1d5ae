"""Trend (``:type: trend``): a time-stamped chart to read across time, then a question
of any other type, its *response*, which that type's own kind reads, shows, scores
and exports.

The body: the scenario (optional), then each chart, a line ``chart: Title`` directly
above a table of ``| cell | cell |`` lines (a header row, an optional ``|---|`` line,
then the rows; the times go down the first column, one row per time, or across the
header row); then a line ``response: matrix`` (any ``:type:`` but ``trend``) and the
question exactly as that type is written. Our parser reads the table, so it is the
same in MyST and rST, and each cell is inline markup of the page's own parser.

The response's kind parses the lines after ``response:`` (the lines before it blanked,
so every line number stays the body's), builds its doctree, and answers every hook
of the protocol that this module does not write (``__getattr__``), given the question
as its own type: delegation through the registry, so a kind added later is a
response too. The chart and the scenario go at the top of the stem, before the
response's question (``trend_lead``), which alone names the fieldset of choices on
the web: a screen reader announces the question there, not the whole chart again.

The record is a :class:`TrendRecord` (``response``: the type that follows); the page
carries ``data-fbss-item`` with ``kind`` ``trend`` and ``response``, the name of the
kind whose scorer and view the browser runs (``static/src/kinds/trend.js``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.html_out import HtmlOut
from fbss_quiz.model import QuestionRecord
from fbss_quiz.syntax import Block, LineParser, ParsedItem, Problem, trim

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from fbss_quiz.contract import ItemData, ScoreData
    from fbss_quiz.html_out import QuestionHtml
    from fbss_quiz.kinds.base import Kind, PartBuilder

CHART_LINE = re.compile(r"^chart:[ \t]*(?P<title>.*?)\s*$", re.I)
RESPONSE_LINE = re.compile(r"^response:[ \t]*(?P<type>.*?)\s*$", re.I)
TABLE_LINE = re.compile(r"^\|")
SEPARATOR_CELL = re.compile(r"^:?-+:?$")
#: A cell ends at a ``|`` that no backslash escapes.
_PIPE = re.compile(r"(?<!\\)\|")
#: A time stamp carries a number: 08:00, Day 2, 12 May, Week 6.
_DIGIT = re.compile(r"\d")

RESPONSE_HELP = (
    "write a line 'response: single' (or matrix, cloze ... the type of the question) and "
    "then the question as that type is written"
)


@dataclass(frozen=True)
class Chart:
    """A chart as written: its ``chart:`` line (a body index) and title, and its rows,
    the header first, each with its body line."""

    line: int
    title: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True)
class TrendRecord(QuestionRecord):
    """A trend question's record: a question record that also names its response."""

    #: The ``:type:`` of the question that follows the chart.
    response: str = ""

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "response": self.response}


@dataclass
class TrendParsed(ParsedItem):
    """A trend body: the response's parsed item (its structure copied up, for the record)
    and what stands before it: blocks of text and charts, in order."""

    response: str = ""
    exhibit: list[Block | Chart] = field(default_factory=list)
    inner: ParsedItem | None = None

    def record(self) -> TrendRecord:
        base = super().record()
        values = {f.name: getattr(base, f.name) for f in dataclasses.fields(base)}
        return TrendRecord(**values, response=self.response)


# -- syntax ---------------------------------------------------------------------


def _cells(line: str) -> tuple[str, ...]:
    """The cells of ``| a | b |`` (the last ``|`` optional; ``\\|`` is a ``|`` in a cell)."""
    inner = line.strip()[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return tuple(cell.strip().replace("\\|", "|") for cell in _PIPE.split(inner))


def _share_of_times(cells: Sequence[str]) -> float:
    return sum(bool(_DIGIT.search(cell)) for cell in cells) / len(cells) if cells else 0.0


def _check_times(p: LineParser, chart: Chart) -> None:
    """The chart reads across time: its times (down the first column or across the
    header row) are at least two, and every row and column has a heading. The chart
    still shows when these fail."""
    (header_line, header), *body = chart.rows
    down, across = [cells[0] for _, cells in body], list(header[1:])
    # The axis with more numbers; of two alike, the longer (a measure may carry a
    # number too: SpO2), and of two alike in both, the first column.
    times = max((across, down), key=lambda cells: (_share_of_times(cells), len(cells)))
    if not _share_of_times(times):
        p.problem(
            Subtype.TREND,
            chart.line,
            f"chart {chart.title!r} has no time column: put the times (08:00, Day 2 ...) in "
            "its first column, one row per time, or across its header row",
            keep=True,
        )
    elif len(times) < 2:
        p.problem(
            Subtype.TREND,
            chart.line,
            f"chart {chart.title!r} shows one time only: a trend needs at least two (a row "
            "per time)",
            keep=True,
        )
    for line, cells in body:
        if not cells[0]:
            p.problem(
                Subtype.TREND,
                line,
                "chart row has nothing in its first cell: write the time (or the measure) "
                "the row shows",
                keep=True,
            )
    for column, cell in enumerate(header[1:], start=2):
        if not cell:
            p.problem(
                Subtype.TREND,
                header_line,
                f"chart column {column} has no heading: name the measure (or the time) it "
                "shows in the header row",
                keep=True,
            )


def _rows(p: LineParser, start: int, end: int) -> tuple[list[tuple[int, tuple[str, ...]]], bool]:
    """The table's rows from ``start`` to ``end`` without its ``|---|`` line; and whether
    they are sound (every row as wide as the header, the ``|---|`` under it)."""
    rows: list[tuple[int, tuple[str, ...]]] = []
    sound = True
    for i in range(start, end):
        cells = _cells(p.lines[i])
        if all(SEPARATOR_CELL.match(cell) for cell in cells):
            if len(rows) != 1:
                sound = False
                p.problem(
                    Subtype.TREND,
                    i,
                    "a '|---|' line goes right under the chart's header row, and only there",
                )
            continue
        if rows and len(cells) != len(rows[0][1]):
            sound = False
            p.problem(
                Subtype.TREND,
                i,
                f"chart row has {len(cells)} cells but the header row has {len(rows[0][1])}: "
                "give every row a cell per column (an empty one is '| |')",
            )
        rows.append((i, cells))
    return rows, sound


def _chart(p: LineParser, line: int, title: str | None, start: int, end: int) -> Chart | None:
    """The chart whose ``chart:`` line is ``line`` (``title`` ``None``: the table at
    ``start`` has none), its table from ``start`` to ``end``; ``None`` if unusable."""
    rows, sound = _rows(p, start, end)
    if title is None:
        p.problem(
            Subtype.TREND,
            start,
            "chart table without a title: write a line such as 'chart: Vital signs after "
            "surgery' right above it (its caption, which screen readers announce)",
        )
        return None
    if not title:
        p.problem(
            Subtype.TREND,
            line,
            "chart has no title: write it after 'chart:', such as 'chart: Vital signs after "
            "surgery' (its caption, which screen readers announce)",
        )
        return None
    if not rows:
        p.problem(
            Subtype.TREND,
            line,
            f"chart {title!r} has no table: write it right under the 'chart:' line, a header "
            "row '| Time | Pulse, /min |' then a row per time '| 08:00 | 88 |'",
        )
        return None
    if len(rows[0][1]) < 2 or len(rows) < 2:
        p.problem(
            Subtype.TREND,
            line,
            f"chart {title!r} needs a header row and at least one more row, with a column of "
            "times and at least one of values: '| Time | Pulse, /min |' then '| 08:00 | 88 |'",
        )
        return None
    if not sound:
        return None
    chart = Chart(line, title, tuple(rows))
    _check_times(p, chart)
    return chart


def _exhibit(p: LineParser, end: int) -> list[Block | Chart]:
    """What stands before the response (body lines up to ``end``): blocks of text and
    charts, in order."""
    found: list[Block | Chart] = []
    lines, text_from, i = p.lines, 0, 0

    def text_until(stop: int) -> None:
        block = trim(text_from, list(lines[text_from:stop]))
        if not block.is_blank():
            found.append(block)

    while i < end:
        title = CHART_LINE.match(lines[i])
        if i in p.fenced or not (title or TABLE_LINE.match(lines[i])):
            i += 1
            continue
        text_until(i)
        start = i + 1 if title else i
        stop = start
        while stop < end and stop not in p.fenced and TABLE_LINE.match(lines[stop]):
            stop += 1
        chart = _chart(p, i, title["title"] if title else None, start, stop)
        if chart is not None:
            found.append(chart)
        i = text_from = stop
    text_until(end)
    return found


def _located(problem: Problem, at: int, declared: str) -> Problem:
    """A problem of the response's parser, as the trend reports it: what concerns the
    whole response points at its ``response:`` line."""
    if problem.subtype == Subtype.EMPTY_STEM:
        message = (
            f"trend question has no question after its 'response: {declared}' line: write "
            "there what the reader must find in the chart, above the first item"
        )
        return dataclasses.replace(problem, message=message)
    if problem.line < 0:
        return dataclasses.replace(problem, line=at)
    return problem


# -- doctree and HTML -----------------------------------------------------------


class trend_chart(nodes.General, nodes.Element):
    """A chart: a standard table (title, header row, rows) that the web writes with
    scoped headers in a scrolling region and every other output as the table itself.
    Attribute ``chart``: its place among the question's charts."""

    def astext(self) -> str:
        """Its title, then a line per row, cells between ``|``: the stem's plain text."""
        table = self.next_node(nodes.table)
        if table is None:
            return ""
        title = table.next_node(nodes.title)
        rows = [
            " | ".join(e.astext() for e in row.findall(nodes.entry))
            for row in table.findall(nodes.row)
        ]
        return "\n".join([title.astext() if title is not None else "", *rows]).strip()


class trend_lead(nodes.General, nodes.Element):
    """The response's own question (its stem), after the charts: on the web, what names
    the fieldset of choices."""


def _inline_children(translator: HTML5Translator, node: nodes.Element) -> None:
    """Write the inline content of a title or of a cell's paragraph, without the block."""
    for child in node.children:
        if isinstance(child, nodes.paragraph):
            _inline_children(translator, child)
        else:
            child.walkabout(translator)


def _html_row(translator: HTML5Translator, row: nodes.row, header: bool) -> None:
    """A row: the header row's cells name their columns, a body row's first cell its row;
    an empty heading is a plain cell (a header with no name helps no one)."""
    out = HtmlOut(translator)
    out.tag("tr", "")
    for column, entry in enumerate(row.findall(nodes.entry)):
        heading = header or column == 0
        if heading and entry.astext().strip():
            out.tag("th", "", scope="col" if header else "row")
            _inline_children(translator, entry)
            out.close("th")
        else:
            out.tag("td", "")
            _inline_children(translator, entry)
            out.close("td")
    out.close("tr", "\n")


def _question_id(node: nodes.Element) -> str | None:
    """The id of the question that holds ``node`` on a page (none in an export's part)."""
    question = qn.enclosing(node, qn.question)
    return str(question["ids"][0]) if question is not None and question["ids"] else None


def visit_chart(translator: HTML5Translator, node: trend_chart) -> None:
    out = HtmlOut(translator)
    table = node.next_node(nodes.table)  # the theme may have wrapped it (furo)
    assert table is not None
    base = _question_id(node)
    wrapper: dict[str, Any] = {"CLASS": "fbss-chart"}
    caption: dict[str, Any] = {}
    if base is not None:
        caption_id = f"{base}-chart{node['chart']}"
        caption["ids"] = [caption_id]
        # Its own scrolling region on a narrow screen: reached, named and scrolled by keyboard.
        wrapper.update({"role": "region", "tabindex": "0", "aria-labelledby": caption_id})
    out.tag("div", "\n", **wrapper)
    out.tag("table", "\n")
    out.tag("caption", "", **caption)
    out.tag("span", "")  # the title, kept in view while the table scrolls
    title = table.next_node(nodes.title)
    if title is not None:
        _inline_children(translator, title)
    out.close("span")
    out.close("caption", "\n")
    for part, header in ((nodes.thead, True), (nodes.tbody, False)):
        section = table.next_node(part)
        if section is None:
            continue
        out.tag(part.__name__, "\n")
        for row in section.findall(nodes.row):
            _html_row(translator, row, header)
        out.close(part.__name__, "\n")
    out.close("table", "\n")
    out.close("div", "\n")
    raise nodes.SkipNode


def visit_lead(translator: HTML5Translator, node: trend_lead) -> None:
    base = _question_id(node)
    if base is not None:  # an export's stem needs no wrapper
        HtmlOut(translator).tag("div", "\n", CLASS="fbss-lead", ids=[f"{base}-lead"])


def depart_lead(translator: HTML5Translator, node: trend_lead) -> None:
    if _question_id(node) is not None:
        HtmlOut(translator).close("div", "\n")


def _table_row(cells: list[tuple[list[nodes.Node], str]]) -> nodes.row:
    row = nodes.row()
    for content, text in cells:
        row += nodes.entry("", nodes.paragraph(text, "", *content))
    return row


def _chart_node(chart: Chart, number: int, parts: PartBuilder) -> trend_chart:
    """The chart's doctree: its title and cells parsed as inline markup at their lines."""
    node = trend_chart(chart=number)
    parts.source_info(node)
    title, messages = parts.inline(chart.title, chart.line, "chart title")
    table = nodes.table(classes=["fbss-chart-table"])
    table += nodes.title(chart.title, "", *title)
    columns = len(chart.rows[0][1])
    group = nodes.tgroup(cols=columns)
    table += group
    for k in range(columns):
        width = max(len(cells[k]) for _, cells in chart.rows) + 2
        # The first column holds the rows' headings (a stub column, bold in PDF).
        colspec = nodes.colspec(colwidth=width)
        if k == 0:
            colspec["stub"] = 1
        group += colspec
    sections: list[nodes.Element] = [nodes.thead(), nodes.tbody()]
    for index, (line, cells) in enumerate(chart.rows):
        parsed = []
        for text in cells:
            content, found = parts.inline(text, line, "chart cell") if text else ([], [])
            parsed.append((content, text))
            messages.extend(found)
        sections[min(index, 1)] += _table_row(parsed)
    group.extend(sections)
    node += table
    node.extend(messages)
    return node


def _standard(found: Sequence[nodes.Node]) -> list[nodes.Node]:
    """``found`` with the charts as their tables and the lead as its content: the
    standard nodes that every writer knows (ePub, PDF, text)."""
    out: list[nodes.Node] = []
    for node in found:
        if isinstance(node, trend_lead):
            out.extend(_standard(list(node.children)))
        elif isinstance(node, trend_chart):
            table = node.next_node(nodes.table)
            out.extend([table.deepcopy()] if table is not None else [])
        else:
            if isinstance(node, nodes.Element):
                for lead in list(node.findall(trend_lead)):
                    lead.replace_self(_standard([lead]))
                for chart in list(node.findall(trend_chart)):
                    chart.replace_self(_standard([chart]))
            out.append(node)
    return out


# -- the kind -----------------------------------------------------------------------


def _record_in(args: Sequence[Any]) -> QuestionRecord:
    """The question among a hook's arguments: a record, or what carries one (the HTML
    context, an export's question)."""
    for arg in args:
        if isinstance(arg, QuestionRecord):
            return arg
        if isinstance(getattr(arg, "record", None), QuestionRecord):
            return cast(QuestionRecord, arg.record)
    raise TypeError("a hook of a trend question needs the question among its arguments")


def _as_response(arg: Any, response: QuestionRecord) -> Any:
    """``arg`` with the question as its response's type."""
    if isinstance(arg, QuestionRecord):
        return response
    if dataclasses.is_dataclass(arg) and isinstance(getattr(arg, "record", None), QuestionRecord):
        return dataclasses.replace(arg, record=response)  # type: ignore[type-var]
    return arg


class TrendKind:
    """See the module docstring. Not a :class:`~fbss_quiz.kinds.base.KindBase`: every
    hook it does not write must reach the response's kind (``__getattr__``), not a
    default."""

    name = "trend"
    types = ("trend",)
    #: Its own chunk; the page's script holds its response's too (fbss_quiz/extension.py
    #: adds the answering kind's).
    chunks: tuple[str, ...] = ()
    #: Exports write its groups, whatever its response (``questions.json``).
    lettered = False
    #: Not asked: ``unsupported`` asks the response's kind.
    exports: Mapping[str, str | None] = {}
    #: No directive options of its own: a response written as select N takes N from its
    #: ``[x]`` marks (its ``:select:`` and ``:scoring:`` options are not offered here).
    options: tuple[str, ...] = ()
    html_nodes: Mapping[type[nodes.Element], tuple[Any, Any]] = {
        trend_chart: (visit_chart, None),
        trend_lead: (visit_lead, depart_lead),
    }

    def apply_options(self, parsed: Any, values: Mapping[str, str]) -> None:
        """No options of its own (see ``options``)."""

    def response(self, record: QuestionRecord) -> tuple[Kind, QuestionRecord]:
        """The kind of ``record``'s response, and ``record`` as that kind's type."""
        from fbss_quiz.kinds import KINDS  # the registry imports this module

        qtype = str(getattr(record, "response", ""))
        return KINDS[qtype], dataclasses.replace(record, qtype=qtype)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        """Every other hook of the protocol, those added after this module too: the
        response's kind answers it, given the question as its own type."""
        from fbss_quiz.kinds import BY_NAME

        others = [kind for kind in BY_NAME.values() if kind is not self]
        if name.startswith("_") or not any(callable(getattr(k, name, None)) for k in others):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

        def hook(*args: Any) -> Any:
            kind, record = self.response(_record_in(args))
            return getattr(kind, name)(*(_as_response(arg, record) for arg in args))

        hook.__name__ = name
        return hook

    # -- syntax and doctree ---------------------------------------------------

    def parse(self, qtype: str, lines: Sequence[str], require_rationale: bool) -> TrendParsed:
        p = LineParser(list(lines), self.name)
        at = p.first(RESPONSE_LINE)
        exhibit = _exhibit(p, len(p.lines) if at is None else at)
        if not any(isinstance(part, Chart) for part in exhibit) and not p.item.problems:
            p.problem(
                Subtype.TREND,
                -1,
                "trend question has no chart: write a line such as 'chart: Vital signs' and "
                "under it a table, a header row '| Time | Pulse, /min |' then a row per time "
                "'| 08:00 | 88 |', before the 'response:' line",
            )
        if at is None:
            p.problem(
                Subtype.TREND,
                -1,
                f"trend question has no response: after its chart, {RESPONSE_HELP}",
            )
            return self._parsed(p, exhibit, None)
        declared = RESPONSE_LINE.match(p.lines[at])["type"]  # type: ignore[index]
        kind = self._responses().get(declared.lower())
        if kind is None:
            wrong = f"unknown response {declared!r}" if declared else "'response:' names no type"
            known = ", ".join(self._responses())
            p.problem(Subtype.TREND, at, f"{wrong}: write 'response:' and one of {known}")
            return self._parsed(p, exhibit, None)
        # The lines before the response blanked: its problems keep the body's line numbers.
        inner = kind.parse(declared, [""] * (at + 1) + p.lines[at + 1 :], require_rationale)
        p.item.problems.extend(_located(problem, at, declared) for problem in inner.problems)
        return self._parsed(p, exhibit, inner)

    def _responses(self) -> dict[str, Kind]:
        from fbss_quiz.kinds import KINDS

        return {qtype: kind for qtype, kind in KINDS.items() if kind is not self}

    def _parsed(
        self, p: LineParser, exhibit: list[Block | Chart], inner: ParsedItem | None
    ) -> TrendParsed:
        item = inner or p.item
        return TrendParsed(
            qtype=self.name,
            stem=item.stem,
            groups=item.groups,
            columns=item.columns,
            markers=item.markers,
            explanation=item.explanation,
            problems=p.item.problems,
            display=item.display,
            response=inner.qtype if inner is not None else "",
            exhibit=exhibit,
            inner=inner,
        )

    def build(self, parsed: ParsedItem, parts: PartBuilder) -> list[nodes.Node]:
        """The response's doctree, its stem preceded by the scenario and the charts."""
        assert isinstance(parsed, TrendParsed) and parsed.inner is not None, "left out"
        from fbss_quiz.kinds import KINDS

        built = KINDS[parsed.response].build(parsed.inner, parts)
        stem = next((n for n in built if isinstance(n, qn.question_stem)), None)
        if stem is None:
            stem = qn.question_stem()
            built.insert(0, stem)
        lead = trend_lead("", *stem.children)
        del stem[:]
        charts = 0
        for part in parsed.exhibit:
            if isinstance(part, Chart):
                stem += _chart_node(part, charts, parts)
                charts += 1
            else:
                box = nodes.container()
                parts.block(part, box)
                stem.extend(list(box.children))
        stem += lead
        return built

    # -- scoring ----------------------------------------------------------------

    def item(self, record: QuestionRecord, scoring: str) -> ItemData:
        """The response's item, named ``trend``, with the response's kind (``response``):
        any key that kind adds stays."""
        return self._as_trend(record, lambda kind, response: kind.item(response, scoring))

    def exam_item(self, record: QuestionRecord, scoring: str) -> ItemData:
        """The response's exam item, named ``trend`` and with its ``response`` as ``item``
        (without it the script could not find the kind that runs the question)."""
        return self._as_trend(record, lambda kind, response: kind.exam_item(response, scoring))

    def _as_trend(
        self, record: QuestionRecord, make: Callable[[Kind, QuestionRecord], ItemData]
    ) -> ItemData:
        kind, response = self.response(record)
        return cast("ItemData", {**make(kind, response), "kind": self.name, "response": kind.name})

    def score(self, item: ItemData, picks: Sequence[Sequence[int]]) -> ScoreData:
        """The response's kind scores it, by its own rules."""
        from fbss_quiz.kinds import BY_NAME

        return BY_NAME[cast(Mapping[str, str], item)["response"]].score(item, picks)

    def missing(self, item: ItemData, picks: Sequence[Sequence[int]]) -> int:
        """What the response's kind asks before Check answer grades it."""
        from fbss_quiz.kinds import BY_NAME

        return BY_NAME[cast(Mapping[str, str], item)["response"]].missing(item, picks)

    def max_points(self, record: QuestionRecord, scoring: str) -> int:
        return self.score(self.item(record, scoring), [])["max"]

    # -- what differs from the response's ----------------------------------------

    def options_label(self, h: QuestionHtml) -> str:
        """The response's question names the fieldset, not the charts above it."""
        lead = f"{h.base}-lead"
        return f"{h.base}-num {lead}" if h.question.get("number") else lead

    def static_body(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]:
        kind, response = self.response(record)
        return _standard(kind.static_body(question, response, spell))

    def unsupported(self, fmt: str, record: QuestionRecord | None = None) -> str | None:
        """A format holds a trend item when it holds its response (the chart is in the
        stem's HTML)."""
        if record is None:
            return ""
        kind, response = self.response(record)
        why = kind.unsupported(fmt, response)
        if why is None:
            return None
        return f"its response is a {response.qtype!r} question" + (f": {why}" if why else "")

    def json_fields(self, record: QuestionRecord) -> dict[str, Any]:
        return {"response": str(getattr(record, "response", ""))}


KIND = TrendKind()
