"""Interactive HTML for the web builders (html, dirhtml, singlehtml).

Every tag goes through ``translator.starttag``, which escapes attribute values;
text comes from the doctree, which the writer escapes. Nothing is joined into
markup by hand. The page works without JavaScript: the answer sits in a closed
``<details>``; the script (``static/fbss_quiz.js``) turns it into per-option
feedback.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from fbss_quiz import nodes as qn
from fbss_quiz.i18n import counted, ui_text
from fbss_quiz.item_text import item_choice_name, item_key_lines
from fbss_quiz.model import option_letter


def storage_prefix(config: Any) -> str:
    """Answers are stored per project, so two books on one site stay apart."""
    return f"fbss-quiz:{config.project}"


def _ui(translator: HTML5Translator) -> dict[str, str]:
    """The interface strings, looked up once per build rather than once per node
    (the language cannot change during a build)."""
    builder: Any = translator.builder
    cached = getattr(builder, "_fbss_quiz_ui_text", None)
    if cached is None:
        cached = builder._fbss_quiz_ui_text = ui_text()
    return cached


def _question_of(node: nodes.Element) -> qn.question:
    question = qn.enclosing(node, qn.question)
    assert question is not None
    return question


def _base_id(question: qn.question) -> str:
    return str(question["ids"][0])


def _tag(translator: HTML5Translator, tagname: str, suffix: str = "", **attrs: Any) -> str:
    """A start tag not tied to a doctree node (``starttag`` would add, and even
    extend, that node's ids)."""
    return translator.starttag(nodes.Element(), tagname, suffix, **attrs)


def _text(translator: HTML5Translator, text: str) -> str:
    return translator.encode(text)


def visit_quiz(self: HTML5Translator, node: qn.quiz) -> None:
    attrs: dict[str, Any] = {"CLASS": "fbss-quiz", "role": "group"}
    title = next(iter(node.findall(nodes.rubric)), None)
    if title is not None and title["ids"]:
        attrs["aria-labelledby"] = title["ids"][0]
    questions = list(node.findall(qn.question))
    # As many as the script grades per attempt: all, or the number a review quiz draws.
    shown = min(int(node["draw"]), len(questions)) if node.get("draw") else len(questions)
    attrs["data-fbss-msg-score"] = counted("msg_score", shown)
    if node.get("case"):
        attrs["data-fbss-case"] = counted("msg_case", sum(max_points(q) for q in questions))
        attrs["CLASS"] = "fbss-quiz fbss-case"
    if node.get("draw"):
        # A review quiz that draws this many questions from its pool per attempt.
        attrs["data-fbss-draw"] = str(node["draw"])
        if self.builder.config.fbss_quiz_storage:
            attrs["data-fbss-store"] = storage_prefix(self.builder.config)
    self.body.append(self.starttag(node, "div", **attrs))


def depart_quiz(self: HTML5Translator, node: qn.quiz) -> None:
    text = _ui(self)
    self.body.append('<div class="fbss-quiz-footer" hidden="">')
    self.body.append('<p class="fbss-score" role="status"></p>')
    self.body.append(
        f'<button type="button" class="fbss-reset">{_text(self, text["reset"])}</button>'
    )
    self.body.append("</div></div>\n")


def visit_question(self: HTML5Translator, node: qn.question) -> None:
    text = _ui(self)
    attrs: dict[str, Any] = {
        "CLASS": "fbss-question",
        "data-fbss-id": node["qid"],
        "data-fbss-type": node["qtype"],
        "data-fbss-topics": " ".join(node["topics"]),
    }
    if node.get("shuffle"):
        attrs["data-fbss-shuffle"] = "true"
    if node.get("hidden"):
        attrs["hidden"] = ""
    if self.builder.config.fbss_quiz_storage:
        attrs["data-fbss-store"] = storage_prefix(self.builder.config)
    for key in ("msg_correct", "msg_incorrect", "msg_choose", "msg_chosen"):
        attrs["data-fbss-" + key.replace("_", "-")] = text[key]
    if node["qtype"] == "multiple":  # the only kind that core.js calls partly right
        attrs["data-fbss-msg-partial"] = counted("msg_partial", len(node["correct"]))
    if node.get("groups"):
        attrs["data-fbss-ngn"] = "true"
        attrs["data-fbss-scoring"] = node.get("scoring", "ncsbn")
        attrs["data-fbss-groups"] = json.dumps(node["groups"])
        attrs["data-fbss-correct"] = json.dumps(list(node["correct"]))
        for key in NGN_MESSAGES:
            attrs["data-fbss-" + key.replace("_", "-")] = text[key]
        attrs["data-fbss-msg-points"] = counted("msg_points", max_points(node))
    self.body.append(self.starttag(node, "div", **attrs))
    if node.get("step"):
        step = text["step_" + node["step"].replace("-", "_")]
        self.body.append(f'<p class="fbss-step-tag">{_text(self, step)}</p>')
    if node.get("number"):
        label = text["question"].format(number=node["number"])
        self.body.append(_tag(self, "p", CLASS="fbss-number", ids=[f"{_base_id(node)}-num"]))
        self.body.append(f"{_text(self, label)}</p>\n")


def depart_question(self: HTML5Translator, node: qn.question) -> None:
    self.body.append("</div>\n")


def visit_stem(self: HTML5Translator, node: qn.question_stem) -> None:
    base = _base_id(_question_of(node))
    self.body.append(_tag(self, "div", "\n", CLASS="fbss-stem", ids=[f"{base}-stem"]))


def depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def max_points(question: qn.question) -> int:
    """The most points the browser's scorer gives ``question`` (``score`` in core.js and
    ngn.js): 1 for single choice, one per correct option for select-all; for NGN items one
    per single-choice group or whole order, one per correct choice otherwise, or 1 when the
    item is scored all-or-nothing."""
    groups = question.get("groups")
    if not groups:
        return len(question["correct"]) if question["qtype"] == "multiple" else 1
    if question.get("scoring") == "all-or-nothing":
        return 1
    return sum(1 if rule in ("one", "order") else int(need) for rule, _count, need in groups)


#: Messages the NGN script reads from the question's data attributes (and msg_points).
NGN_MESSAGES = (
    "msg_partly",
    "msg_moved",
    "move_up",
    "move_down",
    "msg_right_part",
    "msg_wrong_part",
)

#: What each type asks of the reader, shown above its controls.
NGN_HINTS = {
    "matrix": "hint_matrix",
    "matrix-multiple": "hint_matrix_multiple",
    "cloze": "hint_cloze",
    "highlight": "hint_highlight",
    "ordering": "hint_ordering",
    "bowtie": "hint_bowtie",
}


def visit_options(self: HTML5Translator, node: qn.question_options) -> None:
    question = _question_of(node)
    base = _base_id(question)
    labelled_by = f"{base}-num {base}-stem" if question.get("number") else f"{base}-stem"
    qtype = question["qtype"]
    classes = "fbss-options" + (f" fbss-{qtype}" if qtype in NGN_HINTS else "")
    attrs: dict[str, Any] = {"CLASS": classes, "aria-labelledby": labelled_by}
    multiple = qtype == "multiple" or qtype in NGN_HINTS
    if multiple:
        attrs["aria-describedby"] = f"{base}-hint"
    self.body.append(self.starttag(node, "fieldset", **attrs))
    if multiple:
        key = NGN_HINTS.get(qtype, "select_all")
        hint = _text(self, _ui(self)[key])
        self.body.append(f'<p class="fbss-hint" id="{_text(self, base)}-hint">{hint}</p>')
    if qtype in ("matrix", "matrix-multiple"):
        self.body.append('<div class="fbss-scroll"><table class="fbss-grid"><thead><tr>')
        self.body.append(f'<th scope="col">{_text(self, _ui(self)["finding"])}</th>')
        columns: list[str] = list(question.get("columns", []))
        for c, column in enumerate(columns):
            self.body.append(_tag(self, "th", scope="col", ids=[f"{base}-c{c}"]))
            self.body.append(f"{_text(self, column)}</th>")
        self.body.append("</tr></thead><tbody>\n")
    elif qtype == "ordering":
        self.body.append(_tag(self, "ol", CLASS="fbss-order", ids=[f"{base}-order"]))


def depart_options(self: HTML5Translator, node: qn.question_options) -> None:
    qtype = _question_of(node)["qtype"]
    if qtype in ("matrix", "matrix-multiple"):
        self.body.append("</tbody></table></div>")
    elif qtype == "ordering":
        self.body.append("</ol>")
    self.body.append("</fieldset>\n")
    text = _ui(self)
    self.body.append('<div class="fbss-actions" hidden="">')
    self.body.append(
        f'<button type="button" class="fbss-check">{_text(self, text["check"])}</button>'
    )
    self.body.append(
        f'<button type="button" class="fbss-retry" hidden="">{_text(self, text["retry"])}</button>'
    )
    self.body.append('</div><p class="fbss-status" role="status"></p>\n')


def visit_option(self: HTML5Translator, node: qn.question_option) -> None:
    question = _question_of(node)
    base = _base_id(question)
    index = int(node["index"])
    input_id = f"{base}-o{index}"
    qtype = question["qtype"]
    if qtype in NGN_HINTS:
        _visit_item_option(self, node, question, qtype, base, index)
        return
    kind = "checkbox" if question["qtype"] == "multiple" else "radio"
    self.body.append(self.starttag(node, "div", CLASS="fbss-option"))
    self.body.append(
        _tag(self, "input", "", empty=True, type=kind, name=base, value=str(index), ids=[input_id])
    )
    self.body.append(_tag(self, "label", CLASS="fbss-label", **{"for": input_id}))
    self.body.append(f'<span class="fbss-letter">{option_letter(index)}.</span> ')


def depart_option(self: HTML5Translator, node: qn.question_option) -> None:
    qtype = _question_of(node)["qtype"]
    if qtype == "highlight":
        self.body.append("</span>")
    elif qtype == "ordering":
        self.body.append("</span></li>\n")
    else:
        self.body.append("</label></div>\n")


def _choice_input(
    self: HTML5Translator,
    kind: str,
    name: str,
    index: int,
    input_id: str,
    data: dict[str, str],
    labelled_by: str | None = None,
) -> str:
    """A radio button or checkbox of an NGN item (grid cell or bow-tie choice)."""
    attrs: dict[str, Any] = {"type": kind, "name": name, "value": str(index), "ids": [input_id]}
    if labelled_by:
        attrs["aria-labelledby"] = labelled_by
    return _tag(self, "input", "", empty=True, **attrs, **data)


def _visit_item_option(
    self: HTML5Translator,
    node: qn.question_option,
    question: qn.question,
    qtype: str,
    base: str,
    index: int,
) -> None:
    """An NGN choice: a grid cell, a highlightable phrase, a step or a bow-tie choice."""
    group = int(node["group"])
    input_id = f"{base}-o{index}"
    data = {"data-fbss-option": str(index), "data-fbss-group": str(group)}
    if qtype in ("matrix", "matrix-multiple"):
        kind = "checkbox" if qtype == "matrix-multiple" else "radio"
        # The column's name, shown beside the control when a phone stacks the grid.
        column: str = list(question.get("columns", []))[int(node["col"])]
        self.body.append(_tag(self, "td", "", **{"data-fbss-col": column}))
        labelled_by = f"{base}-g{group}-label {base}-c{int(node['col'])}"
        self.body.append(
            _choice_input(self, kind, f"{base}-g{group}", index, input_id, data, labelled_by)
        )
        self.body.append("</td>")
        raise nodes.SkipNode
    if qtype == "highlight":
        self.body.append(_tag(self, "span", "", CLASS="fbss-phrase", **data))
        return
    if qtype == "ordering":
        self.body.append(_tag(self, "li", "", CLASS="fbss-step", ids=[input_id], **data))
        self.body.append('<span class="fbss-step-text">')
        return
    # bow-tie
    rule = question["groups"][group][0]
    kind = "radio" if rule == "one" else "checkbox"
    self.body.append(_tag(self, "div", CLASS="fbss-option"))
    self.body.append(_choice_input(self, kind, f"{base}-g{group}", index, input_id, data))
    self.body.append(_tag(self, "label", CLASS="fbss-label", **{"for": input_id}))


def visit_group(self: HTML5Translator, node: qn.question_group) -> None:
    question = _question_of(node)
    qtype = question["qtype"]
    base = _base_id(question)
    group = int(node["group"])
    if qtype in ("cloze", "highlight"):
        raise nodes.SkipNode  # the controls stand in the stem
    if qtype in ("matrix", "matrix-multiple"):
        self.body.append(_tag(self, "tr", **{"data-fbss-group": str(group)}))
        self.body.append(_tag(self, "th", scope="row", ids=[f"{base}-g{group}-label"]))
        return
    if qtype == "bowtie":
        text = _ui(self)
        need = int(node["need"])
        self.body.append(
            _tag(self, "fieldset", CLASS="fbss-bowtie-part", **{"data-fbss-group": str(group)})
        )
        self.body.append(_tag(self, "legend", ids=[f"{base}-g{group}-label"]))
        name = text["bowtie_" + str(node["name"])]
        count = text["choose_n"].format(n=need)
        self.body.append(f'{_text(self, name)} <span class="fbss-need">{_text(self, count)}</span>')
        self.body.append("</legend>")


def depart_group(self: HTML5Translator, node: qn.question_group) -> None:
    qtype = _question_of(node)["qtype"]
    if qtype in ("matrix", "matrix-multiple"):
        self.body.append("</tr>\n")
    elif qtype == "bowtie":
        self.body.append("</fieldset>\n")


def visit_group_label(self: HTML5Translator, node: qn.group_label) -> None:
    qtype = _question_of(node)["qtype"]
    if qtype in ("matrix", "matrix-multiple"):
        return
    raise nodes.SkipNode  # bow-tie legends are written by visit_group; steps have none


def depart_group_label(self: HTML5Translator, node: qn.group_label) -> None:
    self.body.append("</th>")


def visit_blank(self: HTML5Translator, node: qn.cloze_blank) -> None:
    """A drop-down inside the sentence, with a label for screen readers."""
    base = _base_id(_question_of(node))
    group = int(node["group"])
    select_id = f"{base}-g{group}"
    label = _ui(self)["blank"].format(name=node["name"])
    self.body.append(_tag(self, "label", CLASS="fbss-sr", **{"for": select_id}))
    self.body.append(f"{_text(self, label)}</label>")
    self.body.append(
        _tag(
            self,
            "select",
            CLASS="fbss-blank",
            ids=[select_id],
            name=select_id,
            **{"data-fbss-group": str(group)},
        )
    )
    self.body.append(f'<option value="">{_text(self, _ui(self)["choose"])}</option>')
    for index, text in node["choices"]:
        self.body.append(_tag(self, "option", "", value=str(index)))
        self.body.append(f"{_text(self, text)}</option>")
    self.body.append("</select>")
    raise nodes.SkipNode


def visit_answer(self: HTML5Translator, node: qn.question_answer) -> None:
    text = _ui(self)
    question = _question_of(node)
    self.body.append(self.starttag(node, "details", CLASS="fbss-answer"))
    self.body.append(f"<summary>{_text(self, text['show_answer'])}</summary>")
    if question.get("groups"):
        self.body.append('<div class="fbss-key">')
        for line in item_key_lines(question):
            self.body.append(f"<p>{_text(self, line)}</p>")
        self.body.append("</div>")
        return
    letters = ", ".join(option_letter(i) for i in question["correct"])
    lead = text["answers"] if len(question["correct"]) > 1 else text["answer"]
    self.body.append(
        f'<p class="fbss-key"><strong>{_text(self, lead)}</strong> {_text(self, letters)}</p>'
    )


def depart_answer(self: HTML5Translator, node: qn.question_answer) -> None:
    self.body.append("</details>\n")


def visit_rationale(self: HTML5Translator, node: qn.option_rationale) -> None:
    text = _ui(self)
    if _question_of(node).get("groups"):
        data: dict[str, Any] = {
            "CLASS": "fbss-rationale",
            "data-fbss-option": str(node["index"]),
            "data-fbss-group": str(node["group"]),
        }
        self.body.append(self.starttag(node, "div", **data))
        lead = item_choice_name(_question_of(node), node)
        self.body.append(f'<p class="fbss-verdict"><strong>{_text(self, lead)}</strong></p>')
        return
    correct = bool(node["correct"])
    index = int(node["index"])
    attrs: dict[str, Any] = {
        "CLASS": "fbss-rationale " + ("fbss-right" if correct else "fbss-wrong"),
        "data-fbss-option": str(index),
        "data-fbss-correct": "true" if correct else "false",
    }
    self.body.append(self.starttag(node, "div", **attrs))
    icon = "\u2713" if correct else "\u2717"
    verdict = text["right_option"] if correct else text["wrong_option"]
    self.body.append(
        f'<p class="fbss-verdict"><span class="fbss-icon" aria-hidden="true">{icon}</span> '
        f'<span class="fbss-letter">{option_letter(index)}.</span> '
        f"<strong>{_text(self, verdict)}</strong></p>"
    )


def visit_explanation(self: HTML5Translator, node: qn.question_explanation) -> None:
    self.body.append(self.starttag(node, "div", CLASS="fbss-explanation"))


def visit_progress(self: HTML5Translator, node: qn.quiz_progress) -> None:
    text = _ui(self)
    config = self.builder.config
    attrs: dict[str, Any] = {"CLASS": "fbss-progress"}
    if config.fbss_quiz_storage:
        attrs["data-fbss-store"] = storage_prefix(config)
    for key in ("msg_cleared", "msg_nothing"):
        attrs["data-fbss-" + key.replace("_", "-")] = text[key]
    self.body.append(self.starttag(node, "div", **attrs))
    counts: dict[str, int] = {}
    items = list(node.findall(qn.progress_item))
    for item in items:
        for topic in item["topics"]:
            counts[topic] = counts.get(topic, 0) + 1
    e = functools.partial(_text, self)
    head = [text["topic"], text["questions"], text["answered"], text["correct"], text["untried"]]
    self.body.append(
        f'<table class="fbss-progress-table"><caption>{e(text["progress_title"])}</caption>'
    )
    self.body.append("<thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in head))
    self.body.append(f'<th scope="col">{e(text["chart"])}</th></tr></thead><tbody>\n')
    for topic, label in config.fbss_quiz_topics.items():
        if not counts.get(topic):
            continue
        self.body.append(_tag(self, "tr", **{"data-fbss-topic": topic}))
        self.body.append(f'<th scope="row">{e(label)}</th>')
        # data-fbss-col: the column's name, shown in each cell when a phone stacks the rows.
        cells = ("", "fbss-answered", "fbss-correct", "fbss-untried")
        values = (counts[topic], "?", "?", counts[topic])
        for css, value, column in zip(cells, values, head[1:], strict=True):
            attrs = {"data-fbss-col": column, **({"CLASS": css} if css else {})}
            self.body.append(_tag(self, "td", "", **attrs) + f"{value}</td>")
        self.body.append(
            '<td><span class="fbss-bar" aria-hidden="true"><span class="fbss-bar-correct">'
            '</span><span class="fbss-bar-answered"></span></span></td></tr>\n'
        )
    self.body.append("</tbody></table>\n")
    self.body.append(
        f'<p class="fbss-progress-js" hidden="">{e(text["progress_todo"])} '
        f'<strong class="fbss-left">{len(items)}</strong></p>'
    )
    self.body.append(f'<p class="fbss-progress-nojs">{e(text["progress_nojs"])}</p>')
    # Closed: a book's worth of questions would push what follows (the self-test) far down.
    self.body.append(f'<details class="fbss-progress-todo"><summary>{e(text["progress_list"])}')
    self.body.append('</summary><ul class="fbss-progress-list">\n')


def depart_progress(self: HTML5Translator, node: qn.quiz_progress) -> None:
    text = _ui(self)
    e = functools.partial(_text, self)
    self.body.append("</ul></details>\n")
    self.body.append('<div class="fbss-actions" hidden="">')
    self.body.append(f'<button type="button" class="fbss-clear">{e(text["clear"])}</button></div>')
    self.body.append('<div class="fbss-confirm" role="group" hidden="">')
    self.body.append(f'<p class="fbss-confirm-text">{e(text["clear_confirm"])}</p>')
    self.body.append(
        f'<button type="button" class="fbss-clear-yes">{e(text["clear_yes"])}</button> '
    )
    self.body.append(f'<button type="button" class="fbss-clear-no">{e(text["clear_no"])}</button>')
    self.body.append('</div><p class="fbss-status" role="status"></p></div>\n')


def visit_progress_item(self: HTML5Translator, node: qn.progress_item) -> None:
    attrs = {"data-fbss-id": node["qid"], "data-fbss-topics": " ".join(node["topics"])}
    self.body.append(self.starttag(node, "li", "", **attrs))


def depart_progress_item(self: HTML5Translator, node: qn.progress_item) -> None:
    self.body.append("</li>\n")


HTML_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    qn.quiz: (visit_quiz, depart_quiz),
    qn.question: (visit_question, depart_question),
    qn.question_stem: (visit_stem, depart_div),
    qn.question_options: (visit_options, depart_options),
    qn.question_option: (visit_option, depart_option),
    qn.question_answer: (visit_answer, depart_answer),
    qn.option_rationale: (visit_rationale, depart_div),
    qn.question_explanation: (visit_explanation, depart_div),
    qn.question_group: (visit_group, depart_group),
    qn.group_label: (visit_group_label, depart_group_label),
    qn.cloze_blank: (visit_blank, None),
    qn.quiz_progress: (visit_progress, depart_progress),
    qn.progress_item: (visit_progress_item, depart_progress_item),
}
