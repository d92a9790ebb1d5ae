"""Item review: the cues a test-wise student exploits, found in the question records.

Item-writing committees check by hand what a student who knows nothing of the subject
can still use (the NBME item-writing guide): keys that sit in one position, select-all
keys listed before the distractors, absolute words only the distractors carry, a key
that stands out by its length, "all of the above", negative stems a hurried reader
misses, a stem whose grammar gives away how many answers there are, the same point
asked twice, rationales that do not teach, and unfolding cases that wander through the
clinical-judgment steps. This module checks every one of them over ``QuestionRecord``s.

Plain Python over records: the build (``fbss_quiz/item_warnings.py``), the blueprint,
``questions.json`` and ``tools/bank_stats.py`` all call it, so every figure has one
implementation. Each rule's threshold is a named constant below and is documented in
AUTHORING.md ("Item review"); a finding says what is wrong and how to fix it.

Which rules apply to an item comes from its kind and its structure, never from its
``:type:``: options that its kind letters in one list (``Kind.lettered``) compete for
the key, so the option rules apply; that list's scoring rule tells one answer (``one``)
from several; a kind with ``row_rationales`` is judged by its rows' rationales. A new
kind gets the rules that fit it by declaring what it is.

Two kinds of checks:

- ``review_question``: what one item shows on its own (read time, per document);
- ``review_key_positions``, ``review_near_duplicates``, ``review_case_steps``: what only
  the whole book (or a whole quiz or case) shows. ``review_bank`` runs everything.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations, pairwise
from typing import Any

from fbss_quiz.kinds import KINDS, answering_kind
from fbss_quiz.model import (
    CLINICAL_JUDGMENT_STEPS,
    COGNITIVE_LEVELS,
    QuestionRecord,
    Rule,
    option_letter,
)

# --------------------------------------------------------------------------- rules

#: Warning subtypes (``fbss_quiz.<rule>``), in the order the guide documents them.
KEY_POSITION = "item-key-position"
SELECT_ALL_ORDER = "item-select-all-order"
ABSOLUTE_WORDS = "item-absolute-words"
LONGEST_KEY = "item-longest-key"
ALL_OF_THE_ABOVE = "item-all-of-the-above"
NEGATIVE_STEM = "item-negative-stem"
STEM_GRAMMAR = "item-stem-grammar"
NEAR_DUPLICATE = "item-near-duplicate"
THIN_RATIONALE = "item-thin-rationale"
CASE_STEPS = "item-case-steps"

RULES: tuple[str, ...] = (
    KEY_POSITION,
    SELECT_ALL_ORDER,
    ABSOLUTE_WORDS,
    LONGEST_KEY,
    ALL_OF_THE_ABOVE,
    NEGATIVE_STEM,
    STEM_GRAMMAR,
    NEAR_DUPLICATE,
    THIN_RATIONALE,
    CASE_STEPS,
)

_PREFIX = "item-"

# ---------------------------------------------------------------------- thresholds

#: From this many single-answer keys on, a book or quiz is held to ``KEY_SHARE``.
KEY_MIN_ITEMS = 20
#: No position may hold more than this share of the keys (with ``KEY_MIN_ITEMS`` or more).
KEY_SHARE = 0.40
#: With fewer keys, no position may hold more than half of them, and a warning needs
#: at least this many keys at the position (so that 2 of 3 in a small quiz is no flaw).
KEY_SMALL_MIN_AT_POSITION = 4

#: The key is "clearly the longest" when it is more than this many times as long as the
#: longest distractor (in characters) ...
LONGEST_RATIO = 1.5
#: ... and at least this many characters longer (short options vary by a word or two).
LONGEST_MARGIN = 25

#: Absolute words: warn when no key carries one and at least this share of the
#: distractors do (each such distractor is one a test-wise student crosses out).
ABSOLUTE_DISTRACTOR_SHARE = 0.5

#: A rationale shorter than this many words rarely says *why*.
RATIONALE_MIN_WORDS = 6

#: Near-duplicates (Jaccard similarity of content words): keys sharing this much ...
DUPLICATE_KEY_SIMILARITY = 0.5
#: ... from stems sharing at least this much ...
DUPLICATE_STEM_SIMILARITY = 0.15
#: ... or a mean of the two similarities at least this high. Tuned on the manual's own
#: clusters: its verbatim opioid pair scores 0.54 / 0.17; unrelated items with a common
#: key ("go to the emergency department") mostly stay under 0.15 on the stem.
DUPLICATE_MEAN_SIMILARITY = 0.5


@dataclass(frozen=True)
class ReviewSettings:
    """What a book may change: its language (for the word lists) and the rationale length."""

    #: Sphinx's ``language``; ``es_MX`` uses the ``es`` lists, unknown languages English.
    language: str | None = "en"
    rationale_min_words: int = RATIONALE_MIN_WORDS
    #: False when ``fbss_quiz_require_rationale`` already warns about missing rationales
    #: (``fbss_quiz.no-rationale``), so that one gap is not reported twice.
    report_missing_rationales: bool = True


DEFAULT_SETTINGS = ReviewSettings()


@dataclass(frozen=True)
class Finding:
    """One item-writing flaw: the rule (warning subtype), where it is and what to do."""

    rule: str
    record_id: str
    docname: str
    lineno: int
    message: str

    @property
    def location(self) -> tuple[str, int]:
        """``(docname, line)``, as Sphinx's logger takes a location."""
        return (self.docname, self.lineno)

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "id": self.record_id,
            "docname": self.docname,
            "lineno": self.lineno,
            "message": self.message,
        }


def _finding(rule: str, record: QuestionRecord, message: str) -> Finding:
    return Finding(rule, record.id, record.docname, record.lineno, message)


# ------------------------------------------------------------- naming the rules


