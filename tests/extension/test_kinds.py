"""The registry of item kinds: every :type: has one kind, the phases ask it and nothing
else, and a kind added to the registry works in every output without other changes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping

import pytest
from bs4 import BeautifulSoup

from fbss_quiz import kinds
from fbss_quiz.exporters.json_export import SCHEMA
from fbss_quiz.i18n import _
from fbss_quiz.kinds.cloze import ClozeKind
from fbss_quiz.model import QuestionRecord

from conftest import ROOT, Built


def test_every_type_has_one_kind_and_the_json_schema_knows_it() -> None:
    assert kinds.DEFAULT.name == "choice"
    for name, kind in kinds.BY_NAME.items():
        assert kind.name == name
        assert all(kinds.KINDS[qtype] is kind for qtype in kind.types)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$defs"]["question"]["properties"]["type"]["enum"] == list(kinds.KINDS)


def test_no_phase_module_branches_on_the_kind() -> None:
    """Only fbss_quiz/kinds/ may ask which :type: a question has."""
    pattern = re.compile(r"qtype ==|QuestionType\.|\.qtype in ")
    for path in sorted((ROOT / "fbss_quiz").rglob("*.py")):
        if "kinds" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not pattern.search(text), path


def test_a_type_is_read_whatever_its_case(build: Callable[..., Built]) -> None:
    page = (
        "# Page\n\n:::{question}\n:id: m\n:type:  Matrix \nWhich?\n\ncolumns: A | B\n"
        "- [A] one\n- [B] two\n:::\n"
    )
    built = build({"index.md": page})
    assert built.warnings == ""
    question = BeautifulSoup(built.page(), "html.parser").select_one(".fbss-question")
    assert question["data-fbss-type"] == "matrix"
    assert json.loads(question["data-fbss-item"])["kind"] == "matrix"


CASE = """# Page

::::{case} A case
:::{question}
:id: all-three
:type: multiple
Which three?

- [x] a
- [x] b
- [x] c
- [ ] d
:::
::::
"""


@pytest.mark.parametrize(("scoring", "total"), [("ncsbn", 3), ("all-or-nothing", 1)])
def test_all_or_nothing_scores_select_all_questions_too(
    build: Callable[..., Built], scoring: str, total: int
) -> None:
    """A case's total counts a select-all question as the browser scores it: 1 point
    when the book scores all-or-nothing (it counted 3 before)."""
    built = build({"index.md": CASE}, conf=f'fbss_quiz_scoring = "{scoring}"\n')
    soup = BeautifulSoup(built.page(), "html.parser")
    case = soup.select_one(".fbss-case")
    form = "Case score: {points} of {max} points." if total > 1 else "point."
    assert case["data-fbss-case"].endswith(form)
    item = json.loads(soup.select_one(".fbss-question")["data-fbss-item"])
    assert kinds.BY_NAME["choice"].score(item, [[0, 1]])["max"] == total


class Dropdowns(ClozeKind):
    """A kind written for this test only (a cloze under another name and type)."""

    name = "dropdowns"
    types = ("drop-downs",)
    exports = {"json": None, "gift": "", "qti": None, "anki": "no layout for it yet"}

    def hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        return _("Choose a word for each drop-down.")


PAGE = """# Page

:::{question}
:id: dd
:type: drop-downs
The pain is in the [[1]].

[[1]]
- [x] leg
  Sciatica.
- [ ] ear
  Not here.
:::
"""


@pytest.mark.parametrize("builder", ["html", "text", "quizbank"])
def test_a_new_kind_needs_only_its_module_and_a_registry_entry(
    build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    kind = Dropdowns()
    monkeypatch.setitem(kinds.BY_NAME, kind.name, kind)
    monkeypatch.setitem(kinds.KINDS, "drop-downs", kind)
    built = build({"index.md": PAGE}, builder=builder)
    if builder == "html":
        assert built.warnings == ""
        question = BeautifulSoup(built.page(), "html.parser").select_one(".fbss-question")
        assert json.loads(question["data-fbss-item"])["kind"] == "dropdowns"
        assert [o.get_text() for o in question.select("select option")][1:] == ["leg", "ear"]
        # No chunk of its own: the cloze's, whose drop-downs it shares, as its base says.
        assert "fbss_quiz_marks_cloze.js" in built.page()
        # The script shows its hint; the page, without it, says where the answer is.
        hint = question.select_one(".fbss-hint")
        assert hint["data-fbss-js"] == "Choose a word for each drop-down."
        assert hint.get_text() == (
            "Choose a word for each drop-down. Then open “Show answer” to check."
        )
        # The new kind gets the shared feedback: the verdict's wording and Clear answers.
        assert question["data-fbss-msg-answer"] == "The answer is {answer}."
        assert json.loads(question["data-fbss-msg-left"]) == ["Choose an answer first."]
        assert question.select_one(".fbss-key [data-fbss-group]").get_text() == "Blank 1: leg"
        assert question.select_one("button.fbss-clear-answers") is not None
    elif builder == "text":
        assert "[Blank 1]" in built.page() and "Blank 1: A. leg" in built.page()
        assert "Choose a word for each drop-down. Then compare with the answer key." in built.page()
    else:
        data = json.loads((built.outdir / "questions.json").read_text(encoding="utf-8"))
        assert [(q["id"], q["type"]) for q in data["questions"]] == [("dd", "drop-downs")]
        assert "questions.apkg: the Anki note type has no layout" in built.warnings
        assert "(no layout for it yet)" in built.warnings
        assert "left out of questions.gift" in built.warnings
