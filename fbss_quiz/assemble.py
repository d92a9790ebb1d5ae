"""Put the book into each page as it is written (every builder).

Runs as a post-transform before Sphinx resolves references, so links inside
copied questions, review links and answer-key links are resolved by Sphinx for
each output format (relative URLs in HTML, ``.xhtml`` in ePub, ``\\hyperref``
in LaTeX):

- drop questions whose id an earlier question owns;
- number every question "C.N";
- fill review quizzes (``:collect:``) with copies of the questions they gather;
- replace ``{answer-key}`` with the whole book's key;
- give the progress page its list of questions (web builders).
"""

from __future__ import annotations

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
from fbss_quiz.i18n import static_text
from fbss_quiz.model import QuestionRecord
from fbss_quiz.static_render import ONE_FILE_FORMATS, builder_format


class QuestionSource:
    """Copies of questions from other documents' doctrees, ready to insert."""

    def __init__(self, env: BuildEnvironment, current_docname: str) -> None:
        self.env = env
        self.current = current_docname
        self._trees: dict[str, nodes.document] = {}

    def tree(self, docname: str) -> nodes.document:
        if docname not in self._trees:
            self._trees[docname] = self.env.get_doctree(docname)
        return self._trees[docname]

    def original(self, record: QuestionRecord) -> qn.question | None:
        for node in self.tree(record.docname).findall(qn.question):
            if node["qid"] == record.id and node["position"] == record.position:
                return node
        return None

    def copy(self, record: QuestionRecord, new_id: str) -> qn.question | None:
        """A deep copy whose links resolve from the current page and whose ids
        do not clash with the original (all pages share one document in singlehtml)."""
        original = self.original(record)
        if original is None:
            return None
        copy = original.deepcopy()
        for element in copy.findall(nodes.Element):
            element["ids"] = []
        copy["ids"] = [new_id]
        for xref in copy.findall(addnodes.pending_xref):
            xref["refdoc"] = self.current
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


class AssembleQuizzes(SphinxPostTransform):
    default_priority = 3  # before ReferencesResolver (10) and the static rewrite

    def run(self, **kwargs: Any) -> None:
        domain = quiz_domain(self.env)
        web = builder_name(self.env) in WEB_BUILDERS
        source = QuestionSource(self.env, self.env.docname)
        for question in list(self.document.findall(qn.question)):
            if not domain.owns(question["docname"], question["position"], question["qid"]):
                question.parent.remove(question)
        for quiz in list(self.document.findall(qn.quiz)):
            if quiz.get("collect"):
                self._fill(quiz, domain, source, web)
        for question in self.document.findall(qn.question):
            question["number"] = domain.number(question["qid"])
        for placeholder in list(self.document.findall(qn.answer_key)):
            placeholder.replace_self(book_key(domain, source, placeholder["ids"]))
        if web:
            for progress in self.document.findall(qn.quiz_progress):
                self._progress(progress, domain)

    def _fill(self, quiz: qn.quiz, domain: QuizDomain, source: QuestionSource, web: bool) -> None:
        collector = collector_record(quiz, self.env.docname, web=web)
        chosen = collector.select(domain.in_book_order())
        if collector.shuffle and collector.limit:
            quiz["draw"] = collector.limit
        for index, record in enumerate(chosen):
            copy = source.copy(record, f"{collector.quiz_id}-{index + 1}")
            if copy is None:
                continue
            copy["review_of"] = record.docname
            if collector.shuffle and collector.limit and index >= collector.limit:
                # Without JavaScript the first N show; the script draws its own N.
                copy["hidden"] = True
            copy += review_link(record, source)
            quiz += copy

    def _progress(self, progress: qn.quiz_progress, domain: QuizDomain) -> None:
        for record in domain.in_book_order():
            number = domain.number(record.id)
            item = qn.progress_item(qid=record.id, topics=list(record.topics))
            label = static_text()["question"].format(number=number)
            item += anchor_xref(record.docname, html_id(record.id), nodes.Text(label))
            item += nodes.Text(f" {record.stem[:90]}{'…' if len(record.stem) > 90 else ''}")
            progress += item
