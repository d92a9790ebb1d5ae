"""Every warning the extension emits: type ``fbss_quiz`` plus a documented subtype.

Authors silence one kind with ``suppress_warnings = ["fbss_quiz.no-rationale"]``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sphinx.util import logging

WARNING_TYPE = "fbss_quiz"

logger = logging.getLogger("fbss_quiz")


class Subtype(StrEnum):
    NO_OPTIONS = "no-options"
    NO_CORRECT = "no-correct"
    BAD_MARKER = "bad-marker"
    EMPTY_STEM = "empty-stem"
    SINGLE_MANY_CORRECT = "single-many-correct"
    UNKNOWN_TYPE = "unknown-type"
    UNKNOWN_TOPIC = "unknown-topic"
    DUPLICATE_ID = "duplicate-id"
    NO_RATIONALE = "no-rationale"
    NESTED = "nested"
    CONFIG = "config"
    COLLECT = "collect"
    BAD_LIMIT = "bad-limit"
    ANSWER_KEY = "answer-key"
    EXPORT_UNSUPPORTED = "export-unsupported"
    EXPORT_DEPENDENCY = "export-dependency"
    EXPORT_BASEURL = "export-baseurl"
    EXPORT_LINK = "export-link"
    EXPORT_IMAGE = "export-image"
    EXPORT_CONTROL_CHARACTER = "export-control-character"
    MATRIX = "matrix"
    CLOZE = "cloze"
    HIGHLIGHT = "highlight"
    ORDERING = "ordering"
    BOWTIE = "bowtie"
    DROPDOWN_RATIONALE = "dropdown-rationale"
    DROPDOWN_TABLE = "dropdown-table"
    SELECT_N = "select-n"
    TREND = "trend"
    UNKNOWN_STEP = "unknown-step"
    UNKNOWN_LEVEL = "unknown-level"
    CASE = "case"
    RAW_HTML = "raw-html"
    EXAM = "exam"
    # Item review (``fbss_quiz/item_review.py``): weaknesses of a question that builds,
    # warned about only when ``fbss_quiz_item_review`` turns them on.
    ITEM_KEY_POSITION = "item-key-position"
    ITEM_SELECT_ALL_ORDER = "item-select-all-order"
    ITEM_ABSOLUTE_WORDS = "item-absolute-words"
    ITEM_LONGEST_KEY = "item-longest-key"
    ITEM_ALL_OF_THE_ABOVE = "item-all-of-the-above"
    ITEM_NEGATIVE_STEM = "item-negative-stem"
    ITEM_STEM_GRAMMAR = "item-stem-grammar"
    ITEM_NEAR_DUPLICATE = "item-near-duplicate"
    ITEM_THIN_RATIONALE = "item-thin-rationale"
    ITEM_CASE_STEPS = "item-case-steps"


def warn(subtype: Subtype, message: str, location: Any) -> None:
    """Log a located warning that ``suppress_warnings`` can silence by subtype."""
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=str(subtype))
