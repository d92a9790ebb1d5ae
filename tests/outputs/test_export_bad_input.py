"""Bad input in the exports: control characters, text that Moodle's GIFT import
would take for syntax, and exports that must not depend on what was built before."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest
from test_exports import (
    FILES,
    FILES_OUT,
    PUBLISHED,
    bank_json,
    gift_unescape,
    parse_gift,
    qti_items,
    text_of,
)

from conftest import Built, run_build, write_project

CONTROL_PAGE = """
# Scar tissue

:::{question}
:id: control
A stem with a bell\x07 and an escape\x1b.

- [x] Right\x1fone
  Because\x1f it is.
- [ ] Wrong
  Because\x08 not.

The explanation\x0e.
:::

:::{question}
:id: clean
A clean stem.

- [x] Right
  Because.
- [ ] Wrong
  Because not.
:::
"""
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def fbss_lines(built: Built) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", built.warnings)
    return [line for line in plain.splitlines() if "[fbss_quiz." in line]


def test_control_characters_never_reach_an_export(
    build: Callable[..., Built], tmp_path: Path
) -> None:
    built = build({"index.md": CONTROL_PAGE}, conf=PUBLISHED, builder="quizbank")
    # Once, at the question, however many files are written.
    assert fbss_lines(built) == [
        f"{built.srcdir / 'index.md'}:3: WARNING: question 'control' contains the control "
        "character(s) U+0007, U+001B, U+001F, U+0008, U+000E, which an LMS or Anki refuses "
        "(Canvas rejects the whole QTI package, Anki the whole deck); each is a space in the "
        "exports: delete it from the source [fbss_quiz.export-control-character]"
    ]
    out = built.outdir
    for name in FILES_OUT:
        data = (out / name).read_bytes()
        if name.endswith(".zip") or name.endswith(".apkg"):
            with zipfile.ZipFile(out / name) as archive:
                data = b"".join(
                    archive.read(n) for n in archive.namelist() if n != "collection.anki2"
                )
        assert not CONTROL.search(data.decode("utf-8", errors="replace")), name
    (control, _) = bank_json(built)["questions"]
    assert control["options"][0]["text"] == "Right one"
    assert control["explanation"]["text"] == "The explanation ."
    # Canvas: every XML file of the package is well-formed.
    with zipfile.ZipFile(out / "questions-qti.zip") as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                ET.fromstring(archive.read(name))
    assert set(qti_items(out / "questions-qti.zip")) == {"control", "clean"}
    # Moodle reads both questions, the words apart.
    gift = {q.title: q for q in parse_gift(out / "questions.gift")}
    assert text_of(gift_unescape(gift["control"].answers.answers[0].answer)) == "Right one"
    # Anki takes the whole deck, each note with its three fields.
    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        log = col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(out / "questions.apkg"))
        ).log
        assert len(log.new) == 2
        fields = {col.get_note(n).fields[2]: col.get_note(n).fields for n in col.find_notes("")}
        assert "Right one" in text_of(fields["control"][0])
        assert all(not CONTROL.search(field) for note in fields.values() for field in note)
    finally:
        col.close()


PERCENT_PAGE = """
# Grades

:::{question}
:id: percent
Which is right?

- [x] = right, the only one
  Because.
- [ ] %50% wrong, though it looks like a grade
  Because not.
- [ ] [markdown] wrong too
  Not a text format.
:::

:::{question}
:id: percent-multiple
:type: multiple
Which are right?

- [x] %100% right
  Yes.
- [x] Also right
  Yes.
- [ ] %-50% wrong
  No.
- [ ] Wrong
  No.
