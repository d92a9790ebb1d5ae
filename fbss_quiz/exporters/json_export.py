"""``questions.json``: the bank as structured data, valid against ``questions.schema.json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fbss_quiz.exporters.bank import Bank, BankQuestion
from fbss_quiz.model import option_letter

FILENAME = "questions.json"
SCHEMA = Path(__file__).with_name("questions.schema.json")
#: Bump when the shape changes; consumers check it.
FORMAT_VERSION = 1
SUPPORTED_TYPES = frozenset({"single", "multiple"})


def image_url(baseurl: str) -> Any:
    # The builder copies the images next to the file, into _images/.
    return lambda name: f"_images/{name}"


def unsupported(question: BankQuestion) -> str | None:
    if question.qtype not in SUPPORTED_TYPES:
        return f"the JSON schema has no question type {question.qtype!r}"
    return None


def question_data(question: BankQuestion) -> dict[str, Any]:
    record = question.record
    return {
        "id": record.id,
        "type": question.qtype,
        "topics": list(record.topics),
        "section": {"title": record.section_title, "url": question.url},
        "source": {"document": record.docname, "line": record.lineno},
        "stem": {"text": record.stem, "html": question.stem_html},
        "options": [
            {
                "letter": option_letter(index),
                "text": option.text,
                "html": question.options_html[index],
                "correct": option.correct,
                "rationale": {"text": option.rationale, "html": question.rationales_html[index]},
            }
            for index, option in enumerate(record.options)
        ],
        "correct": question.correct,
        "correct_letters": question.correct_letters,
        "explanation": {"text": record.explanation, "html": question.explanation_html},
    }


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
