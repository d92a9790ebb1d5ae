"""Quizzes for outputs without JavaScript (ePub, LaTeX/PDF, text, man, ...).

Before references are resolved, every quiz node is rewritten into standard
docutils nodes, so each writer renders it with its own, well-tested visitors
and valid markup: "Question C.N", the stem, the options as a lettered list and
a link "Answer" to the answer key. The key is at the end of each document
(``fbss_quiz_answer_key = "chapter"``) or where ``{answer-key}`` stands
("book"); each entry links back to its question.

LaTeX and Texinfo write the whole book as one tree, in which each document sits
inside an ``addnodes.start_of_file`` node: a question's document is the one of
that node, so each chapter still ends with its own key, and links name the
document their target is written in (the writers label a target as
``document:id``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from fbss_quiz import nodes as qn
from fbss_quiz.answer_key import (
    answer_parts,
    key_entry,
    key_entry_id,
    key_section,
    question_label,
)
from fbss_quiz.builders import WEB_BUILDERS, builder_name
from fbss_quiz.collector import anchor_xref, html_id, quiz_domain
from fbss_quiz.i18n import counted, static_text
from fbss_quiz.kinds import kind_of

#: Formats that write the whole book as one file (LaTeX, Texinfo). Their writers
#: label no container's ids (``\label``, ``@anchor``), so links to a question or a
#: key entry would go nowhere: a target node at the start of the container carries
#: the ids instead. They also drop the root document's title and its id.
ONE_FILE_FORMATS = frozenset({"latex", "texinfo"})

#: Writers that ignore ``enumtype`` and would number the options 1, 2, 3 while
#: the answer says "B": they get the letters written out.
PLAIN_LIST_BUILDERS = frozenset({"text", "man"})


def static_question(
    node: qn.question, spell_letters: bool, answer: list[nodes.Node]
) -> nodes.container:
    """The standard-node form of one question (its kind writes the body: the stem and
    the lettered options); ``answer`` follows."""
    record = qn.record_of(node)
    out = nodes.container(ids=list(node["ids"]), classes=["fbss-static-question", *node["classes"]])
    out.source, out.line = node.source, node.line
    out += nodes.paragraph(
        "",
        "",
        nodes.strong("", question_label(node.get("number", ""), node.get("position"))),
        classes=["fbss-number"],
    )
    out.extend(kind_of(record).static_body(node, record, spell_letters))
    out.extend(answer)
    out.extend(n for n in node.children if isinstance(n, nodes.paragraph))  # review links
    return out


def _append_at_end(document: nodes.Element, key: nodes.Element) -> None:
    """Inside the last top-level section, so it stays part of the chapter."""
    sections = [n for n in document.children if isinstance(n, nodes.section)]
    (sections[-1] if sections else document).append(key)


def builder_format(env: Any) -> str:
    """The current builder's output format ("html", "latex", ...), from a transform."""
    builder_cls = getattr(env, "_builder_cls", None)
    return str(builder_cls.format if builder_cls is not None else env.app.builder.format)


def home_documents(tree: nodes.Element) -> dict[int, str]:
    """The document each question (by ``id()``) was written in, where the book is
    assembled into one tree (LaTeX, Texinfo): its innermost ``start_of_file``.
    (Sphinx gives an inlined document's top nodes no new parent, so this walks down.)"""
    homes: dict[int, str] = {}
    for inlined in tree.findall(addnodes.start_of_file):  # outer before inner
        for question in inlined.findall(qn.question):
            homes[id(question)] = str(inlined["docname"])
    return homes


def label_containers(tree: nodes.Element) -> None:
    """Move the ids of the quiz's containers into a leading target node, which
    the LaTeX and Texinfo writers do label, so "Answer" and "Back to" links land."""
    for container in tree.findall(nodes.container):
        ids = container["ids"]
        if ids and any(c.startswith("fbss-") for c in container["classes"]):
            container.insert(0, nodes.target("", "", ids=list(ids)))
            container["ids"] = []


