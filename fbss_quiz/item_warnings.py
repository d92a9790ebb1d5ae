"""Item review in the build: every rule over the book, once per build, after reading.

``fbss_quiz/item_review.py`` holds the rules; this runs them in ``env-updated``, after
``settle_book`` has ordered the book and settled which occurrence of each id counts.
Whatever the build (serial, parallel, incremental), the records are the same and so
are the warnings: every build reviews the whole book, not only the pages it re-read.

Only the rules that ``fbss_quiz_item_review`` turns on are warned about, each at its
question's ``file:line`` with subtype ``fbss_quiz.<rule>`` (so ``suppress_warnings``
silences one). The findings of every rule are kept for the blueprint and
``questions.json``, which count what each rule flags whether it warns or not.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from fbss_quiz.book import fingerprint
from fbss_quiz.collector import QuizDomain, quiz_domain
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.item_review import (
    ReviewSettings,
    blueprint,
    enabled_rules,
    review_bank,
)


def review_settings(config: Config) -> ReviewSettings:
    return ReviewSettings(
        language=config.language,
        rationale_min_words=config.fbss_quiz_rationale_min_words,
        # fbss_quiz.no-rationale already reports a missing one.
        report_missing_rationales=not config.fbss_quiz_require_rationale,
    )


def quiz_members(domain: QuizDomain) -> dict[str, list[str]]:
    """Each quiz's and case's own questions (those that own their id), in book order."""
    members: dict[str, list[str]] = defaultdict(list)
    quizzes = domain.entries("quizzes")
    for docname in domain.book_order():
        for name, questions in quizzes.get(docname, []):
            members[name] += [q for q, position in questions if domain.owns(docname, position, q)]
    return dict(members)


def book_blueprint(config: Config, env: BuildEnvironment) -> dict[str, Any]:
    """Review the whole book and keep (and return) its blueprint, with the findings of
    every rule it counts."""
    domain = quiz_domain(env)
    records = domain.in_book_order()
    findings = review_bank(records, quizzes=quiz_members(domain), settings=review_settings(config))
    domain.data["findings"] = findings
    table = blueprint(records, findings, topics=list(config.fbss_quiz_topics))
    domain.data["blueprint"] = table
    return table


def review_book(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Review the book, warn about the enabled rules, and keep the findings and the
    blueprint; returns the blueprint pages to write again when the blueprint changed.

    A book that neither warns nor shows a blueprint pays nothing for the review (the
    quizbank builder works its blueprint out when it writes ``questions.json``)."""
    domain = quiz_domain(env)
    enabled, _ = enabled_rules(app.config.fbss_quiz_item_review)
    pages = sorted(d for d in domain.entries("blueprint_pages") if d in env.all_docs)
    before = domain.data.get("blueprint") or None
    if not enabled and not pages:
        domain.data["findings"], domain.data["blueprint"] = [], {}
        return []
    table = book_blueprint(app.config, env)
    for finding in domain.data["findings"]:
        if finding.rule in enabled:
            warn(Subtype(finding.rule), finding.message, finding.location)
    if before is not None and fingerprint(before) == fingerprint(table):
        return []
    return pages
