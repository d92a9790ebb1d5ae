"""Options shuffled by default: a new order per attempt in the browser, letters and
rationales that follow, the reader's choice kept by option across reloads, and the
author's order everywhere else (no script, ePub, text, an ordering item's steps)."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest
from bs4 import BeautifulSoup

# The page helpers and the per-test browser context of the main browser suite.
from test_browser import (
    STORE_PREFIX,
    Tab,
    answer,
    check_button,
    choice,
    describe,
    labels_in_visual_order,
    open_page,
    question,
    retry_button,
    run_axe,
    status,
)

from conftest import Built, run_build, write_project

__all__ = ["open_page"]  # a fixture, used by name

expect: Any
try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips (or fails in CI) with a hint
    expect = None

#: Source order of the single-answer question's options; "Scar tissue" is right.
CAUSES = ["Hardware failure", "Scar tissue", "Wrong level", "Adjacent segment wear"]

INDEX_MD = """
# Shuffled by default

:::{question}
:id: cause
Pain came back months after Ana's discectomy, after a time of relief. Which cause fits best?

- [ ] Hardware failure
  A discectomy places no screws or plates that could fail.
- [x] Scar tissue
  Scar pain usually follows a time of relief after surgery.
- [ ] Wrong level
  Pain from a missed level would not have eased first.
- [ ] Adjacent segment wear
  Wear next to a fusion takes years and needs a fusion first.
:::

:::{question}
:id: signs
:type: multiple
Which of these are red flags after spine surgery?

- [x] New numbness between the legs
  Saddle numbness can mean cauda equina syndrome.
- [ ] Mild soreness at the wound
  Some wound soreness is expected after surgery.
- [x] New trouble passing urine
  New bladder trouble can mean cauda equina syndrome.
- [ ] Tiredness in the first week
  Feeling tired is common while the body heals.
:::

:::{question}
:id: pick
:type: select-n
Which 2 findings need a call to the team today?

- [ ] Mild soreness at the wound
  Some wound soreness is expected after surgery.
- [x] A fever of 38.5 °C
  A fever after surgery can mean an infection.
- [ ] Tiredness in the first week
  Feeling tired is common while the body heals.
- [x] Cloudy fluid from the wound
  Cloudy fluid can mean a wound infection.
- [ ] Walking a little farther each day
  Walking farther is progress, not a problem.
:::

:::{question}
:id: fixed
:shuffle: no
How long after surgery is pain called chronic?

- [ ] 1 week
  One week is part of normal healing.
- [x] 3 months
  Pain that lasts past 3 months is called chronic.
- [ ] 5 years
  Pain is called chronic long before five years.
:::

:::{question}
:id: steps
:type: ordering
Put the steps in order.

1. Trial of stimulation
   The trial comes first.
2. Permanent implant
   The implant follows a good trial.
3. Programming visits
   Settings are adjusted after the implant.
:::
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("shuffle") / "project"
    write_project(srcdir, {"index.md": INDEX_MD}, conf='html_theme = "furo"\n')
    built = run_build(srcdir)
    assert built.warnings == ""
    return built


def shown(page: Any, qid: str) -> list[str]:
    rows = labels_in_visual_order(page, qid)
    # The letters are the places on screen, A first, whatever the order.
    assert [letter for letter, _, _ in rows] == [f"{c}." for c in "ABCD"[: len(rows)]], rows
    return [text for _, text, _ in rows]


# -- what the page ships (no browser) ----------------------------------------------


def test_choice_questions_shuffle_by_default_and_others_keep_their_order(site: Built) -> None:
    soup = BeautifulSoup(site.page(), "html.parser")
    shuffled = {q["data-fbss-id"] for q in soup.select(".fbss-question[data-fbss-shuffle]")}
    # Every kind that shuffles its options (select-n too), but not the question that
    # says ':shuffle: no', nor the ordering item (its own rule).
    assert shuffled == {"cause", "signs", "pick"}
    # Without a script the author's order and letters stand.
    labels = [
        label.get_text(" ", strip=True)
        for label in soup.select('[data-fbss-id="cause"] .fbss-label')
    ]
    assert labels == [f"{letter}. {text}" for letter, text in zip("ABCD", CAUSES, strict=True)]


