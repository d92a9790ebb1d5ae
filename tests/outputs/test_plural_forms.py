"""Messages with a number take the plural form their language gives that number
(gettext's ngettext): in the HTML each element carries the form for its own count, the
browser fills in the numbers, and the Spanish catalog has both forms of each."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_build, write_project

PAGE = """
# Plurals

::::{quiz} One question
:::{question}
:id: only
:topic: causes
Pick B.

- [ ] A
  Why A is wrong.
- [x] B
  Why B is right.
:::
::::

::::{quiz} Two questions
:::{question}
:id: one-right
:type: multiple
:topic: causes
Pick B.

- [ ] A
  A is wrong.
- [x] B
  B is right.
- [ ] C
  C is wrong.
:::

:::{question}
:id: two-right
:type: multiple
:topic: causes
Pick A and B.

- [x] A
  A is right.
- [x] B
  B is right.
- [ ] C
  C is wrong.
:::
::::

:::{question}
:id: order-two
:type: ordering
Put them in order.

1. First
   It comes first.
2. Second
   It comes second.
:::

:::{question}
:id: grid-three
:type: matrix
Sort the findings.

columns: Expected | Report now
- [Expected] Soreness
  Expected.
- [Report now] Saddle numbness
  A red flag.
- [Report now] New bladder trouble
  A red flag.
:::

::::{case} A short case
:topic: causes

Mr. Lee had surgery.

:::{question}
:id: case-order
:type: ordering
Put them in order.

1. First
   It comes first.
2. Second
   It comes second.
:::
::::