def rule_name(name: str) -> str | None:
    """The rule an author means: ``longest-key``, ``item-longest-key`` or
    ``fbss_quiz.item-longest-key``; None when there is no such rule."""
    name = name.strip().lower().removeprefix("fbss_quiz.")
    if not name.startswith(_PREFIX):
        name = _PREFIX + name
    return name if name in RULES else None


def short_name(rule: str) -> str:
    """The name ``:allow:`` takes: ``item-longest-key`` -> ``longest-key``."""
    return rule.removeprefix(_PREFIX)


def parse_allow(value: str | None) -> tuple[frozenset[str], list[str]]:
    """``:allow: longest-key absolute-words`` -> (the rules, the names that are none).

    Names are separated by spaces or commas; the ``item-`` prefix may be written or not.
    """
    allowed: set[str] = set()
    unknown: list[str] = []
    for word in (value or "").replace(",", " ").split():
        rule = rule_name(word)
        if rule is None:
            unknown.append(word)
        else:
            allowed.add(rule)
    return frozenset(allowed), unknown


def enabled_rules(value: object) -> tuple[frozenset[str], list[str]]:
    """``fbss_quiz_item_review``: True (every rule), False (none), or rule names (a list,
    or one string of names separated by spaces or commas).

    Returns the rules to warn about and the entries that name no rule (a value of
    another type is one such entry).
    """
    if value is True:
        return frozenset(RULES), []
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if value is False or value is None or value == []:
        return frozenset(), []
    if not isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(), [repr(value)]
    rules: set[str] = set()
    unknown: list[str] = []
    for entry in value:
        rule = rule_name(entry) if isinstance(entry, str) else None
        if rule is None:
            unknown.append(str(entry))
        else:
            rules.add(rule)
    return frozenset(rules), unknown


# ------------------------------------------------------------------- languages


@dataclass(frozen=True)
class Vocabulary:
    """The words each rule looks for, in one language.

    ``absolute`` holds words and phrases (matched whole, any case, a space matching any
    run of white space); the other fields are regular expressions matched without
    regard to case.
    """

    #: Words that make a claim universal or certain. Clinical truths seldom are, so a
    #: test-wise student learns that options carrying them are usually wrong.
    absolute: tuple[str, ...]
    #: Options that point at other options: "all of the above", "A and B". They break
    #: when the options are shuffled and let a student answer from two options alone.
    above: tuple[str, ...]
    #: Words that make the question ask for the wrong answer.
    negative: tuple[str, ...]
    #: Words after which a negative belongs to a clause of its own ("... if the pain
    #: does not improve?"), not to what the question asks. Words that are as often
    #: prepositions ("after surgery", "since May", "antes de") are left out.
    clause_openers: frozenset[str]
    #: The lead-in announces several answers ("Which of these are ...", "Select all").
    several: tuple[str, ...]
    #: The lead-in announces one answer ("Which one ...", "What is the ...").
    one: tuple[str, ...]
    #: Words too common to tell two questions apart (near-duplicates).
    stop_words: frozenset[str]
    #: Abbreviations whose full stop does not end a sentence.
    abbreviations: frozenset[str]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ENGLISH_NOT_BEFORE_ARE = (
    "is|was|does|did|has|had|should|would|will|can|could|may|might|must|"
    "that|who|whom|whose|which|when|where|if|because|while"
)
_ENGLISH_NOT_BEFORE_IS = (
    "are|were|do|did|have|had|should|would|will|can|could|may|might|must|"
    "that|who|whom|whose|which|when|where|if|because|while"
)

ENGLISH = Vocabulary(
    absolute=(
        "always",
        "never",
        "only",
        "all",
        "none",
        "must",
        "cannot",
        "can't",
        "every",
        "everyone",
        "everything",
        "no one",
        "nobody",
        "nothing",
        "exactly",
        "completely",
        "entirely",
        "totally",
        "absolutely",
        "certainly",
        "definitely",
        "forever",
        "guarantee",
        "guarantees",
        "guaranteed",
        "impossible",
    ),
    above=(
        r"\b(?:all|none|both|neither|any)\s+(?:of\s+)?(?:the\s+)?(?:above|previous|preceding)\b",
        r"\b(?:all|none|both|neither)\s+of\s+(?:these|them)\b",
        r"^\s*(?:both\s+)?(?-i:[A-H])\s+and\s+(?-i:[A-H])\b",
    ),
    negative=(r"\bnot\b", r"\bexcept\b", r"(?<!\bat )\bleast\b", r"\b\w+n't\b"),
    clause_openers=_word_set(
        "if when whenever whether because although though unless until while who whom whose that"
    ),
    several=(
        r"\bselect\s+all\b",
        r"\bchoose\s+all\b",
        r"\bmark\s+all\b",
        r"\btick\s+all\b",
        r"\ball\s+that\s+apply\b",
        r"\bwhich\s+(?:two|three|four|five)\b",
        rf"\bwhich(?:\s+(?!(?:{_ENGLISH_NOT_BEFORE_ARE})\b)[\w'-]+){{0,5}}?\s+are\b",
    ),
    one=(
        r"\bwhich\s+one\b",
        r"\bwhich\s+single\b",
        r"\bwhat\s+is\s+the\b",
        r"\bwhich\s+is\s+the\b",
        rf"\bwhich(?:\s+(?!(?:{_ENGLISH_NOT_BEFORE_IS})\b)[\w'-]+){{0,5}}?\s+is\b",
    ),
    stop_words=_word_set(
        "a an the of to in on at for and or is are be was it he she they his her their "
        "this that with as by from what which who does do should most best first"
    ),
    abbreviations=_word_set("mr mrs ms dr st vs etc e.g i.e approx"),
)