@pytest.mark.parametrize("builder", ["epub", "text"])
def test_static_outputs_keep_the_authors_order(tmp_path: Any, builder: str) -> None:
    src = tmp_path / "static"
    write_project(src, {"index.md": INDEX_MD})
    built = run_build(src, builder)
    assert built.warnings == ""
    text = (
        BeautifulSoup(built.page(), "html.parser").get_text() if builder == "epub" else built.page()
    )
    places = [text.index(label) for label in CAUSES]
    assert places == sorted(places)


# -- in Chromium --------------------------------------------------------------------


@pytest.mark.browser
def test_a_new_order_on_every_attempt(open_page: Callable[..., Tab]) -> None:
    tab = open_page()
    page = tab.page
    orders = []
    for _ in range(10):
        order = shown(page, "cause")
        assert sorted(order) == sorted(CAUSES)
        orders.append(tuple(order))
        answer(page, "cause", [order[0]])
        # The verdict names the right option by the letter it has in this order.
        key = f"{'ABCD'[order.index('Scar tissue')]}. Scar tissue"
        expect(status(page, "cause")).to_have_text(
            "Correct." if order[0] == "Scar tissue" else f"Incorrect. The answer is {key}."
        )
        # Each rationale sits under its own option, with that option's letter (the options
        # neither chosen nor right fold under "Why not the others?", their letters kept).
        rows = labels_in_visual_order(page, "cause")
        assert all(letter == rationale for letter, _, rationale in rows), rows
        assert sorted(letter for letter, _, _ in rows) == ["A.", "B.", "C.", "D."]
        retry_button(page, "cause").click()
    assert len(set(orders)) >= 3, orders
    # Try again never shows the order just answered in.
    assert all(a != b for a, b in pairwise(orders)), orders
    assert tab.errors == []


@pytest.mark.browser
def test_the_choice_survives_a_reload_and_is_kept_by_option(
    open_page: Callable[..., Tab],
) -> None:
    tab = open_page()
    page = tab.page
    order = shown(page, "cause")
    answer(page, "cause", ["Scar tissue"])
    saved = json.loads(page.evaluate(f"localStorage.getItem('{STORE_PREFIX}cause')"))
    # Stored by the option's place in the source, not on screen.
    assert saved["chosen"] == [CAUSES.index("Scar tissue")]
    page.reload()
    # (Checked, the options neither chosen nor right are folded away: by their letters.)
    assert [text for _, text, _ in sorted(labels_in_visual_order(page, "cause"))] == order
    expect(choice(page, "cause", "Scar tissue")).to_be_checked()
    expect(status(page, "cause")).to_have_text("Correct.")
    # Try again reshuffles; the new order is kept too, and so is the answer, by option.
    retry_button(page, "cause").click()
    again = shown(page, "cause")
    page.reload()
    assert shown(page, "cause") == again
    for label in CAUSES:
        checked = expect(choice(page, "cause", label))
        checked.to_be_checked() if label == "Scar tissue" else checked.not_to_be_checked()
    # A select-all answer too: both keys stay chosen, wherever they stand.
    answer(page, "signs", ["New trouble passing urine", "New numbness between the legs"])
    page.reload()
    expect(choice(page, "signs", "New trouble passing urine")).to_be_checked()
    expect(choice(page, "signs", "New numbness between the legs")).to_be_checked()
    expect(status(page, "signs")).to_have_text("Correct.")
    assert tab.errors == []


@pytest.mark.browser
def test_axe_finds_nothing_after_shuffling(open_page: Callable[..., Tab]) -> None:
    page = open_page().page
    for _ in range(3):
        answer(page, "cause", [shown(page, "cause")[1]])
        retry_button(page, "cause").click()
    answer(page, "cause", ["Scar tissue"])
    answer(page, "signs", ["Mild soreness at the wound"])
    violations = run_axe(page)
    assert violations == [], describe(violations)


@pytest.mark.browser
def test_the_keyboard_follows_the_order_on_screen(open_page: Callable[..., Tab]) -> None:
    page = open_page().page
    order = shown(page, "cause")
    first, second = (choice(page, "cause", label) for label in order[:2])
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.fbss-option input')"):
            break
    expect(first).to_be_focused()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(second).to_be_checked()
    expect(second).to_be_focused()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.fbss-check')"):
            break
    expect(check_button(page, "cause")).to_be_focused()
    page.keyboard.press("Enter")
    expect(status(page, "cause")).not_to_be_empty()
    expect(retry_button(page, "cause")).to_be_focused()
    page.keyboard.press("Enter")
    # Try again: a new order, and focus on the option now first on screen.
    expect(question(page, "cause").locator(".fbss-option input").first).to_be_focused()
