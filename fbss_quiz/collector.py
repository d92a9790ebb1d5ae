"""Record every question while documents are read, for the whole book to use.

Records live in a Domain, per document, with ``clear_doc`` and
``merge_domaindata``: incremental and parallel builds keep exactly the records of
the documents as they are now. Anything computed across documents (which
occurrence of a duplicated id wins, the book's reading order) is derived after
reading, in ``env-updated``, never stored during writing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from docutils import nodes
from docutils.nodes import make_id
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.model import (
    OptionRecord,
    QuestionRecord,
    QuestionType,
    derive_question_id,
)


def html_id(question_id: str) -> str:
    """An HTML id for a question id; ids that ``make_id`` would alter get a hash
    so that two ids differing only in case or punctuation stay distinct."""
    slug = make_id(question_id)
    if slug != question_id:
        slug = f"{slug}-{hashlib.sha1(question_id.encode()).hexdigest()[:6]}"
    return f"q-{slug}"


class QuizDomain(Domain):
    """Holds the question records; it defines no roles or objects of its own."""

    name = "fbss_quiz"
    label = "Quiz"
    #: Bump when QuestionRecord changes, so old pickled environments are discarded.
    data_version = 1
    initial_data = {
        "questions": {},  # docname -> list[QuestionRecord] in document order
        "order": [],  # docnames in the book's reading order (set after reading)
        "owners": {},  # question id -> (docname, position) of the occurrence that wins
    }

    @property
    def questions(self) -> dict[str, list[QuestionRecord]]:
        return self.data.setdefault("questions", {})

    def clear_doc(self, docname: str) -> None:
        self.questions.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["questions"]:
                self.questions[docname] = otherdata["questions"][docname]

    def note_questions(self, docname: str, records: list[QuestionRecord]) -> None:
        if records:
            self.questions[docname] = records
        else:
            self.questions.pop(docname, None)

    def book_order(self) -> list[str]:
        return list(self.data.get("order", []))

    def in_book_order(self) -> Iterator[QuestionRecord]:
        """Every question that owns its id, in reading order."""
        owners = self.data.get("owners", {})
        for docname in self.book_order():
            for record in self.questions.get(docname, []):
                if owners.get(record.id) == (docname, record.position):
                    yield record

    def owns(self, docname: str, position: int, question_id: str) -> bool:
        owner = self.data.get("owners", {}).get(question_id)
        return owner is None or owner == (docname, position)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def quiz_domain(env: BuildEnvironment) -> QuizDomain:
    domain = env.domains["fbss_quiz"]
    assert isinstance(domain, QuizDomain)
    return domain


def _text(node: nodes.Node | None) -> str:
    return node.astext().strip() if node is not None else ""


def _enclosing_section(node: nodes.Element) -> nodes.section | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


class CollectQuestions(SphinxTransform):
    """Give every question its id and record it (read phase)."""

    default_priority = 880

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        records: list[QuestionRecord] = []
        taken: dict[str, QuestionRecord] = {}
        for quiz_number, quiz in enumerate(self.document.findall(qn.quiz), start=1):
            quiz["ids"] = [make_id(f"quiz-{docname}-{quiz_number}")]
            for title in quiz.findall(nodes.rubric):
                title["ids"] = [quiz["ids"][0] + "-title"]
                break
        for question in list(self.document.findall(qn.question)):
            stem = next(iter(question.findall(qn.question_stem)), None)
            if not question["qid"]:
                question["qid"] = derive_question_id(docname, _text(stem), set(taken))
            qid = question["qid"]
            if qid in taken:
                first = taken[qid]
                warn(
                    Subtype.DUPLICATE_ID,
                    f"duplicate question id {qid!r} (first used at line {first.lineno}): "
                    "give this question another ':id:' (question left out)",
                    question,
                )
                question.parent.remove(question)
                continue
            question["ids"] = [html_id(qid)]
            # Kept on the node: singlehtml resolves all documents in one tree.
            question["docname"] = docname
            question["position"] = len(records) + 1
            record = self._record(docname, question, len(records) + 1)
            taken[qid] = record
            records.append(record)
        quiz_domain(self.env).note_questions(docname, records)

    def _record(self, docname: str, question: qn.question, position: int) -> QuestionRecord:
        section = _enclosing_section(question)
        title = section.next_node(nodes.title) if section is not None else None
        rationales = {int(r["index"]): _text(r) for r in question.findall(qn.option_rationale)}
        options = tuple(
            OptionRecord(_text(o), bool(o["correct"]), rationales.get(int(o["index"]), ""))
            for o in question.findall(qn.question_option)
        )
        return QuestionRecord(
            id=question["qid"],
            docname=docname,
            lineno=question.line or 0,
            position=position,
            qtype=QuestionType(question["qtype"]),
            stem=_text(next(iter(question.findall(qn.question_stem)), None)),
            options=options,
            explanation=_text(next(iter(question.findall(qn.question_explanation)), None)),
            topics=tuple(question["topics"]),
            section_title=_text(title),
            section_anchor=section["ids"][0] if section is not None and section["ids"] else "",
        )


def reading_order(env: BuildEnvironment) -> list[str]:
    """Documents in the order a reader meets them: the root toctree, depth first,
    then any document outside it, by name."""
    seen: list[str] = []
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in env.found_docs:
            continue
        seen.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    rest = sorted(set(env.found_docs) - set(seen))
    return seen + rest


def settle_book(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: fix the reading order and which occurrence owns each id.

    Runs on every build, serial, parallel or incremental, on the merged records,
    so the first occurrence in reading order always wins. Documents that hold a
    losing duplicate are written again so their page drops it.
    """
    domain = quiz_domain(env)
    order = reading_order(env)
    domain.data["order"] = order
    owners: dict[str, tuple[str, int]] = {}
    losers: set[str] = set()
    for docname in order:
        for record in domain.questions.get(docname, []):
            if record.id not in owners:
                owners[record.id] = (docname, record.position)
                continue
            first_doc, _ = owners[record.id]
            warn(
                Subtype.DUPLICATE_ID,
                f"duplicate question id {record.id!r}: it is already used in "
                f"{env.doc2path(first_doc)}, which comes first in the book; give this "
                "question another ':id:' (question left out)",
                (docname, record.lineno),
            )
            losers.add(docname)
    domain.data["owners"] = owners
    return sorted(losers)


class DropDuplicateQuestions(SphinxPostTransform):
    """Leave out every question that lost its id to an earlier occurrence."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = quiz_domain(self.env)
        for question in list(self.document.findall(qn.question)):
            if not domain.owns(question["docname"], question["position"], question["qid"]):
                question.parent.remove(question)
