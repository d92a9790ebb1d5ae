"""Instructor exports: the question bank as JSON, Moodle GIFT, Canvas QTI and an Anki deck.

``sphinx-build -b quizbank docs out`` writes the files that
``fbss_quiz_export_formats`` names (see ``builder.py``); each format lives in
its own module and reads the same plain :class:`~fbss_quiz.exporters.bank.Bank`.
"""

from __future__ import annotations

from sphinx.application import Sphinx

#: Every format, in the order the files are written.
EXPORT_FORMATS = ("json", "gift", "qti", "anki")


def setup_exporters(app: Sphinx) -> None:
    from fbss_quiz.exporters.builder import QuizBankBuilder

    app.add_builder(QuizBankBuilder)
