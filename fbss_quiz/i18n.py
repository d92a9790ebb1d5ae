"""The reader-facing strings, translated through the ``fbss_quiz`` message catalog.

They are rendered into the HTML (buttons as text, messages the script needs as
``data-fbss-msg-*`` attributes), never shipped as a JavaScript dictionary.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

CATALOG = "fbss_quiz"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(CATALOG)


def ui_text() -> dict[str, str]:
    """Every string of the interactive quiz, in the build's language."""
    return {
        "check": _("Check answer"),
        "retry": _("Try again"),
        "reset": _("Reset quiz"),
        "show_answer": _("Show answer"),
        "select_all": _("Select all that apply."),
        "answer": _("Answer:"),
        "answers": _("Answers:"),
        "right_option": _("Correct"),
        "wrong_option": _("Incorrect"),
        # Announced in the live region; the script fills in the numbers.
        "msg_correct": _("Correct."),
        "msg_incorrect": _("Incorrect."),
        "msg_partial": _(
            "Partly correct: {right} of {total} correct options chosen, {wrong} incorrect."
        ),
        "msg_choose": _("Choose an answer first."),
        "msg_chosen": _("Your choice"),
        "msg_score": _("You got {right} of {total} right."),
    }


def static_text() -> dict[str, str]:
    """Strings of the static (ePub, PDF, text) rendering."""
    return {
        "answer": _("Answer:"),
        "answers": _("Answers:"),
        "select_all": _("Select all that apply."),
        "right_option": _("Correct"),
        "wrong_option": _("Incorrect"),
        "explanation": _("Explanation:"),
    }
