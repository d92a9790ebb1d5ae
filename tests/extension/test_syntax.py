"""The body parser: stem, options, rationales and explanation from plain lines."""

from __future__ import annotations

from fbss_quiz.diagnostics import Subtype
from fbss_quiz.kinds.choice import check_question, parse_question_body

BODY = """\
Ana's leg pain is unchanged.
Which cause is most likely?

- [ ] Hardware failure
  No screws were placed.

  A second paragraph of rationale.
* [X] Wrong level
  Pain never improved.
- [ ] Scar tissue
  Scar pain comes later.

Surgery helps only when it treats the real cause.

More explanation.""".splitlines()


def test_parts_are_split_where_an_author_expects() -> None:
    parsed = parse_question_body(BODY)
    assert parsed.problems == []
    assert parsed.stem.lines == ("Ana's leg pain is unchanged.", "Which cause is most likely?")
    assert [o.label for o in parsed.options] == ["Hardware failure", "Wrong level", "Scar tissue"]
    assert [o.correct for o in parsed.options] == [False, True, False]
    first = parsed.options[0].rationale
    assert first is not None
    assert first.lines == ("No screws were placed.", "", "A second paragraph of rationale.")
    assert first.start == 4  # line index of the rationale's first line in the body
    assert parsed.explanation is not None
    assert parsed.explanation.lines[0].startswith("Surgery helps")
    assert parsed.explanation.lines[-1] == "More explanation."
    assert check_question(parsed, None, True) == "single"


def test_type_follows_the_number_of_correct_options_unless_forced() -> None:
    two = parse_question_body(["Q?", "- [x] a", "- [x] b", "- [ ] c"])
    assert check_question(two, None, False) == "multiple"
    one = parse_question_body(["Q?", "- [x] a", "- [ ] b"])
    assert check_question(one, "multiple", False) == "multiple"
    assert one.problems == []


def problems(lines: list[str], qtype: str | None = None, rationale: bool = False) -> list:
    parsed = parse_question_body(lines)
    check_question(parsed, qtype, rationale)
    return [(p.subtype, p.line) for p in parsed.problems]


def test_each_kind_of_bad_body_is_reported_at_its_line() -> None:
    assert problems(["Just a stem."]) == [(Subtype.NO_OPTIONS, -1)]
    assert problems(["Q?", "- [ ] a", "- [ ] b"]) == [(Subtype.NO_CORRECT, 1)]
    assert problems(["Q?", "- [x] a", "- [y] b"]) == [(Subtype.BAD_MARKER, 2)]
    assert problems(["Q?", "- [x] a", "-[x] b"]) == [(Subtype.BAD_MARKER, 2)]
    assert problems(["Q?", "- [x] a", "- [x]"]) == [(Subtype.BAD_MARKER, 2)]
    assert problems(["Q?", "- [x] a", "[x] b"]) == [(Subtype.BAD_MARKER, 2)]
    assert problems(["- [x] a", "- [ ] b"]) == [(Subtype.EMPTY_STEM, 0)]
    assert problems(["Q?", "- [x] a", "- [x] b"], "single") == [(Subtype.SINGLE_MANY_CORRECT, 2)]
    assert problems(["Q?", "- [x] a"], "several") == [(Subtype.UNKNOWN_TYPE, -1)]
    assert problems(["Q?", "- [x] a", "  why", "- [ ] b"], rationale=True) == [
        (Subtype.NO_RATIONALE, 3)
    ]
    assert problems(["Q?", "- [x] a", "", "Expl.", "- [ ] late"]) == [(Subtype.BAD_MARKER, 4)]


def test_plain_bullets_in_the_stem_are_not_options() -> None:
    parsed = parse_question_body(["Which of:", "- a plain bullet", "", "- [x] yes", "- [ ] no"])
    assert parsed.problems == []
    assert parsed.stem.lines == ("Which of:", "- a plain bullet")
    assert len(parsed.options) == 2
