"""Answer keys for outputs without JavaScript, and the ``{answer-key}`` page.

A key entry holds the question's number, the correct letter(s), the rationale
of every option, the explanation and a link back to the question. Entries are
built from standard docutils nodes, so every writer renders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.collector import QuizDomain, anchor_xref, html_id
from fbss_quiz.i18n import static_text
from fbss_quiz.kinds import kind_of

if TYPE_CHECKING:
    from fbss_quiz.assemble import QuestionSource


def question_label(number: str, position: int | None = None) -> str:
    """ "Question 3.11", or in a review quiz "Question 4 · from 3.11"."""
    text = static_text()
    if not number:
        return text["question_plain"]
    if position:
        return text["question_from"].format(n=position, number=number)
    return text["question"].format(number=number)


def _headed(heading: nodes.strong, body: list[nodes.Node]) -> list[nodes.Node]:
    """A rationale with its verdict in bold, run into its first paragraph."""
    if body and isinstance(body[0], nodes.paragraph):
        body[0].insert(0, nodes.Text(" "))
        body[0].insert(0, heading)
    else:
        body.insert(0, nodes.paragraph("", "", heading))
    return body


def _explanation(question: qn.question) -> list[nodes.Node]:
    return [c for e in question.findall(qn.question_explanation) for c in e.children]


def answer_parts(question: qn.question) -> list[nodes.Node]:
    """ "Answer: B" (an item: a line per part), each rationale under its heading, the
    explanation: the words come from the question's kind."""
    record = qn.record_of(question)
    kind = kind_of(record)
    lead, lines = kind.answer_key(record)
    parts: list[nodes.Node] = [
        nodes.paragraph("", "", nodes.strong("", static_text()[lead]), nodes.Text(" " + lines[0]))
    ]
    parts.extend(nodes.paragraph("", line) for line in lines[1:])
    for rationale in question.findall(qn.option_rationale):
        index, row = int(rationale["index"]), bool(rationale.get("row"))
        heading = nodes.strong("", kind.rationale_heading(record, index, row) + ".")
        parts.extend(_headed(heading, [child.deepcopy() for child in rationale.children]))
    return parts + _explanation(question)


def key_entry(
    question: qn.question, entry_id: str, back_docname: str, back_id: str
) -> nodes.container:
    label = question_label(question.get("number", ""), question.get("position"))
    entry = nodes.container(ids=[entry_id], classes=["fbss-key-entry"])
    entry += nodes.paragraph("", "", nodes.strong("", label), classes=["fbss-key-title"])
    entry.extend(answer_parts(question))
    back = anchor_xref(back_docname, back_id, nodes.Text(static_text()["back"].format(label=label)))
    entry += nodes.paragraph("", "", back, classes=["fbss-key-back"])
    return entry


def key_section(entries: Sequence[nodes.Element], ids: list[str]) -> nodes.container:
    key = nodes.container(ids=ids, classes=["fbss-answer-key"])
    key += nodes.rubric("", static_text()["key_title"])
    key.extend(entries)
    return key


def key_entry_id(question_html_id: str) -> str:
    return f"key-{question_html_id}"


def book_key(domain: QuizDomain, source: QuestionSource, ids: list[str]) -> nodes.container:
    """Every question of the book, in reading order, with its answer."""
    entries = []
    for record in domain.in_book_order():
        copy = source.copy(record, "unused")
        if copy is None:
            continue
        copy["number"] = domain.number(record.id)
        original_id = html_id(record.id)
        entries.append(key_entry(copy, key_entry_id(original_id), record.docname, original_id))
    return key_section(entries, ids)
