"""The item-review rules: one located finding per flaw, none on the clean twin.

Fast: plain records, no Sphinx build. The thresholds are tested at their edges, and the
examples of AUTHORING.md's "Item review" section are run through the same rules, so the
guide shows exactly what the build reports.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from fbss_quiz import item_review as ir
from fbss_quiz import kinds
from fbss_quiz.kinds.choice import ChoiceKind
from fbss_quiz.kinds.cloze import ClozeKind
from fbss_quiz.model import GroupRecord, OptionRecord, QuestionRecord, Rule

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "AUTHORING.md"
WHY = "because this is what the chapter explains in detail"  # 9 words


def record(
    options: Sequence[tuple[str, bool] | tuple[str, bool, str]] = (
        ("Arrange emergency care today", True),
        ("Advise rest at home for a week", False),
        ("Book a routine clinic visit", False),
        ("Start a new exercise plan", False),
    ),
    *,
    stem: str = "Omar has new numbness between his legs. What should the nurse do first?",
    qid: str = "q1",
    docname: str = "index",
    lineno: int = 10,
    qtype: str | None = None,
    rule: str | None = None,
    **fields: Any,
) -> QuestionRecord:
    opts = tuple(
        OptionRecord(str(o[0]), bool(o[1]), str(o[2]) if len(o) > 2 else WHY) for o in options
    )
    if qtype is None:
        qtype = "multiple" if sum(o.correct for o in opts) > 1 else "single"
    # As the choice kind records them: one group, scored 0/1 or +/-.
    rule = rule or (Rule.PLUS_MINUS if qtype == "multiple" else Rule.ONE)
    return QuestionRecord(
        id=qid,
        docname=docname,
        lineno=lineno,
        position=1,
        qtype=qtype,
        stem=stem,
        options=opts,
        groups=(GroupRecord("", opts, rule),),
        **fields,
    )


def allowing(rec: QuestionRecord, *rules: str) -> QuestionRecord:
    """``rec`` with ``:allow:`` naming ``rules``."""
    return replace(rec, allow=tuple(rules))


def only(findings: list[ir.Finding], rule: str, rec: QuestionRecord) -> ir.Finding:
    """Exactly one finding, of ``rule``, located at ``rec``."""
    assert [(f.rule, f.record_id, f.docname, f.lineno) for f in findings] == [
        (rule, rec.id, rec.docname, rec.lineno)
    ], findings
    assert findings[0].message
    return findings[0]


def test_the_clean_default_record_has_no_finding() -> None:
    assert ir.review_bank([record()]) == []


# --------------------------------------------------------------- select-all order


def test_select_all_keys_before_every_distractor() -> None:
    flawed = record(
        [("Leg pain", True), ("Numb feet", True), ("A rash", False), ("Hair loss", False)],
        stem="Which of these are symptoms of FBSS?",
    )
    finding = only(ir.review_bank([flawed]), ir.SELECT_ALL_ORDER, flawed)
    assert "A, B" in finding.message and "mix" in finding.message
    twin = record(
        [("A rash", False), ("Leg pain", True), ("Hair loss", False), ("Numb feet", True)],
        stem="Which of these are symptoms of FBSS?",
    )
    assert ir.review_bank([twin]) == []


def test_one_key_first_in_a_select_all_item_counts_and_keys_last_do_not_warn() -> None:
    one_key = record(
        [("Leg pain", True), ("A rash", False), ("Hair loss", False)],
        stem="Which of these are symptoms of FBSS?",
        qtype="multiple",
    )
    finding = only(ir.review_bank([one_key]), ir.SELECT_ALL_ORDER, one_key)
    assert "the only correct option (A) comes before" in finding.message
    last = record(
        [("A rash", False), ("Leg pain", True), ("Numb feet", True)],
        stem="Which of these are symptoms of FBSS?",
    )
    assert ir.keys_all_last(last) and ir.review_bank([last]) == []


# ----------------------------------------------------------------- absolute words


def test_absolute_words_in_most_distractors_but_not_in_the_key() -> None:
    flawed = record(
        [
            ("Scar tissue always causes pain", False),
            ("Arrange a review of the scan with the team", True),
            ("Surgery never helps a second time", False),
            ("Book a routine clinic visit", False),
        ]
    )
    finding = only(ir.review_bank([flawed]), ir.ABSOLUTE_WORDS, flawed)
    assert "'always'" in finding.message and "'never'" in finding.message
    # The edge: 1 of 3 distractors is below half.
    twin = record(
        [
            ("Scar tissue always causes pain", False),
            ("Arrange a review of the scan with the team", True),
            ("Surgery helps a second time", False),
            ("Book a routine clinic visit", False),
        ]
    )
    assert ir.review_bank([twin]) == []


def test_half_the_distractors_is_enough_and_a_key_with_one_clears_it() -> None:
    half = record([("Review it", True), ("It is always fine", False), ("Wait a week", False)])
    only(ir.review_bank([half]), ir.ABSOLUTE_WORDS, half)
    key_too = record(
        [("Only the team can say", True), ("It is always fine", False), ("It never is", False)]
    )
    assert ir.review_bank([key_too]) == []


def test_absolute_words_follow_the_language() -> None:
    options = [
        ("Siempre se debe operar de nuevo", False),
        ("Revisar la resonancia con el equipo", True),
        ("Nunca hay que moverse", False),
        ("Pedir una cita de rutina", False),
    ]
    flawed = record(options, stem="¿Qué debe hacer la enfermera primero?")
    for language in ("es", "es_MX", "es-ES"):
        settings = ir.ReviewSettings(language=language)
        only(ir.review_bank([flawed], settings=settings), ir.ABSOLUTE_WORDS, flawed)
    # The same options in an English book: Spanish words are no English cue.
    assert ir.review_bank([flawed]) == []
    assert ir.absolute_words("No puede   fallar; todo va bien", "es") == ["No puede", "todo"]
    assert ir.absolute_words("You can\u2019t stop; no one knows", "en") == ["can't", "no one"]
    # A language without lists uses the English ones.
    assert ir.language_code("fr") == "en" and ir.language_code(None) == "en"


# ---------------------------------------------------------------- longest key


@pytest.mark.parametrize(
    ("distractor", "key", "flagged"),
    [
        (50, 76, True),  # 1.52 times and 26 more
        (50, 75, False),  # exactly 1.5 times: not more
        (10, 35, True),  # 3.5 times and 25 more
        (10, 34, False),  # 24 more: short options vary by a word or two
    ],
)
def test_the_key_clearly_the_longest_at_its_edges(distractor: int, key: int, flagged: bool) -> None:
    rec = record(
        [("k" * key, True), ("d" * distractor, False), ("e" * (distractor - 2), False)],
        stem="What should the nurse do first?",
    )
    found = ir.review_bank([rec])
    if flagged:
        finding = only(found, ir.LONGEST_KEY, rec)
        assert (
            f"{key} characters" in finding.message
            and f"({distractor} characters)" in finding.message
        )
    else:
        assert found == []


def test_select_all_keys_that_are_all_clearly_longer_are_flagged_once() -> None:
    rec = record(
        [
            ("Ask about new numbness between the legs and changes in bladder control", True),
            ("Check hair", False),
            ("Ask whether both legs have become weak or numb over the last days", True),
            ("Check nails", False),
        ],
        stem="Which questions should the nurse ask first?",
    )
    only(ir.review_bank([rec]), ir.LONGEST_KEY, rec)
    assert ir.key_stands_out_by_length(rec, ratio=1, margin=1)


# --------------------------------------------------------- all of the above


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("All of the above", "en"),
        ("None of the above.", "en"),
        ("Both A and B", "en"),
        ("none of these", "en"),
        ("Todas las anteriores", "es"),
        ("Ninguna de las respuestas anteriores", "es"),
        ("A y C", "es"),
    ],
)
def test_options_that_point_at_other_options(text: str, language: str) -> None:
    rec = record(
        [
            ("Rest in bed", False),
            ("Walk every day", False),
            ("Swim twice a week", False),
            (text, True),
        ],
        stem="What helps?",
    )
    finding = only(
        ir.review_bank([rec], settings=ir.ReviewSettings(language=language)),
        ir.ALL_OF_THE_ABOVE,
        rec,
    )
    assert "D (" in finding.message


def test_all_and_none_as_ordinary_words_are_no_reference() -> None:
    for text in (
        "All four limbs feel numb",
        "Both legs",
        "None, if the scan is clear",
        "Vitamin A",
    ):
        assert not ir.refers_to_other_options(text), text


# ------------------------------------------------------------- negative stems


@pytest.mark.parametrize(
    "stem",
    [
        "Which action is not appropriate?",
        "All of these help EXCEPT one. Which one is it? Each is useful except which?",
        "Which finding is least urgent?",
        "Which statement isn't true?",
    ],
)
def test_an_unemphasised_negative_in_the_question_is_flagged(stem: str) -> None:
    rec = record(stem=stem)
    finding = only(ir.review_bank([rec]), ir.NEGATIVE_STEM, rec)
    assert "capitals" in finding.message


@pytest.mark.parametrize(
    ("stem", "emphasised"),
    [
        ("Which action is NOT appropriate?", ()),
        ("Which statement ISN'T true?", ()),
        ("Which action is not appropriate?", ("not",)),
        # The scenario may say "not"; only the question counts.
        ("Ana has not slept. She is not eating. What should the nurse do first?", ()),
        # A negative in a clause of its own asks for no wrong answer.
        ("What should Ana do if the pain does not improve?", ()),
        ("Which patient needs at least daily checks?", ()),
    ],
)
def test_a_marked_negative_or_one_outside_the_question_is_fine(
    stem: str, emphasised: tuple[str, ...]
) -> None:
    rec = record(stem=stem)
    assert ir.review_bank([replace(rec, emphasis=emphasised)]) == []


def test_negative_stems_in_spanish() -> None:
    settings = ir.ReviewSettings(language="es")
    flawed = record(stem="Ana tiene dolor. ¿Qué acción no es adecuada?")
    only(ir.review_bank([flawed], settings=settings), ir.NEGATIVE_STEM, flawed)
    for stem in ("¿Qué acción NO es adecuada?", "¿Qué debe hacer Ana si el dolor no mejora?"):
        assert ir.review_bank([record(stem=stem)], settings=settings) == [], stem


def test_emphasis_is_read_from_markup() -> None:
    assert ir.emphasised_words("Which is *not* right, **except** _this_ one?") == {
        "not",
        "except",
        "this",
    }
    assert ir.emphasised_words("snake_case_name and 2 * 3 * 4") == frozenset()
    assert ir.strip_emphasis("Which is **NOT** right?") == "Which is NOT right?"


def test_the_lead_in_is_the_question_sentence() -> None:
    assert ir.lead_in("Mr. Reyes had surgery. Which statements by Mr. Reyes are right?") == (
        "Which statements by Mr. Reyes are right?"
    )
    assert ir.lead_in('She asks, "Is it bad?" What is the best reply? Select all that apply.') == (
        "What is the best reply? Select all that apply."
    )
    assert ir.lead_in("Nina has FBSS. Put the steps in order.") == "Put the steps in order."


# -------------------------------------------------------------- stem grammar


@pytest.mark.parametrize(
    ("stem", "language"),
    [
        ("Which of these are signs of FBSS?", "en"),
        ("Which two findings need action?", "en"),
        ("What should the nurse do? Select all that apply.", "en"),
        ("¿Cuáles son signos de alarma?", "es"),
    ],
)
def test_a_single_answer_stem_that_announces_several(stem: str, language: str) -> None:
    rec = record(stem=stem)
    finding = only(
        ir.review_bank([rec], settings=ir.ReviewSettings(language=language)), ir.STEM_GRAMMAR, rec
    )
    assert "several" in finding.message


@pytest.mark.parametrize(
    ("stem", "language"),
    [
        ("Which one is a sign of FBSS?", "en"),
        ("What is the nurse's priority?", "en"),
        ("Which of these findings is a red flag?", "en"),
        ("¿Cuál es un signo de alarma?", "es"),
    ],
)
def test_a_select_all_stem_that_announces_one(stem: str, language: str) -> None:
    rec = record(
        [("Rest", False), ("Leg pain", True), ("A rash", False), ("Numb feet", True)], stem=stem
    )
    finding = only(
        ir.review_bank([rec], settings=ir.ReviewSettings(language=language)), ir.STEM_GRAMMAR, rec
    )
    assert "one answer" in finding.message


@pytest.mark.parametrize(
    ("stem", "select_all"),
    [
        ("Which of these is a sign of FBSS?", False),
        ("For which of them is the risk highest?", False),
        ("Which action is best when symptoms are present?", False),
        ("Which statement about drugs that are new is right?", False),
        ("Which of these are signs of FBSS?", True),
        ("Which statements by Mr. Reyes show that the teaching was effective?", True),
        ("Nina wonders who could be part of her care.", True),
    ],
)
def test_grammar_that_fits_the_item_is_fine(stem: str, select_all: bool) -> None:
    options = [("Rest", False), ("Leg pain", True), ("A rash", False), ("Numb feet", select_all)]
    assert ir.review_bank([record(options, stem=stem)]) == []


# ----------------------------------------------------------- thin rationales


def test_a_rationale_under_six_words_or_missing() -> None:
    flawed = record(
        [("Arrange emergency care", True, "Red flags need care."), ("Rest", False), ("Wait", False)]
    )
    finding = only(ir.review_bank([flawed]), ir.THIN_RATIONALE, flawed)
    assert "option A" in finding.message and "6 words" in finding.message
    edge = record(
        [
            ("Arrange care", True, "Red flags need emergency care now."),
            ("Rest", False),
            ("Wait", False),
        ]
    )
    assert ir.review_bank([edge]) == []
    strict = ir.ReviewSettings(rationale_min_words=8)
    only(ir.review_bank([edge], settings=strict), ir.THIN_RATIONALE, edge)
    missing = record([("Arrange care", True, ""), ("Rest", False, ""), ("Wait", False)])
    assert "options A, B" in only(ir.review_bank([missing]), ir.THIN_RATIONALE, missing).message
    # When fbss_quiz.no-rationale reports missing ones, this rule leaves them alone.
    quiet = ir.ReviewSettings(report_missing_rationales=False)
    assert ir.review_bank([missing], settings=quiet) == []


def test_a_matrix_row_is_judged_by_the_rows_rationale() -> None:
    columns = (OptionRecord("Expected", True), OptionRecord("Report now", False))
    rows = (
        GroupRecord(
            "Incision soreness", columns, Rule.ONE, "Some wound pain is expected after surgery."
        ),
        GroupRecord("New saddle numbness", columns, Rule.ONE, "Red flag."),
    )
    rec = QuestionRecord(
        id="m",
        docname="case",
        lineno=3,
        position=1,
        qtype="matrix",
        stem="Which findings are expected and which need action now?",
        options=columns + columns,
        groups=rows,
    )
    finding = only(ir.review_bank([rec]), ir.THIN_RATIONALE, rec)
    assert "'New saddle numbness'" in finding.message and "Incision" not in finding.message


def test_a_trend_is_reviewed_as_the_question_that_follows_its_chart() -> None:
    """A trend wraps any kind: its single-choice response is held to the option rules
    (here, a rationale too thin), and a matrix response to its rows'."""
    from fbss_quiz.kinds.trend import TrendRecord

    single = record(
        (
            ("Arrange emergency care today", True, "Red flag."),
            ("Advise rest at home for a week", False),
            ("Book a routine clinic visit", False),
        ),
        qtype="trend",
    )
    trend = TrendRecord(
        **{f: getattr(single, f) for f in single.__dataclass_fields__}, response="single"
    )
    finding = only(ir.review_bank([trend]), ir.THIN_RATIONALE, trend)
    assert "A" in finding.message
    rows = (GroupRecord("Heart rate", (OptionRecord("Expected", True),), Rule.ONE, "Red flag."),)
    # A trend read without its response (as a tool may read the source) is reviewed by
    # the rules that need no kind, instead of stopping the review.
    bare = replace(single, qtype="trend")
    assert [f.rule for f in ir.review_bank([bare])] == [ir.THIN_RATIONALE]
    matrix = replace(trend, response="matrix", groups=rows, options=rows[0].options)
    assert "'Heart rate'" in only(ir.review_bank([matrix]), ir.THIN_RATIONALE, matrix).message


