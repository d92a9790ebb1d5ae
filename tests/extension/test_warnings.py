"""Every warning subtype: located at file:line of the offending line, typed, and the
rest of the page still built. Each case runs in MyST and in rST."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup

from fbss_quiz.diagnostics import Subtype

GOOD_MD = """
:::{question}
:id: good-one
This question is fine and must survive.

- [x] Yes
  Because.
- [ ] No
  Because not.
:::

Text after the broken question stays.
"""

GOOD_RST = """
.. question::
   :id: good-one

   This question is fine and must survive.

   - [x] Yes
     Because.
   - [ ] No
     Because not.

Text after the broken question stays.
"""

# (subtype, options, body, conf). The line marked "<<" is where the warning must point;
# a case without a marker points at the directive line.
CASES: dict[str, tuple[str, str, str]] = {
    Subtype.NO_OPTIONS: ("", "Only a stem, no options.", ""),
    Subtype.NO_CORRECT: ("", "Stem?\n\n- [ ] a <<\n  r\n- [ ] b\n  r", ""),
    Subtype.BAD_MARKER: ("", "Stem?\n\n- [x] a\n  r\n- [y] b <<\n  r", ""),
    Subtype.EMPTY_STEM: ("", "- [x] a <<\n  r\n- [ ] b\n  r", ""),
    Subtype.SINGLE_MANY_CORRECT: (":type: single", "Stem?\n\n- [x] a\n  r\n- [x] b <<\n  r", ""),
    Subtype.UNKNOWN_TYPE: (":type: several", "Stem?\n\n- [x] a\n  r\n- [ ] b\n  r", ""),
    Subtype.UNKNOWN_TOPIC: (":topic: nope", "Stem?\n\n- [x] a\n  r\n- [ ] b\n  r", ""),
    Subtype.NO_RATIONALE: (
        "",
        "Stem?\n\n- [x] a\n  r\n- [ ] b <<",
        "fbss_quiz_require_rationale = True\n",
    ),
}


def myst_page(options: str, body: str) -> tuple[str, int]:
    head = ["# Page", "", "Text before stays.", "", ":::{question}"]
    if options:
        head.append(options)
    return _assemble(head, body, [":::", GOOD_MD])


def rst_page(options: str, body: str) -> tuple[str, int]:
    head = ["Page", "====", "", "Text before stays.", "", ".. question::"]
    if options:
        head.append("   " + options)
    head.append("")
    indented = textwrap.indent(body, "   ", lambda line: True)
    return _assemble(head, indented, ["", GOOD_RST])


def _assemble(head: list[str], body: str, tail: list[str]) -> tuple[str, int]:
    directive_line = next(i for i, line in enumerate(head, 1) if "question" in line)
    lines = head + body.splitlines()
    marked = next((i for i, line in enumerate(lines, 1) if line.endswith(" <<")), None)
    lines = [line.removesuffix(" <<") for line in lines]
    return "\n".join(lines + tail) + "\n", marked or directive_line


def warnings_of(built_warnings: str, subtype: str) -> list[str]:
    return [line for line in built_warnings.splitlines() if f"[fbss_quiz.{subtype}]" in line]


@pytest.mark.parametrize("syntax", ["myst", "rst"])
@pytest.mark.parametrize("subtype", list(CASES))
def test_warning_points_at_the_offending_line(
    build: Callable[..., object], syntax: str, subtype: str
) -> None:
    options, body, conf = CASES[subtype]
    text, line = (myst_page if syntax == "myst" else rst_page)(options, body)
    name = "index.md" if syntax == "myst" else "index.rst"
    built = build({name: text}, conf=conf)
    found = warnings_of(built.warnings, subtype)
    assert found, built.warnings
    assert re.search(rf"{re.escape(name)}:{line}: WARNING: ", found[0]), (found, text)
    assert "Traceback" not in built.warnings
    html = built.page()
    # The rest of the page is intact: prose around it and the good question.
    assert "Text before stays." in html
    assert "Text after the broken question stays." in html
    assert 'data-fbss-id="good-one"' in html
    if subtype == Subtype.UNKNOWN_TOPIC:
        # An unknown topic is dropped; the question itself is fine.
        assert html.count('class="fbss-question"') == 2
    else:
        assert html.count('class="fbss-question"') == 1, "the faulty question is left out"


@pytest.mark.parametrize("syntax", ["myst", "rst"])
def test_nested_question_warns_at_the_inner_directive(
    build: Callable[..., object], syntax: str
) -> None:
    if syntax == "myst":
        text = (
            "# Page\n\n::::{question}\n:id: outer\nOuter stem.\n\n"
            ":::{question}\nInner?\n\n- [x] a\n- [ ] b\n:::\n\n"
            "- [x] yes\n- [ ] no\n::::\n"
        )
        name, line = "index.md", 7
    else:
        text = (
            "Page\n====\n\n.. question::\n   :id: outer\n\n   Outer stem.\n\n"
            "   .. question::\n\n      Inner?\n\n      - [x] a\n      - [ ] b\n\n"
            "   - [x] yes\n   - [ ] no\n"
        )
        name, line = "index.rst", 9
    built = build({name: text})
    found = warnings_of(built.warnings, Subtype.NESTED)
    assert found, built.warnings
    assert f"{name}:{line}: WARNING" in found[0]
    html = built.page()
    assert 'data-fbss-id="outer"' in html
    assert html.count('class="fbss-question"') == 1


def test_duplicate_id_in_one_document_keeps_the_first(build: Callable[..., object]) -> None:
    question = ":::{{question}}\n:id: same\n{stem}\n\n- [x] a\n- [ ] b\n:::\n\n"
    text = "# Page\n\n" + question.format(stem="First.") + question.format(stem="Second.")
    built = build({"index.md": text})
    found = warnings_of(built.warnings, Subtype.DUPLICATE_ID)
    assert len(found) == 1
    assert "index.md:11: WARNING" in found[0]
    html = built.page()
    assert "First." in html
    assert "Second." not in html


def test_duplicate_id_across_documents_keeps_the_one_first_in_reading_order(
    build: Callable[..., object],
) -> None:
    question = ":::{{question}}\n:id: same\n{stem}\n\n- [x] a\n- [ ] b\n:::\n"
    files = {
        # "zebra" sorts last but comes first in the toctree: it must win.
        "index.md": "# Book\n\n```{toctree}\nzebra\napple\n```\n",
        "zebra.md": "# Zebra\n\n" + question.format(stem="Zebra question."),
        "apple.md": "# Apple\n\n" + question.format(stem="Apple question."),
    }
    for parallel in (0, 2):
        built = build(files, parallel=parallel)
        found = warnings_of(built.warnings, Subtype.DUPLICATE_ID)
        assert len(found) == 1, built.warnings
        assert "apple.md:3: WARNING" in found[0]
        assert "Zebra question." in built.page("zebra")
        assert "Apple question." not in built.page("apple")


def test_bad_config_value_warns_at_its_line_in_conf_py(build: Callable[..., object]) -> None:
    conf = '\nfbss_quiz_shuffle = "yes please"\nfbss_quiz_topics = {"bad topic": "X"}\n'
    built = build({"index.md": "# Page\n"}, conf=conf)
    found = warnings_of(built.warnings, Subtype.CONFIG)
    assert len(found) == 2, built.warnings
    conf_lines = (built.srcdir / "conf.py").read_text().splitlines()
    shuffle_line = next(i for i, x in enumerate(conf_lines, 1) if x.startswith("fbss_quiz_shuffle"))
    topics_line = len(conf_lines)
    assert any(
        f"conf.py:{shuffle_line}: WARNING: fbss_quiz_shuffle must be a bool" in w for w in found
    )
    assert any(
        f"conf.py:{topics_line}: WARNING: fbss_quiz_topics topic id 'bad topic'" in w for w in found
    )


def test_a_subtype_can_be_suppressed(build: Callable[..., object]) -> None:
    text = "# Page\n\n:::{question}\nStem?\n\n- [x] a\n- [ ] b\n:::\n"
    conf = 'fbss_quiz_require_rationale = True\nsuppress_warnings = ["fbss_quiz.no-rationale"]\n'
    built = build({"index.md": text}, conf=conf)
    assert "fbss_quiz" not in built.warnings


def test_documented_subtypes_are_exactly_the_emitted_ones() -> None:
    from pathlib import Path

    guide = (Path(__file__).parents[2] / "AUTHORING.md").read_text(encoding="utf-8")
    for subtype in Subtype:
        assert f"`fbss_quiz.{subtype}`" in guide, f"{subtype} is not documented in AUTHORING.md"


@pytest.mark.parametrize("syntax", ["myst", "rst"])
def test_lines_are_right_inside_a_quiz_too(build: Callable[..., object], syntax: str) -> None:
    if syntax == "myst":
        text = (
            "# Page\n\n::::{quiz} Title\n:topic: causes\n\n:::{question}\n:id: q\n"
            "Stem?\n\n- [x] a\n  r\n- [y] b\n  r\n:::\n::::\n"
        )
        name, line = "index.md", 12
    else:
        text = (
            "Page\n====\n\n.. quiz:: Title\n   :topic: causes\n\n   .. question::\n"
            "      :id: q\n\n      Stem?\n\n      - [x] a\n        r\n      - [y] b\n        r\n"
        )
        name, line = "index.rst", 14
    built = build({name: text})
    found = warnings_of(built.warnings, Subtype.BAD_MARKER)
    assert found and f"{name}:{line}: WARNING" in found[0], built.warnings


@pytest.mark.parametrize(
    "head",
    [
        "::::{quiz}\n",
        "::::{quiz} Title\n\n",
        "::::{quiz}\n:topic: causes\n",
        "::::{quiz}\n:topic: causes\n\n",
    ],
    ids=["tight", "blank-line", "option", "option-blank-line"],
)
def test_every_myst_quiz_layout_keeps_lines_right(build: Callable[..., object], head: str) -> None:
    text = (
        "# Page\n\n" + head + ":::{question}\nStem {term}`nosuch`\n\n- [x] a\n- [ ] b\n:::\n::::\n"
    )
    lines = text.splitlines()
    stem_line = next(i for i, x in enumerate(lines, 1) if x.startswith("Stem"))
    option_line = stem_line + 3
    built = build({"index.md": text}, conf="fbss_quiz_require_rationale = True\n")
    assert f"index.md:{option_line}: WARNING: option 'b' has no rationale" in built.warnings
    built = build(
        {"index.md": text.replace("- [ ] b", "- [ ] b\n  r").replace("- [x] a", "- [x] a\n  r")}
    )
    assert f"index.md:{stem_line}: WARNING: term not in glossary" in built.warnings


def _inner_question(qid: str, fence: str = ":::") -> str:
    return f"{fence}{{question}}\n:id: {qid}\nStem {qid}?\n\n- [x] a\n  r\n- [ ] b\n  r\n{fence}\n"


NESTED_MYST = {
    # The outer quiz opens straight onto the inner one (MyST's phantom-line layout).
    "tight": "# Page\n\n:::::{quiz}\n::::{quiz} Inner title\n:topic: treatments\n\n"
    + _inner_question("inner")
    + "::::\n\n"
    + _inner_question("outer")
    + ":::::\n",
    "options": "# Page\n\n:::::{quiz} Outer\n:topic: causes\n\nText.\n\n"
    "::::{case} Inner title\n:topic: treatments\n:collect: all\n\n"
    + _inner_question("inner")
    + "::::\n\n"
    + _inner_question("outer")
    + ":::::\n",
}

NESTED_RST = """
Page
====

