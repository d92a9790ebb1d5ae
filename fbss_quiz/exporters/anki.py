"""``questions.apkg``: an Anki deck made with genanki, one note per question.

The front holds the stem and the lettered options, the back the answer, a
rationale per option, the explanation and a link to the section; tags come from
the topics. The note's guid, the deck's and the note type's ids derive from the
book and the question ids, so a re-import updates the notes. genanki's own
``write_to_file`` stamps the zip with the clock; the collection is written with
the export's fixed timestamp and zipped here instead.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from fbss_quiz.exporters.bank import Bank, BankQuestion, review_html, write_zip
from fbss_quiz.i18n import static_text
from fbss_quiz.model import option_letter

FILENAME = "questions.apkg"
SUPPORTED_TYPES = frozenset({"single", "multiple"})
FIELDS = ["Question", "Answer", "Id"]
CSS = """\
.card { font-family: sans-serif; font-size: 18px; text-align: left; color: black;
  background-color: white; max-width: 40em; margin: 0 auto; }
.fbss-options { list-style-type: upper-alpha; }
.fbss-right { color: #1b5e20; } .fbss-wrong { color: #8e1b1b; }
.nightMode .fbss-right { color: #8fd694; } .nightMode .fbss-wrong { color: #f1a1a1; }
"""


def available() -> bool:
    return importlib.util.find_spec("genanki") is not None


def image_url(baseurl: str) -> Any:
    # Anki keeps a deck's media in one flat folder, by file name.
    return lambda name: name


def unsupported(question: BankQuestion) -> str | None:
    if question.qtype not in SUPPORTED_TYPES:
        return f"the Anki note type has no layout for question type {question.qtype!r}"
    return None


def _number(*parts: str) -> int:
    """A positive id Anki can store, from text only."""
    digest = hashlib.sha256("\n".join(parts).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def front(question: BankQuestion, text: dict[str, str]) -> str:
    items = "".join(f"<li>{option}</li>" for option in question.options_html)
    hint = ""
    if question.qtype == "multiple":
        hint = f"<p><em>{html.escape(text['select_all'])}</em></p>"
    return (
        f'<div class="fbss-stem">{question.stem_html}</div>{hint}'
        f'<ol class="fbss-options" type="A">{items}</ol>'
    )


def back(question: BankQuestion, text: dict[str, str]) -> str:
    letters = ", ".join(question.correct_letters)
    lead = text["answers"] if len(question.correct) > 1 else text["answer"]
    parts = [f"<p><strong>{html.escape(lead)}</strong> {html.escape(letters)}</p>"]
    for index, option in enumerate(question.record.options):
        verdict = text["right_option"] if option.correct else text["wrong_option"]
        css = "fbss-right" if option.correct else "fbss-wrong"
        parts.append(
            f'<div class="fbss-rationale"><p class="{css}"><strong>'
            f"{option_letter(index)}. {html.escape(verdict)}.</strong></p>"
            f"{question.rationales_html[index]}</div>"
        )
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
        templates=[
            {
                "name": "Question",
                "qfmt": "{{Question}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}',
            }
        ],
        css=CSS,
    )
    deck = genanki.Deck(_number("fbss_quiz deck", bank.project), " ".join(bank.project.split()))
    for question in bank.questions:
        note = genanki.Note(
            model=model,
            fields=[front(question, text), back(question, text), html.escape(question.id)],
            guid=genanki.guid_for(bank.project, question.id),
            tags=list(question.record.topics),
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
            package.write_to_db(cursor, bank.timestamp, _ids(bank.timestamp))
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
