"""The answer of an NGN item as plain lines, for every output.

The "Show answer" part of the web page and the answer key of ePub, PDF and
text say the same thing: which column each row takes, the word of each blank,
the phrases to select, the order of the steps, the bow-tie's three parts.
"""

from __future__ import annotations

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.i18n import item_text
from fbss_quiz.model import option_letter


def _options(question: nodes.Element) -> dict[int, nodes.Element]:
    return {int(o["index"]): o for o in question.findall(qn.question_option)}


def _groups(question: nodes.Element) -> dict[int, qn.question_group]:
    return {int(g["group"]): g for g in question.findall(qn.question_group)}


def group_name(question: nodes.Element, group: int) -> str:
    text = item_text()
    box = _groups(question).get(group)
    qtype = question["qtype"]
    if box is None:
        return ""
    if qtype == "bowtie":
        return text["bowtie_" + str(box["name"])]
    if qtype == "cloze":
        return text["blank"].format(name=box["name"])
    label = next(iter(box.findall(qn.group_label)), None)
    return label.astext().strip() if label is not None else ""


def item_key_lines(question: nodes.Element) -> list[str]:
    """The correct answer of an NGN item, one line per part."""
    text = item_text()
    options = _options(question)
    qtype = question["qtype"]
    correct = [i for i in sorted(options) if options[i]["correct"]]
    if qtype == "highlight":
        phrases = "; ".join(f"“{options[i].astext()}”" for i in correct)
        return [f"{text['key_highlight']} {phrases}"]
    # Letters as the static outputs print them: in display order, per group.
    letters: dict[int, str] = {}
    for box in question.findall(qn.question_group):
        for position, option in enumerate(box.findall(qn.question_option)):
            letters[int(option["index"])] = option_letter(position) + ". "
    if qtype == "ordering":
        return [text["key_ordering"]] + [
            f"{position + 1}. {letters[i]}{options[i].astext()}"
            for position, i in enumerate(sorted(options))
        ]
    matrix = qtype in ("matrix", "matrix-multiple")
    lines = []
    for g in sorted(_groups(question)):
        right = [
            ("" if matrix else letters.get(i, "")) + options[i].astext()
            for i in correct
            if int(options[i]["group"]) == g
        ]
        lines.append(f"{group_name(question, g)}: {'; '.join(right)}")
    return lines


def item_choice_name(question: nodes.Element, rationale: nodes.Element) -> str:
    """The heading of one rationale: which row, blank, phrase or choice it explains."""
    text = item_text()
    qtype = question["qtype"]
    group = int(rationale["group"])
    if rationale.get("row"):
        options = _options(question)
        right = [o.astext() for o in options.values() if int(o["group"]) == group and o["correct"]]
        return f"{group_name(question, group)}: {'; '.join(right)}"
    option = _options(question)[int(rationale["index"])]
    label = option.astext().strip()
    if qtype == "ordering":
        return text["step_n"].format(n=int(option["index"]) + 1, text=label)
    verdict = text["right_choice"] if option["correct"] else text["wrong_choice"]
    if qtype == "highlight":
        return f"“{label}”: {verdict}"
    return f"{group_name(question, group)}: {label}: {verdict}"
