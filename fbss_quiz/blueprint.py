"""``{quiz-blueprint}``: the question bank in tables, for instructors, in every output.

The numbers are ``item_review.blueprint()`` of the whole book, worked out after
reading (``fbss_quiz/item_warnings.py``) and kept in the Domain; ``questions.json``
writes the same dictionary under ``blueprint``, so the page and the export agree.
The tables are plain docutils tables with a caption: every writer (HTML, ePub,
LaTeX, text) renders them, and no script is needed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from fbss_quiz import nodes as qn
from fbss_quiz.builders import WEB_BUILDERS, builder_name
from fbss_quiz.collector import quiz_domain
from fbss_quiz.i18n import blueprint_text
from fbss_quiz.item_review import blueprint

Cell = str | int | nodes.Node


def _entry(value: Cell) -> nodes.entry:
    if isinstance(value, nodes.Node):
        return nodes.entry("", nodes.paragraph("", "", value))
    return nodes.entry("", nodes.paragraph("", str(value)))


def table(
    ident: str, title: str, head: Sequence[Cell] | None, rows: Sequence[Sequence[Cell]]
) -> nodes.table:
    """A captioned table whose first column names its rows (``head``: the column names,
    or ``None`` for a table of named values)."""
    out = nodes.table(ids=[ident], classes=["fbss-blueprint-table", "colwidths-auto"])
    out += nodes.title("", title)
    cols = len(head) if head is not None else len(rows[0])
    group = nodes.tgroup(cols=cols)
    out += group
    group += nodes.colspec(colwidth=20, stub=1)
    group.extend(nodes.colspec(colwidth=8) for _ in range(cols - 1))
    if head is not None:
        group += nodes.thead("", nodes.row("", *map(_entry, head)))
    group += nodes.tbody("", *(nodes.row("", *map(_entry, row)) for row in rows))
    return out


class _Tables:
    """The tables of one blueprint, labelled in the book's language."""

    def __init__(self, data: Mapping[str, Any], topics: Mapping[str, str], base: str) -> None:
        self.data = data
        self.topics = topics
        self.base = base
        self.text = blueprint_text()

    def label(self, name: str) -> str:
        """A step's or level's name ("" for questions without one)."""
        return self.text.get(name, name) if name else self.text["not_set"]

    def topic(self, topic: str) -> str:
        return self.topics.get(topic, topic) if topic else self.text["no_topic"]

    def summary(self) -> nodes.table:
        text, data = self.text, self.data
        rows = [
            [text["questions"], data["items"]],
            [text["flagged_items"], data["flagged_items"]],
            [text["keys_first"], data["select_all_keys_first"]],
        ]
        return table(f"{self.base}-summary", text["summary"], None, rows)

    def by_topic(self, axis: str, title: str, labels: bool) -> nodes.table:
        """Topics by item type (``kinds``), step (``steps``) or level (``levels``)."""
        text, data = self.text, self.data
        columns: list[str] = data[axis]
        head: list[Cell] = [text["topic"]]
        head += [self.label(c) if labels else nodes.literal("", c) for c in columns]
        head.append(text["total"])
        rows: list[list[Cell]] = [
            [self.topic(row["topic"]), *(row[axis][c] for c in columns), row["items"]]
            for row in data["topics"]
        ]
        rows.append([text["all"], *(data["totals"][axis][c] for c in columns), data["items"]])
        return table(f"{self.base}-{axis}", title, head, rows)

    def keys(self) -> nodes.table:
        positions: dict[str, int] = self.data["key_positions"]
        head: list[Cell] = [self.text["position"], *positions]
        rows: list[list[Cell]] = [[self.text["questions"], *positions.values()]]
        return table(f"{self.base}-keys", self.text["keys"], head, rows)

    def flags(self) -> nodes.table:
        flagged: dict[str, int] = self.data["flagged"]
        rows: list[list[Cell]] = [[nodes.literal("", rule), n] for rule, n in flagged.items()]
        head = [self.text["rule"], self.text["questions"]]
        return table(f"{self.base}-flags", self.text["flags"], head, rows)

    def all(self) -> list[nodes.table]:
        text = self.text
        tables = [
            self.summary(),
            self.by_topic("kinds", text["by_kind"], labels=False),
            self.by_topic("steps", text["by_step"], labels=True),
            self.by_topic("levels", text["by_level"], labels=True),
        ]
        if self.data["key_positions"]:
            tables.append(self.keys())
        tables.append(self.flags())
        return tables


def blueprint_tables(
    data: Mapping[str, Any], topics: Mapping[str, str], ids: list[str], *, web: bool = False
) -> nodes.container:
    """Every table of the blueprint ``data`` (``item_review.blueprint``), in a container
    with ``ids``; ``topics``: topic id -> label. On the ``web`` each table stands in a
    box that scrolls and takes keyboard focus when the table is wider than the page."""
    box = nodes.container(classes=["fbss-blueprint"], ids=list(ids))
    for table in _Tables(data, topics, ids[0]).all():
        if web:
            caption = table.next_node(nodes.title)
            label = caption.astext() if caption is not None else ""
            box += qn.blueprint_region("", table, label=label)
        else:
            box += table
    return box


class BlueprintTables(SphinxPostTransform):
    """Put the book's blueprint where each ``{quiz-blueprint}`` stands (every builder)."""

    default_priority = 4  # with the other pages that show the whole book (assemble.py)

    def run(self, **kwargs: Any) -> None:
        data = quiz_domain(self.env).data.get("blueprint") or blueprint([])
        topics = dict(self.config.fbss_quiz_topics)
        web = builder_name(self.env) in WEB_BUILDERS
        for placeholder in list(self.document.findall(qn.quiz_blueprint)):
            tables = blueprint_tables(data, topics, placeholder["ids"], web=web)
            placeholder.replace_self(tables)
