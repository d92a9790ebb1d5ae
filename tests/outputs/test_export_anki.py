"""The Anki deck in the real client: the official ``anki`` package, the desktop
app's own importer, with the settings a student gets by default."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
from test_exports import FILES, PUBLISHED

from fbss_quiz.exporters import anki as anki_export

from conftest import missing_tool, run_build, write_project

#: Times after the note type's layout time, as a book written after it has.
COMMITTED = anki_export.LAYOUT_TIME + 1000
EDITED = anki_export.LAYOUT_TIME + 2000


def git(src: Path, *args: str, when: int = COMMITTED) -> None:
    date = f"@{when} +0000"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Author",
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": "Author",
        "GIT_COMMITTER_EMAIL": "author@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=src, env=env, check=True, capture_output=True)


@pytest.fixture
def book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test book, committed to git."""
    if shutil.which("git") is None:
        missing_tool("git", "apt-get install git")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    src = tmp_path / "book"
    write_project(src, FILES, PUBLISHED)
    git(src, "init", "-q")
    git(src, "add", ".")
    git(src, "commit", "-q", "-m", "The book")
    return src


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def export(src: Path, out: Path) -> Path:
    built = run_build(src, "quizbank", builddir=out)
    assert built.warnings == ""
    return built.outdir / "questions.apkg"


def import_deck(col: Collection, deck: Path) -> dict[str, int]:
    """Import as a student does: File > Import with the options Anki offers."""
    options = col._backend.get_import_anki_package_presets()
    # What a new profile offers: update a note when the incoming one is newer.
    assert options == ImportAnkiPackageOptions()
    assert options.update_notes == IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
    log = col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(deck), options=options)
    ).log
    return {
        "new": len(log.new),
        "updated": len(log.updated),
        "unchanged": len(log.duplicate),
        "conflicting": len(log.conflicting),
    }


def notes(col: Collection) -> dict[str, list[str]]:
    """Question id -> the note's fields."""
    out = {}
    for note_id in col.find_notes(""):
        fields = col.get_note(note_id).fields
        out[fields[2]] = fields
    return out


def history(col: Collection) -> dict[int, tuple[int, int, int]]:
    """Card id -> (note id, repetitions, interval): what studying a card builds."""
    return {
        card_id: (card.nid, card.reps, card.ivl)
        for card_id in col.find_cards("")
        for card in [col.get_card(card_id)]
    }


def test_an_edited_rationale_updates_its_note_and_no_other(
    book: Path, collection: Collection, tmp_path: Path
) -> None:
    first = export(book, tmp_path / "first")
    assert import_deck(collection, first) == {
        "new": 3,
        "updated": 0,
        "unchanged": 0,
        "conflicting": 0,
    }
    # The student opens the book's deck and studies every card ("Easy": each goes
    # to review, days away).
    deck_id = collection.decks.id_for_name("Quiz test")
    assert deck_id is not None
    collection.decks.select(deck_id)
    for _ in range(3):
        card = collection.sched.getCard()
        assert card is not None
        collection.sched.answerCard(card, 4)
    studied = history(collection)
    reviews = collection.db.scalar("SELECT count() FROM revlog")
    assert reviews == 3 and all(reps == 1 for _, reps, _ in studied.values())

    # The same sources again: nothing changes.
    assert import_deck(collection, export(book, tmp_path / "same"))["updated"] == 0

    # The author corrects one rationale (not yet committed) and exports again.
    page = book / "quiz.md"
    page.write_text(page.read_text().replace("Why A is wrong.", "Why A is wrong: corrected."))
    os.utime(page, (EDITED, EDITED))
    second = export(book, tmp_path / "second")
    assert import_deck(collection, second) == {
        "new": 0,
        "updated": 1,
        "unchanged": 2,
        "conflicting": 0,
    }
    after = notes(collection)
    assert len(after) == 3  # no copy
    assert "Why A is wrong: corrected." in after["one"][1]
    assert "corrected" not in after["two"][1] + after["three"][1]
    # The cards, and what the student learned on them, stay.
    assert history(collection) == studied
    assert collection.db.scalar("SELECT count() FROM revlog") == reviews

    # Importing the same deck again changes nothing; so does a re-export.
    assert import_deck(collection, second)["updated"] == 0
    again = export(book, tmp_path / "again")
    assert again.read_bytes() == second.read_bytes()

    # Committed, the edited note takes the commit's time: Anki counts it once more
    # as updated, with the same text.
    git(book, "commit", "-q", "-am", "Correct a rationale", when=EDITED + 10)
    assert import_deck(collection, export(book, tmp_path / "committed"))["updated"] == 1
    assert notes(collection) == after
    # A later edit of another question updates that one only.
    page.write_text(page.read_text().replace("Why C.", "Why C: reworded."))
    os.utime(page, (EDITED + 100, EDITED + 100))
    third = export(book, tmp_path / "third")
    assert import_deck(collection, third) == {
        "new": 0,
        "updated": 1,
        "unchanged": 2,
        "conflicting": 0,
    }
    assert "Why C: reworded." in notes(collection)["two"][1]
    assert history(collection) == studied


def test_a_renamed_section_updates_the_notes_that_link_to_it(
    book: Path, collection: Collection, tmp_path: Path
) -> None:
    import_deck(collection, export(book, tmp_path / "first"))
    page = book / "quiz.md"
    page.write_text(page.read_text().replace("## Treatments", "## Treatments that help"))
    os.utime(page, (EDITED, EDITED))
    assert import_deck(collection, export(book, tmp_path / "second"))["updated"] == 1
    assert "Treatments that help" in notes(collection)["three"][1]


def note_times(deck: Path, tmp_path: Path) -> dict[str, int]:
    import sqlite3

    with zipfile.ZipFile(deck) as archive:
        database = tmp_path / "times.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute("SELECT flds, mod FROM notes").fetchall()
    finally:
        connection.close()
    return {fields.split("\x1f")[2]: mod for fields, mod in rows}


def test_source_date_epoch_caps_the_times(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = book / "quiz.md"
    page.write_text(page.read_text().replace("Why A is wrong.", "Why A is wrong: corrected."))
    os.utime(page, (EDITED, EDITED))
    free = note_times(export(book, tmp_path / "free"), tmp_path)
    assert free == {"one": EDITED, "two": COMMITTED, "three": COMMITTED}
    # Clamped to the last commit, as reproducible builds clamp file times.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(COMMITTED))
    capped = note_times(export(book, tmp_path / "capped"), tmp_path)
    assert capped == {"one": COMMITTED, "two": COMMITTED, "three": COMMITTED}


def test_without_git_a_note_follows_its_files_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    src = tmp_path / "plain"
    write_project(src, FILES, PUBLISHED)
    os.utime(src / "quiz.md", (EDITED, EDITED))
    times = note_times(export(src, tmp_path / "out"), tmp_path)
    assert times == {"one": EDITED, "two": EDITED, "three": EDITED}


def test_the_note_type_time_moves_with_its_layout() -> None:
    # Anki keeps a note type's old template and CSS unless the new one is newer:
    # change LAYOUT_TIME with them, then record the new digest here.
    assert anki_export.layout_digest() == anki_export.LAYOUT_DIGEST
