"""A small book with exactly one item-writing flaw per item-review rule, its clean twin,
and the same two books in reStructuredText (``tests/extension/test_item_warnings.py``).

Each flawed question has a clean twin: the same id, with the flaw mended and nothing
else changed that another rule looks at. The book's single-choice keys are spread so
that only the key-position quiz is unbalanced (14 keys: A 4, B 4, C 3, D 3).
"""

from __future__ import annotations

import re

WHY = "This is what the chapter explains in detail."

#: rule -> the id of the question its one warning is at.
FLAWED_AT = {
    "item-key-position": "kp-4",
    "item-select-all-order": "order",
    "item-absolute-words": "absolute",
    "item-longest-key": "longest",
    "item-all-of-the-above": "above",
    "item-negative-stem": "negative",
    "item-stem-grammar": "grammar",
    "item-near-duplicate": "dup-2",
    "item-thin-rationale": "thin",
    "item-case-steps": "case-2",
}


def question(qid: str, stem: str, options: list[tuple[str, bool]], extra: str = "") -> str:
    """A MyST question; an option's rationale is ``WHY`` unless given after ``|``."""
    lines = [":::{question}", f":id: {qid}", *extra.splitlines(), stem, ""]
    for text, correct in options:
        label, _, why = text.partition("|")
        lines += [f"- [{'x' if correct else ' '}] {label}", f"  {why or WHY}"]
    return "\n".join([*lines, ":::", ""])


#: (stem, key, distractors) of the key-position quiz's four questions.
KEY_ITEMS = [
    ("What does a broken screw on an X-ray suggest?", "Failure of the hardware",
     ["Normal bone healing", "An infected wound"]),
    ("Leg pain eased, then came back months later. What fits best?",
     "Scar tissue around a nerve", ["Surgery on the wrong level", "A pulled calf muscle"]),
    ("Who can help Ana pace her daily activities?", "A physiotherapist",
     ["A dentist", "An optician"]),
    ("What does new numbness between the legs call for?", "Emergency care at once",
     ["Rest at home", "A routine visit next month"]),
]  # fmt: skip


def _key_positions(clean: bool) -> str:
    letters = "ABCA" if clean else "BBBB"
    items = []
    for n, ((stem, key, wrong), letter) in enumerate(zip(KEY_ITEMS, letters, strict=True), 1):
        options = [(text, False) for text in wrong]
        options.insert("ABC".index(letter), (key, True))
        items.append(question(f"kp-{n}", stem, options))
    return "# Key positions\n\n::::{quiz} Keys\n:topic: causes\n" + "\n".join(items) + "::::\n"


def _select_all(clean: bool) -> str:
    options = [("Leg pain", True), ("Numb feet", True), ("A rash", False), ("Hair loss", False)]
    if clean:
        options = [options[2], options[0], options[3], options[1]]
    stem = "Which of these are symptoms of FBSS?"
    extra = ":type: multiple\n:topic: symptoms causes\n:level: understand"
    return "# Select all\n\n" + question("order", stem, options, extra)


def _absolute(clean: bool) -> str:
    wrong = (
        ["Rest in bed for a week", "Wait for the next visit"]
        if clean
        else ["Always rest in bed", "Never call the team"]
    )
    options = [("Call the spine team today", True), (wrong[0], False), (wrong[1], False)]
    stem = "What should Ana do first?"
    return "# Absolute words\n\n" + question("absolute", stem, options, ":level: apply")


def _longest(clean: bool) -> str:
    key = (
        "A trial with a temporary lead"
        if clean
        else "A trial of stimulation for several days with a temporary lead, to see if it helps"
    )
    options = [("An MRI scan of the whole back", False), ("A repeat operation on it", False)]
    options.append((key, True))
    stem = "What comes right before a permanent stimulator is implanted?"
    return "# Longest key\n\n" + question("longest", stem, options)


def _above(clean: bool) -> str:
    last = "Broken or loose screws" if clean else "All of the above"
    options = [
        ("A firm mattress", False),
        ("Cold weather", False),
        ("Tight shoes", False),
        (last, True),
    ]
    return "# Above\n\n" + question("above", "Which can cause FBSS?", options)


def _negative(clean: bool) -> str:
    stem = "Which finding is *not* a red flag?" if clean else "Which finding is not a red flag?"
    options = [
        ("Mild soreness at the wound", True),
        ("New numbness between the legs", False),
        ("New trouble passing urine", False),
    ]
    return "# Negative\n\n" + question("negative", stem, options)


