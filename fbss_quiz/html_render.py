"""Interactive HTML for the web builders (html, dirhtml, singlehtml).

Every tag goes through :class:`~fbss_quiz.html_out.HtmlOut` (``starttag``, which
escapes attribute values, and ``encode`` for text); text from the doctree is
escaped by the writer. Nothing is joined into markup by hand. Each visitor here
writes what every question shares and asks the question's kind
(``fbss_quiz/kinds/``) for the rest. The page works without JavaScript: the
answer sits in a closed ``<details>``; the script turns it into per-option
feedback. What the script reads is ``fbss_quiz/contract.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from fbss_quiz import nodes as qn
from fbss_quiz.contract import item_attribute
from fbss_quiz.exam import seal
from fbss_quiz.html_out import HtmlOut, QuestionHtml, ui
from fbss_quiz.i18n import counted
from fbss_quiz.kinds import kind_of
from fbss_quiz.model import CLINICAL_JUDGMENT_STEPS


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _forms(key: str, first: int, last: int) -> str:
    """The counted message ``key`` in the form for each number from ``first`` to
    ``last``, as a JSON list (the script picks the one for its number)."""
    return _json([counted(key, n) for n in range(first, last + 1)])


def storage_prefix(config: Any) -> str:
    """Answers are stored per project, so two books on one site stay apart."""
    return f"fbss-quiz:{config.project}"


def max_points(question: qn.question, scoring: str) -> int:
    """The most points the browser's scorer gives ``question``."""
    record = qn.record_of(question)
    return kind_of(record).max_points(record, scoring)


def visit_quiz(self: HTML5Translator, node: qn.quiz) -> None:
    config = self.builder.config
    attrs: dict[str, Any] = {"CLASS": "fbss-quiz", "role": "group"}
    title = next(iter(node.findall(nodes.rubric)), None)
    if title is not None and title["ids"]:
        attrs["aria-labelledby"] = title["ids"][0]
    questions = list(node.findall(qn.question))
    shown = graded(node)
    attrs["data-fbss-msg-score"] = counted("msg_score", shown)
    # "3 of 7 answered", in the form for each number answered.
    attrs["data-fbss-msg-answered"] = _forms("msg_answered", 0, shown)
    attrs["data-fbss-msg-question"] = ui(self)["question"]
    if any(q.get("position") for q in questions):
        attrs["data-fbss-msg-numbered"] = ui(self)["question_from"]
    # The script puts a "Skip to the quiz" link at the top of the page.
    attrs["data-fbss-msg-skip"] = ui(self)["skip"]
    if node.get("case"):
        points = sum(max_points(q, config.fbss_quiz_scoring) for q in questions)
        attrs["data-fbss-case"] = counted("msg_case", points)
        attrs["CLASS"] = "fbss-quiz fbss-case"
    if node.get("draw"):
        # A review quiz that draws this many questions from its pool per attempt.
        attrs["data-fbss-draw"] = str(node["draw"])
        if config.fbss_quiz_storage:
            attrs["data-fbss-store"] = storage_prefix(config)
    if node.get("exam"):
        attrs.update(exam_attributes(self, node, questions, shown))
    if node.get("practice"):
        attrs.update(practice_attributes(ui(self), config, len(questions)))
    HtmlOut(self).node_tag(node, "div", **attrs)
    if node.get("practice"):
        practice_notes(HtmlOut(self), ui(self))


def graded(node: qn.quiz) -> int:
    """As many questions as the script grades per attempt: all, or the number a review
    quiz draws."""
    questions = len(list(node.findall(qn.question)))
    return min(int(node["draw"]), questions) if node.get("draw") else questions


def practice_attributes(text: dict[str, str], config: Any, pool: int) -> dict[str, str]:
    """The practice queue's messages: the counts in the plural form of every number up to
    the pool's size (JSON lists, as ``data-fbss-msg-left``), and the topics' labels."""

    def forms(key: str) -> str:
        return _json([counted(key, n) for n in range(pool + 1)])

    return {
        "data-fbss-msg-due": forms("practice_due"),
        "data-fbss-msg-fresh": forms("practice_fresh"),
        "data-fbss-msg-later": forms("practice_later"),
        "data-fbss-msg-queue": text["practice_queue"],
        "data-fbss-msg-topic": text["practice_topic"],
        "data-fbss-msg-nostore": text["practice_nostore"],
        "data-fbss-topic-labels": _json(dict(config.fbss_quiz_topics)),
    }