SPANISH = Vocabulary(
    absolute=(
        "siempre",
        "nunca",
        "jamás",
        "solo",
        "sólo",
        "solamente",
        "únicamente",
        "todo",
        "toda",
        "todos",
        "todas",
        "ninguno",
        "ninguna",
        "ningún",
        "nada",
        "nadie",
        "cada",
        "debe",
        "deben",
        "no puede",
        "no pueden",
        "exactamente",
        "completamente",
        "totalmente",
        "por completo",
        "absolutamente",
        "definitivamente",
        "garantiza",
        "garantizado",
        "imposible",
    ),
    above=(
        r"\b(?:todas|todos|ninguna|ninguno|ambas|ambos|cualquiera)\s+(?:de\s+)?(?:las|los)\s+"
        r"(?:respuestas\s+|opciones\s+)?anteriores\b",
        r"\b(?:todo|nada)\s+(?:de\s+)?lo\s+anterior\b",
        r"\b(?:ninguna|ninguno)\s+de\s+(?:estas|estos|ellas|ellos)\b",
        r"^\s*(?:ambas\s+)?(?-i:[A-H])\s+y\s+(?-i:[A-H])\b",
    ),
    negative=(r"\bno\b", r"\bexcepto\b", r"\bsalvo\b", r"(?<!\bal )(?<!\blo )\bmenos\b"),
    clause_openers=_word_set("si cuando porque aunque que quien quienes mientras cuyo cuya donde"),
    several=(
        r"\bcuáles\b",
        r"\bseleccione\s+todas\b",
        r"\bmarque\s+todas\b",
        r"\belija\s+todas\b",
        r"\btodas\s+las\s+que\s+(?:correspondan|apliquen)\b",
        r"\bqué\s+(?:dos|tres|cuatro)\b",
    ),
    one=(r"\bcuál\b", r"\bqué\s+única\b"),
    stop_words=_word_set(
        "el la los las un una unos unas de del al a en y o u e es son ser fue que qué cuál "
        "cuáles con por para su sus se lo le les este esta estos estas como más mejor "
        "primero debe"
    ),
    abbreviations=_word_set("sr sra srta dr dra ej etc"),
)

#: ``language`` -> the words each rule looks for. Add a language here.
VOCABULARIES: dict[str, Vocabulary] = {"en": ENGLISH, "es": SPANISH}


def language_code(language: str | None) -> str:
    """``es_MX`` and ``es-MX`` -> ``es``; a language with no lists (or none) -> ``en``."""
    base = (language or "en").replace("-", "_").split("_")[0].lower()
    return base if base in VOCABULARIES else "en"


@dataclass(frozen=True)
class _Patterns:
    absolute: re.Pattern[str]
    above: tuple[re.Pattern[str], ...]
    negative: tuple[re.Pattern[str], ...]
    several: tuple[re.Pattern[str], ...]
    one: tuple[re.Pattern[str], ...]


def _phrase(words: str) -> str:
    return r"\s+".join(re.escape(w) for w in words.split())


@cache
def _patterns(language: str) -> _Patterns:
    words = VOCABULARIES[language]

    def compiled(sources: Iterable[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(s, re.I) for s in sources)

    # Longest first, so that "no one" wins over a shorter word at the same place.
    absolute = sorted(words.absolute, key=len, reverse=True)
    return _Patterns(
        absolute=re.compile(
            r"(?<![\w'])(?:" + "|".join(map(_phrase, absolute)) + r")(?![\w'])", re.I
        ),
        above=compiled(words.above),
        negative=compiled(words.negative),
        several=compiled(words.several),
        one=compiled(words.one),
    )


def absolute_words(text: str, language: str | None = "en") -> list[str]:
    """The absolute words of ``text`` (as written), in order."""
    pattern = _patterns(language_code(language)).absolute
    return [m.group(0) for m in pattern.finditer(_squash(text))]


def refers_to_other_options(text: str, language: str | None = "en") -> bool:
    """True for "all of the above", "none of these", "A and B" and their kind."""
    return any(p.search(_squash(text)) for p in _patterns(language_code(language)).above)


# ---------------------------------------------------------------------- text


_SPACES = re.compile(r"\s+")
#: Typographic apostrophes read as plain ones ("can\u2019t" is "can't").
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
_SENTENCE_END = re.compile(r"[.!?…][\"'”)\]]*\s+")
#: A word as a reader sees it ("isn't" is one).
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
#: A token for comparing texts: letters and digits only ("nurse's" is "nurse" and "s"),
#: as the near-duplicate thresholds were tuned.
_TOKEN = re.compile(r"[^\W_]+")


def _squash(text: str) -> str:
    """One space between words, plain apostrophes."""
    return _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()


def lead_in(stem: str, language: str | None = "en") -> str:
    """The question the stem asks, and anything after it ("Select all that apply.").

    That is the sentence that ends with the stem's last question mark or, without one,
    the stem's last sentence. The scenario before it may say "not" without asking for
    a wrong answer.
    """
    text = _squash(stem)
    mark = text.rfind("?")
    end = mark if mark >= 0 else len(text.rstrip(".!… "))
    abbreviations = VOCABULARIES[language_code(language)].abbreviations
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, end):
        before = text[: match.start()].rsplit(" ", 1)[-1].lower()
        if before not in abbreviations:
            start = match.end()
    return text[start:]


_EMPHASIS = re.compile(
    r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])"
    r"|(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])__(?=\S)(.+?)(?<=\S)__(?![\w_])"
    r"|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"
)


def folded_words(text: str) -> frozenset[str]:
    """The words of ``text`` as a reader sees them ("isn't" is one), folded to lower case."""
    return frozenset(w.casefold() for w in _WORD.findall(_squash(text)))


def emphasised_words(markup: str) -> frozenset[str]:
    """The words of ``markup`` written in ``*...*``, ``**...**``, ``_..._`` or ``__...__``
    (MyST and reStructuredText alike), folded to lower case.

    The build takes them from the stem's emphasis nodes (``QuestionRecord.emphasis``);
    this reads them from the source, for tools that read the Markdown itself.
    """
    found: set[str] = set()
    for match in _EMPHASIS.finditer(_squash(markup)):
        found |= folded_words(next(g for g in match.groups() if g))
    return frozenset(found)