.. quiz:: Outer
   :topic: causes

   Text.

   .. quiz:: Inner title
      :topic: treatments

      .. question::
         :id: inner

         Stem inner?

         - [x] a
           r
         - [ ] b
           r

   .. question::
      :id: outer

      Stem outer?

      - [x] a
        r
      - [ ] b
        r
"""


@pytest.mark.parametrize("layout", ["myst-tight", "myst-options", "rst"])
def test_nested_quiz_warns_and_its_questions_join_the_outer_quiz(
    build: Callable[..., object], layout: str
) -> None:
    if layout == "rst":
        name, text = "index.rst", NESTED_RST.lstrip("\n")
    else:
        name, text = "index.md", NESTED_MYST[layout.removeprefix("myst-")]
    lines = text.splitlines()
    line = next(i for i, x in enumerate(lines, 1) if "Inner title" in x)
    built = build({name: text})
    found = warnings_of(built.warnings, Subtype.NESTED)
    assert len(found) == 1, built.warnings
    assert f"{name}:{line}: WARNING: a " in found[0]
    assert "close the outer quiz" in found[0]
    assert "fbss_quiz" not in built.warnings.replace(found[0], "")
    soup = BeautifulSoup(built.page(), "html.parser")
    # One quiz: each question is wired and scored once, by the outer quiz.
    (quiz,) = soup.select(".fbss-quiz")
    questions = quiz.select(".fbss-question")
    assert [q["data-fbss-id"] for q in questions] == ["inner", "outer"]
    assert "treatments" in questions[0]["data-fbss-topics"].split()
    assert quiz.find("strong", string="Inner title") is not None
    assert soup.select(".fbss-case") == []


def test_quiz_inside_a_question_warns(build: Callable[..., object]) -> None:
    text = (
        "# Page\n\n::::{question}\n:id: q\nStem?\n\n:::{quiz} Lost\nQuiz text.\n:::\n\n"
        "- [x] a\n- [ ] b\n::::\n"
    )
    built = build({"index.md": text})
    found = warnings_of(built.warnings, Subtype.NESTED)
    assert (
        len(found) == 1
        and "index.md:7: WARNING: a quiz cannot stand inside a question" in (found[0])
    ), built.warnings
    soup = BeautifulSoup(built.page(), "html.parser")
    assert len(soup.select(".fbss-quiz")) == 0
    assert "Quiz text." in soup.select_one(".fbss-question").get_text()