def _highlight(instruction: str) -> QuestionRecord:
    phrases = ("numbness between his legs", "calves soft and not tender")
    options = tuple(OptionRecord(p, n == 0, WHY) for n, p in enumerate(phrases))
    return QuestionRecord(
        id="note",
        docname="case",
        lineno=7,
        position=1,
        qtype="highlight",
        stem=f"{instruction}\n\nDay 14. He has new {phrases[0]}. Calves soft and not tender.",
        options=options,
        groups=(GroupRecord("", options, Rule.PLUS_MINUS),),
    )


def test_a_not_in_a_highlight_passage_is_a_finding_not_a_negative_question() -> None:
    """The manual's case-reyes-note: its passage ends "Calves soft and not tender.", which
    was read as the question sentence (a stem without "?")."""
    assert ir.review_bank([_highlight("Select the findings that need emergency follow-up.")]) == []
    flawed = _highlight("Do not select the findings that need follow-up.")
    only(ir.review_bank([flawed]), ir.NEGATIVE_STEM, flawed)


# ------------------------------------------------------- the kind decides, not :type:


class _PickTwo(ChoiceKind):
    """A lettered kind written for this test only (as a select-n kind would be)."""

    name = "pick_two"
    types = ("pick-two",)


class _OneBlank(ClozeKind):
    """A kind whose one group of choices is not lettered (as a drop-down is)."""

    name = "one_blank"
    types = ("one-blank",)


