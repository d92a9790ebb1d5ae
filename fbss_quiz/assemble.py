"""Put the book into each page as it is written (every builder).

Runs as a post-transform before Sphinx resolves references, so links inside
copied questions, review links and answer-key links are resolved by Sphinx for
each output format (relative URLs in HTML, ``.xhtml`` in ePub, ``\\hyperref``
in LaTeX):

- drop questions whose id an earlier question owns;
- number every question "C.N" (and 1-N in a review quiz, "Question 4 · from 3.11");
- mark the questions of an exam (``:mode: exam``), whose answers the page holds back;
- fill review quizzes (``:collect:``) with copies of the questions they gather;
- replace ``{answer-key}`` with the whole book's key;
- give the progress page its table per topic and its list of questions (web builders).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from fbss_quiz import nodes as qn
from fbss_quiz.answer_key import book_key
from fbss_quiz.builders import WEB_BUILDERS, builder_name
from fbss_quiz.collector import (
    QuizDomain,
    anchor_xref,
    collector_record,
    html_id,
    quiz_domain,
)
from fbss_quiz.i18n import counted, static_text, ui_text
from fbss_quiz.model import CLINICAL_JUDGMENT_STEPS, QuestionRecord
from fbss_quiz.static_render import ONE_FILE_FORMATS, builder_format


class QuestionSource:
    """Copies of questions from other documents' doctrees, ready to insert.

    A doctree loaded from the environment is a fresh copy of its own, so its questions
    are handed out as they are (no deep copy), each at most once; a question asked for
    again (two review quizzes on one page gathering it) comes from a new load."""

    def __init__(self, env: BuildEnvironment, current_docname: str) -> None:
        self.env = env
        self.current = current_docname
        self._trees: dict[str, nodes.document] = {}
        #: Per document: its questions not yet handed out, by (id, position).
        self._unused: dict[str, dict[tuple[str, int], qn.question]] = {}

    def tree(self, docname: str) -> nodes.document:
        if docname not in self._trees:
            self._trees[docname] = self.env.get_doctree(docname)
        return self._trees[docname]

    def _take(self, record: QuestionRecord) -> qn.question | None:
        key = (record.id, record.position)
        unused = self._unused.get(record.docname)
        if unused is None or key not in unused:
            # First use of this document, or the question was already handed out.
            tree = self.env.get_doctree(record.docname)
            unused = self._unused[record.docname] = {
                (found.id, found.position): node
                for node in tree.findall(qn.question)
                for found in (qn.record_of(node),)
            }
        return unused.pop(key, None)

    def copy(self, record: QuestionRecord, new_id: str) -> qn.question | None:
        """A copy whose links resolve from the current page and whose ids do not
        clash with the original (all pages share one document in singlehtml)."""
        copy = self._take(record)
        if copy is None:
            return None
        copy.parent.remove(copy)
        for element in copy.findall(nodes.Element):
            element["ids"] = []
            if isinstance(element, addnodes.pending_xref):
                element["refdoc"] = self.current
        copy["ids"] = [new_id]
        return copy


def review_link(record: QuestionRecord, source: QuestionSource) -> nodes.paragraph:
    """ "Review: <section title>", back to where the question is taught."""
    title = record.section_title or record.docname
    anchor = record.section_anchor
    one_tree = builder_format(source.env) in ONE_FILE_FORMATS
    if one_tree and record.docname == source.env.config.root_doc:
        # LaTeX drops the root document's title, and its id with it: link the page.
        first = source.tree(record.docname).next_node(nodes.section)
        if first is not None and anchor in first["ids"]:
            anchor = ""
    link = anchor_xref(record.docname, anchor, nodes.Text(title))
    label = static_text()["review"]
    return nodes.paragraph("", "", nodes.Text(f"{label} "), link, classes=["fbss-review"])


#: The nodes ``AssembleQuizzes`` works on.
_WORKED_ON = (qn.question, qn.quiz, qn.answer_key, qn.quiz_progress)


def _worked_on(node: nodes.Node) -> bool:
    return isinstance(node, _WORKED_ON)


class AssembleQuizzes(SphinxPostTransform):
    default_priority = 3  # before ReferencesResolver (10) and the static rewrite

    def run(self, **kwargs: Any) -> None:
        domain = quiz_domain(self.env)
        web = builder_name(self.env) in WEB_BUILDERS
        source = QuestionSource(self.env, self.env.docname)
        # One walk of the page finds all this works on (a long page's walks add up).
        found: dict[type, list[Any]] = {kind: [] for kind in _WORKED_ON}
        for node in self.document.findall(_worked_on):
            found[next(kind for kind in _WORKED_ON if isinstance(node, kind))].append(node)
        questions = []
        for question in found[qn.question]:
            record = qn.record_of(question)
            if domain.owns(record.docname, record.position, record.id):
                questions.append(question)
            else:
                question.parent.remove(question)
        for quiz in found[qn.quiz]:
            if quiz.get("collect"):
                questions += self._fill(quiz, domain, source, web)
        for question in questions:
            question["number"] = domain.number(qn.record_of(question).id)
            quiz = qn.enclosing(question, qn.quiz)
            if quiz is not None:
                # An exam holds its answers back until Submit (html_render, static_render).
                question["exam"] = bool(quiz.get("exam"))
        for placeholder in found[qn.answer_key]:
            placeholder.replace_self(book_key(domain, source, placeholder["ids"]))
        if web:
            for progress in found[qn.quiz_progress]:
                self._progress(progress, domain)

    def _fill(
        self, quiz: qn.quiz, domain: QuizDomain, source: QuestionSource, web: bool
    ) -> list[qn.question]:
        """Put into ``quiz`` copies of the questions it gathers; returns them."""
        collector = collector_record(quiz, self.env.docname, web=web)
        chosen = collector.select(domain.in_book_order())
        if collector.shuffle and collector.limit:
            quiz["draw"] = collector.limit
        copies = []
        for index, record in enumerate(chosen):
            copy = source.copy(record, f"{collector.quiz_id}-{index + 1}")
            if copy is None:
                continue
            copies.append(copy)
            copy["review_of"] = record.docname
            # Numbered 1-N in the review quiz, the book's number kept beside it.
            copy["position"] = index + 1
            if collector.shuffle and collector.limit and index >= collector.limit:
                # Without JavaScript the first N show; the script draws its own N.
                copy["hidden"] = True
            copy += review_link(record, source)
            quiz += copy
        return copies

    def _progress(self, progress: qn.quiz_progress, domain: QuizDomain) -> None:
        records = domain.in_book_order()
        text = ui_text()
        progress += progress_legend(text)
        topics = self.config.fbss_quiz_topics
        progress += progress_table(records, topics)
        entries = sum(len(record.topics) for record in records)
        if entries > len(records):
            # The topic rows add up to more than the book's questions: say why.
            line = counted("progress_entries", len(records))
            progress += nodes.paragraph(
                "",
                line.format(entries=entries, questions=len(records)),
                classes=["fbss-progress-entries"],
            )
        practice = domain.practice_page()
        if practice is not None:
            # The script names the weakest topic and adds it to the link (#topic=...).
            link = anchor_xref(practice, "", nodes.Text(text["practice_weakest"]))
            progress += qn.progress_next("", "", link)
        steps = {s: text["cj_" + s.replace("-", "_")] for s in CLINICAL_JUDGMENT_STEPS}
        if any(record.step for record in records):
            progress += progress_table(records, steps, by_step=True)
        questions = qn.progress_list()
        for record in records:
            number = domain.number(record.id)
            item = qn.progress_item(qid=record.id, topics=list(record.topics), step=record.step)
            label = static_text()["question"].format(number=number)
            item += anchor_xref(record.docname, html_id(record.id), nodes.Text(label))
            item += nodes.Text(f" {record.stem[:90]}{'…' if len(record.stem) > 90 else ''}")
            questions += item
        progress += questions


def _entry(text: str, *classes: str) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", text), classes=list(classes))


def _bar() -> nodes.entry:
    """The chart cell: the share answered correctly, then the share answered (the
    script sets their widths)."""
    bar = nodes.inline(classes=["fbss-bar"])
    bar += nodes.inline(classes=["fbss-bar-correct"])
    bar += nodes.inline(classes=["fbss-bar-answered"])
    return nodes.entry("", nodes.paragraph("", "", bar), classes=["fbss-chart"])


def progress_legend(text: dict[str, str]) -> nodes.paragraph:
    """What the chart's two shades mean (their pattern too: not colour alone)."""
    legend = nodes.paragraph(classes=["fbss-legend"])
    for css, label in (("fbss-bar-correct", "correct"), ("fbss-bar-answered", "legend_answered")):
        item = nodes.inline(classes=["fbss-legend-item"])  # a swatch stays by its label
        item += nodes.inline(classes=["fbss-swatch", css])
        item += nodes.inline("", text[label], classes=["fbss-legend-label"])
        legend += item
    return legend