#: sphinx-design's tab components and the classes their parts get here instead.
TAB_PARTS = {"tab-set": "fbss-tabs", "tab-item": "fbss-tab", "tab-content": "fbss-tab-content"}


def plain_tabs(quiz: nodes.Element) -> None:
    """A case's chart tabs (sphinx-design ``tab-set``) as their labels, each followed by
    its content. sphinx-design writes tabs as radio inputs, which mean nothing on paper
    and are not XHTML (EPUBCheck rejects the ePub); without the component marker its
    transform leaves them alone, and without its classes its CSS hides nothing."""
    for node in list(quiz.findall(nodes.Element)):
        part = node.get("design_component")
        if part in TAB_PARTS:
            del node["design_component"]
            node["classes"] = [TAB_PARTS[part]]
        elif any(c.startswith("sd-tab") for c in node["classes"]):
            node["classes"] = [c for c in node["classes"] if not c.startswith("sd-tab")]


def exam_note(group: nodes.Element, minutes: int | None) -> None:
    """An exam on paper: a note after its title that says how to take it (the questions
    follow as usual, their answers in the key)."""
    text = static_text()
    note = text["exam_static"]
    if minutes:
        note += " " + counted("msg_time_static", minutes).format(minutes=minutes)
    at = 1 if group.children and isinstance(group[0], nodes.rubric) else 0
    group.insert(at, nodes.paragraph("", "", nodes.emphasis("", note), classes=["fbss-exam-note"]))


class StaticQuizTransform(SphinxPostTransform):
    """Rewrite quizzes into standard nodes for every builder but the web ones."""

    default_priority = 6  # after AssembleQuizzes, before ReferencesResolver

    def is_supported(self) -> bool:
        return builder_name(self.env) not in WEB_BUILDERS

    def run(self, **kwargs: Any) -> None:
        spell = builder_name(self.env) in PLAIN_LIST_BUILDERS
        book_mode = self.config.fbss_quiz_answer_key == "book"
        key_page = quiz_domain(self.env).key_page() if book_mode else None
        entries: dict[str, list[nodes.Element]] = {}
        homes = home_documents(self.document)
        for question in list(self.document.findall(qn.question)):
            if question.get("hidden"):
                question.parent.remove(question)  # beyond a review quiz's limit
                continue
            own_id = question["ids"][0]
            if book_mode and key_page is None:
                answer = answer_parts(question)  # nowhere to link to (a warning says so)
            else:
                if book_mode:
                    qid = qn.record_of(question).id
                    target = (str(key_page), key_entry_id(html_id(qid)))
                else:
                    home = homes.get(id(question), self.env.docname)
                    target = (home, key_entry_id(own_id))
                    entry = key_entry(question, target[1], home, own_id)
                    entries.setdefault(home, []).append(entry)
                link = anchor_xref(*target, nodes.Text(static_text()["answer_link"]))
                answer = [nodes.paragraph("", "", link, classes=["fbss-answer-link"])]
            question.replace_self(static_question(question, spell, answer))
        for quiz in list(self.document.findall(qn.quiz)):
            plain_tabs(quiz)
            group = nodes.container(ids=list(quiz["ids"]), classes=["fbss-static-quiz"])
            group.source, group.line = quiz.source, quiz.line
            if quiz.get("practice"):
                # The queue needs the reader's saved answers: here, its first questions.
                group += nodes.paragraph("", static_text()["practice_note"])
            group.extend(quiz.children)
            if quiz.get("exam"):
                exam_note(group, quiz.get("time_limit"))
            quiz.replace_self(group)
        for progress in list(self.document.findall(qn.quiz_progress)):
            progress.replace_self(nodes.paragraph("", static_text()["progress_note"]))
        inlined = {str(f["docname"]): f for f in self.document.findall(addnodes.start_of_file)}
        for home, found in entries.items():
            key = key_section(found, [f"fbss-key-{home}".replace("/", "-")])
            _append_at_end(inlined.get(home, self.document), key)
        if builder_format(self.env) in ONE_FILE_FORMATS:
            label_containers(self.document)
