"""Wire the parts of the extension into Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from fbss_quiz import nodes as qn
from fbss_quiz.assemble import AssembleQuizzes
from fbss_quiz.assets import bundle_name, write_bundles
from fbss_quiz.blueprint import BlueprintTables
from fbss_quiz.book import settle_book
from fbss_quiz.builders import WEB_BUILDERS
from fbss_quiz.collector import CollectQuestions, QuizDomain
from fbss_quiz.config import setup_config
from fbss_quiz.context import QuizContext
from fbss_quiz.directives import (
    AnswerKeyDirective,
    BlueprintDirective,
    CaseDirective,
    PracticeDirective,
    ProgressDirective,
    QuestionDirective,
    QuizDirective,
)
from fbss_quiz.exporters import setup_exporters
from fbss_quiz.html_render import HTML_VISITORS
from fbss_quiz.i18n import CATALOG, LOCALE_DIR
from fbss_quiz.item_warnings import review_book
from fbss_quiz.kinds import BY_NAME, kind_of
from fbss_quiz.static_render import StaticQuizTransform

QUIZ_NODES = (qn.quiz, qn.question, qn.quiz_progress)


def _add_static_path(app: Sphinx) -> None:
    """Copy the quiz's JS and CSS only for the web builders (not into the ePub)."""
    if app.builder.name in WEB_BUILDERS:
        assets = write_bundles(Path(app.doctreedir) / "fbss_quiz_static")
        app.config.html_static_path.append(str(assets))


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Load the quiz's JS and CSS only on pages that hold a quiz element."""
    if app.builder.name not in WEB_BUILDERS or not isinstance(doctree, nodes.document):
        return
    quizzes = next(iter(doctree.findall(lambda n: isinstance(n, QUIZ_NODES))), None)
    # A blueprint needs the style sheet (its tables' scrolling boxes), not the script.
    blueprint = next(iter(doctree.findall(qn.blueprint_region)), None)
    if quizzes is None and blueprint is None:
        return
    builder: Any = app.builder
    # One bundle per page, holding only the parts that the page uses.
    parts = set()
    if any(kind_of(qn.record_of(q)).needs_ngn for q in doctree.findall(qn.question)):
        parts.add("ngn")
    if next(iter(doctree.findall(qn.quiz_progress)), None) is not None:
        parts.add("progress")
    if any(quiz.get("exam") for quiz in doctree.findall(qn.quiz)):
        parts.add("exam")
    if any(quiz.get("practice") for quiz in doctree.findall(qn.quiz)):
        parts.add("practice")
    bundle = bundle_name(parts)
    builder.add_css_file(f"{bundle}.css")
    if quizzes is not None:
        builder.add_js_file(f"{bundle}.js", defer="defer")


def _no_depart(translator: Any, node: nodes.Element) -> None:
    pass


def setup_extension(app: Sphinx) -> None:
    setup_config(app)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    for node_class in qn.ALL_NODES:
        visit, depart = HTML_VISITORS[node_class]
        depart = depart or _no_depart
        # html= only: ePub and every other builder receive standard nodes from
        # StaticQuizTransform, and epub= would override other extensions' nodes.
        app.add_node(node_class, html=(visit, depart))
    for kind in BY_NAME.values():  # a kind's own nodes, on the same terms
        for node_class, (visit, depart) in kind.html_nodes.items():
            app.add_node(node_class, html=(visit, depart or _no_depart))
    app.add_directive("quiz", QuizDirective)
    app.add_directive("case", CaseDirective)
    app.add_directive("question", QuestionDirective)
    app.add_directive("answer-key", AnswerKeyDirective)
    app.add_directive("quiz-progress", ProgressDirective)
    app.add_directive("quiz-practice", PracticeDirective)
    app.add_directive("quiz-blueprint", BlueprintDirective)
    app.add_domain(QuizDomain)
    app.add_transform(QuizContext)
    app.add_transform(CollectQuestions)
    app.add_post_transform(AssembleQuizzes)
    app.add_post_transform(BlueprintTables)
    app.add_post_transform(StaticQuizTransform)
    app.connect("env-updated", settle_book)
    # After settle_book (priority 500), which settles the book's order and owners.
    app.connect("env-updated", review_book, priority=600)
    app.connect("builder-inited", _add_static_path)
    app.connect("html-page-context", _add_assets)
    setup_exporters(app)