def progress_table(
    records: list[QuestionRecord], groups: dict[str, str], by_step: bool = False
) -> qn.progress_table:
    """A row per topic (``by_step``: per clinical-judgment step) that has questions: how
    many, then the cells the script fills from the reader's saved answers
    (``fbss_quiz/contract.py``)."""
    text = ui_text()
    if by_step:
        counts = Counter(record.step for record in records if record.step)
        first, title = text["cj_step"], text["progress_steps_title"]
    else:
        counts = Counter(topic for record in records for topic in record.topics)
        first, title = text["topic"], text["progress_title"]
    head = [first, text["questions"], text["answered"], text["correct"], text["untried"]]
    head.append(text["share"])
    table = qn.progress_table(classes=["fbss-progress-table", "colwidths-auto"])
    table += nodes.title("", title)
    group = nodes.tgroup(cols=len(head) + 1)
    table += group
    group += nodes.colspec(colwidth=20, stub=1)
    group.extend(nodes.colspec(colwidth=10) for _ in range(len(head)))
    row = nodes.row()
    row.extend(_entry(name) for name in [*head, text["chart"]])
    group += nodes.thead("", row)
    body = nodes.tbody()
    for key, label in groups.items():
        if counts[key]:
            body += _progress_row(key, label, counts[key], head, by_step)
    group += body
    return table


def _progress_row(key: str, label: str, total: int, head: list[str], by_step: bool) -> nodes.row:
    row = qn.progress_row(**{"step" if by_step else "topic": key})
    row += _entry(label)
    values = (total, "?", "?", total, "?")
    cells = ("fbss-total", "fbss-answered", "fbss-correct", "fbss-untried", "fbss-share")
    for css, value, column in zip(cells, values, head[1:], strict=True):
        row += qn.progress_cell("", nodes.paragraph("", str(value)), classes=[css], column=column)
    row += _bar()
    return row