::::{quiz} Review: one drawn
:collect: causes
:limit: 1
:shuffle:
::::
"""


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def quiz_titled(page: BeautifulSoup, title: str) -> Any:
    rubric = page.find(string=title)
    assert rubric is not None, title
    return rubric.find_parent(class_="fbss-quiz")


def question(page: BeautifulSoup, qid: str) -> Any:
    found = page.find(class_="fbss-question", attrs={"data-fbss-id": qid})
    assert found is not None, qid
    return found


def test_english_messages_are_worded_for_their_own_count(
    build: Callable[..., Any],
) -> None:
    built = build({"index.md": PAGE})
    assert built.warnings == "", built.warnings
    page = soup(built.page())
    # A 0/1 item says Correct or Incorrect: no points.
    assert not question(page, "order-two").has_attr("data-fbss-msg-points")
    assert question(page, "grid-three")["data-fbss-msg-points"] == "{points} of {max} points."
    # The verdict line names the answer, or the answers.
    assert question(page, "one-right")["data-fbss-msg-answer"] == "The answer is {answer}."
    assert question(page, "two-right")["data-fbss-msg-answer"] == "The answers are {answer}."
    # What Check answer says while rows are left, for each number that can be left.
    assert (
        json.loads(question(page, "grid-three")["data-fbss-msg-left"])
        == ["Answer every row: {left} of {total} left."] * 3
    )
    assert json.loads(question(page, "only")["data-fbss-msg-left"]) == ["Choose an answer first."]
    assert question(page, "one-right")["data-fbss-msg-partial"] == (
        "Partly correct: {right} of {total} correct option chosen, {wrong} incorrect."
    )
    assert question(page, "two-right")["data-fbss-msg-partial"] == (
        "Partly correct: {right} of {total} correct options chosen, {wrong} incorrect."
    )
    case = page.find(class_="fbss-case")
    assert case["data-fbss-case"] == "Case score: {points} of {max} point."


def test_spanish_messages_take_the_catalogs_form_for_the_count(
    build: Callable[..., Any],
) -> None:
    built = build({"index.md": PAGE}, conf='language = "es"\n')
    assert built.warnings == "", built.warnings
    page = soup(built.page())
    one = quiz_titled(page, "One question")
    two = quiz_titled(page, "Two questions")
    assert one["data-fbss-msg-score"] == "Acertó {right} de {total} pregunta."
    assert two["data-fbss-msg-score"] == "Acertó {right} de {total} preguntas."
    # The review quiz gathers four questions and draws one per attempt.
    review = quiz_titled(page, "Review: one drawn")
    assert review["data-fbss-draw"] == "1"
    assert len(review.find_all(class_="fbss-question")) > 1
    assert review["data-fbss-msg-score"] == "Acertó {right} de {total} pregunta."
    assert not question(page, "order-two").has_attr("data-fbss-msg-points")
    assert question(page, "grid-three")["data-fbss-msg-points"] == "{points} de {max} puntos."
    assert question(page, "one-right")["data-fbss-msg-answer"] == "La respuesta es {answer}."
    assert question(page, "two-right")["data-fbss-msg-answer"] == "Las respuestas son {answer}."
    # "falta 1", "faltan 2": the form follows the number the reader has left.
    assert json.loads(question(page, "grid-three")["data-fbss-msg-left"]) == [
        "Responda todas las filas: falta {left} de {total}.",
        "Responda todas las filas: faltan {left} de {total}.",
        "Responda todas las filas: faltan {left} de {total}.",
    ]
    assert "opción correcta;" in question(page, "one-right")["data-fbss-msg-partial"]
    assert "opciones correctas;" in question(page, "two-right")["data-fbss-msg-partial"]
    case = page.find(class_="fbss-case")
    assert case["data-fbss-case"] == "Puntuación del caso: {points} de {max} punto."


def compile_catalogs() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "compile_catalogs", ROOT / "tools" / "compile_catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_counted_message_has_each_plural_form_in_the_catalog() -> None:
    from babel.messages.pofile import read_po

    from fbss_quiz.i18n import COUNTED

    for po in sorted((ROOT / "fbss_quiz" / "locale").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        if po.parts[-3] == "es":
            assert catalog.plural_forms == "nplurals=2; plural=(n != 1);"
        for singular, plural in COUNTED.values():
            message = catalog.get((singular, plural))
            assert message is not None, f"{po}: no plural entry for {singular!r}"
            assert message.id == (singular, plural)
            assert len([s for s in message.string if s]) == catalog.num_plurals
        # compile_catalogs.py compiles it (and refuses a catalog with a form missing).
        assert compile_catalogs().compiled(po)


def test_compiling_refuses_a_plural_message_without_every_form(tmp_path: Path) -> None:
    po = tmp_path / "fbss_quiz.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "{points} of {max} point."\nmsgid_plural "{points} of {max} points."\n'
        'msgstr[0] "{points} de {max} punto."\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    module = compile_catalogs()
    with pytest.raises(module.CatalogError, match="1 translated forms; 'Plural-Forms' asks"):
        module.compiled(po)


# --- in the browser ------------------------------------------------------------------


def order_status(item: Any) -> str:
    return str(item.locator(".fbss-status").inner_text())


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("plurals") / "project"
    write_project(srcdir, {"index.md": PAGE}, conf='language = "es"\n')
    built = run_build(srcdir)
    assert built.warnings == "", built.warnings
    return built.outdir


@pytest.mark.browser
def test_the_browser_says_one_question_and_one_point(
    browser: Any, serve: Callable[..., str], spanish_site: Path
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(5000)
        page.goto(f"{serve(spanish_site)}/index.html")
        only = page.locator('.fbss-question[data-fbss-id="only"]').first
        only.locator('input[value="1"]').check()
        only.locator(".fbss-check").click()
        score = page.locator(".fbss-quiz", has_text="One question").locator(".fbss-score")
        assert score.inner_text() == "Acertó 1 de 1 pregunta."
        order = page.locator('.fbss-question[data-fbss-id="order-two"]')
        order.locator(".fbss-check").click()
        # The steps start shuffled: right or wrong, a 0/1 item says only which (and the
        # order, when wrong).
        said = order_status(order)
        assert re.fullmatch(r"Correcto\.|Incorrecto\. El orden correcto es .*\.", said), said
        case = page.locator(".fbss-case")
        case.locator(".fbss-check").click()
        case_score = case.locator(".fbss-score").inner_text()
        assert re.fullmatch(r"Puntuación del caso: [01] de 1 punto\.", case_score)
    finally:
        context.close()


@pytest.mark.browser
def test_a_drawn_set_saved_under_another_limit_is_drawn_anew(
    browser: Any, serve: Callable[..., str], spanish_site: Path
) -> None:
    """The score message is worded for the quiz's draw; a set of another size (saved before
    the author changed ``:limit:``) must not show under it."""
    html = soup((spanish_site / "index.html").read_text(encoding="utf-8"))
    review = quiz_titled(html, "Review: one drawn")
    pool = [q["data-fbss-id"] for q in review.find_all(class_="fbss-question")]
    key = f"{review['data-fbss-store']}:draw:{review['id']}"
    context = browser.new_context()
    try:
        context.add_init_script(
            f"window.localStorage.setItem({key!r}, JSON.stringify({pool[:2]!r}));"
        )
        page = context.new_page()
        page.set_default_timeout(5000)
        page.goto(f"{serve(spanish_site)}/index.html")
        quiz = page.locator(".fbss-quiz", has_text="Review: one drawn")
        shown = quiz.locator(".fbss-question:not([hidden])")
        assert shown.count() == 1
        shown.locator(".fbss-check").click()  # no choice: asks for one
        shown.locator("input").first.check()
        shown.locator(".fbss-check").click()
        assert quiz.locator(".fbss-score").inner_text().endswith(" de 1 pregunta.")
        saved = page.evaluate(f"JSON.parse(window.localStorage.getItem({key!r}))")
        assert len(saved) == 1
    finally:
        context.close()


def test_only_select_all_questions_carry_the_partly_right_message(
    build: Callable[..., Any],
) -> None:
    page = soup(build({"index.md": PAGE}).page())
    assert not question(page, "only").has_attr("data-fbss-msg-partial")
    assert not question(page, "order-two").has_attr("data-fbss-msg-partial")
