"""``questions.json``: the bank as structured data, valid against ``questions.schema.json``.

Every question type is written. Single-choice and select-all questions keep the
shape of format version 1 (lettered ``options``, ``correct`` and
``correct_letters``); a Next Generation NCLEX item also has ``groups``: its
matrix rows, drop-down blanks, phrase set, steps or bow-tie lists, each naming
its options (flat indices into ``options``), its correct ones and its scoring
rule. In an item's stem a drop-down stands as ``[[name]]`` (in the HTML, a
``span.fbss-blank``) and a selectable phrase as ``[[phrase]]`` (a
``span.fbss-phrase``).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from fbss_quiz.exporters.bank import Bank, BankQuestion, fill
from fbss_quiz.model import QuestionType, option_letter

FILENAME = "questions.json"
SCHEMA = Path(__file__).with_name("questions.schema.json")
#: Bump when the shape changes; consumers check it. 2: NGN items, ``step``, ``case``.
FORMAT_VERSION = 2
#: Every type the book writes.
SUPPORTED_TYPES = frozenset(str(t) for t in QuestionType)


def image_url(baseurl: str) -> Any:
    # The published site's copy when we know the site; the builder also copies the
    # images next to the file, into _images/, for use without the site.
    base = f"{baseurl.rstrip('/')}/_images/" if baseurl else "_images/"
    return lambda name: base + name


def unsupported(question: BankQuestion) -> str | None:
    if question.qtype not in SUPPORTED_TYPES:
        return f"the JSON schema has no question type {question.qtype!r}"
    return None


def _rich(text: str, markup: str) -> dict[str, str]:
    return {"text": text, "html": markup}


def _stem(question: BankQuestion) -> dict[str, str]:
    record = question.record
    if not question.is_item:
        return _rich(record.stem, question.stem_html)
    names = [g.label for g in record.groups]
    texts = [o.text for o in record.options]
    text = fill(question.stem_text, lambda g: f"[[{names[g]}]]", lambda i: f"[[{texts[i]}]]")
    markup = question.stem_with(
        lambda g: (
            f'<span class="fbss-blank" data-fbss-group="{g}">[[{html.escape(names[g])}]]</span>'
        ),
        lambda i: (
            f'<span class="fbss-phrase" data-fbss-option="{i}">{question.options_html[i]}</span>'
        ),
    )
    return _rich(text, markup)


def _groups(question: BankQuestion) -> list[dict[str, Any]]:
    record = question.record
    matrix = record.qtype in (QuestionType.MATRIX, QuestionType.MATRIX_MULTIPLE)
    out = []
    for g, (group, indices) in enumerate(zip(record.groups, question.group_indices(), strict=True)):
        if matrix:
            label = _rich(group.label, question.group_labels_html[g])
        else:
            name = question.group_name(g)
            label = _rich(name, html.escape(name))
        out.append(
            {
                "name": group.label,
                "label": label,
                "rule": str(group.rule),
                "need": len(group.correct),
                "options": indices,
                "correct": [indices[k] for k in sorted(group.correct)],
                "rationale": _rich(group.rationale, question.row_rationales_html[g]),
            }
        )
    return out


def question_data(question: BankQuestion) -> dict[str, Any]:
    record = question.record
    item = question.is_item
    options = []
    for index, option in enumerate(record.options):
        data: dict[str, Any] = {}
        if not item:
            data["letter"] = option_letter(index)
        data.update(
            text=option.text,
            html=question.options_html[index],
            correct=option.correct,
            rationale=_rich(option.rationale, question.rationales_html[index]),
        )
        options.append(data)
    if item:
        groups = question.group_indices()
        for g, indices in enumerate(groups):
            for index in indices:
                options[index]["group"] = g
    out: dict[str, Any] = {
        "id": record.id,
        "type": question.qtype,
        "topics": list(record.topics),
        "step": record.step or None,
        "case": (
            {"id": question.case_id, "title": question.case_title} if question.case_id else None
        ),
        "section": {"title": record.section_title, "url": question.url},
        "source": {"document": record.docname, "line": record.lineno},
        "stem": _stem(question),
        "options": options,
        "correct": question.correct,
    }
    if item:
        out["groups"] = _groups(question)
        out["answer"] = list(question.key_lines)
        if question.columns:
            out["columns"] = list(question.columns)
        if record.qtype is QuestionType.ORDERING:
            out["display_order"] = list(question.display)
    else:
        out["correct_letters"] = question.correct_letters
    out["explanation"] = _rich(record.explanation, question.explanation_html)
    return out


def bank_data(bank: Bank) -> dict[str, Any]:
    return {
        "format": "fbss_quiz.questions",
        "format_version": FORMAT_VERSION,
        "title": bank.project,
        "version": bank.version,
        "language": bank.language,
        "topics": [{"id": key, "label": label} for key, label in bank.topics.items()],
        "questions": [question_data(q) for q in bank.questions],
    }


def write(bank: Bank, path: Path) -> None:
    text = json.dumps(bank_data(bank), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
