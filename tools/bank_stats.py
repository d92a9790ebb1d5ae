"""Figures of the manual's question bank, read from the MyST sources.

What a test-wise student exploits without knowing the subject (the NBME item-writing
guide's cues): where the keys sit, whether select-all keys come before the distractors,
absolute words only distractors carry, the key as the longest option, near-duplicate
items, thin rationales; and the blueprint counts (cognitive level, clinical-judgment step).

    python tools/bank_stats.py            # the book, then each file
    python tools/bank_stats.py --json     # the same as JSON

``tests/manual/test_question_bank.py`` holds the manual to its targets with these figures.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fbss_quiz import item_review  # noqa: E402
from fbss_quiz.kinds import KINDS, kind_for  # noqa: E402
from fbss_quiz.kinds.choice import MULTIPLE, SINGLE  # noqa: E402
from fbss_quiz.model import (  # noqa: E402
    COGNITIVE_LEVELS,
    GroupRecord,
    OptionRecord,
    QuestionRecord,
    Rule,
)

DOCS = ROOT / "docs"
OPEN = re.compile(r"^(?P<fence>:{3,})\{(?P<name>[\w-]+)\}(?P<arg>.*)$")
OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
#: Levels at application or above (revised Bloom).
APPLIED = frozenset(COGNITIVE_LEVELS[2:])
#: The manual's own target for a rationale (stricter than the warning's default).
RATIONALE_TARGET_WORDS = 8


@dataclass
class Item:
    """One question as written: its file, line, options and tags."""

    file: str
    line: int
    id: str
    type: str
    case: bool
    level: str = ""
    step: str = ""
    stem: str = ""
    #: (text, correct, rationale) per option, for items whose kind letters its options
    #: (single, select-all).
    options: list[tuple[str, bool, str]] = field(default_factory=list)
    #: The rules its ``:allow:`` names.
    allow: frozenset[str] = frozenset()
    #: The case that holds it (``file:line`` of the ``{case}``), or "".
    case_id: str = ""
    #: Its scoring groups as its kind parsed them (rows, blanks, lists, the options).
    groups: tuple[GroupRecord, ...] = ()

    @property
    def classic(self) -> bool:
        return self.type in (SINGLE, MULTIPLE)

    @property
    def keys(self) -> list[int]:
        return [i for i, (_, correct, _) in enumerate(self.options) if correct]

    def _groups(self) -> tuple[GroupRecord, ...]:
        if self.groups:
            return self.groups
        # An item made by hand (the tests): one list, as the choice kind records it.
        options = tuple(OptionRecord(t, c, r) for t, c, r in self.options)
        return (GroupRecord("", options, Rule.PLUS_MINUS if self.type == MULTIPLE else Rule.ONE),)

    def record(self, position: int = 1) -> QuestionRecord:
        """The question as the extension's collector records it (plain text, no markup)."""
        groups = tuple(
            replace(
                group,
                options=tuple(
                    replace(o, text=item_review.strip_emphasis(o.text)) for o in group.options
                ),
            )
            for group in self._groups()
        )
        return QuestionRecord(
            id=self.id,
            docname=self.file.removesuffix(".md"),
            lineno=self.line,
            position=position,
            qtype=self.type if self.type in KINDS else SINGLE,
            stem=item_review.strip_emphasis(self.stem),
            options=tuple(option for group in groups for option in group.options),
            groups=groups,
            step=self.step,
            level=self.level,
            case=self.case_id or ("case" if self.case else ""),
            allow=tuple(sorted(self.allow)),
            emphasis=tuple(sorted(item_review.emphasised_words(self.stem))),
        )


def _questions(path: Path) -> list[Item]:
    lines = path.read_text(encoding="utf-8").splitlines()
    items: list[Item] = []
    stack: list[tuple[int, str, int]] = []  # (fence length, directive name, line)
    i = 0
    while i < len(lines):
        line = lines[i]
        opened = OPEN.match(line)
        if opened and opened["name"] != "question":
            stack.append((len(opened["fence"]), opened["name"], i + 1))
        elif opened:
            n = len(opened["fence"])
            end = i + 1
            while end < len(lines) and lines[end].strip() != ":" * n:
                end += 1
            case = next((f"{path.name}:{s[2]}" for s in reversed(stack) if s[1] == "case"), "")
            items.append(_item(path, i + 1, lines[i + 1 : end], case))
            i = end
        elif stack and line.strip() == ":" * stack[-1][0]:
            stack.pop()
        i += 1
    return items