:::
"""

#: Moodle's question/format/gift/format.php, as far as an answer's grade goes.
MOODLE_ESCAPES = {"\\:": "&&058;", "\\#": "&&035;", "\\=": "&&061;", "\\{": "&&123;",
                  "\\}": "&&125;", "\\~": "&&126;", "\\n": "&&010"}  # fmt: skip
MOODLE_WEIGHT = re.compile(r"^%\-*([0-9]{1,2})\.?([0-9]*)%")


def moodle_grades(gift: str, qid: str) -> list[float]:
    """Each answer's fraction of the grade as ``qformat_gift::readquestion`` reads it."""
    block = gift[gift.index(f"::{qid}::") :]
    text = block[: block.index("\n}") + 2].replace("\\\\", "&&092;")
    for escaped, placeholder in MOODLE_ESCAPES.items():
        text = text.replace(escaped, placeholder)
    text = text.replace("&&092;", "\\")
    answers_text = text[text.index("{") + 1 : text.index("}")].strip()
    general = answers_text.rfind("####")
    if general >= 0:
        answers_text = answers_text[:general].strip()
    answers = answers_text.replace("=", "~=").split("~")
    if not answers[0].strip():
        answers.pop(0)
    grades = []
    for answer in (a.strip() for a in answers):
        if answer.startswith("="):
            grades.append(1.0)
        elif MOODLE_WEIGHT.match(answer):
            body = answer[1:]
            grades.append(float(body[: body.index("%")]) / 100)
        else:
            grades.append(0.0)
    return grades


def test_text_that_looks_like_gift_syntax_stays_text(build: Callable[..., Built]) -> None:
    built = build({"index.md": PERCENT_PAGE}, conf=PUBLISHED, builder="quizbank")
    assert built.warnings == ""
    gift = (built.outdir / "questions.gift").read_text(encoding="utf-8")
    assert moodle_grades(gift, "percent") == [1.0, 0.0, 0.0]
    assert moodle_grades(gift, "percent-multiple") == [0.5, 0.5, -0.5, -0.5]
    parsed = {q.title: q for q in parse_gift(built.outdir / "questions.gift")}
    assert [a.fraction for a in parsed["percent"].answers.answers] == [100.0, 0.0, 0.0]
    assert [a.fraction for a in parsed["percent-multiple"].answers.answers] == [
        50.0,
        50.0,
        -50.0,
        -50.0,
    ]
    # The student reads the options as written.
    for qid, question in parsed.items():
        expected = next(q for q in bank_json(built)["questions"] if q["id"] == qid)
        assert [text_of(gift_unescape(a.answer)) for a in question.answers.answers] == [
            o["text"] for o in expected["options"]
        ]


MORE_PAGE = """
# More

:::{question}
:id: more
:topic: symptoms
Another question?

- [x] Yes
  Because.
- [ ] No
  Because not.
:::
"""
BOOK = {**FILES, "index.md": "# Book\n\n```{toctree}\nquiz\nmore\n```\n", "more.md": MORE_PAGE}


def change_book(src: Path, change: str) -> None:
    quiz = src / "quiz.md"
    if change == "edit":
        quiz.write_text(quiz.read_text().replace("Why A is wrong.", "Why A is wrong: edited."))
    elif change == "rename-id":
        quiz.write_text(quiz.read_text().replace(":id: two", ":id: two-renamed"))
    elif change == "topic":
        more = src / "more.md"
        more.write_text(more.read_text().replace(":topic: symptoms", ":topic: causes"))
    else:
        (src / "more.md").unlink()
        (src / "index.md").write_text("# Book\n\n```{toctree}\nquiz\n```\n")


@pytest.mark.parametrize("change", ["edit", "rename-id", "topic", "delete-page"])
def test_incremental_exports_equal_fresh_ones(tmp_path: Path, change: str) -> None:
    src = tmp_path / "book"
    write_project(src, BOOK, PUBLISHED)
    first = run_build(src, "quizbank", builddir=tmp_path / "incremental")
    before = {name: (first.outdir / name).read_bytes() for name in FILES_OUT}
    change_book(src, change)
    incremental = run_build(src, "quizbank", builddir=tmp_path / "incremental", fresh=False)
    fresh = run_build(src, "quizbank", builddir=tmp_path / "fresh")
    assert incremental.warnings == fresh.warnings == ""
    for name in FILES_OUT:
        data = (incremental.outdir / name).read_bytes()
        assert data == (fresh.outdir / name).read_bytes(), name
    json_name = "questions.json"
    assert (fresh.outdir / json_name).read_bytes() != before[json_name]  # it did change
    ids = [q["id"] for q in bank_json(fresh)["questions"]]
    expected = {
        "edit": ["one", "two", "three", "more"],
        "rename-id": ["one", "two-renamed", "three", "more"],
        "topic": ["one", "two", "three", "more"],
        "delete-page": ["one", "two", "three"],
    }[change]
    assert ids == expected
    data = json.loads((fresh.outdir / "questions.json").read_text(encoding="utf-8"))
    if change == "topic":
        assert data["questions"][3]["topics"] == ["causes"]