def _grammar(clean: bool) -> str:
    stem = "Which sign is most typical of FBSS?" if clean else "Which of these are typical of FBSS?"
    options = [("A dry cough", False), ("Itchy ears", False), ("Leg pain that persists", True)]
    return "# Grammar\n\n" + question("grammar", stem, options)


def _duplicates(clean: bool) -> str:
    first = question(
        "dup-1",
        "Ben's pain is the same as before his discectomy. Which cause fits?",
        [("Surgery at the wrong level", True), ("A loose screw", False), ("A cold", False)],
    )
    if clean:
        stem = "Mia walks less since her surgery. What should her nurse ask about?"
        options = [("Her shoe size", False), ("Her favourite food", False)]
        options += [("Her holiday plans", False), ("Her daily activities", True)]
    else:
        stem = "Ben's pain is the same as before his discectomy. Which cause fits?"
        options = [("A broken rod", False), ("A bad flu", False), ("A sore toe", False)]
        options.append(("Surgery at the wrong level", True))
    second = question("dup-2", stem, options)
    return "# Duplicates\n\n" + first + "\n" + second


def _thin(clean: bool) -> str:
    why = "Stitches close the skin; they do not hold the spine." if clean else "Wrong."
    options = [
        ("The skin stitches|" + why, False),
        ("The wound dressing", False),
        ("A tired feeling", False),
        ("Screws, rods or plates", True),
    ]
    return "# Thin\n\n" + question("thin", "Which part of an operation can break?", options)


def _case(clean: bool) -> str:
    second = "analyze-cues" if clean else "take-action"
    first = question(
        "case-1",
        "Which finding in Lee's story matters most?",
        [("New saddle numbness", True), ("Wound soreness", False), ("Mild tiredness", False)],
        ":step: recognize-cues",
    )
    then = question(
        "case-2",
        "What should the nurse think about it?",
        [("Wound healing", False), ("A dressing reaction", False), ("Nerve compression", True)],
        f":step: {second}",
    )
    head = (
        "# Case\n\n::::{case} Mr. Lee\n:topic: treatments\nMr. Lee had a fusion two days ago.\n\n"
    )
    return head + first + then + "::::\n"


PAGES = {
    "key-position": _key_positions,
    "select-all": _select_all,
    "absolute": _absolute,
    "longest": _longest,
    "above": _above,
    "negative": _negative,
    "grammar": _grammar,
    "duplicates": _duplicates,
    "thin": _thin,
    "case": _case,
}

INDEX = "# Item review\n\n```{toctree}\n" + "\n".join(PAGES) + "\nblueprint\n```\n"
BLUEPRINT = "# Blueprint\n\n```{quiz-blueprint}\n```\n"


def myst_book(clean: bool) -> dict[str, str]:
    files = {f"{name}.md": page(clean) for name, page in PAGES.items()}
    return {"index.md": INDEX, "blueprint.md": BLUEPRINT, **files}


# -- the same book in reStructuredText ------------------------------------------------

_OPEN = re.compile(r"^(?P<fence>:{3,})\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$")
_OPTION = re.compile(r"^:[\w-]+:")


def to_rst(text: str) -> str:
    """A MyST page of this module's shapes as reStructuredText."""
    out: list[str] = []
    depth = 0  # open directives
    options = False  # reading a directive's options
    for line in text.splitlines():
        indent = "   " * depth
        opened = _OPEN.match(line)
        if line.startswith("# "):
            out += [line[2:], "=" * len(line[2:]), ""]
        elif opened:
            out += [
                "",
                f"{indent}.. {opened['name']}::{' ' + opened['arg'] if opened['arg'] else ''}",
            ]
            depth += 1
            options = True
        elif re.fullmatch(r":{3,}", line):
            depth -= 1
            options = False
            out.append("")
        elif options and _OPTION.match(line):
            out.append(indent + line)
        else:
            if options:
                out.append("")
                options = False
            out.append(indent + line if line else "")
    return "\n".join(out) + "\n"


def rst_book(clean: bool) -> dict[str, str]:
    files = {f"{name}.rst": to_rst(page(clean)) for name, page in PAGES.items()}
    index = "Item review\n===========\n\n.. toctree::\n\n" + "".join(
        f"   {name}\n" for name in [*PAGES, "blueprint"]
    )
    blueprint = "Blueprint\n=========\n\n.. quiz-blueprint::\n"
    return {"index.rst": index, "blueprint.rst": blueprint, **files}
