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
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fbss_quiz.kinds.choice import parse_question_body  # noqa: E402
from fbss_quiz.model import COGNITIVE_LEVELS, option_letter  # noqa: E402

DOCS = ROOT / "docs"
OPEN = re.compile(r"^(?P<fence>:{3,})\{(?P<name>[\w-]+)\}(?P<arg>.*)$")
OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
#: Words that make an option read as wrong to a test-wise student (NBME guide).
ABSOLUTE = re.compile(
    r"\b(always|never|only|all|none|must|cannot|can't|every|exactly|completely)\b", re.I
)
#: Levels at application or above (revised Bloom).
APPLIED = frozenset(COGNITIVE_LEVELS[2:])
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "is",
        "are",
        "be",
        "was",
        "it",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "this",
        "that",
        "with",
        "as",
        "by",
        "from",
        "what",
        "which",
        "who",
        "does",
        "do",
        "should",
        "most",
        "best",
        "first",
    ]
)


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
    #: (text, correct, rationale) per option, for single and select-all items.
    options: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def classic(self) -> bool:
        return self.type in ("single", "multiple")

    @property
    def keys(self) -> list[int]:
        return [i for i, (_, correct, _) in enumerate(self.options) if correct]


def _questions(path: Path) -> list[Item]:
    lines = path.read_text(encoding="utf-8").splitlines()
    items: list[Item] = []
    stack: list[tuple[int, str]] = []  # (fence length, directive name)
    i = 0
    while i < len(lines):
        line = lines[i]
        opened = OPEN.match(line)
        if opened and opened["name"] != "question":
            stack.append((len(opened["fence"]), opened["name"]))
        elif opened:
            n = len(opened["fence"])
            end = i + 1
            while end < len(lines) and lines[end].strip() != ":" * n:
                end += 1
            items.append(_item(path, i + 1, lines[i + 1 : end], any(s[1] == "case" for s in stack)))
            i = end
        elif stack and line.strip() == ":" * stack[-1][0]:
            stack.pop()
        i += 1
    return items


def _item(path: Path, line: int, body: list[str], in_case: bool) -> Item:
    options: dict[str, str] = {}
    while body and OPTION.match(body[0]):
        match = OPTION.match(body[0])
        assert match is not None
        options[match["key"]] = match["value"].strip()
        body = body[1:]
    declared = options.get("type", "").lower()
    item = Item(
        file=path.name,
        line=line,
        id=options.get("id", f"{path.stem}:{line}"),
        type=declared,
        case=in_case,
        level=options.get("level", "").lower(),
        step=options.get("step", "").lower(),
    )
    if declared in ("", "single", "multiple"):
        parsed = parse_question_body(body)
        item.stem = parsed.stem.text
        item.options = [
            (o.label, o.correct, o.rationale.text if o.rationale else "") for o in parsed.options
        ]
        if not declared:
            item.type = "multiple" if len(item.keys) > 1 else "single"
    else:
        item.stem = "\n".join(body)
    return item


def bank(docs: Path = DOCS) -> list[Item]:
    """Every question of the manual's chapters, in file order."""
    return [item for path in sorted(docs.glob("*.md")) for item in _questions(path)]


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _key_words(item: Item) -> set[str]:
    return _words(" ".join(item.options[k][0] for k in item.keys))


def _jaccard(left: set[str], right: set[str]) -> float:
    return len(left & right) / len(left | right) if left | right else 0.0


def similarity(a: Item, b: Item) -> tuple[float, float]:
    """Jaccard similarity of the two items' keys, and of their stems (content words)."""
    return _jaccard(_key_words(a), _key_words(b)), _jaccard(_words(a.stem), _words(b.stem))


def near_duplicates(a: Item, b: Item) -> bool:
    """The same point with the same key: keys that share half their content words, from
    stems that share some (checked by reading the manual's known clusters: the verbatim
    opioid pair scores 0.54 / 0.17; unrelated items with a common key such as "go to the
    emergency department" mostly stay under 0.15 on the stem)."""
    keys, stems = similarity(a, b)
    return (keys >= 0.5 and stems >= 0.15) or (keys + stems) / 2 >= 0.5


def figures(items: list[Item]) -> dict[str, object]:
    singles = [i for i in items if i.type == "single" and len(i.keys) == 1]
    multiples = [i for i in items if i.type == "multiple"]
    classic = [i for i in items if i.classic]
    positions = Counter(option_letter(i.keys[0]) for i in singles)
    keys_first = [
        i.id
        for i in multiples
        if i.keys == list(range(len(i.keys))) and len(i.keys) < len(i.options)
    ]
    keys_last = [
        i.id
        for i in multiples
        if i.keys == list(range(len(i.options) - len(i.keys), len(i.options))) and i.keys[0] > 0
    ]
    absolute_only_in_distractors = [
        i.id
        for i in classic
        if not any(ABSOLUTE.search(i.options[k][0]) for k in i.keys)
        and any(ABSOLUTE.search(t) for t, correct, _ in i.options if not correct)
    ]
    keys = [t for i in classic for t, correct, _ in i.options if correct]
    distractors = [t for i in classic for t, correct, _ in i.options if not correct]
    longest = [
        i.id
        for i in singles
        if all(
            len(i.options[i.keys[0]][0]) > len(t)
            for k, (t, _, _) in enumerate(i.options)
            if k != i.keys[0]
        )
    ]
    thin = [
        f"{i.id}:{option_letter(k)}"
        for i in classic
        for k, (_, _, rationale) in enumerate(i.options)
        if len(rationale.split()) < 8
    ]
    repeated = [
        text
        for text, n in Counter(r for i in classic for _, _, r in i.options if r).items()
        if n > 1
    ]
    duplicates = [
        (a.id, b.id, *(round(x, 2) for x in similarity(a, b)))
        for a, b in combinations(classic, 2)
        if near_duplicates(a, b)
    ]
    tagged = [i for i in items if i.level]
    return {
        "items": len(items),
        "standalone": sum(not i.case for i in items),
        "in cases": sum(i.case for i in items),
        "single": len(singles),
        "select-all": len(multiples),
        "ngn": len(items) - len(classic),
        "key positions (single)": dict(sorted(positions.items())),
        "key position shares (single)": {
            k: round(v / len(singles), 3) for k, v in sorted(positions.items())
        }
        if singles
        else {},
        "select-all option counts": dict(
            sorted(Counter(len(i.options) for i in multiples).items())
        ),
        "select-all keys all first": keys_first,
        "select-all keys all last": keys_last,
        "absolute words: share of keys": round(
            sum(bool(ABSOLUTE.search(t)) for t in keys) / len(keys), 3
        )
        if keys
        else 0.0,
        "absolute words: share of distractors": round(
            sum(bool(ABSOLUTE.search(t)) for t in distractors) / len(distractors), 3
        )
        if distractors
        else 0.0,
        "absolute words only in distractors": absolute_only_in_distractors,
        "key strictly longest (single)": longest,
        "key strictly longest share": round(len(longest) / len(singles), 3) if singles else 0.0,
        "rationales under 8 words": thin,
        "rationales repeated verbatim": repeated,
        "near-duplicate pairs": duplicates,
        "items without :level:": [i.id for i in items if not i.level],
        "levels": dict(sorted(Counter(i.level for i in tagged).items())),
        "share at apply or above": round(sum(i.level in APPLIED for i in tagged) / len(tagged), 3)
        if tagged
        else 0.0,
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
