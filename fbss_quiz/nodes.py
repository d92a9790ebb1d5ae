"""The doctree nodes of a quiz.

The tree is the same for every builder: a question holds its stem, its options
(labels only) and an answer part (a rationale per option, then the explanation).
Web builders render it interactively (``html_render``); every other builder gets
it rewritten into standard docutils nodes first (``static_render``), so no
writer ever meets a node it does not know.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeVar

from docutils import nodes

from fbss_quiz.model import (
    EXPLANATION,
    STEM,
    label_part,
    option_part,
    rationale_part,
    row_part,
)

if TYPE_CHECKING:
    from fbss_quiz.model import QuestionRecord

_E = TypeVar("_E", bound=nodes.Element)


def enclosing(node: nodes.Node, kind: type[_E]) -> _E | None:
    """The nearest ancestor of ``node`` that is a ``kind``, or None."""
    parent = node.parent
    while parent is not None and not isinstance(parent, kind):
        parent = parent.parent
    return parent


class quiz(nodes.General, nodes.Element):
    """A group of questions with an optional title; attributes: ``topics``."""


class question(nodes.General, nodes.Element):
    """Attribute ``record``: the question's :class:`~fbss_quiz.model.QuestionRecord`,
    which the renderers read its structure from (``record_of``). Set while writing:
    ``number``, ``hidden`` (beyond a review quiz's limit), ``review_of``."""


def record_of(node: nodes.Element) -> QuestionRecord:
    record: QuestionRecord = node["record"]
    return record


def question_parts(question: nodes.Element) -> Iterator[tuple[str, nodes.Element]]:
    """Each part of a question's markup with its key (``fbss_quiz.model``'s part keys):
    what the record keeps the plain text of and the exports render."""
    for part in question.findall(nodes.Element):
        if isinstance(part, question_stem):
            yield STEM, part
        elif isinstance(part, question_option):
            yield option_part(int(part["index"])), part
        elif isinstance(part, group_label):
            yield label_part(int(part.parent["group"])), part
        elif isinstance(part, option_rationale):
            index = int(part["index"])
            yield (row_part(index) if part.get("row") else rationale_part(index)), part
        elif isinstance(part, question_explanation):
            yield EXPLANATION, part


class question_stem(nodes.General, nodes.Element):
    pass


class question_options(nodes.General, nodes.Element):
    pass


class question_option(nodes.General, nodes.TextElement):
    """The option's label as inline nodes; attribute ``index`` (flat, see the record)."""


class question_answer(nodes.General, nodes.Element):
    """Rationales and explanation: a ``<details>`` in HTML, static text elsewhere."""


class option_rationale(nodes.General, nodes.Element):
    """Attribute ``index`` (the option's flat index; with ``row``, a matrix row's group
    index); children: the rationale's body."""


class question_explanation(nodes.General, nodes.Element):
    pass


class question_group(nodes.General, nodes.Element):
    """A scoring group of an NGN item (a matrix row, a blank's choices, a bow-tie
    list, the steps of an ordering item); attribute ``group`` (its index).
    Children: a ``group_label`` and the group's ``question_option`` nodes."""


class group_label(nodes.General, nodes.TextElement):
    """A matrix row's finding, a bow-tie list's heading, a blank's name."""


class cloze_blank(nodes.Inline, nodes.Element):
    """Where a drop-down stands in a cloze stem: attribute ``group`` (its index)."""


class answer_key(nodes.General, nodes.Element):
    """Where ``{answer-key}`` stands: replaced by the whole book's key when written."""


class quiz_blueprint(nodes.General, nodes.Element):
    """Where ``{quiz-blueprint}`` stands: replaced by the bank's tables when written
    (``fbss_quiz/blueprint.py``), in every output."""


class blueprint_region(nodes.General, nodes.Element):
    """On the web, the box one blueprint table scrolls in when it is wider than the page:
    focusable by keyboard and named (``label``) by the table's caption."""


class quiz_progress(nodes.General, nodes.Element):
    """Where ``{quiz-progress}`` stands: the reader's progress per topic (web only)."""


class progress_item(nodes.General, nodes.TextElement):
    """One question on the progress page: ``qid``, ``topics``; a link and its stem."""


class progress_list(nodes.General, nodes.Element):
    """The progress page's list of every question (``progress_item`` children): on the
    web, how many are left and a closed list of links to them."""


class progress_next(nodes.General, nodes.TextElement):
    """The progress page's "Practise your weakest topic": a link to the practice queue,
    shown by the script once it knows the topic."""


class progress_table(nodes.table):
    """The progress page's table: a docutils table, which is not numbered as a figure
    (so its caption needs no id) and which the script fills."""


class progress_row(nodes.row):
    """A topic's row of the progress table: a docutils row with ``topic`` (or, in the
    table by clinical-judgment step, ``step``), which the web page carries as
    ``data-fbss-topic`` (``data-fbss-step``) for the script."""


class progress_cell(nodes.entry):
    """A cell of the progress table the script fills: an entry with ``column`` (the
    column's name, which the phone layout shows beside the number)."""


ALL_NODES: tuple[type[nodes.Element], ...] = (
    quiz,
    question,
    question_stem,
    question_options,
    question_option,
    question_answer,
    option_rationale,
    question_explanation,
    question_group,
    group_label,
    cloze_blank,
    quiz_progress,
    blueprint_region,
    progress_item,
    progress_list,
    progress_next,
    progress_table,
    progress_row,
    progress_cell,
)
