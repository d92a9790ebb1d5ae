"""Record every question while documents are read, for the whole book to use.

Records live in a Domain, per document, with ``clear_doc`` and
``merge_domaindata``: incremental and parallel builds keep exactly the records of
the documents as they are now. Anything computed across documents (which
occurrence of a duplicated id wins, the book's reading order) is derived after
reading, in ``env-updated``, never stored during writing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from docutils import nodes
from docutils.nodes import make_id
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import make_refnode

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.item_review import folded_words
from fbss_quiz.model import (
    ALL_TOPICS,
    STEM,
    CollectorRecord,
    QuestionRecord,
    derive_question_id,
)


def html_id(question_id: str) -> str:
    """An HTML id for a question id; ids that ``make_id`` would alter get a hash
    so that two ids differing only in case or punctuation stay distinct."""
    slug = make_id(question_id)
    if slug != question_id:
        slug = f"{slug}-{hashlib.sha1(question_id.encode()).hexdigest()[:6]}"
    return f"q-{slug}"


#: Per-document entries: cleared when a document is re-read, merged after a
#: parallel read. Everything else in the domain is derived from them after reading.
PER_DOCUMENT = (
    "questions",
    "collectors",
    "quizzes",
    "key_pages",
    "progress_pages",
    "blueprint_pages",
    "practice_pages",
)


class QuizDomain(Domain):
    """Holds the question records; it defines no roles or objects of its own.

    Its one cross-reference type, ``anchor`` (target ``docname#id``), lets the
    extension link between questions, answer keys and sections in every output
    format through Sphinx's own reference resolution.
    """

    name = "fbss_quiz"
    label = "Quiz"
    #: Bump when a stored record changes, so old pickled environments are discarded.
    data_version = 7
    initial_data = {
        "questions": {},  # docname -> list[QuestionRecord] in document order
        "collectors": {},  # docname -> list[CollectorRecord]
        "quizzes": {},  # docname -> [(name, [(question id, position) ...]) per quiz or case]
        "key_pages": {},  # docname -> [line of each {answer-key}]
        "progress_pages": {},  # docname -> [line of each {quiz-progress}]
        "practice_pages": {},  # docname -> [the topics each {quiz-practice} collects]
        "blueprint_pages": {},  # docname -> [line of each {quiz-blueprint}]
        # Derived after reading (book.settle_book):
        "order": [],  # docnames in the book's reading order
        "owners": {},  # question id -> (docname, position) of the occurrence that wins
        "numbers": {},  # question id -> "C.N"
        "shown": {},  # docname -> fingerprint of what its page shows from the book
        "findings": [],  # item_review.Finding of every rule, in book order
        "blueprint": {},  # item_review.blueprint() of the book
    }

    @property
    def questions(self) -> dict[str, list[QuestionRecord]]:
        return self.data.setdefault("questions", {})

    def entries(self, kind: str) -> dict[str, list[Any]]:
        return self.data.setdefault(kind, {})

    def clear_doc(self, docname: str) -> None:
        for kind in PER_DOCUMENT:
            self.entries(kind).pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for kind in PER_DOCUMENT:
            theirs = otherdata.get(kind, {})
            for docname in docnames:
                if docname in theirs:
                    self.entries(kind)[docname] = theirs[docname]

    def note(self, kind: str, docname: str, items: list[Any]) -> None:
        if items:
            self.entries(kind)[docname] = items
        else:
            self.entries(kind).pop(docname, None)

    def book_order(self) -> list[str]:
        return list(self.data.get("order", []))

    def in_book_order(self) -> list[QuestionRecord]:
        """Every question that owns its id, in reading order."""
        owners = self.data.get("owners", {})
        return [
            record
            for docname in self.book_order()
            for record in self.questions.get(docname, [])
            if owners.get(record.id) == (docname, record.position)
        ]

    def record(self, question_id: str) -> QuestionRecord | None:
        owner = self.data.get("owners", {}).get(question_id)
        if owner is None:
            return None
        docname, position = owner
        return self.questions[docname][position - 1]

    def number(self, question_id: str) -> str:
        return str(self.data.get("numbers", {}).get(question_id, ""))

    def owns(self, docname: str, position: int, question_id: str) -> bool:
        owner = self.data.get("owners", {}).get(question_id)
        return owner is None or owner == (docname, position)

    def key_page(self) -> str | None:
        """The first document in reading order that holds an ``{answer-key}``."""
        pages = self.entries("key_pages")
        return next((d for d in self.book_order() if d in pages), None)

    def practice_page(self) -> str | None:
        """The page the progress page sends a reader to practise a topic: the first
        ``{quiz-practice}`` in reading order that collects every topic, else the first."""
        pages = self.entries("practice_pages")
        ordered = [d for d in self.book_order() if d in pages]
        every = [d for d in ordered if any(ALL_TOPICS in topics for topics in pages[d])]
        return next(iter(every or ordered), None)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ != "anchor":
            return None
        docname, _, anchor = target.partition("#")
        if docname not in env.all_docs:
            return None
        if builder.format in ("latex", "texinfo"):
            # One tree for the whole book, resolved "from" the root document: name the
            # target's document, since a bare refid is read as the link's own file's.
            uri = builder.get_target_uri(docname) + (f"#{anchor}" if anchor else "")
            return nodes.reference("", "", contnode, internal=True, refuri=uri)
        return make_refnode(builder, fromdocname, docname, anchor, contnode)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def anchor_xref(docname: str, anchor: str, *children: nodes.Node) -> addnodes.pending_xref:
    """A link to ``anchor`` in ``docname`` that every builder resolves its own way."""
    return addnodes.pending_xref(
        "",
        *children,
        refdomain="fbss_quiz",
        reftype="anchor",
        reftarget=f"{docname}#{anchor}",
        refexplicit=True,
        refwarn=True,
    )


def quiz_domain(env: BuildEnvironment) -> QuizDomain:
    domain = env.domains["fbss_quiz"]
    assert isinstance(domain, QuizDomain)
    return domain


def _enclosing_section(node: nodes.Element) -> nodes.section | None:
    """The section that teaches what the question asks.

    A section that holds nothing but quizzes ("Check yourself") teaches nothing,
    so its parent section (usually the chapter) is taken instead.
    """
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section) and not _only_quizzes(parent):
            return parent
        parent = parent.parent
    return None


def collector_record(quiz: qn.quiz, docname: str, *, web: bool = True) -> CollectorRecord:
    """A review quiz (``:collect:``) as the model sees it. Only the web draws in the
    browser, so elsewhere it never shuffles (static outputs list the first N). The
    practice queue draws on the web too (by the reader's schedule, not at random)."""
    return CollectorRecord(
        docname=docname,
        lineno=quiz.line or 0,
        quiz_id=quiz["ids"][0],
        topics=tuple(quiz["collect"]),
        limit=quiz.get("limit"),
        shuffle=bool(quiz.get("shuffle") or quiz.get("practice")) and web,
        pool=quiz.get("pool"),
    )


def _only_quizzes(section: nodes.section) -> bool:
    body = [c for c in section.children if not isinstance(c, (nodes.title, nodes.target))]
    return bool(body) and all(isinstance(c, qn.quiz) for c in body)


def stem_emphasis(question: qn.question) -> tuple[str, ...]:
    """The words the stem shows in emphasis or bold (a marked "*not*"), folded."""
    stem = question.next_node(qn.question_stem)
    if stem is None:
        return ()
    marked = stem.findall(lambda n: isinstance(n, (nodes.emphasis, nodes.strong)))
    return tuple(sorted(frozenset().union(*(folded_words(n.astext()) for n in marked))))


def quiz_name(quiz: qn.quiz, docname: str) -> str:
    """How an item-review message names a quiz or case: its title and its document."""
    kind = "case" if quiz.get("case") else "quiz"
    title = next((c for c in quiz.children if isinstance(c, nodes.rubric)), None)
    if title is not None:
        return f"the {kind} {title.astext().strip()!r} ({docname})"
    return f"the {kind} at line {quiz.line or 0} of {docname}"


def part_texts(question: qn.question) -> dict[str, str]:
    """The plain text of each part of ``question``, as the page reads it (after the read
    transforms: smart quotes, substitutions), keyed as ``QuestionRecord.with_texts`` takes it."""
    return {key: part.astext().strip() for key, part in qn.question_parts(question)}


class CollectQuestions(SphinxTransform):
    """Complete every question's record and store it in the Domain (read phase): its
    id, document, position, section and the plain text of its parts."""

    default_priority = 880

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        records: list[QuestionRecord] = []
        taken: dict[str, QuestionRecord] = {}
        for question in list(self.document.findall(qn.question)):
            texts = part_texts(question)
            record = qn.record_of(question)
            qid = record.id or derive_question_id(docname, texts.get(STEM, ""), set(taken))
            if qid in taken:
                warn(
                    Subtype.DUPLICATE_ID,
                    f"duplicate question id {qid!r} (first used at line {taken[qid].lineno}): "
                    "give this question another ':id:' (question left out)",
                    question,
                )
                question.parent.remove(question)
                continue
            section = _enclosing_section(question)
            title = section.next_node(nodes.title) if section is not None else None
            record = replace(
                record.with_texts(texts),
                emphasis=stem_emphasis(question),
                id=qid,
                docname=docname,
                lineno=question.line or 0,
                position=len(records) + 1,
                section_title=title.astext().strip() if title is not None else "",
                section_anchor=section["ids"][0] if section is not None and section["ids"] else "",
            )
            question["ids"] = [html_id(qid)]
            # The node carries the complete record: singlehtml resolves all documents in
            # one tree, and review quizzes copy the node.
            question["record"] = record
            taken[qid] = record
            records.append(record)
        domain = quiz_domain(self.env)
        domain.note("questions", docname, records)
        domain.note("collectors", docname, self._collectors(docname))
        practice: list[list[str]] = [
            list(q.get("collect", [])) for q in self.document.findall(qn.quiz) if q.get("practice")
        ]
        domain.note("practice_pages", docname, practice)
        domain.note("quizzes", docname, self._quizzes(docname))
        for kind, node_class in (
            ("key_pages", qn.answer_key),
            ("progress_pages", qn.quiz_progress),
            ("blueprint_pages", qn.quiz_blueprint),
        ):
            domain.note(kind, docname, [n.line or 0 for n in self.document.findall(node_class)])

    def _quizzes(self, docname: str) -> list[tuple[str, list[tuple[str, int]]]]:
        """Each quiz and case with its own questions (id, position), for the item
        review's key positions per quiz."""
        found = []
        for quiz in self.document.findall(qn.quiz):
            members = [
                (record.id, record.position)
                for record in map(qn.record_of, quiz.findall(qn.question))
            ]
            if members:
                found.append((quiz_name(quiz, docname), members))
        return found

    def _collectors(self, docname: str) -> list[CollectorRecord]:
        return [
            collector_record(quiz, docname)
            for quiz in self.document.findall(qn.quiz)
            if quiz.get("collect")
        ]