def strip_emphasis(markup: str) -> str:
    """``markup`` without its emphasis markers, as the record's plain text has it."""
    return _EMPHASIS.sub(lambda m: next(g for g in m.groups() if g), markup)


def word_count(text: str) -> int:
    return len(text.split())


def content_words(text: str, language: str | None = "en") -> frozenset[str]:
    """The words of ``text`` that tell it apart: folded, without the stop words."""
    stop = VOCABULARIES[language_code(language)].stop_words
    words = (m.casefold() for m in _TOKEN.findall(_squash(text)))
    return frozenset(w for w in words if w not in stop)


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    common = len(left & right)
    union = len(left) + len(right) - common
    return common / union if union else 0.0


# ------------------------------------------------------------ shared measures


def is_classic(record: QuestionRecord) -> bool:
    """Options in one lettered list that compete for the key (single-answer, select-all,
    and any kind that letters its options: ``Kind.lettered``)."""
    kind = answering_kind(record)
    return kind is not None and kind.lettered and len(record.groups) == 1


def is_single(record: QuestionRecord) -> bool:
    """A lettered list with one correct option, scored 0/1."""
    return is_classic(record) and record.groups[0].rule == Rule.ONE and len(record.correct) == 1


def answers_several(record: QuestionRecord) -> bool:
    """A lettered list from which the reader picks more than one (select-all)."""
    return is_classic(record) and record.groups[0].rule != Rule.ONE


def key_letter(record: QuestionRecord) -> str:
    """The letter of a single-answer item's key, in the author's order."""
    return option_letter(min(record.correct))


def key_positions(records: Iterable[QuestionRecord]) -> dict[str, int]:
    """How many single-answer keys sit at each letter, every letter up to the last used
    option position (zeros included), in order."""
    singles = [r for r in records if is_single(r)]
    counts = Counter(key_letter(r) for r in singles)
    width = max((len(r.options) for r in singles), default=0)
    return {option_letter(i): counts.get(option_letter(i), 0) for i in range(width)}


def keys_all_first(record: QuestionRecord) -> bool:
    """A select-all item whose correct options all come before every distractor."""
    keys = sorted(record.correct)
    return (
        answers_several(record)
        and 0 < len(keys) < len(record.options)
        and keys == list(range(len(keys)))
    )


def keys_all_last(record: QuestionRecord) -> bool:
    """A select-all item whose correct options all come after every distractor."""
    keys = sorted(record.correct)
    n = len(record.options)
    return answers_several(record) and 0 < len(keys) < n and keys == list(range(n - len(keys), n))


def _keys_and_distractors(record: QuestionRecord) -> tuple[list[str], list[str]]:
    keys = [o.text for o in record.options if o.correct]
    return keys, [o.text for o in record.options if not o.correct]


def absolute_word_cue(
    record: QuestionRecord,
    language: str | None = "en",
    distractor_share: float = ABSOLUTE_DISTRACTOR_SHARE,
) -> bool:
    """No key carries an absolute word, and at least ``distractor_share`` of the
    distractors do (a share of 0 means: any one distractor)."""
    if not is_classic(record):
        return False
    keys, distractors = _keys_and_distractors(record)
    if not distractors or any(absolute_words(k, language) for k in keys):
        return False
    carrying = sum(bool(absolute_words(d, language)) for d in distractors)
    return carrying > 0 and carrying >= distractor_share * len(distractors)


def key_stands_out_by_length(
    record: QuestionRecord, ratio: float = LONGEST_RATIO, margin: int = LONGEST_MARGIN
) -> bool:
    """Every key is more than ``ratio`` times as long as the longest distractor and at
    least ``margin`` characters longer. ``ratio=1, margin=1``: strictly the longest."""
    if not is_classic(record):
        return False
    keys, distractors = _keys_and_distractors(record)
    if not keys or not distractors:
        return False
    shortest_key = min(len(_squash(k)) for k in keys)
    longest_other = max(len(_squash(d)) for d in distractors)
    return shortest_key > ratio * longest_other and shortest_key - longest_other >= margin


def _rationale_parts(record: QuestionRecord) -> list[tuple[str, str]]:
    """(name, rationale) of each part that should explain itself: an option, or a
    matrix row (whose columns share the row's rationale)."""
    kind = answering_kind(record)
    if kind is not None and kind.row_rationales:
        return [(repr(g.label), g.rationale) for g in record.groups]
    if is_classic(record):
        return [(option_letter(i), o.rationale) for i, o in enumerate(record.options)]
    return [(repr(o.text), o.rationale) for o in record.options]


def thin_rationales(
    record: QuestionRecord,
    min_words: int = RATIONALE_MIN_WORDS,
    *,
    include_missing: bool = True,
) -> list[str]:
    """The names (letters, or quoted labels) of parts whose rationale has fewer than
    ``min_words`` words (a missing one only with ``include_missing``)."""
    return [
        name
        for name, rationale in _rationale_parts(record)
        if (include_missing or rationale.strip()) and word_count(rationale) < min_words
    ]


def _key_text(record: QuestionRecord) -> str:
    return " ".join(o.text for o in record.options if o.correct)


def similarity(
    a: QuestionRecord, b: QuestionRecord, language: str | None = "en"
) -> tuple[float, float]:
    """Jaccard similarity of the two items' keys, and of their stems (content words)."""
    return (
        jaccard(content_words(_key_text(a), language), content_words(_key_text(b), language)),
        jaccard(content_words(a.stem, language), content_words(b.stem, language)),
    )


def _similar(keys: float, stems: float) -> bool:
    return (keys >= DUPLICATE_KEY_SIMILARITY and stems >= DUPLICATE_STEM_SIMILARITY) or (
        keys + stems
    ) / 2 >= DUPLICATE_MEAN_SIMILARITY


def _normal(text: str) -> str:
    return " ".join(m.casefold() for m in _TOKEN.findall(_squash(text)))


