"""Wire the parts of the extension into Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from fbss_quiz import nodes as qn
from fbss_quiz.assemble import AssembleQuizzes
from fbss_quiz.assets import (
    PREFIX,
    chunk_scripts,
    chunks_named,
    page_files,
    refresh_bundles,
    write_bundle,
)
from fbss_quiz.blueprint import BlueprintTables
from fbss_quiz.book import settle_book
from fbss_quiz.builders import WEB_BUILDERS
from fbss_quiz.collector import CollectQuestions, QuizDomain, collector_record, quiz_domain
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
from fbss_quiz.kinds import BY_NAME, answering_kind, kind_of
from fbss_quiz.model import CollectorRecord, QuestionRecord
from fbss_quiz.static_render import StaticQuizTransform


def _refresh_assets(app: Sphinx) -> None:
    """The page files of an earlier build, made anew from the chunks shipped now."""
    if app.builder.name in WEB_BUILDERS:
        refresh_bundles(Path(app.outdir) / "_static")


def _record_uses(record: QuestionRecord) -> set[str]:
    """The chunks a question needs: its kind's (a trend's response too)."""
    kind = kind_of(record)
    uses = {kind.name, *kind.chunks}
    answering = answering_kind(record)
    if answering is not None:
        uses.add(answering.name)
    return uses


def _uses(doctree: nodes.document) -> set[str]:
    """What the page's scripts and style sheets must hold (fbss_quiz/assets.py's chunks):
    the kind of each question, a case, the progress table, the practice queue, exam
    mode, the blueprint's tables (its placeholder before they are made)."""
    uses: set[str] = set()
    for question in doctree.findall(qn.question):
        uses |= _record_uses(qn.record_of(question))
    if next(iter(doctree.findall(qn.quiz)), None) is not None or uses:
        uses.add("core")
    for quiz in doctree.findall(qn.quiz):
        uses.update(part for part in ("case", "exam", "practice") if quiz.get(part))
    if next(iter(doctree.findall(qn.quiz_progress)), None) is not None:
        uses.update(("core", "progress"))
    blueprint = (qn.blueprint_region, qn.quiz_blueprint)
    if next(iter(doctree.findall(lambda n: isinstance(n, blueprint))), None) is not None:
        uses.add("blueprint")
    return uses


def _exts(uses: set[str]) -> tuple[str, ...]:
    """A blueprint needs the style sheet (its tables' scrolling boxes), not the script."""
    return (".js", ".css") if uses - {"blueprint"} else (".css",)


# --- which files of _static the book needs: an incremental build leaves none it does
# not (the files of a page that no longer has a matrix, say), as a clean build would.

#: Per document, read with it: the chunks its own content uses and its review quizzes
#: (``:collect:``), which are filled with the book's questions when the page is written.
Uses = tuple[tuple[str, ...], tuple[CollectorRecord, ...]]
ENV_KEY = "fbss_quiz_uses"


def _env_uses(env: Any) -> dict[str, Uses]:
    if not hasattr(env, ENV_KEY):
        setattr(env, ENV_KEY, {})
    return getattr(env, ENV_KEY)


def _read_uses(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    collectors = tuple(
        collector_record(quiz, docname) for quiz in doctree.findall(qn.quiz) if quiz.get("collect")
    )
    _env_uses(app.env)[docname] = (tuple(sorted(_uses(doctree))), collectors)


def _purge_uses(app: Sphinx, env: Any, docname: str) -> None:
    _env_uses(env).pop(docname, None)


def _merge_uses(app: Sphinx, env: Any, docnames: set[str], other: Any) -> None:
    theirs = _env_uses(other)
    _env_uses(env).update((d, theirs[d]) for d in docnames if d in theirs)


def needed_files(env: Any, builder: str) -> set[str]:
    """The names of the files in ``_static`` that the book's pages load: each document's
    own uses and those of the questions its review quizzes gather (singlehtml: one page
    with every document's)."""
    records = quiz_domain(env).in_book_order()
    pages: list[set[str]] = []
    for docname, (own, collectors) in sorted(_env_uses(env).items()):
        if docname not in env.all_docs:
            continue
        uses = set(own)
        for collector in collectors:
            for record in collector.select(records):
                uses |= _record_uses(record)
        pages.append(uses)
    if builder == "singlehtml":
        pages = [set().union(*pages)]
    return {
        name
        for uses in pages
        if uses
        for names in page_files(uses, _exts(uses)).values()
        for name in names
    }


def _clean_static(app: Sphinx, exception: BaseException | None) -> None:
    """Delete the quiz files in ``_static`` that no page loads any more (an incremental
    build after an edit wrote new ones and left these); others' files are left alone."""
    if exception is not None or app.builder.name not in WEB_BUILDERS:
        return
    needed = needed_files(app.env, app.builder.name)
    for path in sorted((Path(app.outdir) / "_static").glob(PREFIX + "*")):
        if path.suffix in (".js", ".css") and path.name not in needed and chunks_named(path.name):
            path.unlink()


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give a page that holds a quiz element (or a blueprint) the core's script and style
    sheet, and after them those of the chunks it uses besides (fbss_quiz/assets.py); a
    page without one gets none, and the ePub no script at all (it is not a web
    builder)."""
    if app.builder.name not in WEB_BUILDERS or not isinstance(doctree, nodes.document):
        return
    uses = _uses(doctree)
    if not uses:
        return
    builder: Any = app.builder
    exts = _exts(uses)
    # Written now, in whichever process writes the page (the static files were copied
    # before the pages are written); its name is what it holds, so any build gives it
    # the same name and bytes.
    files = write_bundle(Path(app.outdir) / "_static", uses, exts)
    for filename in files.get(".css", []):
        builder.add_css_file(filename)
    scripts = files.get(".js", [])
    if scripts:
        # The core (first) wires the page once the chunks of the scripts after it have
        # all run: it is told how many there are (static/src/main.js).
        count = chunk_scripts(uses)
        core = {"data-fbss-chunks": str(count)} if count else {}
        builder.add_js_file(scripts[0], defer="defer", **core)
    for filename in scripts[1:]:
        builder.add_js_file(filename, defer="defer")


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
    app.connect("builder-inited", _refresh_assets)
    app.connect("html-page-context", _add_assets)
    app.connect("doctree-read", _read_uses)
    app.connect("env-purge-doc", _purge_uses)
    app.connect("env-merge-info", _merge_uses)
    app.connect("build-finished", _clean_static)
    setup_exporters(app)
