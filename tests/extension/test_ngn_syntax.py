"""NGN item bodies: each malformed form is a located warning, in MyST and in rST."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from test_warnings import myst_page, rst_page, warnings_of

from fbss_quiz.diagnostics import Subtype
from fbss_quiz.kinds import KINDS

MATRIX = "Stem?\n\ncolumns: Expected | Report now\n- [Expected] a\n  r\n- [Report now] b\n  r"
CLOZE = "It is [[1]].\n\n[[1]]\n- [x] right\n  r\n- [ ] wrong\n  r"
BOWTIE = (
    "Stem?\n\nCondition:\n- [x] c1\n  r\n- [ ] c2\n  r\nActions:\n- [x] a1\n  r\n- [x] a2\n  r\n"
    "- [ ] a3\n  r\nMonitor:\n- [x] m1\n  r\n- [x] m2\n  r\n- [ ] m3\n  r"
)

# (subtype, options, body): "<<" marks the line the warning must point at.
CASES: dict[str, tuple[str, str, str]] = {
    "matrix-no-columns": (Subtype.MATRIX, ":type: matrix", "Stem?\n\n- [Expected] a\n  r"),
    "matrix-bad-column": (
        Subtype.MATRIX,
        ":type: matrix",
        MATRIX.replace("- [Report now] b", "- [Later] b <<"),
    ),
    "matrix-row-no-column": (
        Subtype.MATRIX,
        ":type: matrix",
        MATRIX.replace("- [Report now] b", "- [] b <<"),
    ),
    "matrix-two-columns": (
        Subtype.MATRIX,
        ":type: matrix",
        MATRIX.replace("- [Report now] b", "- [Expected | Report now] b <<"),
    ),
    "matrix-duplicate-column": (
        Subtype.MATRIX,
        ":type: matrix",
        MATRIX.replace("Report now\n", "Report now | expected <<\n", 1),
    ),
    "cloze-no-correct": (
        Subtype.CLOZE,
        ":type: cloze",
        CLOZE.replace("[[1]]\n-", "[[1]] <<\n-").replace("[x]", "[ ]"),
    ),
    "cloze-no-list": (
        Subtype.CLOZE,
        ":type: cloze",
        "It is [[1]] and [[2]]. <<\n\n[[1]]\n- [x] a\n  r\n- [ ] b\n  r",
    ),
    "cloze-no-blank": (Subtype.CLOZE, ":type: cloze", "No blank here.\n\n- [x] a\n  r"),
    "highlight-no-correct": (
        Subtype.HIGHLIGHT,
        ":type: highlight",
        "Pick.\n\nA [[phrase]] here. <<\n",
    ),
    "highlight-unknown-rationale": (
        Subtype.HIGHLIGHT,
        ":type: highlight",
        "Pick.\n\nA [[*phrase]] here.\n\n- [[another]] <<\n  r",
    ),
    "highlight-empty-phrase": (
        Subtype.HIGHLIGHT,
        ":type: highlight",
        "Pick.\n\nA [[*phrase]] and [[ ]] here. <<\n\n- [[phrase]]\n  r",
    ),
    "highlight-empty-correct-phrase": (
        Subtype.HIGHLIGHT,
        ":type: highlight",
        "Pick.\n\nA [[*phrase]] here.\nAnd [[*]] there. <<\n\n- [[phrase]]\n  r",
    ),
    "cloze-empty-blank": (
        Subtype.CLOZE,
        ":type: cloze",
        CLOZE.replace("It is [[1]].", "It is [[1]] and [[]]. <<"),
    ),
    "ordering-numbers": (
        Subtype.ORDERING,
        ":type: ordering",
        "Order?\n\n1. a\n   r\n3. b <<\n   r",
    ),
    "ordering-one-step": (Subtype.ORDERING, ":type: ordering", "Order?\n\n1. a <<\n   r"),
    "bowtie-count": (
        Subtype.BOWTIE,
        ":type: bowtie",
        BOWTIE.replace("Actions:", "Actions: <<").replace("- [x] a2", "- [ ] a2"),
    ),
    "bowtie-missing": (Subtype.BOWTIE, ":type: bowtie", BOWTIE.split("Monitor:")[0].rstrip()),
    "unknown-step": (Subtype.UNKNOWN_STEP, ":type: matrix\n:step: guess", MATRIX),
    "unknown-level": (Subtype.UNKNOWN_LEVEL, ":type: matrix\n:level: memorise", MATRIX),
    "no-rationale": (
        Subtype.NO_RATIONALE,
        ":type: ordering",
        "Order?\n\n1. a\n   r\n2. b <<",
    ),
}


def _rst_options(options: str) -> str:
    return options.replace("\n", "\n   ")


@pytest.mark.parametrize("syntax", ["myst", "rst"])
@pytest.mark.parametrize("case", list(CASES))
def test_malformed_item_warns_at_its_line(
    build: Callable[..., object], syntax: str, case: str
) -> None:
    subtype, options, body = CASES[case]
    if syntax == "myst":
        text, line = myst_page(options, body)
    else:
        text, line = rst_page(_rst_options(options), body)
    name = "index.md" if syntax == "myst" else "index.rst"
    built = build({name: text}, conf="fbss_quiz_require_rationale = True\n")
    found = warnings_of(built.warnings, subtype)
    assert found, built.warnings
    assert re.search(rf"{re.escape(name)}:{line}: WARNING: ", found[0]), (found, text)
    assert "Traceback" not in built.warnings
    html = built.page()
    assert "Text before stays." in html and "Text after the broken question stays." in html
    assert 'data-fbss-id="good-one"' in html
    # A bad step or an empty marker is dropped; the question stays.
    expected = 2 if case in KEPT else 1
    assert html.count('class="fbss-question"') == expected
    assert ("(question left out)" in found[0]) == (case not in KEPT)


#: Cases whose faulty part is ignored, keeping the question.
KEPT = {
    "unknown-step",
    "unknown-level",
    "highlight-empty-phrase",
    "highlight-empty-correct-phrase",
    "cloze-empty-blank",
}


def test_empty_phrase_is_no_selectable_phrase(build: Callable[..., object]) -> None:
    body = "Pick.\n\nA [[*phrase]] and [[ ]] here.\n\n- [[phrase]]\n  r"
    text, _ = myst_page(":type: highlight", body)
    built = build({"index.md": text})
    soup = BeautifulSoup(built.page(), "html.parser")
    question = soup.select(".fbss-question")[0]
    assert [p.get_text() for p in question.select(".fbss-phrase")] == ["phrase"]
    assert "[[" not in question.get_text()


def test_parsed_items_keep_groups_and_lines() -> None:
    item = KINDS["matrix"].parse("matrix", MATRIX.splitlines(), True)
    assert item.problems == []
    assert item.columns == ["Expected", "Report now"]
    assert [g.label for g in item.groups] == ["a", "b"]
    assert [[c.correct for c in g.choices] for g in item.groups] == [[True, False], [False, True]]
    assert item.groups[1].line == 5
    cloze = KINDS["cloze"].parse("cloze", CLOZE.splitlines(), True)
    assert cloze.problems == [] and cloze.stem.lines[0].startswith("It is FBSSMARK0Z")
    bowtie = KINDS["bowtie"].parse("bowtie", BOWTIE.splitlines(), True)
    assert bowtie.problems == []
    assert [g.label for g in bowtie.groups] == ["condition", "actions", "monitor"]
