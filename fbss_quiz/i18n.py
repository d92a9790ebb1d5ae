"""The reader-facing strings, translated through the ``fbss_quiz`` message catalog.

They are rendered into the HTML (buttons as text, messages the script needs as
``data-fbss-msg-*`` attributes), never shipped as a JavaScript dictionary.

A message with a number takes the plural form that the language's catalog gives for it
(gettext's ``ngettext``; Spanish has two forms, other languages one to six). The number
that picks the form is always known when the page is written: how many questions a quiz
shows, the points an item is worth, how many options are correct. So each element
carries the one form it needs, and the script only fills in the numbers.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation, get_translator

CATALOG = "fbss_quiz"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(CATALOG)

#: Messages with a number, as ``(singular, plural)`` msgids, keyed like ``ui_text``; the
#: comment names the number that picks the form.
COUNTED: dict[str, tuple[str, str]] = {
    # {total}: the questions of the quiz (or the number it draws).
    "msg_score": ("You got {right} of {total} right.", "You got {right} of {total} right."),
    # {total}: the correct options of a select-all question.
    "msg_partial": (
        "Partly correct: {right} of {total} correct option chosen, {wrong} incorrect.",
        "Partly correct: {right} of {total} correct options chosen, {wrong} incorrect.",
    ),
    # The running count under a quiz. The number: {done}, the questions checked so far
    # (each form is written for every possible number, as the notes below).
    "msg_answered": ("{done} of {total} answered.", "{done} of {total} answered."),
    # Exam mode: Submit with questions unanswered asks first. The number: {left}.
    "msg_unanswered": (
        "{left} question is not answered. Submit anyway?",
        "{left} questions are not answered. Submit anyway?",
    ),
    # Exam mode's countdown, announced at a few points. The number: {minutes}.
    "msg_minutes_left": ("{minutes} minute left.", "{minutes} minutes left."),
    # Under an exam with a time limit (web, and ePub/PDF/text). The number: {minutes}.
    "msg_time_limit": (
        "Suggested time: {minutes} minute. The countdown never ends the exam.",
        "Suggested time: {minutes} minutes. The countdown never ends the exam.",
    ),
    "msg_time_static": ("Suggested time: {minutes} minute.", "Suggested time: {minutes} minutes."),
    # {max}: the points an item is worth.
    "msg_points": ("{points} of {max} point.", "{points} of {max} points."),
    # {max}: the points of a whole case study.
    "msg_case": ("Case score: {points} of {max} point.", "Case score: {points} of {max} points."),
    # The verdict line names the correct answer. {answer}: the correct option(s), phrase(s)
    # ...; the number: how many there are.
    "msg_answer": ("The answer is {answer}.", "The answers are {answer}."),
    # Check answer on a partly answered item grades nothing and says what is missing. The
    # number: {left}, the parts still unanswered (each form is written for every possible
    # number, so the script picks the one for the reader's {left}).
    "msg_left_rows": (
        "Answer every row: {left} of {total} left.",
        "Answer every row: {left} of {total} left.",
    ),
    "msg_left_blanks": (
        "Fill in every blank: {left} of {total} left.",
        "Fill in every blank: {left} of {total} left.",
    ),
    "msg_left_choices": (
        "Make every choice: {left} of {total} left.",
        "Make every choice: {left} of {total} left.",
    ),
    # The practice queue's counts, joined by "practice_queue"; the number: {n}.
    "practice_due": ("{n} due now", "{n} due now"),
    "practice_fresh": ("{n} never tried", "{n} never tried"),
    "practice_later": ("{n} answered right recently", "{n} answered right recently"),
    # The progress page, where a question of two topics is counted in each: the number is
    # {questions}, the book's questions ({entries}: the rows' total).
    "progress_entries": (
        "{entries} topic entries for {questions} question: a question can belong to two "
        "topics, and counts in each.",
        "{entries} topic entries for {questions} questions: a question can belong to two "
        "topics, and counts in each.",
    ),
    # A select-N item's {total} is its N (2 or more: an item of one says "Choose an
    # answer first.").
    "msg_left_select": (
        "Select {total} options: {left} of {total} left.",
        "Select {total} options: {left} of {total} left.",
    ),
    "msg_left_parts": (
        "Answer every part: {left} of {total} left.",
        "Answer every part: {left} of {total} left.",
    ),
    # {n}: the options a select-N item asks for (its N), here and below.
    "hint_select_n": ("Select {n} option.", "Select {n} options."),
    "msg_select_limit": (
        "Only {n} option can be selected: clear one to choose another.",
        "Only {n} options can be selected: clear one to choose another.",
    ),
}


def counted(key: str, n: int) -> str:
    """The form of the counted message ``key`` for the number ``n`` (see ``COUNTED``).

    Sphinx's ``get_translation`` takes one message only, so this asks the catalog's
    translator itself, as ``_`` does."""
    singular, plural = COUNTED[key]
    return get_translator(CATALOG).ngettext(singular, plural, n)


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
        # Announced in the live region (and COUNTED's messages, with numbers).
        "msg_correct": _("Correct."),
        "msg_incorrect": _("Incorrect."),
        "msg_choose": _("Choose an answer first."),
        "msg_chosen": _("Your choice"),
        # The badge on a correct option (or grid cell, phrase ...) once checked.
        "msg_key": _("Correct answer"),
        # A choice question's rationales of the options neither chosen nor correct.
        "why_not": _("Why not the others?"),
        "clear_answers": _("Clear answers"),
        # The link the script adds at the top of a page with a quiz (keyboard users).
        "skip": _("Skip to the quiz"),
        # Without JavaScript, after a kind's hint: what the reader can do there.
        "hint_nojs": _("Then open “{show}” to check."),
        "question": _("Question {number}"),
        # A review quiz numbers its questions 1-N; {number} is the book's number.
        "question_from": _("Question {n} · from {number}"),
        **_summary_text(),
        **_progress_text(),
        **_practice_text(),
        **_ngn_text(),
        **item_text(),
    }


def _summary_text() -> dict[str, str]:
    """A quiz's summary once every question is checked, and exam mode."""
    return {
        "missed_title": _("To review:"),
        "retry_missed": _("Retry the missed ones"),
        "submit": _("Submit"),
        "submit_yes": _("Submit anyway"),
        "submit_no": _("Go back"),
        "exam_hint": _(
            "Exam mode: answer every question, then press Submit at the end. The score and "
            "the feedback come after that."
        ),
        "exam_nojs": _("Submitting the exam needs JavaScript."),
        "score_topic": _("Score by topic"),
        "score_step": _("Score by clinical-judgment step"),
        "score_of": _("{right} of {total}"),
        "time_left": _("Time left: {time}"),
        "time_up": _("The suggested time is up. Finish at your own pace and submit when ready."),
        "step_none": _("No step given"),
    }


