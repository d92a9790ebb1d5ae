"""The question bank as the exporters see it: plain data, no docutils.

The builder fills a :class:`Bank` once per format (only the image URLs differ
between formats); each exporter turns it into one file. Everything an exporter
writes is derived from the book, never from the clock or a random source, so
two exports of the same book are byte-identical.
"""

from __future__ import annotations

import hashlib
import html
import re
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fbss_quiz.exporters.source_times import DEFAULT_EPOCH, source_date_epoch
from fbss_quiz.i18n import static_text
from fbss_quiz.kinds import KINDS
from fbss_quiz.model import QuestionRecord, option_letter

#: Where a drop-down (``BLANK``) or a selectable phrase (``PHRASE``) stands in a
#: rendered stem: the marker, the group or option index, ``TOKEN_END``. Private-use
#: characters, which no writer changes; each exporter replaces them (``fill``).
BLANK = "\ue000"
PHRASE = "\ue001"
TOKEN_END = "\ue002"
_TOKEN = re.compile(f"([{BLANK}{PHRASE}])(\\d+){TOKEN_END}")

#: How a format writes a blank (by group) or a phrase (by option index).
Filler = Callable[[int], str]


def fill(markup: str, blank: Filler, phrase: Filler) -> str:
    """``markup`` with every blank and phrase token replaced."""
    return _TOKEN.sub(lambda m: (blank if m.group(1) == BLANK else phrase)(int(m.group(2))), markup)


@dataclass(frozen=True)
class BankQuestion:
    """A question with each part rendered to HTML as it reads on the built page, and
    the words its kind gives its answer (``fbss_quiz/kinds/``)."""

    record: QuestionRecord
    #: The question's section: absolute with ``html_baseurl``, else relative to the site root.
    url: str
    stem_html: str
    options_html: tuple[str, ...]
    rationales_html: tuple[str, ...]
    explanation_html: str
    #: NGN items: the stem as plain text, with the tokens of ``fill``.
    stem_text: str = ""
    #: Per group: the group label as HTML (a matrix row's finding, a blank's name ...).
    group_labels_html: tuple[str, ...] = ()
    #: Per group: a matrix row's rationale as HTML.
    row_rationales_html: tuple[str, ...] = ()
    #: Per group: how readers see it named ("Blank 1", "Condition most likely", a finding).
    group_names: tuple[str, ...] = ()
    #: The answer as the answer key says it, one line per part.
    key_lines: tuple[str, ...] = ()
    #: The heading of each rationale as the answer key says it: per option, and per
    #: matrix row.
    choice_names: tuple[str, ...] = ()
    row_names: tuple[str, ...] = ()
    #: When the question's source last changed, in seconds since the epoch (see
    #: ``source_times``): an Anki note's modification time.
    modified: int = DEFAULT_EPOCH

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def qtype(self) -> str:
        return self.record.qtype

    @property
    def correct(self) -> list[int]:
        return sorted(self.record.correct)

    @property
    def correct_letters(self) -> list[str]:
        return [option_letter(i) for i in self.correct]

    def stem_with(self, blank: Filler, phrase: Filler) -> str:
        """The stem's HTML with blanks and phrases written the format's way."""
        return fill(self.stem_html, blank, phrase)


def kind_problem(question: BankQuestion, fmt: str, no_type: str) -> str | None:
    """Why export format ``fmt`` leaves ``question`` out, or ``None``: the question's kind
    says whether the format can hold it; ``no_type`` (with ``{type}``) is the format's
    own words for "no such question type"."""
    kind = KINDS.get(question.qtype)
    why = kind.unsupported(fmt, question.record) if kind is not None else ""
    if why is None:
        return None
    return no_type.format(type=question.qtype) + (f" ({why})" if why else "")


@dataclass(frozen=True)
class Bank:
    project: str
    version: str
    language: str
    #: Topic id -> label, in the order of ``fbss_quiz_topics``.
    topics: dict[str, str]
    questions: tuple[BankQuestion, ...]
    #: Seconds since the epoch written wherever a format needs a time of the whole
    #: bank (the dates of zip entries).
    timestamp: int
    #: Image file name as the HTML refers to it -> the file in the source tree.
    images: dict[str, Path] = field(default_factory=dict)
    #: The book's blueprint (``fbss_quiz.item_review.blueprint``), as its pages show it.
    blueprint: dict[str, Any] = field(default_factory=dict)

    def stable_id(self, question_id: str, prefix: str = "fbss") -> str:
        """An identifier derived from the book and the question id only.

        The same question keeps it across exports (an LMS updates the item
        instead of adding a copy); two books with a question ``intro`` differ.
        """
        digest = hashlib.sha256(f"{self.project}\n{question_id}".encode()).hexdigest()[:16]
        return f"{prefix}_{digest}"

    def topic_label(self, topic_id: str) -> str:
        return self.topics.get(topic_id, topic_id)


def export_timestamp() -> int:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else a fixed date."""
    return source_date_epoch() or DEFAULT_EPOCH


def write_zip(path: Path, entries: Iterable[tuple[str, bytes]], timestamp: int) -> None:
    """A zip whose bytes depend only on ``entries`` and ``timestamp``."""
    date_time = time.gmtime(max(timestamp, DEFAULT_EPOCH))[:6]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data)


def review_html(question: BankQuestion) -> str:
    """A paragraph linking to the question's section ("Review: Scar tissue")."""
    title = question.record.section_title or question.record.docname
    label = static_text()["review"]
    return (
        f'<p><a href="{html.escape(question.url)}">'
        f"{html.escape(label)} {html.escape(title)}</a></p>"
    )
