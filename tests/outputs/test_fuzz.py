"""Property-based fuzzing of the question syntax, alone and through a whole Sphinx build.

- the parser (``parse_question_body`` + ``check_question``) never raises, whatever the
  lines, and every problem it reports is located inside the body (or at the directive,
  -1);
- every invalid body (a valid one with one mistake an author makes) yields at least one
  problem of the expected kind;
- every valid body round-trips: stem, options, marks, rationales and explanation come
  back as written;
- a build of generated bodies never lets an exception escape; an invalid body gives a
  ``[fbss_quiz.<subtype>]`` warning at ``index.md:<line>`` of the faulty line, and a
  valid one is in the domain's records with the same stem and options.
"""

from __future__ import annotations

import re
import string
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fbss_quiz.collector import quiz_domain
from fbss_quiz.diagnostics import Subtype
from fbss_quiz.kinds.choice import check_question, parse_question_body
from fbss_quiz.syntax import OPTION_LINE, Problem

from conftest import run_build, write_project

# --- generating bodies ----------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    bullet: str
    mark: str
    label: str
    rationale: tuple[str, ...]
    blank_after: bool

    @property
    def correct(self) -> bool:
        return self.mark in "xX"

    def lines(self) -> list[str]:
        out = [f"{self.bullet} [{self.mark}] {self.label}"]
        out += [f"  {line}" for line in self.rationale]
        return out + ([""] if self.blank_after else [])


@dataclass(frozen=True)
class Body:
    """A question body as an author writes it, and the declared ``:type:``."""

    stem: tuple[str, ...]
    options: tuple[Option, ...]
    explanation: tuple[str, ...]
    declared_type: str | None = None
    require_rationale: bool = False
    #: The problem this body was made to have (None: it is valid).
    expected: Subtype | None = None
    #: Lines that replace the generated ones (for mistakes in the layout itself).
    override: tuple[str, ...] | None = None

    def lines(self) -> list[str]:
        if self.override is not None:
            return list(self.override)
        out = list(self.stem)
        if self.stem:
            out.append("")
        for option in self.options:
            out += option.lines()
        if self.explanation:
            out += ["", *self.explanation]
        return out


def words(alphabet: str, max_words: int = 6) -> st.SearchStrategy[str]:
    word = st.text(alphabet=alphabet, min_size=1, max_size=8)
    return st.lists(word, min_size=1, max_size=max_words).map(" ".join)


#: Lines of text that start with a letter: never an option line, a fence, a
#: directive option or indented. ``rich`` adds markup characters (for the parser);
#: the build uses plain words, so the record's text equals the source's.
def text_line(rich: bool) -> st.SearchStrategy[str]:
    rest = string.ascii_letters + string.digits + " .,;?!'()[]-*`:~éü→" if rich else "abcdefgh"
    return st.builds(
        lambda a, b: a + b, st.sampled_from("AbCxyZé" if rich else "abcz"), words(rest)
    )


@st.composite
def valid_bodies(draw: st.DrawFn, rich: bool = True) -> Body:
    line = text_line(rich)
    options = draw(
        st.lists(
            st.builds(
                Option,
                bullet=st.sampled_from("-*"),
                mark=st.sampled_from(["x", "X", " "]),
                label=line,
                rationale=st.lists(line, max_size=2).map(tuple),
                blank_after=st.booleans(),
            ),
            min_size=1,
            max_size=6,
        )
    )
    if not any(o.correct for o in options):
        options[draw(st.integers(0, len(options) - 1))] = replace(options[0], mark="x")
    n_correct = sum(o.correct for o in options)
    declared = draw(
        st.sampled_from(
            [None, "", "multiple", " Multiple "] + (["single", "SINGLE"] if n_correct == 1 else [])
        )
    )
    return Body(
        stem=tuple(draw(st.lists(line, min_size=1, max_size=3))),
        options=tuple(options),
        explanation=tuple(draw(st.lists(line, max_size=2))),
        declared_type=declared,
    )


MALFORMED_MARKERS = ["- [y] {}", "-[x] {}", "- [x]", "- [ ]   ", "[x] {}", "* [xx] {}", "- [] {}"]