def _signature(record: QuestionRecord) -> tuple[str, tuple[str, ...]]:
    """The stem and the keys, capitals, punctuation and spacing aside."""
    return (
        _normal(record.stem),
        tuple(sorted(_normal(o.text) for o in record.options if o.correct)),
    )


def same_question(a: QuestionRecord, b: QuestionRecord) -> bool:
    """The same stem and the same key(s), capitals, punctuation and spacing aside."""
    signature = _signature(a)
    return bool(signature[0]) and signature == _signature(b)


def near_duplicates(a: QuestionRecord, b: QuestionRecord, language: str | None = "en") -> bool:
    """The same point with the same key: the same question word for word (any item
    kind), or, for single-answer and select-all items, keys that share at least half
    their content words from stems that share some (see the thresholds above)."""
    if same_question(a, b):
        return True
    if not (is_classic(a) and is_classic(b)):
        return False
    return _similar(*similarity(a, b, language))


# ------------------------------------------------------------- one question


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def _letters(indices: Iterable[int]) -> str:
    return ", ".join(option_letter(i) for i in sorted(indices))


def _review_select_all_order(record: QuestionRecord) -> str | None:
    if not keys_all_first(record):
        return None
    n = len(record.correct)
    keys = (
        f"all {n} correct options ({_letters(record.correct)}) come"
        if n > 1
        else "the only correct option (A) comes"
    )
    return (
        f"{keys} before every incorrect one, so 'tick the first ones' scores without "
        "knowing the answer: mix the correct options among the incorrect ones (ePub, PDF "
        "and the answer keys keep your order)"
    )


def _review_absolute_words(record: QuestionRecord, settings: ReviewSettings) -> str | None:
    if not absolute_word_cue(record, settings.language):
        return None
    words = {i: absolute_words(o.text, settings.language) for i, o in enumerate(record.options)}
    carriers = [
        f"{option_letter(i)} ({', '.join(map(repr, words[i]))})"
        for i, o in enumerate(record.options)
        if not o.correct and words[i]
    ]
    distractors = len(record.options) - len(record.correct)
    return (
        f"{len(carriers)} of the {distractors} incorrect options "
        f"{'carry' if len(carriers) > 1 else 'carries'} an absolute word "
        f"({'; '.join(carriers)}) and no correct one does, so a reader can cross "
        f"{'them' if len(carriers) > 1 else 'it'} out "
        "without knowing the subject: reword those options as specific, plausible claims, "
        "or give a correct option a justified absolute word too"
    )


def _review_longest_key(record: QuestionRecord) -> str | None:
    if not key_stands_out_by_length(record):
        return None
    keys, distractors = _keys_and_distractors(record)
    key_length = min(len(_squash(k)) for k in keys)
    other = max(len(_squash(d)) for d in distractors)
    what = (
        f"the correct option ({key_letter(record)}, {key_length} characters) is"
        if is_single(record)
        else f"every correct option (the shortest has {key_length} characters) is"
    )
    return (
        f"{what} more than {LONGEST_RATIO:g} times as long as the longest incorrect one "
        f"({other} characters), so length gives the answer away: shorten it (move "
        "qualifications to the rationale), or make the incorrect options as specific"
    )


def _review_above(record: QuestionRecord, settings: ReviewSettings) -> str | None:
    if not is_classic(record):
        return None
    pointing = [
        i
        for i, o in enumerate(record.options)
        if refers_to_other_options(o.text, settings.language)
    ]
    if not pointing:
        return None
    quoted = ", ".join(f"{option_letter(i)} ({record.options[i].text!r})" for i in pointing)
    return (
        f"option {quoted} points at other options: it stops making sense when the "
        "options are shuffled, and recognising two right options is enough to choose it: "
        "write each option as a claim of its own, or make this a select-all-that-apply item"
    )


_PARAGRAPHS = re.compile(r"\n\s*\n")


def question_text(record: QuestionRecord) -> str:
    """The stem as far as it asks: without the paragraphs that hold the item's own
    choices, when its kind puts them there (a highlight's passage, whose "not" is a
    finding to select, not a negative question: ``Kind.choices_in_stem``)."""
    kind = answering_kind(record)
    if kind is None or not kind.choices_in_stem:
        return record.stem
    choices = [o.text for o in record.options if o.text.strip()]
    paragraphs = _PARAGRAPHS.split(record.stem)
    return "\n\n".join(p for p in paragraphs if not any(c in p for c in choices))


def _review_negative_stem(record: QuestionRecord, settings: ReviewSettings) -> str | None:
    language = language_code(settings.language)
    question = lead_in(question_text(record), language)
    openers = VOCABULARIES[language].clause_openers
    marked = {w.casefold() for w in record.emphasis}
    for pattern in _patterns(language).negative:
        for match in pattern.finditer(question):
            word = match.group(0)
            if word.isupper() or word.casefold() in marked:
                continue
            before = [w.casefold() for w in _WORD.findall(question[: match.start()])]
            # "... if the pain does not improve?": the negative is the clause's, not the
            # question's; EXCEPT always asks for the odd one out.
            if any(w in openers for w in before) and word.casefold() not in ("except", "excepto"):
                continue
            return (
                f"the question asks for a wrong answer with {word!r}, which a hurried "
                f"reader misses: mark it (capitals or emphasis: '**{word.upper()}**'), or "
                "better, ask for the right answer"
            )
    return None


def _review_stem_grammar(record: QuestionRecord, settings: ReviewSettings) -> str | None:
    if not is_classic(record):
        return None
    patterns = _patterns(language_code(settings.language))
    question = lead_in(record.stem, settings.language)
    if not answers_several(record):
        hit = next((m for p in patterns.several if (m := p.search(question))), None)
        if hit:
            return (
                f"the question has one correct option but its wording "
                f"({hit.group(0)!r}) announces several: ask in the singular "
                '("Which finding ...  is"), or make it select-all-that-apply '
                "(':type: multiple')"
            )
        return None
    hit = next((m for p in patterns.one if (m := p.search(question))), None)
    if hit:
        return (
            f"the question is select-all-that-apply but its wording ({hit.group(0)!r}) "
            "announces one answer, which tells the reader to tick a single box: ask in the "
            'plural ("Which findings ... are")'
        )
    return None