def practice_notes(out: HtmlOut, text: dict[str, str]) -> None:
    """Above the practice queue: what it shows without the script (its first questions,
    each with its answer), and the lines the script fills (the counts; the topic, with a
    link back to every topic)."""
    out.element("p", text["practice_nojs"], "\n", CLASS="fbss-practice-nojs")
    out.element("p", "", "\n", CLASS="fbss-practice-status", role="status", hidden="")
    out.tag("p", "", CLASS="fbss-practice-topic", hidden="")
    out.element("span", "", " ", CLASS="fbss-practice-topic-name")
    out.element("a", text["practice_all"], CLASS="fbss-practice-all", href="#")
    out.close("p", "\n")


def exam_attributes(
    self: HTML5Translator, node: qn.quiz, questions: list[qn.question], shown: int
) -> dict[str, str]:
    """What an exam's script needs: its messages, the labels of the topics and steps
    its questions have (the score by topic and step), and its time limit."""
    text, config = ui(self), self.builder.config
    records = [qn.record_of(q) for q in questions]
    topics = {t for r in records for t in r.topics}
    steps = {r.step for r in records if r.step}
    attrs = {
        "CLASS": "fbss-quiz fbss-exam",
        "data-fbss-mode": "exam",
        "data-fbss-msg-unanswered": _forms("msg_unanswered", 1, max(shown, 1)),
        "data-fbss-msg-of": text["score_of"],
        "data-fbss-msg-no-step": text["step_none"],
        "data-fbss-topic-labels": _json(
            {t: label for t, label in config.fbss_quiz_topics.items() if t in topics}
        ),
        "data-fbss-step-labels": _json(
            {s: text["step_" + s.replace("-", "_")] for s in CLINICAL_JUDGMENT_STEPS if s in steps}
        ),
    }
    if node.get("time_limit"):
        attrs["data-fbss-time-limit"] = str(node["time_limit"])
        for key in ("time_left", "time_up"):
            attrs["data-fbss-msg-" + key.replace("_", "-")] = text[key]
        attrs["data-fbss-msg-time-notes"] = _json(time_notes(node["time_limit"]))
    # The answers the questions hold back (``visit_question``, ``visit_answer``).
    self._fbss_sealed = {}  # type: ignore[attr-defined]
    return attrs


