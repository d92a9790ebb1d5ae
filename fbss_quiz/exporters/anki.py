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
from pathlib import Path
from typing import Any

from fbss_quiz.exporters.bank import Bank, BankQuestion, review_html, write_zip
from fbss_quiz.exporters.source_times import clamp
from fbss_quiz.i18n import static_text
from fbss_quiz.model import QuestionType, option_letter

FILENAME = "questions.apkg"
#: A note holds every type the book writes.
SUPPORTED_TYPES = frozenset(str(t) for t in QuestionType)
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
#: ``LAYOUT_TIME`` belongs to this note type; tests/test_export_anki.py checks it.
LAYOUT_DIGEST = "eb73f5259bc1ff54"


def layout_digest() -> str:
    """A digest of the note type, to notice a change that forgot ``LAYOUT_TIME``."""
    text = json.dumps([FIELDS, TEMPLATE, CSS], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


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


def tags(question: BankQuestion) -> list[str]:
    record = question.record
    return [*record.topics, *([f"step::{record.step}"] if record.step else [])]


def _lettered(items: list[str]) -> str:
    return '<ol class="fbss-options" type="A">' + "".join(f"<li>{i}</li>" for i in items) + "</ol>"


def item_front(question: BankQuestion, text: dict[str, str]) -> str:
    """An NGN item as the ePub and PDF show it, to answer in one's head."""
    record = question.record
    qtype = question.qtype
    stem = question.stem_with(
        lambda g: f"<strong>[{html.escape(question.group_name(g))}]</strong>",
        lambda i: f"[{question.options_html[i]}]",
    )
    hint = text["hint_" + qtype.replace("-", "_")]
    parts = [f'<div class="fbss-stem">{stem}</div><p><em>{html.escape(hint)}</em></p>']
    groups = question.group_indices()
    if qtype in ("matrix", "matrix-multiple"):
        mark = "[ ]" if qtype == "matrix-multiple" else "( )"
        head = "".join(f"<th>{html.escape(c)}</th>" for c in question.columns)
        rows = "".join(
            f'<tr><th scope="row">{question.group_labels_html[g]}</th>'
            + f"<td>{mark}</td>" * len(question.columns)
            + "</tr>"
            for g in range(len(groups))
        )
        parts.append(
            f'<table class="fbss-matrix"><thead><tr><th>{html.escape(text["finding"])}</th>'
            f"{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
    elif qtype == "ordering":
        order = list(question.display) or groups[0]
        parts.append(_lettered([question.options_html[i] for i in order]))
    elif qtype in ("cloze", "bowtie"):
        for g, indices in enumerate(groups):
            name = question.group_name(g)
            if qtype == "bowtie":
                name += " " + text["choose_n"].format(n=len(record.groups[g].correct))
            parts.append(f"<p><strong>{html.escape(name)}</strong></p>")
            parts.append(_lettered([question.options_html[i] for i in indices]))
    return "".join(parts)


def item_back(question: BankQuestion, text: dict[str, str]) -> str:
    """The answer key's lines, every rationale under its heading, the explanation."""
    lines = list(question.key_lines) or [""]
    parts = [f"<p><strong>{html.escape(text['answer'])}</strong> {html.escape(lines[0])}</p>"]
    parts += [f"<p>{html.escape(line)}</p>" for line in lines[1:]]
    if question.qtype in ("matrix", "matrix-multiple"):
        named = zip(question.row_names, question.row_rationales_html, strict=True)
    else:
        named = zip(question.choice_names, question.rationales_html, strict=True)
    for name, rationale in named:
        if not rationale:
            continue
        parts.append(
            f'<div class="fbss-rationale"><p><strong>{html.escape(name)}.</strong></p>'
            f"{rationale}</div>"
        )
    if question.explanation_html:
        parts.append(f'<div class="fbss-explanation">{question.explanation_html}</div>')
    parts.append(review_html(question))
    return "".join(parts)


def _context(question: BankQuestion) -> str:
    """The case study and the clinical-judgment step above the question."""
    lines = []
    if question.case_title:
        lines.append(f'<p class="fbss-case"><em>{html.escape(question.case_title)}</em></p>')
    step = question.record.step
    if step:
        label = static_text()["step_" + step.replace("-", "_")]
        lines.append(f'<p class="fbss-step">{html.escape(label)}</p>')
    return "".join(lines)


def front(question: BankQuestion, text: dict[str, str]) -> str:
    if question.is_item:
        return _context(question) + item_front(question, text)
    items = "".join(f"<li>{option}</li>" for option in question.options_html)
    hint = ""
    if question.qtype == "multiple":
        hint = f"<p><em>{html.escape(text['select_all'])}</em></p>"
    return (
        f'{_context(question)}<div class="fbss-stem">{question.stem_html}</div>{hint}'
        f'<ol class="fbss-options" type="A">{items}</ol>'
    )


def back(question: BankQuestion, text: dict[str, str]) -> str:
    if question.is_item:
        return item_back(question, text)
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