def _progress_text() -> dict[str, str]:
    """The progress page."""
    return {
        "progress_title": _("Your progress by topic"),
        "topic": _("Topic"),
        "questions": _("Questions"),
        "answered": _("Answered"),
        "correct": _("Answered correctly"),
        "untried": _("Not yet tried"),
        "chart": _("Chart"),
        "progress_todo": _("Questions not yet answered correctly:"),
        "progress_list": _("Show the questions"),
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
        # The chart's legend: the dark part is "Answered correctly" (``correct``).
        "legend_answered": _("Answered, not yet correctly"),
        "share": _("Share right"),
        "progress_steps_title": _("Your progress by clinical-judgment step"),
        "cj_step": _("Clinical-judgment step"),
        "cj_recognize_cues": _("Recognize cues"),
        "cj_analyze_cues": _("Analyze cues"),
        "cj_prioritize_hypotheses": _("Prioritize hypotheses"),
        "cj_generate_solutions": _("Generate solutions"),
        "cj_take_action": _("Take action"),
        "cj_evaluate_outcomes": _("Evaluate outcomes"),
        # A link to the practice queue; the script adds the topic with "msg_weakest".
        "practice_weakest": _("Practise your weakest topic"),
        "msg_weakest": _("Practise your weakest topic: {topic} ({share} right)"),
    }


def _practice_text() -> dict[str, str]:
    """The practice queue ({quiz-practice}) on the web."""
    return {
        # {due}, {fresh}, {later}: COUNTED's practice_due, practice_fresh, practice_later.
        "practice_queue": _("{due}, {fresh}, {later}. This set starts with what is due."),
        "practice_topic": _("Only questions on {topic}."),
        "practice_all": _("Practise every topic"),
        "practice_new": _("New set"),
        "practice_nostore": _(
            "This browser does not keep your answers, so the queue cannot bring back what "
            "you got wrong: these are the first questions of the book."
        ),
        "practice_nojs": _(
            "The practice queue picks questions from the answers saved in your browser, "
            "which needs JavaScript. Here are the first questions, each with its answer."
        ),
    }


