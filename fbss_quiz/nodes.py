"""The doctree nodes of a quiz.

The tree is the same for every builder: a question holds its stem, its options
(labels only) and an answer part (a rationale per option, then the explanation).
Web builders render it interactively (``html_render``); every other builder gets
it rewritten into standard docutils nodes first (``static_render``), so no
writer ever meets a node it does not know.
"""

from __future__ import annotations

from typing import TypeVar

from docutils import nodes

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
    """Attributes: ``qid``, ``qtype``, ``shuffle``, ``topics``, ``correct`` (indices)."""


class question_stem(nodes.General, nodes.Element):
    pass


class question_options(nodes.General, nodes.Element):
    pass


class question_option(nodes.General, nodes.TextElement):
    """The option's label as inline nodes; attributes ``index``, ``correct``."""


class question_answer(nodes.General, nodes.Element):
    """Rationales and explanation: a ``<details>`` in HTML, static text elsewhere."""


class option_rationale(nodes.General, nodes.Element):
    """Attributes ``index``, ``correct``; children: the rationale's body."""


class question_explanation(nodes.General, nodes.Element):
    pass


class question_group(nodes.General, nodes.Element):
    """A scoring group of an NGN item (a matrix row, a blank's choices, a bow-tie
    list, the steps of an ordering item); attributes ``group``, ``rule``, ``need``.
    Children: a ``group_label`` and the group's ``question_option`` nodes."""


class group_label(nodes.General, nodes.TextElement):
    """A matrix row's finding, a bow-tie list's heading, a blank's name."""


class cloze_blank(nodes.Inline, nodes.Element):
    """Where a drop-down stands in a cloze stem: ``group``, ``name`` and
    ``choices`` ([flat index, plain text] pairs)."""


class answer_key(nodes.General, nodes.Element):
    """Where ``{answer-key}`` stands: replaced by the whole book's key when written."""


class quiz_progress(nodes.General, nodes.Element):
    """Where ``{quiz-progress}`` stands: the reader's progress per topic (web only)."""


class progress_item(nodes.General, nodes.TextElement):
    """One question on the progress page: ``qid``, ``topics``; a link and its stem."""


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
    progress_item,
)