@st.composite
def invalid_bodies(draw: st.DrawFn, rich: bool = True) -> Body:
    """A valid body with one mistake, and the kind of problem it must produce."""
    body = draw(valid_bodies(rich))
    options = list(body.options)
    mistake = draw(
        st.sampled_from(
            [
                "marker",
                "no-options",
                "no-correct",
                "empty-stem",
                "single-many",
                "unknown-type",
                "option-after-explanation",
                "no-rationale",
            ]
        )
    )
    if mistake == "marker":
        index = draw(st.integers(0, len(options) - 1))
        bad = draw(st.sampled_from(MALFORMED_MARKERS)).format(options[index].label)
        lines = body.lines()
        lines[lines.index(options[index].lines()[0])] = bad
        return replace(body, override=tuple(lines), expected=Subtype.BAD_MARKER)
    if mistake == "no-options":
        return replace(body, options=(), expected=Subtype.NO_OPTIONS)
    if mistake == "no-correct":
        return replace(
            body,
            options=tuple(replace(o, mark=" ") for o in options),
            declared_type=None,
            expected=Subtype.NO_CORRECT,
        )
    if mistake == "empty-stem":
        return replace(body, stem=(), expected=Subtype.EMPTY_STEM)
    if mistake == "single-many":
        options = [replace(o, mark="x") for o in options]
        if len(options) == 1:
            options.append(replace(options[0], label=options[0].label + " again"))
        return replace(
            body,
            options=tuple(options),
            declared_type="single",
            expected=Subtype.SINGLE_MANY_CORRECT,
        )
    if mistake == "unknown-type":
        declared = draw(words("abcdefghijklmnopqrstuvwxyz", 2))
        assume(declared.strip().lower() not in {"single", "multiple"})
        return replace(body, declared_type=declared, expected=Subtype.UNKNOWN_TYPE)
    if mistake == "option-after-explanation":
        explanation = body.explanation or ("An explanation",)
        stray = options[0].lines()[0]
        return replace(body, explanation=(*explanation, stray), expected=Subtype.BAD_MARKER)
    index = draw(st.integers(0, len(options) - 1))
    options[index] = replace(options[index], rationale=())
    return replace(
        body, options=tuple(options), require_rationale=True, expected=Subtype.NO_RATIONALE
    )


def parse(body: Body) -> tuple[list[Problem], str | None, object]:
    lines = body.lines()
    parsed = parse_question_body(lines)
    qtype = check_question(parsed, body.declared_type, body.require_rationale)
    return parsed.problems, qtype, parsed


#: Any lines at all, biased towards the pieces of the syntax.
SYNTAX_PIECES = [
    "- [x] right",
    "- [ ] wrong",
    "* [X] Right",
    "  a rationale",
    "    deeper",
    "",
    "   ",
    "```",
    "````",
    "~~~",
    ":::",
    "::::{note}",
    ":::{question}",
    "- [y] odd",
    "-[x] tight",
    "[x] bare",
    "- [x]",
    "- [ ]",
    "*  [ ]  spaced",
    "\t- [x] tab",
    "- [x] \u00a0",
    "\ufeff",
]
ANY_LINE = st.one_of(
    st.sampled_from(SYNTAX_PIECES),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r")),
    st.builds(lambda p, t: p + t, st.sampled_from(SYNTAX_PIECES), st.text(max_size=10)),
)


# --- the parser alone ---------------------------------------------------------------------


@settings(max_examples=600)
@given(
    lines=st.lists(ANY_LINE, max_size=25),
    declared=st.one_of(st.none(), st.text(max_size=10), st.sampled_from(["single", "multiple"])),
    require=st.booleans(),
)
def test_the_parser_never_raises_and_locates_every_problem(
    lines: list[str], declared: str | None, require: bool
) -> None:
    parsed = parse_question_body(lines)
    qtype = check_question(parsed, declared, require)
    for problem in parsed.problems:
        assert problem.line == -1 or 0 <= problem.line < len(lines), problem
        assert isinstance(problem.subtype, Subtype) and problem.message
    if not parsed.problems and qtype is not None:
        # Whatever passed is a usable question.
        assert parsed.stem.lines and parsed.options
        assert any(option.correct for option in parsed.options)
        for option in parsed.options:
            assert OPTION_LINE.match(lines[option.line])