def _ngn_text() -> dict[str, str]:
    """Next Generation NCLEX items on the web."""
    return {
        "msg_partly": _("Partly correct."),
        # An item of several parts names the right answer of each part the reader missed.
        "msg_missed": _("Right answer where you were wrong: {answer}."),
        "msg_order": _("The correct order is {answer}."),
        # A step of an ordering item put in the wrong place.
        "msg_place": _("Correct place: {n}"),
        "msg_moved": _("{text}: moved to position {position} of {total}."),
        "move_up": _("Move up"),
        "move_down": _("Move down"),
        "msg_right_part": _("Correct"),
        "msg_wrong_part": _("Incorrect"),
        "hint_matrix": _("Choose one option in each row."),
        "hint_matrix_multiple": _("Choose every option that applies in each row."),
        "hint_cloze": _("Choose the word for each blank from its list."),
        "hint_highlight": _("Select the words or phrases that matter; select again to undo."),
        "hint_ordering": _(
            "Put the steps in order: drag a step by its handle, or use its Move up and "
            "Move down buttons."
        ),
        # Without JavaScript the phrases and steps cannot be moved or selected.
        "hint_highlight_nojs": _("Decide which of the underlined phrases matter."),
        "hint_ordering_nojs": _("Decide the correct order of the steps."),
        "hint_bowtie": _("Choose the condition, the actions and the parameters to monitor."),
        "hint_dropdown_table": _("Choose an answer from the list in each row."),
        "finding": _("Finding"),
        "choose": _("Choose…"),
        "choose_n": _("(choose {n})"),
    }


def item_text() -> dict[str, str]:
    """Strings shared by the web page and the answer keys of NGN items."""
    return {
        # A cloze blank, numbered in the order of the text (not by its name in the source).
        "blank": _("Blank {n}"),
        "bowtie_condition": _("Condition most likely"),
        "bowtie_actions": _("Actions to take"),
        "bowtie_monitor": _("Parameters to monitor"),
        "key_highlight": _("Select:"),
        "key_ordering": _("Correct order:"),
        "step_n": _("Step {n}: {text}"),
        "right_choice": _("correct"),
        "wrong_choice": _("incorrect"),
        "step_recognize_cues": _("Clinical judgment: recognize cues"),
        "step_analyze_cues": _("Clinical judgment: analyze cues"),
        "step_prioritize_hypotheses": _("Clinical judgment: prioritize hypotheses"),
        "step_generate_solutions": _("Clinical judgment: generate solutions"),
        "step_take_action": _("Clinical judgment: take action"),
        "step_evaluate_outcomes": _("Clinical judgment: evaluate outcomes"),
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
        "question_from": _("Question {n} · from {number}"),
        "exam_static": _(
            "On the web this quiz is an exam: feedback comes only once every question is "
            "submitted. Here, answer every question, then compare with the answer key."
        ),
        "answer_link": _("Answer"),
        "back": _("Back to {label}"),
        "key_title": _("Answer key"),
        "review": _("Review:"),
        "progress_note": _(
            "Your progress is kept only in the web version of this book, in your own browser."
        ),
        "practice_note": _(
            "In the web version of this book, this page picks questions for you from your "
            "own answers: first those you got wrong, then those you have not tried, then "
            "those you answered right longest ago. Here are the first questions; their "
            "answers are in the answer key."
        ),
        "finding": _("Finding"),
        "choose_n": _("(choose {n})"),
        "hint_matrix": _("Choose one option in each row."),
        "hint_matrix_multiple": _("Choose every option that applies in each row."),
        "hint_cloze": _("Choose the word for each blank from its list."),
        "hint_highlight": _("Choose the phrases in [brackets] that matter."),
        "hint_ordering": _("Put the steps in the correct order."),
        "hint_bowtie": _("Choose the condition, the actions and the parameters to monitor."),
        # After a hint in ePub, PDF and text: there the answer key is the way to check.
        "hint_key": _("Then compare with the answer key."),
        "hint_dropdown_table": _("Choose one answer in each row."),
        **item_text(),
    }


def blueprint_text() -> dict[str, str]:
    """The blueprint's tables (``{quiz-blueprint}``), in every output."""
    return {
        "summary": _("The question bank"),
        "by_kind": _("Questions by topic and item type"),
        "by_step": _("Questions by topic and clinical-judgment step"),
        "by_level": _("Questions by topic and cognitive level"),
        "keys": _("Correct options of single-choice questions, by position"),
        "flags": _("Questions flagged by item review, by rule"),
        "topic": _("Topic"),
        "questions": _("Questions"),
        "total": _("Total"),
        "all": _("All questions"),
        "no_topic": _("No topic"),
        "not_set": _("Not set"),
        "position": _("Position"),
        "rule": _("Rule"),
        "flagged_items": _("Questions with any item-review flag"),
        "keys_first": _("Select-all questions with every correct option first"),
        "recognize-cues": _("Recognize cues"),
        "analyze-cues": _("Analyze cues"),
        "prioritize-hypotheses": _("Prioritize hypotheses"),
        "generate-solutions": _("Generate solutions"),
        "take-action": _("Take action"),
        "evaluate-outcomes": _("Evaluate outcomes"),
        "remember": _("Remember"),
        "understand": _("Understand"),
        "apply": _("Apply"),
        "analyze": _("Analyze"),
        "evaluate": _("Evaluate"),
        "create": _("Create"),
    }
