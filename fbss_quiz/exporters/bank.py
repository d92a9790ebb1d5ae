"""The question bank as the exporters see it: plain data, no docutils.

The builder fills a :class:`Bank` once per format (only the image URLs differ
between formats); each exporter turns it into one file. Everything an exporter
writes is derived from the book, never from the clock or a random source, so
two exports of the same book are byte-identical.
"""

from __future__ import annotations

import hashlib
import html
import os
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fbss_quiz.i18n import static_text
from fbss_quiz.model import QuestionRecord, option_letter

#: 1980-01-01, the earliest time a zip entry can carry: the default when
#: ``SOURCE_DATE_EPOCH`` is not set.
DEFAULT_EPOCH = 315532800


@dataclass(frozen=True)
class BankQuestion:
    """A question with each part rendered to HTML as it reads on the built page."""

    record: QuestionRecord
    #: The question's section: absolute with ``html_baseurl``, else relative to the site root.
    url: str
    stem_html: str
    options_html: tuple[str, ...]
    rationales_html: tuple[str, ...]
    explanation_html: str

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def qtype(self) -> str:
        return str(self.record.qtype)

    @property
    def correct(self) -> list[int]:
        return sorted(self.record.correct)

    @property
    def correct_letters(self) -> list[str]:
        return [option_letter(i) for i in self.correct]


@dataclass(frozen=True)
class Bank:
    project: str
    version: str
    language: str
    #: Topic id -> label, in the order of ``fbss_quiz_topics``.
    topics: dict[str, str]
    questions: tuple[BankQuestion, ...]
    #: Seconds since the epoch written wherever a format needs a time.
    timestamp: int
    #: Image file name as the HTML refers to it -> the file in the source tree.
    images: dict[str, Path] = field(default_factory=dict)

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
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return max(int(value), DEFAULT_EPOCH)
    return DEFAULT_EPOCH


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
