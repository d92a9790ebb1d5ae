"""Quizzes for outputs without JavaScript (ePub, LaTeX/PDF, text, man, ...).

Before writing, every quiz node is rewritten into standard docutils nodes, so
each writer renders it with its own, well-tested visitors and valid markup: the
stem, the options as a lettered list, then the answer with a rationale per
option and the explanation.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from fbss_quiz import nodes as qn
from fbss_quiz.html_render import WEB_BUILDERS, builder_name
from fbss_quiz.i18n import static_text
from fbss_quiz.model import option_letter


def _verdict(index: int, correct: bool, text: dict[str, str]) -> nodes.strong:
    word = text["right_option"] if correct else text["wrong_option"]
    return nodes.strong("", f"{option_letter(index)}. {word}.")


#: Writers that ignore ``enumtype`` and would number the options 1, 2, 3 while
#: the answer says "B": they get the letters written out.
PLAIN_LIST_BUILDERS = frozenset({"text", "man"})


def _options(node: qn.question, spell_letters: bool) -> nodes.Element:
    labels = [list(option.children) for option in node.findall(qn.question_option)]
    if spell_letters:
        box = nodes.container(classes=["fbss-static-options"])
        for index, label in enumerate(labels):
            letter = nodes.strong("", f"{option_letter(index)}.")
            box += nodes.paragraph("", "", letter, nodes.Text(" "), *label)
        return box
    options = nodes.enumerated_list(
        enumtype="upperalpha", prefix="", suffix=".", classes=["fbss-static-options"]
    )
    for label in labels:
        options += nodes.list_item("", nodes.paragraph("", "", *label))
    return options


def static_question(
    node: qn.question, text: dict[str, str], spell_letters: bool = False
) -> nodes.container:
    """The standard-node form of one question."""
    out = nodes.container(ids=list(node["ids"]), classes=["fbss-static-question", *node["classes"]])
    out.source, out.line = node.source, node.line
    stem = next(iter(node.findall(qn.question_stem)))
    out.extend(stem.children)
    if node["qtype"] == "multiple":
        out += nodes.paragraph("", "", nodes.emphasis("", text["select_all"]))
    out += _options(node, spell_letters)

    answer = nodes.container(classes=["fbss-static-answer"])
    correct = list(node["correct"])
    lead = text["answers"] if len(correct) > 1 else text["answer"]
    answer += nodes.paragraph(
        "", "", nodes.strong("", lead), nodes.Text(" " + ", ".join(map(option_letter, correct)))
    )
    for rationale in node.findall(qn.option_rationale):
        verdict = _verdict(int(rationale["index"]), bool(rationale["correct"]), text)
        body = list(rationale.children)
        if body and isinstance(body[0], nodes.paragraph):
            first = body[0]
            first.insert(0, nodes.Text(" "))
            first.insert(0, verdict)
            answer.extend(body)
        else:
            answer += nodes.paragraph("", "", verdict)
            answer.extend(body)
    for explanation in node.findall(qn.question_explanation):
        answer.extend(explanation.children)
    out += answer
    return out


class StaticQuizTransform(SphinxPostTransform):
    """Rewrite quizzes into standard nodes for every builder but the web ones."""

    default_priority = 200

    def is_supported(self) -> bool:
        return builder_name(self.env) not in WEB_BUILDERS

    def run(self, **kwargs: Any) -> None:
        text = static_text()
        spell = builder_name(self.env) in PLAIN_LIST_BUILDERS
        for question in list(self.document.findall(qn.question)):
            question.replace_self(static_question(question, text, spell))
        for quiz in list(self.document.findall(qn.quiz)):
            group = nodes.container(ids=list(quiz["ids"]), classes=["fbss-static-quiz"])
            group.source, group.line = quiz.source, quiz.line
            group.extend(quiz.children)
            quiz.replace_self(group)