def _review_thin_rationale(record: QuestionRecord, settings: ReviewSettings) -> str | None:
    thin = thin_rationales(
        record,
        settings.rationale_min_words,
        include_missing=settings.report_missing_rationales,
    )
    if not thin:
        return None
    what = "option" if is_classic(record) else "part"
    names = ", ".join(thin)
    return (
        f"the rationale of {what}{'s' if len(thin) > 1 else ''} {names} is missing or shorter "
        f"than {settings.rationale_min_words} words: say why the option is right or wrong, "
        "so that a reader who chose it learns from it"
    )


def review_question(
    record: QuestionRecord, *, settings: ReviewSettings = DEFAULT_SETTINGS
) -> list[Finding]:
    """The flaws one item shows on its own (every rule but key positions,
    near-duplicates and case steps), in the order of ``RULES``.

    The record's ``allow`` names the rules its ``:allow:`` silences; its ``emphasis``
    holds the words its stem shows in emphasis (``*not*``), which count as marked
    negatives.
    """
    checks: list[tuple[str, Callable[[], str | None]]] = [
        (SELECT_ALL_ORDER, lambda: _review_select_all_order(record)),
        (ABSOLUTE_WORDS, lambda: _review_absolute_words(record, settings)),
        (LONGEST_KEY, lambda: _review_longest_key(record)),
        (ALL_OF_THE_ABOVE, lambda: _review_above(record, settings)),
        (NEGATIVE_STEM, lambda: _review_negative_stem(record, settings)),
        (STEM_GRAMMAR, lambda: _review_stem_grammar(record, settings)),
        (THIN_RATIONALE, lambda: _review_thin_rationale(record, settings)),
    ]
    found = []
    for rule, check in checks:
        if rule in record.allow:
            continue
        message = check()
        if message:
            found.append(_finding(rule, record, message))
    return found


# --------------------------------------------------------------- the whole book


