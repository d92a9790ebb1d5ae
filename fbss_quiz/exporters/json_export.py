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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fbss_quiz.exporters.bank import Bank, BankQuestion, fill, kind_problem
from fbss_quiz.kinds import KINDS, Kind
from fbss_quiz.model import option_letter

FILENAME = "questions.json"
SCHEMA = Path(__file__).with_name("questions.schema.json")
#: Bump when the shape changes; consumers check it. 2: NGN items, ``step``, ``case``.
#: 3: ``blueprint`` (the bank by topic, item type, step and level; key positions;
#: item-review flags).
FORMAT_VERSION = 3


def image_url(baseurl: str) -> Callable[[str], str]:
    # The published site's copy when we know the site; the builder also copies the
    # images next to the file, into _images/, for use without the site.
    base = f"{baseurl.rstrip('/')}/_images/" if baseurl else "_images/"
    return lambda name: base + name


def unsupported(question: BankQuestion) -> str | None:
    return kind_problem(question, "json", "the JSON schema has no question type {type!r}")


def _rich(text: str, markup: str) -> dict[str, str]:
    return {"text": text, "html": markup}


def _stem(question: BankQuestion) -> dict[str, str]:
    record = question.record
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


def _groups(question: BankQuestion, kind: Kind) -> list[dict[str, Any]]:
    record = question.record
    out = []
    for g, (group, indices) in enumerate(zip(record.groups, record.group_indices(), strict=True)):
        out.append(
            {
                "name": group.label,
                "label": _rich(question.group_names[g], kind.group_label_html(question, g)),
                "rule": str(group.rule),
                "need": len(group.correct),
                "options": indices,
                "correct": [indices[k] for k in sorted(group.correct)],
                "rationale": _rich(group.rationale, question.row_rationales_html[g]),
            }
        )
    return out


def _options(question: BankQuestion, lettered: bool) -> list[dict[str, Any]]:
    record = question.record
    options = []
    for index, option in enumerate(record.options):
        data: dict[str, Any] = {"letter": option_letter(index)} if lettered else {}
        data.update(
            text=option.text,
            html=question.options_html[index],
            correct=option.correct,
            rationale=_rich(option.rationale, question.rationales_html[index]),
        )
        if not lettered:
            data["group"] = record.locate(index)[0]
        options.append(data)
    return options


def question_data(question: BankQuestion) -> dict[str, Any]:
    record = question.record
    kind = KINDS[record.qtype]
    out: dict[str, Any] = {
        "id": record.id,
        "type": question.qtype,
        **kind.json_fields(record),
        "topics": list(record.topics),
        "step": record.step or None,
        "case": {"id": record.case, "title": record.case_title} if record.case else None,
        "section": {"title": record.section_title, "url": question.url},
        "source": {"document": record.docname, "line": record.lineno},
        "stem": _rich(record.stem, question.stem_html) if kind.lettered else _stem(question),
        "options": _options(question, kind.lettered),
        "correct": question.correct,
    }
    if kind.lettered:
        out["correct_letters"] = question.correct_letters
    else:
        out["groups"] = _groups(question, kind)
        out["answer"] = list(question.key_lines)
        if record.columns:
            out["columns"] = list(record.columns)
        if record.display:
            out["display_order"] = list(record.display)
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
        # The whole book's, as {quiz-blueprint} shows it (also what a format leaves out).
        "blueprint": bank.blueprint,
    }


def write(bank: Bank, path: Path) -> None:
    text = json.dumps(bank_data(bank), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")


class JsonExporter:
    name = "json"
    filename = FILENAME
    images_beside = True

    def available(self) -> str | None:
        return None

    def image_url(self, baseurl: str) -> Callable[[str], str]:
        return image_url(baseurl)

    def unsupported(self, question: BankQuestion) -> str | None:
        return unsupported(question)

    def write(self, bank: Bank, path: Path) -> None:
        write(bank, path)


EXPORTER = JsonExporter()
