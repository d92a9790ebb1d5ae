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
        "question": _("Question {number}"),
        # The progress page.
        "progress_title": _("Your progress by topic"),
        "topic": _("Topic"),
        "questions": _("Questions"),
        "answered": _("Answered"),
        "correct": _("Answered correctly"),
        "untried": _("Not yet tried"),
        "chart": _("Chart"),
        "progress_todo": _("Questions not yet answered correctly:"),
        "progress_nojs": _(
            "Your progress is worked out from the answers saved in this browser, which needs "
            "JavaScript. All questions of the book:"
        ),
        "clear": _("Clear my progress"),
        "clear_confirm": _("Clear every saved answer in this browser? This cannot be undone."),
        "clear_yes": _("Yes, clear everything"),
        "clear_no": _("Cancel"),
        "msg_cleared": _("All saved answers were cleared."),
        "msg_nothing": _("Every question is answered correctly. Well done."),
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
        "question": _("Question {number}"),
        "question_plain": _("Question"),
        "answer_link": _("Answer"),
        "back": _("Back to {label}"),
        "key_title": _("Answer key"),
        "review": _("Review:"),
        "progress_note": _(
            "Your progress is kept only in the web version of this book, in your own browser."
        ),
    }
