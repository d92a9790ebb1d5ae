"""Instructor exports: the question bank as JSON, Moodle GIFT, Canvas QTI and an Anki deck.

``sphinx-build -b quizbank docs out`` writes the files that
``fbss_quiz_export_formats`` names (see ``builder.py``). Each format is one module
with an :class:`Exporter`, registered in ``EXPORTERS``; each reads the same plain
:class:`~fbss_quiz.exporters.bank.Bank`, and asks a question's kind
(``fbss_quiz/kinds/``) whether the format can hold it and how it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sphinx.application import Sphinx

if TYPE_CHECKING:
    from fbss_quiz.exporters.bank import Bank, BankQuestion


class Exporter(Protocol):
    """One export format."""

    #: Its name in ``fbss_quiz_export_formats``.
    name: str
    #: The file it writes into the output folder.
    filename: str
    #: The builder copies the images the questions use into ``_images/`` beside it.
    images_beside: bool

    def available(self) -> str | None:
        """``None`` when it can write, else why not (a missing dependency)."""

    def image_url(self, baseurl: str) -> Callable[[str], str]:
        """How a page's image (by file name) is addressed in this format."""

    def unsupported(self, question: BankQuestion) -> str | None:
        """Why ``question`` is left out of this format, or ``None``."""

    def write(self, bank: Bank, path: Path) -> None: ...


# After the protocol: each format's module imports the bank, which imports the kinds.
from fbss_quiz.exporters import anki, gift, json_export, qti  # noqa: E402

#: THE registry of formats, in the order the files are written.
EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (json_export.EXPORTER, gift.EXPORTER, qti.EXPORTER, anki.EXPORTER)
}
EXPORT_FORMATS = tuple(EXPORTERS)


def setup_exporters(app: Sphinx) -> None:
    from fbss_quiz.exporters.builder import QuizBankBuilder

    app.add_builder(QuizBankBuilder)
