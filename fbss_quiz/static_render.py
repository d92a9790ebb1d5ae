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
from fbss_quiz.i18n import item_text, static_text
from fbss_quiz.item_text import group_name
from fbss_quiz.model import option_letter

#: Formats that write the whole book as one file (LaTeX, Texinfo). Their writers
#: label no container's ids (``\label``, ``@anchor``), so links to a question or a
#: key entry would go nowhere: a target node at the start of the container carries
#: the ids instead. They also drop the root document's title and its id.
ONE_FILE_FORMATS = frozenset({"latex", "texinfo"})

#: Writers that ignore ``enumtype`` and would number the options 1, 2, 3 while
#: the answer says "B": they get the letters written out.
PLAIN_LIST_BUILDERS = frozenset({"text", "man"})


def _options(node: qn.question, spell_letters: bool) -> nodes.Element:
    labels = [list(option.children) for option in node.findall(qn.question_option)]
    return _lettered(labels, spell_letters)


def static_question(
    node: qn.question, spell_letters: bool, answer: list[nodes.Node]
) -> nodes.container:
    """The standard-node form of one question; ``answer`` follows the options."""
    text = static_text()
    out = nodes.container(ids=list(node["ids"]), classes=["fbss-static-question", *node["classes"]])
    out.source, out.line = node.source, node.line
    out += nodes.paragraph(
        "", "", nodes.strong("", question_label(node.get("number", ""))), classes=["fbss-number"]
    )
    stem = next(iter(node.findall(qn.question_stem)))
    if node.get("groups"):
        out.extend(static_item(node, stem, spell_letters))
    else:
        out.extend(stem.children)
        if node["qtype"] == "multiple":
            out += nodes.paragraph("", "", nodes.emphasis("", text["select_all"]))
        out += _options(node, spell_letters)
    out.extend(answer)
    out.extend(n for n in node.children if isinstance(n, nodes.paragraph))  # review links
    return out


def _flatten_stem(stem: qn.question_stem) -> list[nodes.Node]:
    """The stem with blanks as "[Blank 1]" and selectable phrases as "[phrase]"."""
    stem = stem.deepcopy()
    for blank in list(stem.findall(qn.cloze_blank)):
        label = item_text()["blank"].format(name=blank["name"])
        blank.replace_self(nodes.strong("", f"[{label}]"))
    for phrase in list(stem.findall(qn.question_option)):
        phrase.replace_self(
            nodes.inline("", "", nodes.Text("["), *phrase.children, nodes.Text("]"))
        )
    return list(stem.children)


def _lettered(labels: list[list[nodes.Node]], spell_letters: bool) -> nodes.Element:
    if spell_letters:
        box = nodes.container(classes=["fbss-static-options"])
        for index, label in enumerate(labels):
            letter = nodes.strong("", f"{option_letter(index)}.")
            box += nodes.paragraph("", "", letter, nodes.Text(" "), *label)
        return box
    options = nodes.enumerated_list(
        enumtype="upperalpha", prefix="", suffix=".", classes=["fbss-static-options"]
    )
    for label in labels:
        options += nodes.list_item("", nodes.paragraph("", "", *label))
    return options


def _matrix_table(node: qn.question) -> nodes.table:
    columns: list[str] = list(node.get("columns", []))
    mark = "[ ]" if node["qtype"] == "matrix-multiple" else "( )"
    table = nodes.table(classes=["fbss-static-matrix"])
    group = nodes.tgroup(cols=len(columns) + 1)
    table += group
    for width in [30] + [max(len(c) + 2, 8) for c in columns]:
        group += nodes.colspec(colwidth=width)

    def row(cells: list[list[nodes.Node]]) -> nodes.row:
        out = nodes.row()
        for cell in cells:
            out += nodes.entry("", nodes.paragraph("", "", *cell))
        return out

    head = nodes.thead()
    cells: list[list[nodes.Node]] = [[nodes.Text(static_text()["finding"])]]
    head += row(cells + [[nodes.Text(c)] for c in columns])
    group += head
    body = nodes.tbody()
    for box in node.findall(qn.question_group):
        label = next(iter(box.findall(qn.group_label)))
        body += row([list(label.children)] + [[nodes.Text(mark)] for _ in columns])
    group += body
    return table


def static_item(node: qn.question, stem: qn.question_stem, spell: bool) -> list[nodes.Node]:
    """The readable, answerable-on-paper form of an NGN item."""
    text = static_text()
    qtype = node["qtype"]
    out: list[nodes.Node] = _flatten_stem(stem)
    out.append(nodes.paragraph("", "", nodes.emphasis("", text["hint_" + qtype.replace("-", "_")])))
    groups = list(node.findall(qn.question_group))
    if qtype in ("matrix", "matrix-multiple"):
        out.append(_matrix_table(node))
    elif qtype == "ordering":
        out.append(_lettered([list(o.children) for o in node.findall(qn.question_option)], spell))
    elif qtype in ("cloze", "bowtie"):
        for box in groups:
            name = group_name(node, int(box["group"]))
            if qtype == "bowtie":
                name += " " + text["choose_n"].format(n=box["need"])
            out.append(nodes.paragraph("", "", nodes.strong("", name)))
            out.append(
                _lettered([list(o.children) for o in box.findall(qn.question_option)], spell)
            )
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
                    target = (str(key_page), key_entry_id(html_id(question["qid"])))
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
            group.extend(quiz.children)
            quiz.replace_self(group)
        for progress in list(self.document.findall(qn.quiz_progress)):
            progress.replace_self(nodes.paragraph("", static_text()["progress_note"]))
        inlined = {str(f["docname"]): f for f in self.document.findall(addnodes.start_of_file)}
        for home, found in entries.items():
            key = key_section(found, [f"fbss-key-{home}".replace("/", "-")])
            _append_at_end(inlined.get(home, self.document), key)
        if builder_format(self.env) in ONE_FILE_FORMATS:
            label_containers(self.document)
