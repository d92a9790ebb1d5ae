"""``questions.apkg``: an Anki deck made with genanki, one note per question.

The front holds the stem and the lettered options, the back the answer, a
rationale per option, the explanation and a link to the section; tags come from
the topics (and ``step::<step>`` for a clinical-judgment step). A Next
Generation NCLEX item is a note too: its front shows the item as the static
outputs do (blanks as "[Blank 1]", phrases in [brackets], a matrix as a table,
steps shuffled, the bow-tie's three lists), its back the answer key's lines, a
rationale per row or choice, the explanation and the link. The note's guid,
the deck's and the note type's ids derive from the book and the question ids,
so a re-import finds the notes it made before.

Anki's importer (by default, "update if newer") replaces a note it has only
when the incoming note's modification time is later than its own, and compares
nothing else. So each note carries the time its question's source last changed
(``BankQuestion.modified``, see ``source_times``), never the clock: an edited
question reaches every student who imports the new deck, the other notes stay
as they are (and are counted as unchanged), and two exports of the same
sources are byte-identical. The note type carries ``LAYOUT_TIME``. genanki's
own ``write_to_file`` stamps the zip with the clock; the collection is written
here and zipped with the export's fixed timestamp instead.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fbss_quiz.exporters.bank import Bank, BankQuestion, kind_problem, review_html, write_zip
from fbss_quiz.exporters.source_times import clamp
from fbss_quiz.i18n import static_text
from fbss_quiz.kinds import KINDS

FILENAME = "questions.apkg"
FIELDS = ["Question", "Answer", "Id"]
TEMPLATE = {
    "name": "Question",
    "qfmt": "{{Question}}",
    "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}',
}
CSS = """\
.card { font-family: sans-serif; font-size: 18px; text-align: left; color: black;
  background-color: white; max-width: 40em; margin: 0 auto; }
.fbss-options { list-style-type: upper-alpha; }
.fbss-right { color: #1b5e20; } .fbss-wrong { color: #8e1b1b; }
.nightMode .fbss-right { color: #8fd694; } .nightMode .fbss-wrong { color: #f1a1a1; }
.fbss-matrix { border-collapse: collapse; } .fbss-matrix th, .fbss-matrix td {
  border: 1px solid currentColor; padding: 0.2em 0.5em; }
"""


#: When the cards' layout (the note type's template and CSS above, and the HTML
#: that ``front`` and ``back`` write) last changed. Anki takes a new note type and
#: re-laid-out notes only with a later time: move it to the present (``date +%s``)
#: with every change of layout. A note's time is never earlier than this.
LAYOUT_TIME = 1795694400  # 2026-11-26
#: ``LAYOUT_TIME`` belongs to this note type; tests/outputs/test_export_anki.py checks it.
LAYOUT_DIGEST = "eb73f5259bc1ff54"


def layout_digest() -> str:
    """A digest of the note type, to notice a change that forgot ``LAYOUT_TIME``."""
    text = json.dumps([FIELDS, TEMPLATE, CSS], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def available() -> bool:
    return importlib.util.find_spec("genanki") is not None


def image_url(baseurl: str) -> Callable[[str], str]:
    # Anki keeps a deck's media in one flat folder, by file name.
    return lambda name: name


def unsupported(question: BankQuestion) -> str | None:
    return kind_problem(
        question, "anki", "the Anki note type has no layout for question type {type!r}"
    )


def _number(*parts: str) -> int:
    """A positive id Anki can store, from text only."""
    digest = hashlib.sha256("\n".join(parts).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def tags(question: BankQuestion) -> list[str]:
    record = question.record
    return [*record.topics, *([f"step::{record.step}"] if record.step else [])]


def _context(question: BankQuestion) -> str:
    """The case study and the clinical-judgment step above the question."""
    lines = []
    record = question.record
    if record.case_title:
        lines.append(f'<p class="fbss-case"><em>{html.escape(record.case_title)}</em></p>')
    if record.step:
        label = static_text()["step_" + record.step.replace("-", "_")]
        lines.append(f'<p class="fbss-step">{html.escape(label)}</p>')
    return "".join(lines)


def front(question: BankQuestion, text: dict[str, str]) -> str:
    """The case and step, then the question as its kind shows it on paper."""
    return _context(question) + KINDS[question.qtype].anki_front(question, text)


def back(question: BankQuestion, text: dict[str, str]) -> str:
    """The answer and each rationale (its kind's words), the explanation, the link."""
    parts = [KINDS[question.qtype].anki_back(question, text)]
    if question.explanation_html:
        parts.append(f'<div class="fbss-explanation">{question.explanation_html}</div>')
    parts.append(review_html(question))
    return "".join(parts)


def write(bank: Bank, path: Path) -> None:
    import genanki

    text = static_text()
    model = genanki.Model(
        _number("fbss_quiz note type", "1"),
        "fbss_quiz question",
        fields=[{"name": name} for name in FIELDS],
        # genanki adds keys to the template it is given.
        templates=[dict(TEMPLATE)],
        css=CSS,
    )
    deck = genanki.Deck(_number("fbss_quiz deck", bank.project), " ".join(bank.project.split()))
    modified: dict[str, int] = {}
    layout = clamp(LAYOUT_TIME)
    for question in bank.questions:
        modified[genanki.guid_for(bank.project, question.id)] = max(question.modified, layout)
        note = genanki.Note(
            model=model,
            fields=[front(question, text), back(question, text), html.escape(question.id)],
            guid=genanki.guid_for(bank.project, question.id),
            tags=tags(question),
        )
        deck.add_note(note)
    shown = "".join(note.fields[0] + note.fields[1] for note in deck.notes)
    used = sorted(name for name in bank.images if f'src="{html.escape(name)}"' in shown)
    package = genanki.Package(deck)
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            cursor = connection.cursor()
            # Everything at the note type's time, then each note (and its card) at its own.
            package.write_to_db(cursor, layout, _ids(bank.timestamp))
            for guid, seconds in modified.items():
                cursor.execute("UPDATE notes SET mod = ? WHERE guid = ?", (seconds, guid))
                cursor.execute(
                    "UPDATE cards SET mod = ? WHERE nid = (SELECT id FROM notes WHERE guid = ?)",
                    (seconds, guid),
                )
            connection.commit()
        finally:
            connection.close()
        entries = [("collection.anki2", database.read_bytes())]
    entries.append(("media", json.dumps({str(i): n for i, n in enumerate(used)}).encode()))
    entries += [(str(i), bank.images[name].read_bytes()) for i, name in enumerate(used)]
    write_zip(path, entries, bank.timestamp)


def _ids(timestamp: int) -> Any:
    import itertools

    return itertools.count(timestamp * 1000)


class AnkiExporter:
    name = "anki"
    filename = FILENAME
    images_beside = False

    def available(self) -> str | None:
        if available():
            return None
        return (
            "questions.apkg not written: the Anki export needs genanki; install it with "
            "pip install 'fbss-quiz[export]' (or pip install genanki)"
        )

    def image_url(self, baseurl: str) -> Callable[[str], str]:
        return image_url(baseurl)

    def unsupported(self, question: BankQuestion) -> str | None:
        return unsupported(question)

    def write(self, bank: Bank, path: Path) -> None:
        write(bank, path)


EXPORTER = AnkiExporter()