def key_position_limit(total: int) -> int:
    """The most keys one position may hold among ``total`` single-answer keys: 40 % from
    ``KEY_MIN_ITEMS`` on; below, half, but never fewer than 3 (4 at one position warns)."""
    if total >= KEY_MIN_ITEMS:
        return math.floor(KEY_SHARE * total + 1e-9)
    return max(KEY_SMALL_MIN_AT_POSITION - 1, total // 2)


def _distribution(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{letter} {n}" for letter, n in counts.items())


def _review_positions(records: Sequence[QuestionRecord], scope: str) -> list[Finding]:
    """One finding per over-used position, at the question that tips it: the first, in
    reading order, whose key is one more at that position than the limit allows."""
    counts = key_positions(records)
    total = sum(counts.values())
    limit = key_position_limit(total)
    found = []
    for letter, count in counts.items():
        if count <= limit:
            continue
        at_position = [r for r in records if is_single(r) and key_letter(r) == letter]
        tipping, *later = at_position[limit:]
        rule = (
            f"more than {_percent(KEY_SHARE)} of them"
            if total >= KEY_MIN_ITEMS
            else f"more than half of them (and at least {KEY_SMALL_MIN_AT_POSITION})"
        )
        also = ""
        if later:
            ids = ", ".join(r.id for r in later)
            also = f" and of the later {'ones' if len(later) > 1 else 'one'} ({ids})"
        found.append(
            _finding(
                KEY_POSITION,
                tipping,
                f"{letter} is the correct option of {count} of the {total} single-answer "
                f"questions of {scope} ({_distribution(counts)}), {rule}, so always answering "
                f"{letter} scores without knowing the subject; this question is the "
                f"{_ordinal(limit + 1)} with its key at {letter}, past the {limit} that keep "
                f"the letters balanced: move the correct option of this question{also} to "
                "another letter (or write ':allow: key-position' on a question whose options "
                "have a fixed order, such as numbers from low to high)",
            )
        )
    return found


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _allows(record: QuestionRecord, rule: str) -> bool:
    return rule in record.allow


def default_quizzes(records: Sequence[QuestionRecord]) -> dict[str, list[str]]:
    """Quizzes as the records alone tell them: each case, and the other questions of each
    page. Keys name the quiz as a message shows it ("the case 'quiz-nursing-2'")."""
    quizzes: dict[str, list[str]] = defaultdict(list)
    for record in records:
        name = (
            f"the case {record.case!r}"
            if record.case
            else f"page {record.docname!r} (outside its cases)"
        )
        quizzes[name].append(record.id)
    return dict(quizzes)


def review_key_positions(
    records: Sequence[QuestionRecord],
    *,
    quizzes: Mapping[str, Sequence[str]] | None = None,
) -> list[Finding]:
    """Key positions book-wide and per quiz.

    ``quizzes`` maps the name a message shows ("the quiz 'Check yourself'") to the ids
    of the quiz's (or case's) own questions, in order; a review quiz gathered with
    ``:collect:`` has none of its own. Questions in no quiz count together per page
    (``default_quizzes``), which is all there is without ``quizzes``. Questions that
    ``:allow: key-position`` (options in a fixed order) are not counted.
    """
    counted = [r for r in records if is_single(r) and not _allows(r, KEY_POSITION)]
    found = _review_positions(counted, "the book")
    by_id = {r.id: r for r in counted}
    for name, ids in _quiz_members(records, quizzes).items():
        members = [by_id[i] for i in ids if i in by_id]
        # A quiz that is the whole book was judged as the book.
        if len(members) != len(counted):
            found.extend(_review_positions(members, name))
    return found


def _quiz_members(
    records: Sequence[QuestionRecord], quizzes: Mapping[str, Sequence[str]] | None
) -> dict[str, Sequence[str]]:
    """The named quizzes, then the questions of each page that no quiz holds."""
    groups: dict[str, Sequence[str]] = dict(quizzes or {})
    in_quizzes = {i for ids in groups.values() for i in ids}
    loose = [r for r in records if r.id not in in_quizzes]
    for name, page in default_quizzes(loose).items():
        groups.setdefault(name, page)
    return groups


@dataclass(frozen=True)
class DuplicatePair:
    """Two questions that test the same point with the same key (``later`` after
    ``earlier`` in the records' order)."""

    earlier: QuestionRecord
    later: QuestionRecord
    #: Jaccard similarity of the keys' and of the stems' content words.
    keys: float
    stems: float
    word_for_word: bool


@dataclass(frozen=True)
class _Compared:
    """What comparing a question with another needs, worked out once per question."""

    record: QuestionRecord
    signature: tuple[str, tuple[str, ...]]
    classic: bool
    keys: frozenset[str]
    stem: frozenset[str]


def _candidates(prepared: Sequence[_Compared]) -> list[tuple[int, int]]:
    """The pairs (in the records' order) that can be near-duplicates at all: the same
    signature; or, both lettered, keys that share a content word (keys under half alike
    need stems over half alike, see ``_similar``) or, keys sharing none, the same stem
    words (a mean of 0.5 then needs stems alike in full). The other pairs of a large
    book, nearly all, are never compared."""
    groups: dict[object, list[int]] = defaultdict(list)
    for i, item in enumerate(prepared):
        if item.signature[0]:
            groups[("signature", item.signature)].append(i)
        if item.classic:
            for word in item.keys:
                groups[("key", word)].append(i)
            if item.stem:
                groups[("stem", item.stem)].append(i)
    found = {pair for members in groups.values() for pair in combinations(members, 2)}
    return sorted(found)


def near_duplicate_pairs(
    records: Sequence[QuestionRecord], language: str | None = "en"
) -> list[DuplicatePair]:
    """Every pair that ``near_duplicates`` would flag, in the records' order."""
    prepared = [
        _Compared(
            r,
            _signature(r),
            is_classic(r),
            content_words(_key_text(r), language),
            content_words(r.stem, language),
        )
        for r in records
    ]
    pairs = []
    for i, j in _candidates(prepared):
        a, b = prepared[i], prepared[j]
        same = bool(a.signature[0]) and a.signature == b.signature
        if not same and not (a.classic and b.classic):
            continue
        keys, stems = jaccard(a.keys, b.keys), jaccard(a.stem, b.stem)
        if same or _similar(keys, stems):
            pairs.append(DuplicatePair(a.record, b.record, keys, stems, same))
    return pairs


def review_near_duplicates(
    records: Sequence[QuestionRecord],
    *,
    settings: ReviewSettings = DEFAULT_SETTINGS,
) -> list[Finding]:
    """Pairs that test the same point with the same key, reported at the later question
    (in ``records``' order) and naming the earlier one. ``:allow: near-duplicate`` on
    either question silences the pair."""
    found = []
    open_ = [r for r in records if not _allows(r, NEAR_DUPLICATE)]
    for pair in near_duplicate_pairs(open_, settings.language):
        a = pair.earlier
        how = (
            "word for word"
            if pair.word_for_word
            else f"with {_percent(pair.keys)} of the keys' content words and "
            f"{_percent(pair.stems)} of the stems' in common"
        )
        found.append(
            _finding(
                NEAR_DUPLICATE,
                pair.later,
                f"this question and question {a.id!r} ({a.docname}, line {a.lineno}) test "
                f"the same point with the same key ({how}): a reader who answered one "
                "answers the other from memory: merge them, or make one test another point "
                "(another situation, step or key); ':allow: near-duplicate' on either keeps "
                "both on purpose",
            )
        )
    return found


def _step_name(step: str) -> str:
    return step.replace("-", " ")


def _step_problem(before: QuestionRecord, after: QuestionRecord) -> str | None:
    """What is wrong with ``after``'s step coming after ``before``'s, if anything."""
    i = CLINICAL_JUDGMENT_STEPS.index(before.step)
    j = CLINICAL_JUDGMENT_STEPS.index(after.step)
    if j == i + 1:
        return None
    if j == i:
        return f"{after.id!r} repeats {_step_name(after.step)}"
    if j < i:
        return f"{after.id!r} goes back to {_step_name(after.step)} after {_step_name(before.step)}"
    skipped = ", ".join(_step_name(s) for s in CLINICAL_JUDGMENT_STEPS[i + 1 : j])
    return f"{after.id!r} skips {skipped}"


def _review_case(items: Sequence[QuestionRecord]) -> Finding | None:
    problems = [
        (after, problem)
        for before, after in pairwise(items)
        if (problem := _step_problem(before, after)) is not None
    ]
    if not problems:
        return None
    sequence = " → ".join(_step_name(r.step) for r in items)
    listed = "; ".join(problem for _, problem in problems)
    return _finding(
        CASE_STEPS,
        problems[0][0],
        f"the steps of this case run {sequence}: {listed}: give its "
        "items the clinical-judgment steps in order, one each (recognize cues → "
        "analyze cues → prioritize hypotheses → generate solutions → take action → "
        "evaluate outcomes), or correct the ':step:' that does not fit",
    )


def review_case_steps(records: Sequence[QuestionRecord]) -> list[Finding]:
    """Each case whose items with ``:step:`` do not follow the clinical-judgment steps
    one by one (a case may start and end at any step). One finding per case, at the
    first item where the order breaks; ``:allow: case-steps`` on any of its items
    silences it."""
    cases: dict[str, list[QuestionRecord]] = defaultdict(list)
    for record in records:
        if record.case and record.step in CLINICAL_JUDGMENT_STEPS:
            cases[record.case].append(record)
    found = []
    for items in cases.values():
        if not any(_allows(r, CASE_STEPS) for r in items):
            finding = _review_case(items)
            if finding is not None:
                found.append(finding)
    return found


def review_bank(
    records: Sequence[QuestionRecord],
    *,
    quizzes: Mapping[str, Sequence[str]] | None = None,
    settings: ReviewSettings = DEFAULT_SETTINGS,
) -> list[Finding]:
    """Every rule over the book's records (in reading order), sorted by question, then
    rule (``quizzes``: see ``review_key_positions``)."""
    found: list[Finding] = []
    for record in records:
        found.extend(review_question(record, settings=settings))
    found.extend(review_key_positions(records, quizzes=quizzes))
    found.extend(review_near_duplicates(records, settings=settings))
    found.extend(review_case_steps(records))
    order = {r.id: n for n, r in enumerate(records)}
    return sorted(found, key=lambda f: (order.get(f.record_id, len(order)), RULES.index(f.rule)))


# ------------------------------------------------------------------ blueprint


def _zeros(names: Iterable[str]) -> dict[str, int]:
    return dict.fromkeys(names, 0)


def _topics_of(record: QuestionRecord) -> tuple[str, ...]:
    return record.topics or ("",)


def _step_of(record: QuestionRecord) -> str:
    return record.step if record.step in CLINICAL_JUDGMENT_STEPS else ""


def _level_of(record: QuestionRecord) -> str:
    return record.level if record.level in COGNITIVE_LEVELS else ""


@dataclass(frozen=True)
class _Axes:
    """The blueprint's rows and columns, in the order to show them."""

    topics: list[str]
    kinds: list[str]
    steps: list[str]
    levels: list[str]

    @classmethod
    def of(cls, records: Sequence[QuestionRecord], topics: Sequence[str]) -> _Axes:
        present = {r.qtype for r in records}
        named = list(dict.fromkeys(topics))
        extra = sorted({t for r in records for t in r.topics} - set(named))
        untagged = [""] if any(not r.topics for r in records) else []
        return cls(
            topics=named + extra + untagged,
            # The registry's order, then any type it does not know (a record from elsewhere).
            kinds=[t for t in KINDS if t in present] + sorted(present - set(KINDS)),
            steps=list(CLINICAL_JUDGMENT_STEPS)
            + ([""] if any(not _step_of(r) for r in records) else []),
            levels=list(COGNITIVE_LEVELS)
            + ([""] if any(not _level_of(r) for r in records) else []),
        )

    def tally(self, chosen: Sequence[QuestionRecord]) -> dict[str, Any]:
        table: dict[str, Any] = {
            "items": len(chosen),
            "kinds": _zeros(self.kinds),
            "steps": _zeros(self.steps),
            "levels": _zeros(self.levels),
        }
        for record in chosen:
            table["kinds"][record.qtype] += 1
            table["steps"][_step_of(record)] += 1
            table["levels"][_level_of(record)] += 1
        return table

    def cells(self, records: Sequence[QuestionRecord]) -> list[dict[str, Any]]:
        """The full cube, topic x type x step x level, without its empty cells."""
        cube = Counter(
            (topic, r.qtype, _step_of(r), _level_of(r)) for r in records for topic in _topics_of(r)
        )
        axes = (self.topics, self.kinds, self.steps, self.levels)
        ordered = sorted(
            cube.items(), key=lambda c: [a.index(v) for a, v in zip(axes, c[0], strict=True)]
        )
        return [
            {"topic": t, "kind": k, "step": s, "level": lv, "items": n}
            for (t, k, s, lv), n in ordered
        ]


def _flagged(findings: Iterable[Finding]) -> dict[str, set[str]]:
    flagged: dict[str, set[str]] = {rule: set() for rule in RULES}
    for finding in findings:
        flagged.setdefault(finding.rule, set()).add(finding.record_id)
    return flagged


def blueprint(
    records: Sequence[QuestionRecord],
    findings: Iterable[Finding] = (),
    *,
    topics: Sequence[str] = (),
) -> dict[str, Any]:
    """The bank tabled for instructors, as plain JSON-able data.

    ``topics``: the book's topic ids in the order to show them (``fbss_quiz_topics``);
    topics the records name beyond them follow in alphabetical order, and untagged
    questions form a last row with the topic ``""``. A question with several topics
    counts in each of its rows, so the rows may add up to more than ``items``.
    Step and level ``""`` count questions without ``:step:`` / ``:level:``.

    Returns::

        {"items": 96,
         "kinds": ["single", "multiple", ...],          # :type:s present, registry order
         "steps": [six steps, then "" if any untagged],
         "levels": [six levels, then "" if any untagged],
         "topics": [{"topic": "causes", "items": 12,
                     "kinds": {kind: n}, "steps": {step: n}, "levels": {level: n}}, ...],
         "totals": {"kinds": {...}, "steps": {...}, "levels": {...}},
         "cells": [{"topic", "kind", "step", "level", "items"}, ...],  # the full cube
         "key_positions": {"A": 14, "B": 22, ...},       # single-answer keys
         "select_all_keys_first": 6,
         "flagged": {rule: questions flagged, for every rule},
         "flagged_items": 40}                             # questions with any finding
    """
    axes = _Axes.of(records, topics)
    rows = [
        {"topic": topic, **axes.tally([r for r in records if topic in _topics_of(r)])}
        for topic in axes.topics
    ]
    totals = axes.tally(records)
    del totals["items"]
    flagged = _flagged(findings)
    return {
        "items": len(records),
        "kinds": axes.kinds,
        "steps": axes.steps,
        "levels": axes.levels,
        "topics": rows,
        "totals": totals,
        "cells": axes.cells(records),
        "key_positions": key_positions(records),
        "select_all_keys_first": sum(keys_all_first(r) for r in records),
        "flagged": {rule: len(ids) for rule, ids in flagged.items()},
        "flagged_items": len(set().union(*flagged.values())),
    }
