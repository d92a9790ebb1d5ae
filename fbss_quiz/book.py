"""The book as a whole: reading order, numbering, duplicates, review quizzes, keys.

Everything here is derived in ``env-updated``, after every document has been
read (and, in a parallel build, merged), from the per-document records of the
domain. It is recomputed on every build, so serial, parallel and incremental
builds agree. Pages that show something from other documents are written again
when that something changed, even if their own source did not.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from fbss_quiz.collector import quiz_domain
from fbss_quiz.config import conf_location
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.model import QuestionRecord, question_number


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
    return seen + sorted(set(env.found_docs) - set(seen))


def _owners(env: BuildEnvironment, order: list[str]) -> dict[str, tuple[str, int]]:
    """Which occurrence of each id wins: the first in reading order."""
    domain = quiz_domain(env)
    owners: dict[str, tuple[str, int]] = {}
    for docname in order:
        for record in domain.questions.get(docname, []):
            if record.id not in owners:
                owners[record.id] = (docname, record.position)
                continue
            warn(
                Subtype.DUPLICATE_ID,
                f"duplicate question id {record.id!r}: it is already used in "
                f"{env.doc2path(owners[record.id][0])}, which comes first in the book; give "
                "this question another ':id:' (question left out)",
                (docname, record.lineno),
            )
    return owners


def _numbers(
    env: BuildEnvironment, order: list[str], winners: list[QuestionRecord]
) -> dict[str, str]:
    """``Question C.N``: C is the document's place in the book (the root is 0),
    N counts the questions in that document."""
    chapter_of = {docname: index for index, docname in enumerate(order)}
    counts: dict[str, int] = {}
    numbers = {}
    for record in winners:
        counts[record.docname] = counts.get(record.docname, 0) + 1
        numbers[record.id] = question_number(chapter_of[record.docname], counts[record.docname])
    return numbers


def _check_collectors(env: BuildEnvironment, winners: list[QuestionRecord]) -> None:
    for collectors in quiz_domain(env).entries("collectors").values():
        for collector in collectors:
            if collector.topics and not any(collector.matches(r) for r in winners):
                warn(
                    Subtype.COLLECT,
                    f"':collect: {' '.join(collector.topics)}' matches no question in the "
                    "book: tag questions with ':topic:' or collect other topics",
                    (collector.docname, collector.lineno),
                )


def _check_key_pages(app: Sphinx, env: BuildEnvironment, order: list[str]) -> None:
    domain = quiz_domain(env)
    pages = domain.entries("key_pages")
    placed = [(d, line) for d in order for line in pages.get(d, [])]
    for docname, line in placed[1:]:
        first_doc, first_line = placed[0]
        warn(
            Subtype.ANSWER_KEY,
            f"the answer key is already placed at {env.doc2path(first_doc)}:{first_line}; "
            "keep one '{answer-key}' in the book",
            (docname, line),
        )
    if app.config.fbss_quiz_answer_key == "book" and not placed and domain.questions:
        warn(
            Subtype.ANSWER_KEY,
            "fbss_quiz_answer_key = 'book' but no page holds an '{answer-key}' directive: "
            "add one (e.g. on an 'Answers' page at the end of the book), or use 'chapter'",
            conf_location(app.confdir, "fbss_quiz_answer_key"),
        )


def fingerprint(value: Any) -> str:
    return hashlib.sha1(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _shown(app: Sphinx, env: BuildEnvironment, winners: list[QuestionRecord]) -> dict[str, str]:
    """What each page shows from the rest of the book, as a fingerprint."""
    domain = quiz_domain(env)
    numbers = domain.data["numbers"]
    as_shown = {r.id: dict(r.as_dict(), number=numbers[r.id]) for r in winners}
    everything = list(as_shown.values())
    key_page = domain.key_page()
    shown: dict[str, Any] = {}
    for docname, records in domain.questions.items():
        shown[docname] = [
            (r.id, numbers.get(r.id), domain.owns(docname, r.position, r.id)) for r in records
        ] + [app.config.fbss_quiz_answer_key, key_page]
    for docname, collectors in domain.entries("collectors").items():
        picked = [[as_shown[r.id] for r in winners if c.matches(r)] for c in collectors]
        shown[docname] = [shown.get(docname), picked, key_page]
    for kind in ("key_pages", "progress_pages"):
        for docname in domain.entries(kind):
            # The progress page also links to the practice queue.
            shown[docname] = [shown.get(docname), kind, everything, domain.practice_page()]
    return {docname: fingerprint(value) for docname, value in shown.items()}


def settle_book(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: order, owners and numbers; warnings that need the whole
    book; and the pages to write again because what they show has changed."""
    domain = quiz_domain(env)
    order = reading_order(env)
    domain.data["order"] = order
    domain.data["owners"] = _owners(env, order)
    winners = domain.in_book_order()
    domain.data["numbers"] = _numbers(env, order, winners)
    _check_collectors(env, winners)
    _check_key_pages(app, env, order)
    before = domain.data.get("shown", {})
    shown = _shown(app, env, winners)
    domain.data["shown"] = shown
    return sorted(d for d, mark in shown.items() if before.get(d) != mark and d in env.all_docs)