def time_notes(limit: int) -> dict[str, str]:
    """What the countdown announces, by the minutes left: at half time, then with five
    minutes and one minute left (each in the plural form for its number)."""
    marks = {m for m in ((limit + 1) // 2, 5, 1) if 0 < m < limit}
    return {str(m): counted("msg_minutes_left", m).format(minutes=m) for m in sorted(marks)}


def depart_quiz(self: HTML5Translator, node: qn.quiz) -> None:
    out, text = HtmlOut(self), ui(self)
    exam = bool(node.get("exam"))
    if exam:
        out.element("p", text["exam_nojs"], CLASS="fbss-exam-nojs")
    footer: dict[str, Any] = {"CLASS": "fbss-quiz-footer", "hidden": ""}
    if exam:
        footer["data-fbss-sealed"] = seal(getattr(self, "_fbss_sealed", {}), node["ids"][0])
        self._fbss_sealed = None  # type: ignore[attr-defined]
    out.tag("div", "", **footer)
    if exam:
        out.element("p", text["exam_hint"], CLASS="fbss-exam-hint")
        if node.get("time_limit"):
            minutes = node["time_limit"]
            note = counted("msg_time_limit", minutes).format(minutes=minutes)
            out.element("p", note, CLASS="fbss-timer-note")
    out.element("p", "", CLASS="fbss-count", role="status")
    out.element("p", "", CLASS="fbss-score", role="status")
    summary_parts(out, text, node["ids"][0], graded(node) if exam else 0)
    out.tag("div", "", CLASS="fbss-quiz-actions")
    if exam:
        out.element("button", text["submit"], CLASS="fbss-submit", type="button")
    out.element("button", text["retry_missed"], CLASS="fbss-retry-missed", type="button", hidden="")
    # The practice queue's Reset draws the next set by the schedule.
    label = text["practice_new"] if node.get("practice") else text["reset"]
    out.element("button", label, CLASS="fbss-reset", type="button")
    out.close("div")
    out.close("div")
    out.close("div", "\n")


def summary_parts(out: HtmlOut, text: dict[str, str], quiz_id: str, exam: int) -> None:
    """The summary the script fills once every question is checked (or the exam is
    submitted): the missed questions as links, and, for an exam (``exam``: the questions
    it grades, else 0), the score by topic and by step and the confirmation Submit asks
    for when answers are missing."""
    out.tag("div", "", CLASS="fbss-summary", hidden="")
    out.element("p", text["missed_title"], CLASS="fbss-missed-title")
    out.element("ul", "", CLASS="fbss-missed")
    out.close("div")
    if not exam:
        return
    # The script writes a table for each, captioned with these, and, where a question
    # counts under two topics, the line the progress page has too ({entries} and
    # {questions} filled in; the form is that for the exam's number of questions).
    results = {
        f"data-fbss-msg-{k.replace('_', '-')}": text[k] for k in ("score_topic", "score_step")
    }
    results["data-fbss-msg-entries"] = counted("progress_entries", exam)
    out.element("div", "", CLASS="fbss-results", hidden="", **results)
    confirm = f"{quiz_id}-confirm"
    out.tag(
        "div", "", CLASS="fbss-confirm", role="group", hidden="", **{"aria-labelledby": confirm}
    )
    out.element("p", "", CLASS="fbss-confirm-text", ids=[confirm])
    out.element("button", text["submit_yes"], " ", CLASS="fbss-submit-yes", type="button")
    out.element("button", text["submit_no"], CLASS="fbss-submit-no", type="button")
    out.close("div")


def visit_question(self: HTML5Translator, node: qn.question) -> None:
    h = QuestionHtml.of(self, node)
    record, kind = h.record, kind_of(h.record)
    attrs: dict[str, Any] = {
        "CLASS": "fbss-question",
        "data-fbss-id": record.id,
        "data-fbss-type": record.qtype,
        "data-fbss-topics": " ".join(record.topics),
        "data-fbss-item": item_attribute(kind.item(record, h.config.fbss_quiz_scoring)),
    }
    if record.shuffle:
        attrs["data-fbss-shuffle"] = "true"
    if node.get("hidden"):
        attrs["hidden"] = ""
    if h.config.fbss_quiz_storage:
        attrs["data-fbss-store"] = storage_prefix(h.config)
    for key in ("msg_correct", "msg_incorrect"):
        attrs["data-fbss-" + key.replace("_", "-")] = h.text[key]
    attrs["data-fbss-msg-answer"] = kind.answer_message(record, h.text)
    forms = kind.left_forms(record, h.text)
    attrs["data-fbss-msg-left"] = json.dumps(forms, ensure_ascii=False, separators=(",", ":"))
    attrs.update(kind.html_attributes(h))
    if node.get("exam"):
        hold_back(self, h, attrs)
    h.out.node_tag(node, "div", **attrs)
    if record.step:
        h.out.element("p", h.text["step_" + record.step.replace("-", "_")], CLASS="fbss-step-tag")
    if node.get("number"):
        number, data = node["number"], {}
        label = h.text["question"].format(number=number)
        if node.get("position"):
            # A review quiz numbers its questions 1-N; the script renumbers a drawn set.
            label = h.text["question_from"].format(n=node["position"], number=number)
            data["data-fbss-number"] = number
        h.out.tag("p", CLASS="fbss-number", ids=[f"{h.base}-num"], **data)
        h.out.text(label)
        h.out.close("p", "\n")


#: The attributes of an exam's question that say something of its answer (how many
#: options are right, in a plural form or a number of points): sealed until Submit.
SEALED_ATTRIBUTES = ("data-fbss-msg-answer", "data-fbss-msg-partial", "data-fbss-msg-points")


def hold_back(self: HTML5Translator, h: QuestionHtml, attrs: dict[str, Any]) -> None:
    """An exam's question: its item without the answer on the page, and the full item
    and the messages that name the answer in the quiz's sealed blob."""
    kind, scoring = kind_of(h.record), h.config.fbss_quiz_scoring
    # The kind's own item (a trend's names its response; an ordering item's key is in the
    # ids its steps have on the page) and what of it the page may show.
    item = kind.item(h.record, scoring)
    attrs["data-fbss-item"] = _json(kind.exam_item(h.record, scoring))
    held = {"item": item, "msg": {k: attrs.pop(k) for k in SEALED_ATTRIBUTES if k in attrs}}
    attrs["data-fbss-step"] = h.record.step
    sealed = getattr(self, "_fbss_sealed", None)
    if sealed is not None:
        sealed[h.base] = held


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    HtmlOut(self).close("div", "\n")


def visit_blueprint_region(self: HTML5Translator, node: qn.blueprint_region) -> None:
    # A region that scrolls must take keyboard focus, or a keyboard user cannot reach
    # its hidden columns (WCAG 2.1.1; axe: scrollable-region-focusable).
    HtmlOut(self).node_tag(
        node,
        "div",
        CLASS="fbss-blueprint-region",
        tabindex="0",
        role="region",
        **{"aria-label": node["label"]},
    )


def visit_stem(self: HTML5Translator, node: qn.question_stem) -> None:
    h = QuestionHtml.of(self, node)
    h.out.tag("div", "\n", CLASS="fbss-stem", ids=[f"{h.base}-stem"])


def visit_options(self: HTML5Translator, node: qn.question_options) -> None:
    h = QuestionHtml.of(self, node)
    kind = kind_of(h.record)
    attrs: dict[str, Any] = {
        "CLASS": kind.options_classes(h.record),
        "aria-labelledby": kind.options_label(h),
    }
    # The verdict line, under the question and above the options: the result and the
    # correct answer in words, announced as it is written.
    h.out.element("p", "", "\n", CLASS="fbss-status", role="status")
    hint, nojs = kind.hint(h.record, h.text), kind.nojs_hint(h.record, h.text)
    if hint is not None:
        attrs["aria-describedby"] = f"{h.base}-hint"
    h.out.node_tag(node, "fieldset", **attrs)
    if hint is not None:
        # The page says what a reader without the script can do; the script says its own.
        swap = nojs is not None and nojs != hint
        css = "fbss-hint fbss-js" if swap else "fbss-hint"
        data = {"data-fbss-js": hint} if swap else {}
        h.out.element("p", nojs or hint, CLASS=css, ids=[f"{h.base}-hint"], **data)
    kind.open_options(h)


def depart_options(self: HTML5Translator, node: qn.question_options) -> None:
    h = QuestionHtml.of(self, node)
    kind = kind_of(h.record)
    kind.close_options(h)
    out = h.out
    out.close("fieldset", "\n")
    kind.after_options(h)
    clearable = kind.clearable(h.record)
    out.fragment(("actions", clearable), lambda: _actions(out, h.text, clearable))


def _actions(out: HtmlOut, text: Mapping[str, str], clearable: bool) -> None:
    """A question's buttons and the note under them (the same in every question of a
    kind: ``HtmlOut.fragment``)."""
    out.tag("div", "", CLASS="fbss-actions fbss-js", hidden="")
    out.element("button", text["check"], CLASS="fbss-check", type="button")
    out.element("button", text["retry"], CLASS="fbss-retry", hidden="", type="button")
    if clearable:
        out.element("button", text["clear_answers"], CLASS="fbss-clear-answers", type="button")
    out.close("div")
    # What Check answer needs first ("Answer every row: 2 of 4 left"), and moves.
    out.element("p", "", "\n", CLASS="fbss-note", role="status")


def _kind_visitor(name: str) -> Any:
    """A visitor that hands the node to its question's kind (method ``name``)."""

    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        h = QuestionHtml.of(self, node)
        getattr(kind_of(h.record), name)(h, node)

    visit.__name__ = name
    return visit


def visit_answer(self: HTML5Translator, node: qn.question_answer) -> None:
    h = QuestionHtml.of(self, node)
    exam = bool(h.question.get("exam"))
    # An exam's answer part stays hidden (and empty) until Submit fills it.
    h.out.node_tag(node, "details", CLASS="fbss-answer", **({"hidden": ""} if exam else {}))
    h.out.element("summary", h.text["show_answer"])
    if exam:
        self._fbss_sealed_from = len(self.body)  # type: ignore[attr-defined]
    kind_of(h.record).html_key(h)


def depart_answer(self: HTML5Translator, node: qn.question_answer) -> None:
    h = QuestionHtml.of(self, node)
    start = getattr(self, "_fbss_sealed_from", None)
    sealed = getattr(self, "_fbss_sealed", None)
    if h.question.get("exam") and start is not None and sealed is not None and h.base in sealed:
        # The key, rationales and explanation go into the sealed blob, not the page.
        sealed[h.base]["html"] = "".join(self.body[start:])
        del self.body[start:]
        self._fbss_sealed_from = None  # type: ignore[attr-defined]
    HtmlOut(self).close("details", "\n")


def visit_explanation(self: HTML5Translator, node: qn.question_explanation) -> None:
    HtmlOut(self).node_tag(node, "div", CLASS="fbss-explanation")


def visit_progress(self: HTML5Translator, node: qn.quiz_progress) -> None:
    """The progress page: its table and list are standard nodes (``assemble.py``)."""
    text, config = ui(self), self.builder.config
    attrs: dict[str, Any] = {"CLASS": "fbss-progress"}
    if config.fbss_quiz_storage:
        attrs["data-fbss-store"] = storage_prefix(config)
    for key in ("msg_cleared", "msg_nothing", "msg_weakest"):
        attrs["data-fbss-" + key.replace("_", "-")] = text[key]
    HtmlOut(self).node_tag(node, "div", **attrs)


def depart_progress(self: HTML5Translator, node: qn.quiz_progress) -> None:
    text, out = ui(self), HtmlOut(self)
    out.tag("div", "", CLASS="fbss-actions", hidden="")
    out.element("button", text["clear"], CLASS="fbss-clear", type="button")
    out.close("div")
    out.tag("div", "", CLASS="fbss-confirm", role="group", hidden="")
    out.element("p", text["clear_confirm"], CLASS="fbss-confirm-text")
    out.element("button", text["clear_yes"], " ", CLASS="fbss-clear-yes", type="button")
    out.element("button", text["clear_no"], CLASS="fbss-clear-no", type="button")
    out.close("div")
    out.element("p", "", CLASS="fbss-status", role="status")
    out.close("div", "\n")


def visit_progress_list(self: HTML5Translator, node: qn.progress_list) -> None:
    """How many questions are left (the script counts them), and the list of them."""
    text, out = ui(self), HtmlOut(self)
    out.tag("p", "", CLASS="fbss-progress-js", hidden="")
    out.text(text["progress_todo"] + " ")
    out.element("strong", str(len(node.children)), CLASS="fbss-left")
    out.close("p")
    out.element("p", text["progress_nojs"], CLASS="fbss-progress-nojs")
    # Closed: a book's worth of questions would push what follows (the self-test) far down.
    out.tag("details", "", CLASS="fbss-progress-todo")
    out.element("summary", text["progress_list"])
    out.tag("ul", "\n", CLASS="fbss-progress-list")


def depart_progress_list(self: HTML5Translator, node: qn.progress_list) -> None:
    out = HtmlOut(self)
    out.close("ul")
    out.close("details", "\n")


def visit_progress_item(self: HTML5Translator, node: qn.progress_item) -> None:
    attrs = {"data-fbss-id": node["qid"], "data-fbss-topics": " ".join(node["topics"])}
    if node.get("step"):
        attrs["data-fbss-step"] = node["step"]
    HtmlOut(self).node_tag(node, "li", "", **attrs)


def visit_progress_next(self: HTML5Translator, node: qn.progress_next) -> None:
    HtmlOut(self).node_tag(node, "p", "", CLASS="fbss-progress-next", hidden="")


def depart_progress_next(self: HTML5Translator, node: qn.progress_next) -> None:
    HtmlOut(self).close("p", "\n")


def depart_progress_item(self: HTML5Translator, node: qn.progress_item) -> None:
    HtmlOut(self).close("li", "\n")


def visit_progress_row(self: HTML5Translator, node: qn.progress_row) -> None:
    """The translator's own row, with the topic the script counts it for."""
    self.visit_row(node)
    key = "step" if node.get("step") else "topic"
    HtmlOut(self).retag(node, "tr", **{f"data-fbss-{key}": node[key]})


def visit_progress_cell(self: HTML5Translator, node: qn.progress_cell) -> None:
    """The translator's own cell, with its column's name for the phone layout."""
    self.visit_entry(node)
    HtmlOut(self).retag(node, "td", **{"data-fbss-col": node["column"]})


HTML_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    qn.quiz: (visit_quiz, depart_quiz),
    qn.question: (visit_question, depart_div),
    qn.question_stem: (visit_stem, depart_div),
    qn.question_options: (visit_options, depart_options),
    qn.question_option: (_kind_visitor("visit_option"), _kind_visitor("depart_option")),
    qn.question_answer: (visit_answer, depart_answer),
    qn.option_rationale: (_kind_visitor("html_rationale"), depart_div),
    qn.question_explanation: (visit_explanation, depart_div),
    qn.question_group: (_kind_visitor("visit_group"), _kind_visitor("depart_group")),
    qn.group_label: (_kind_visitor("visit_group_label"), _kind_visitor("depart_group_label")),
    qn.cloze_blank: (_kind_visitor("visit_blank"), None),
    qn.quiz_progress: (visit_progress, depart_progress),
    qn.blueprint_region: (visit_blueprint_region, depart_div),
    qn.progress_list: (visit_progress_list, depart_progress_list),
    qn.progress_item: (visit_progress_item, depart_progress_item),
    qn.progress_next: (visit_progress_next, depart_progress_next),
    qn.progress_table: (HTML5Translator.visit_table, HTML5Translator.depart_table),
    qn.progress_row: (visit_progress_row, HTML5Translator.depart_row),
    qn.progress_cell: (visit_progress_cell, HTML5Translator.depart_entry),
}