@settings(max_examples=400)
@given(body=invalid_bodies())
def test_every_invalid_body_yields_a_located_problem_of_its_kind(body: Body) -> None:
    problems, _, _ = parse(body)
    assert problems, body.lines()
    assert body.expected in {p.subtype for p in problems}, (problems, body.lines())
    for problem in problems:
        assert problem.line == -1 or 0 <= problem.line < len(body.lines()), problem


@settings(max_examples=400)
@given(body=valid_bodies())
def test_every_valid_body_round_trips(body: Body) -> None:
    problems, qtype, parsed = parse(body)
    assert problems == [], (problems, body.lines())
    assert list(parsed.stem.lines) == list(body.stem)  # type: ignore[attr-defined]
    got = [
        (o.correct, o.label, tuple(o.rationale.lines) if o.rationale else ())
        for o in parsed.options  # type: ignore[attr-defined]
    ]
    want = [(o.correct, o.label.strip(), o.rationale) for o in body.options]
    assert got == want
    explanation = parsed.explanation  # type: ignore[attr-defined]
    assert (tuple(explanation.lines) if explanation else ()) == body.explanation
    n_correct = sum(o.correct for o in body.options)
    declared = (body.declared_type or "").strip().lower()
    multiple = declared == "multiple" or (not declared and n_correct > 1)
    assert qtype == ("multiple" if multiple else "single")


# --- whole builds ----------------------------------------------------------------------------

#: The question's directive sits on this line of index.md; its body follows its options.
DIRECTIVE_LINE = 3
WARNING = re.compile(r"index\.md:(\d+): WARNING: (.*?) \[fbss_quiz\.([\w-]+)\]")


def page_for(body: Body) -> tuple[str, int]:
    """index.md holding the question, and the source line of body line 0."""
    options = [f":type: {body.declared_type}"] if body.declared_type is not None else []
    text = "\n".join(["# Fuzz", "", ":::{question}", *options, *body.lines(), ":::", ""])
    return text, DIRECTIVE_LINE + 1 + len(options)


def squash(text: str) -> str:
    return " ".join(text.split())


def build(body: Body) -> tuple[str, object]:
    text, _ = page_for(body)
    conf = f"fbss_quiz_require_rationale = {body.require_rationale}\n"
    with tempfile.TemporaryDirectory() as tmp:
        srcdir = Path(tmp) / "project"
        write_project(srcdir, {"index.md": text}, conf)
        # An exception anywhere in the build would escape from here.
        built = run_build(srcdir)
        records = list(quiz_domain(built.app.env).questions.get("index", []))
    assert "Traceback" not in built.warnings and "Exception" not in built.warnings
    return built.warnings, records


BUILD_SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@BUILD_SETTINGS
@given(body=invalid_bodies(rich=False))
def test_a_build_warns_at_the_line_of_every_invalid_body(body: Body) -> None:
    warnings, records = build(body)
    problems, _, _ = parse(body)
    _, first_body_line = page_for(body)
    expected = {
        (DIRECTIVE_LINE if p.line < 0 else first_body_line + p.line, str(p.subtype))
        for p in problems
    }
    found = {(int(line), subtype) for line, _, subtype in WARNING.findall(warnings)}
    assert expected <= found, warnings
    assert body.expected in {subtype for _, subtype in found}
    assert records == [], "a faulty question is left out"


@BUILD_SETTINGS
@given(body=valid_bodies(rich=False))
def test_a_build_records_every_valid_body(body: Body) -> None:
    warnings, records = build(body)
    assert "[fbss_quiz." not in warnings, warnings
    assert len(records) == 1, warnings
    record = records[0]
    assert squash(record.stem) == squash(" ".join(body.stem))
    assert [(o.correct, squash(o.text), squash(o.rationale)) for o in record.options] == [
        (o.correct, squash(o.label), squash(" ".join(o.rationale))) for o in body.options
    ]
    assert squash(record.explanation) == squash(" ".join(body.explanation))