def test_a_new_lettered_kind_gets_the_option_rules_and_an_unlettered_one_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Which rules apply comes from the kind's ``lettered`` and the list's scoring rule:
    a kind added tomorrow is reviewed without a line of item_review changing."""
    monkeypatch.setitem(kinds.KINDS, "pick-two", _PickTwo())
    monkeypatch.setitem(kinds.KINDS, "one-blank", _OneBlank())
    keys_first = [("Leg pain", True), ("Numb feet", True), ("A rash", False), ("Hair", False)]
    picked = record(
        keys_first, qtype="pick-two", rule="pick-n", stem="Which two are symptoms of FBSS?"
    )
    only(ir.review_bank([picked]), ir.SELECT_ALL_ORDER, picked)
    # The same list as a drop-down's choices: no letters, so no key or order cue.
    blank = record(keys_first, qtype="one-blank", stem="Which two are symptoms of FBSS?")
    assert ir.review_bank([blank]) == []
    # Four keys at B in single-answer lists: flagged; the same as drop-downs: not.
    four = _singles("BBBB")
    only(ir.review_bank(four), ir.KEY_POSITION, four[3])
    assert ir.review_bank([replace(r, qtype="one-blank") for r in four]) == []


# ---------------------------------------------------------------- key positions


#: Words that keep the synthetic items apart (no two are near-duplicates).
NOUNS = [
    "scar",
    "hardware",
    "nerve",
    "disc",
    "fusion",
    "screw",
    "opioid",
    "stimulator",
    "trial",
    "mood",
    "sleep",
    "walking",
    "bladder",
    "bowel",
    "numbness",
    "weakness",
    "fever",
    "wound",
    "calf",
    "chest",
    "breath",
    "fall",
    "cancer",
    "weight",
    "exercise",
    "goal",
    "team",
    "diary",
    "relapse",
    "pump",
]


def _singles(letters: str, docname: str = "a", start: int = 0) -> list[QuestionRecord]:
    """Single-answer items with their keys at ``letters``, four options each."""
    found = []
    for n, letter in enumerate(letters):
        noun = NOUNS[(start + n) % len(NOUNS)]
        options = [(f"{noun} {c.lower()}{start + n}", c == letter) for c in "ABCD"]
        found.append(
            record(
                options,
                qid=f"{docname}{start + n}",
                docname=docname,
                lineno=10 * (n + 1),
                stem=f"What does the {noun} finding mean?",
            )
        )
    return found


def test_more_than_forty_percent_of_a_books_keys_at_one_letter() -> None:
    # 20 keys: 8 at B is the most; the 9th B (in reading order) tips it.
    bank = _singles("BABCBDBABCBDBABCBDBB")
    assert ir.key_positions(bank) == {"A": 3, "B": 11, "C": 3, "D": 3}
    bank = _singles("BABCBDBABCBDBABCBDCD")
    assert ir.key_positions(bank)["B"] == 9
    tipping = [r for r in bank if ir.key_letter(r) == "B"][8]
    finding = only(ir.review_bank(bank), ir.KEY_POSITION, tipping)
    assert "9 of the 20" in finding.message and "the book" in finding.message
    assert "A 3, B 9, C 4, D 4" in finding.message
    balanced = _singles("BABCBDBABCBDBABCADCD")
    assert ir.key_positions(balanced)["B"] == 8
    assert ir.review_bank(balanced) == []


def test_below_twenty_keys_more_than_half_and_at_least_four() -> None:
    assert [ir.key_position_limit(n) for n in (3, 4, 6, 7, 8, 10, 19, 20, 25)] == [
        3, 3, 3, 3, 4, 5, 9, 8, 10,
    ]  # fmt: skip
    assert ir.review_bank(_singles("BBB")) == []  # a tiny quiz: 3 of 3 is no pattern
    four = _singles("BBBB")
    only(ir.review_bank(four), ir.KEY_POSITION, four[3])
    assert ir.review_bank(_singles("BBBACD")) == []
    six = _singles("BBABCB")
    only(ir.review_bank(six), ir.KEY_POSITION, six[5])


def test_a_quiz_is_judged_on_its_own_and_named() -> None:
    quiz = _singles("BCBBAB", docname="causes")
    rest = _singles("ACDACDACDACDACDACDAC", docname="other", start=6)
    bank = quiz + rest
    # By default the questions of a page outside cases are one quiz.
    finding = only(ir.review_bank(bank), ir.KEY_POSITION, quiz[5])
    assert "page 'causes'" in finding.message and "4 of the 6" in finding.message
    named = {"the quiz 'Check yourself'": [r.id for r in quiz]}
    finding = only(ir.review_bank(bank, quizzes=named), ir.KEY_POSITION, quiz[5])
    assert "the quiz 'Check yourself'" in finding.message
    # Questions in no named quiz still count per page.
    loose = _singles("BBBB", docname="loose", start=26)
    found = ir.review_bank(loose + rest, quizzes=named)
    assert "page 'loose'" in only(found, ir.KEY_POSITION, loose[3]).message


def test_allowed_questions_are_not_counted() -> None:
    four = _singles("BBBB")
    assert ir.review_bank([allowing(four[0], ir.KEY_POSITION), *four[1:]]) == []


# -------------------------------------------------------------- near-duplicates


def test_the_same_question_twice_names_both_places() -> None:
    first = record(qid="opioids-1", docname="nursing", lineno=40)
    second = record(qid="opioids-2", docname="case-studies", lineno=300, stem=first.stem.upper())
    finding = only(ir.review_bank([first, second]), ir.NEAR_DUPLICATE, second)
    assert "'opioids-1' (nursing, line 40)" in finding.message
    assert "word for word" in finding.message
    other = record(
        [("Advise rest at home for a week", True), ("Arrange emergency care today", False)],
        qid="opioids-3",
        stem="Ines trips on the stairs since her fusion. What should she do?",
    )
    assert ir.review_bank([first, other]) == []


def test_near_duplicates_by_the_tuned_similarity() -> None:
    a = record(
        [("Let's set goals; opioids rarely help long term", True), ("Double it", False)],
        qid="a",
        stem="Ms. Haddad asks for more opioid. What is the nurse's most accurate response?",
    )
    b = record(
        [("Let's discuss other options; opioids rarely help long term", True), ("Yes", False)],
        qid="b",
        stem="Mr. Hall asks the nurse to double his opioid. Which response is most accurate?",
    )
    keys, stems = ir.similarity(a, b)
    assert keys >= 0.5 and stems >= 0.15
    only(ir.review_near_duplicates([a, b]), ir.NEAR_DUPLICATE, b)
    assert ir.review_near_duplicates([allowing(a, ir.NEAR_DUPLICATE), b]) == []
    unrelated = record(
        [("Let's set goals; opioids rarely help long term", True), ("Double it", False)],
        qid="c",
        stem="Which spinal cord stimulator setting suits a swimmer?",
    )
    assert ir.review_near_duplicates([b, unrelated]) == []


def test_near_duplicate_pairs_are_those_of_comparing_every_pair() -> None:
    """The index that spares comparing every pair of a large book finds what comparing
    every pair finds: over the manual's questions, with copies that repeat a stem word
    for word, share a key, or share nothing but the stem."""
    manual = _load_bank_stats()
    bank = manual.records(manual.bank())
    singles = [r for r in bank if ir.is_single(r)][:30]
    copies = [
        replace(singles[0], id="copy-word-for-word", stem=singles[0].stem.upper()),
        replace(singles[1], id="copy-same-key", stem=singles[1].stem + " Say why."),
        replace(singles[2], id="copy-same-stem", options=singles[3].options),
        replace(singles[4], id="copy-other", stem="Which colour is the sky?"),
    ]
    records = [*bank, *copies]
    pairs = [(p.earlier.id, p.later.id) for p in ir.near_duplicate_pairs(records)]
    every = [(a.id, b.id) for a, b in combinations(records, 2) if ir.near_duplicates(a, b)]
    assert pairs == every
    assert {later for _, later in pairs} >= {
        "copy-word-for-word",
        "copy-same-key",
        "copy-same-stem",
    }


# ----------------------------------------------------------------- case steps


def _case(steps: Sequence[str], case: str = "quiz-case-1") -> list[QuestionRecord]:
    return [
        record(
            [(f"{NOUNS[n]} {c}", c == "abcd"[n % 4]) for c in "abcd"],
            qid=f"{case}-{n}",
            lineno=20 * (n + 1),
            case=case,
            step=step,
            stem=f"What does the {NOUNS[n]} show?",
        )
        for n, step in enumerate(steps)
    ]


@pytest.mark.parametrize(
    ("steps", "at", "says"),
    [
        (("recognize-cues", "recognize-cues", "analyze-cues"), 1, "repeats recognize cues"),
        (("recognize-cues", "prioritize-hypotheses"), 1, "skips analyze cues"),
        (("analyze-cues", "recognize-cues"), 1, "goes back to recognize cues"),
        (("recognize-cues", "analyze-cues", "take-action", "analyze-cues"), 2, "skips"),
    ],
)
def test_a_case_that_skips_repeats_or_goes_back(steps: tuple[str, ...], at: int, says: str) -> None:
    items = _case(steps)
    finding = only(ir.review_bank(items), ir.CASE_STEPS, items[at])
    assert says in finding.message


def test_a_case_in_step_order_from_any_start_is_fine_and_unstepped_items_are_ignored() -> None:
    assert (
        ir.review_bank(_case(("analyze-cues", "", "prioritize-hypotheses", "generate-solutions")))
        == []
    )
    assert ir.review_bank(_case(list(ir.CLINICAL_JUDGMENT_STEPS))) == []
    # Steps outside a case are free.
    loose = [
        replace(item, step=step)
        for item, step in zip(_singles("AB"), ("take-action", "recognize-cues"), strict=True)
    ]
    assert ir.review_bank(loose) == []


def test_allowing_case_steps_on_any_item_silences_the_case() -> None:
    items = _case(("recognize-cues", "take-action", "analyze-cues"))
    assert ir.review_bank([allowing(items[0], ir.CASE_STEPS), *items[1:]]) == []


# ---------------------------------------------------------------------- allow


def flaws() -> dict[str, tuple[list[QuestionRecord], QuestionRecord]]:
    """For each rule, a bank with exactly one such flaw, and the question to allow it on."""
    four = _singles("BBBB")
    first = record(qid="d1", docname="nursing", lineno=40)
    items = _case(("recognize-cues", "take-action"))
    per_item = {
        ir.SELECT_ALL_ORDER: record(
            [("Leg pain", True), ("Numb feet", True), ("A rash", False)],
            stem="Which of these are symptoms of FBSS?",
        ),
        ir.ABSOLUTE_WORDS: record([("Review it", True), ("Always", False), ("Never", False)]),
        ir.LONGEST_KEY: record([("k" * 60, True), ("d" * 20, False), ("e" * 20, False)]),
        ir.ALL_OF_THE_ABOVE: record([("Rest", False), ("Walk", False), ("All of the above", True)]),
        ir.NEGATIVE_STEM: record(stem="Which action is not appropriate?"),
        ir.STEM_GRAMMAR: record(stem="Which of these are right?"),
        ir.THIN_RATIONALE: record([("Act now", True, "Red flag."), ("Rest", False)]),
    }
    return {
        **{rule: ([rec], rec) for rule, rec in per_item.items()},
        ir.KEY_POSITION: (four, four[0]),
        ir.NEAR_DUPLICATE: ([first, record(qid="d2")], first),
        ir.CASE_STEPS: (items, items[0]),
    }


def test_every_rule_has_a_flaw_here() -> None:
    assert set(flaws()) == set(ir.RULES)


@pytest.mark.parametrize("rule", ir.RULES)
def test_allow_silences_the_rule_and_only_it(rule: str) -> None:
    bank, target = flaws()[rule]
    assert [f.rule for f in ir.review_bank(bank)] == [rule]

    def allowed(*rules: str) -> list[QuestionRecord]:
        return [allowing(r, *rules) if r is target else r for r in bank]

    assert ir.review_bank(allowed(rule)) == []
    others = sorted(set(ir.RULES) - {rule})
    assert [f.rule for f in ir.review_bank(allowed(*others))] == [rule]


def test_allow_and_config_names_are_checked() -> None:
    assert ir.parse_allow("longest-key, bogus item-nothing") == (
        frozenset({ir.LONGEST_KEY}),
        ["bogus", "item-nothing"],
    )
    assert ir.parse_allow(None) == (frozenset(), [])
    assert ir.enabled_rules(True) == (frozenset(ir.RULES), [])
    assert ir.enabled_rules(False) == (frozenset(), [])
    assert ir.enabled_rules("longest-key, case-steps") == (
        frozenset({ir.LONGEST_KEY, ir.CASE_STEPS}),
        [],
    )
    assert ir.enabled_rules(1) == (frozenset(), ["1"])
    assert ir.enabled_rules(["longest-key", "item-case-steps", "nope", 3]) == (
        frozenset({ir.LONGEST_KEY, ir.CASE_STEPS}),
        ["nope", "3"],
    )
    assert [ir.short_name(r) for r in ir.RULES][:2] == ["key-position", "select-all-order"]


# ------------------------------------------------------------------ blueprint


def test_the_blueprint_tables_a_small_bank() -> None:
    bank = [
        record(qid="s1", topics=("causes",), step="recognize-cues", level="apply"),
        record(
            [("Rest", False), ("Leg pain", True), ("Numb feet", True)],
            qid="m1",
            stem="Which of these are symptoms?",
            topics=("causes", "symptoms"),
            level="remember",
        ),
        record(
            [("A", True), ("B", False), ("C", False), ("D", False)],
            qid="s2",
            topics=(),
            step="take-action",
            level="apply",
        ),
        record([("Rest", False), ("Act", True)], qid="s3", topics=("symptoms",), lineno=99),
    ]
    findings = ir.review_bank(bank)
    table = ir.blueprint(bank, findings, topics=["symptoms", "causes", "treatments"])
    assert table["items"] == 4
    assert table["kinds"] == ["single", "multiple"]
    assert table["steps"] == [*ir.CLINICAL_JUDGMENT_STEPS, ""]
    assert table["levels"] == [*ir.COGNITIVE_LEVELS, ""]
    rows = {row["topic"]: row for row in table["topics"]}
    assert [row["topic"] for row in table["topics"]] == ["symptoms", "causes", "treatments", ""]
    assert rows["causes"]["items"] == 2
    assert rows["causes"]["kinds"] == {"single": 1, "multiple": 1}
    assert rows["symptoms"]["steps"][""] == 2
    assert rows["treatments"]["items"] == 0
    assert rows[""]["levels"]["apply"] == 1
    assert table["totals"]["kinds"] == {"single": 3, "multiple": 1}
    assert table["totals"]["steps"]["take-action"] == 1
    assert table["totals"]["levels"] == {
        "remember": 1, "understand": 0, "apply": 2, "analyze": 0, "evaluate": 0, "create": 0, "": 1,
    }  # fmt: skip
    assert sum(c["items"] for c in table["cells"]) == 5  # m1 counts under both its topics
    assert {"topic": "", "kind": "single", "step": "take-action", "level": "apply", "items": 1} in (
        table["cells"]
    )
    assert table["key_positions"] == {"A": 2, "B": 1, "C": 0, "D": 0}
    assert table["select_all_keys_first"] == 0
    flagged = {f.rule for f in findings}
    assert flagged and all(table["flagged"][rule] >= 1 for rule in flagged)
    assert set(table["flagged"]) == set(ir.RULES)
    assert table["flagged_items"] == len({f.record_id for f in findings})


def test_the_blueprint_is_json_able() -> None:
    import json

    bank = [record(qid="s1", topics=("causes",))]
    assert json.loads(json.dumps(ir.blueprint(bank, ir.review_bank(bank))))["items"] == 1


# --------------------------------------------------------- the guide's examples


def _load_bank_stats() -> Any:
    spec = importlib.util.spec_from_file_location("bank_stats", ROOT / "tools" / "bank_stats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bank_stats", module)
    spec.loader.exec_module(module)
    return module


REVIEW_EXAMPLE = re.compile(
    r"<!-- review: (?P<rule>item-[\w-]+) (?P<kind>bad|good) -->\n"
    r"`````markdown\n(?P<body>.*?)\n`````",
    re.S,
)


def test_every_rule_is_documented_with_a_bad_and_a_good_example() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    warnings = guide[guide.index("## Warnings") :]
    examples = {(m["rule"], m["kind"]) for m in REVIEW_EXAMPLE.finditer(guide)}
    for rule in ir.RULES:
        assert f"| `fbss_quiz.{rule}` |" in warnings, rule
        assert (rule, "bad") in examples and (rule, "good") in examples, rule


@pytest.mark.parametrize(
    ("rule", "kind", "body"),
    [(m["rule"], m["kind"], m["body"]) for m in REVIEW_EXAMPLE.finditer(GUIDE.read_text())],
    ids=[f"{m['rule']}-{m['kind']}" for m in REVIEW_EXAMPLE.finditer(GUIDE.read_text())],
)
def test_the_guides_examples_get_what_the_guide_says(
    tmp_path: Path, rule: str, kind: str, body: str
) -> None:
    bank_stats = _load_bank_stats()
    page = tmp_path / "index.md"
    page.write_text(body + "\n", encoding="utf-8")
    findings = bank_stats.review(bank_stats.items_of(page))
    if kind == "bad":
        assert [f.rule for f in findings] == [rule], findings
    else:
        assert findings == [], findings