def _item(path: Path, line: int, body: list[str], case: str) -> Item:
    options: dict[str, str] = {}
    while body and OPTION.match(body[0]):
        match = OPTION.match(body[0])
        assert match is not None
        options[match["key"]] = match["value"].strip()
        body = body[1:]
    declared = options.get("type", "").lower()
    # Each kind reads its own body, as the directive has it read.
    kind = kind_for(declared)
    parsed = kind.parse(declared, body, require_rationale=False)
    parsed_record = parsed.record()
    return Item(
        file=path.name,
        line=line,
        id=options.get("id", f"{path.stem}:{line}"),
        type=parsed_record.qtype,
        case=bool(case),
        level=options.get("level", "").lower(),
        step=options.get("step", "").lower(),
        stem=parsed.stem.text,
        options=[(o.text, o.correct, o.rationale) for o in parsed_record.options]
        if kind.lettered
        else [],
        allow=item_review.parse_allow(options.get("allow"))[0],
        case_id=case,
        groups=parsed_record.groups,
    )


def bank(docs: Path = DOCS) -> list[Item]:
    """Every question of the manual's chapters, in file order."""
    return [item for path in sorted(docs.glob("*.md")) for item in _questions(path)]


def items_of(path: Path) -> list[Item]:
    """Every question of one MyST file, in order."""
    return _questions(path)


def records(items: list[Item]) -> list[QuestionRecord]:
    return [item.record(n) for n, item in enumerate(items, start=1)]


def similarity(a: Item, b: Item) -> tuple[float, float]:
    """Jaccard similarity of the two items' keys, and of their stems (content words)."""
    return item_review.similarity(a.record(), b.record())


def near_duplicates(a: Item, b: Item) -> bool:
    """The same point with the same key (``fbss_quiz.item_review.near_duplicates``)."""
    return item_review.near_duplicates(a.record(), b.record())


def review(items: list[Item]) -> list[item_review.Finding]:
    """The build's item-review findings, over the sources as written."""
    return item_review.review_bank(records(items))


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def figures(items: list[Item]) -> dict[str, object]:
    bank_records = records(items)
    singles = [r for r in bank_records if item_review.is_single(r)]
    multiples = [r for r in bank_records if item_review.answers_several(r)]
    classic = [r for r in bank_records if item_review.is_classic(r)]
    positions = {k: n for k, n in item_review.key_positions(singles).items() if n}
    keys = [o.text for r in classic for o in r.options if o.correct]
    distractors = [o.text for r in classic for o in r.options if not o.correct]
    longest = [r.id for r in singles if item_review.key_stands_out_by_length(r, ratio=1, margin=1)]
    rationales = Counter(o.rationale for r in classic for o in r.options if o.rationale)
    duplicates = [
        (pair.earlier.id, pair.later.id, round(pair.keys, 2), round(pair.stems, 2))
        for pair in item_review.near_duplicate_pairs(bank_records)
    ]
    findings = review(items)
    tagged = [i for i in items if i.level]
    return {
        "items": len(items),
        "standalone": sum(not i.case for i in items),
        "in cases": sum(i.case for i in items),
        "single": len(singles),
        "select-all": len(multiples),
        "ngn": len(items) - len(classic),
        "key positions (single)": positions,
        "key position shares (single)": {k: _share(v, len(singles)) for k, v in positions.items()},
        "select-all option counts": dict(
            sorted(Counter(len(r.options) for r in multiples).items())
        ),
        "select-all keys all first": [r.id for r in multiples if item_review.keys_all_first(r)],
        "select-all keys all last": [r.id for r in multiples if item_review.keys_all_last(r)],
        "absolute words: share of keys": _share(
            sum(bool(item_review.absolute_words(t)) for t in keys), len(keys)
        ),
        "absolute words: share of distractors": _share(
            sum(bool(item_review.absolute_words(t)) for t in distractors), len(distractors)
        ),
        # Stricter than the warning (which needs half the distractors): any one will do.
        "absolute words only in distractors": [
            r.id for r in classic if item_review.absolute_word_cue(r, distractor_share=0)
        ],
        "key strictly longest (single)": longest,
        "key strictly longest share": _share(len(longest), len(singles)),
        f"rationales under {RATIONALE_TARGET_WORDS} words": [
            f"{r.id}:{name}"
            for r in classic
            for name in item_review.thin_rationales(r, RATIONALE_TARGET_WORDS)
        ],
        "rationales repeated verbatim": [text for text, n in rationales.items() if n > 1],
        "near-duplicate pairs": duplicates,
        "item review findings": {rule: n for rule, n in Counter(f.rule for f in findings).items()},
        "items without :level:": [i.id for i in items if not i.level],
        "levels": dict(sorted(Counter(i.level for i in tagged).items())),
        "share at apply or above": _share(sum(i.level in APPLIED for i in tagged), len(tagged)),
        "steps": dict(sorted(Counter(i.step for i in items if i.step).items())),
    }


def main(argv: list[str]) -> int:
    items = bank()
    report = {"book": figures(items)}
    for name in sorted({i.file for i in items}):
        report[name] = figures([i for i in items if i.file == name])
    if "--json" in argv:
        print(json.dumps(report, indent=2))
        return 0
    for scope, values in report.items():
        print(f"== {scope}")
        for key, value in values.items():
            if isinstance(value, list) and len(value) > 8:
                value = f"{len(value)}: {value[:8]} ..."
            print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
