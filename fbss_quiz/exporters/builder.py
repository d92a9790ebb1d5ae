"""The ``quizbank`` builder: the book's questions as files for an LMS or Anki.

It writes no pages. For each document with questions it takes the read
doctree, replaces every question by plain containers holding its parts (so the
static rendering never rewrites them), resolves references as a page build
would, then renders each part with the HTML5 translator: the records hold
plain text only, and the exports need the markup as it reads on the page.
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx.builders import Builder
from sphinx.highlighting import PygmentsBridge
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.docutils import _get_settings, new_document
from sphinx.writers.html import HTMLWriter
from sphinx.writers.html5 import HTML5Translator

from fbss_quiz import nodes as qn
from fbss_quiz.collector import quiz_domain
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.exporters import anki, gift, json_export, qti
from fbss_quiz.exporters.bank import (
    BLANK,
    PHRASE,
    TOKEN_END,
    Bank,
    BankQuestion,
    export_timestamp,
)
from fbss_quiz.item_text import item_choice_name, item_key_lines
from fbss_quiz.model import QuestionRecord

logger = logging.getLogger(__name__)

#: Format name -> its module (``FILENAME``, ``unsupported()``, ``write()``, ``image_url()``).
EXPORTERS: dict[str, Any] = {
    "json": json_export,
    "gift": gift,
    "qti": qti,
    "anki": anki,
}

_PART = "fbss_export_part"
_QUESTION = "fbss_export_question"

Parts = dict[tuple[str, str], list[nodes.Node]]


class QuizBankBuilder(Builder):
    """``sphinx-build -b quizbank``: questions.json, .gift, -qti.zip and .apkg."""

    name = "quizbank"
    #: The parts are HTML; ``format`` selects the html visitors of other extensions.
    format = "html"
    epilog = __("The question bank is in %(outdir)s.")
    default_translator_class = HTML5Translator
    supported_image_types = ["image/svg+xml", "image/png", "image/gif", "image/jpeg", "image/webp"]
    allow_parallel = False

    def init(self) -> None:
        self.images: dict[str, str] = {}
        self.imgpath = ""
        self.dlpath = "_downloads"
        self.secnumbers: dict[str, Any] = {}
        self.fignumbers: dict[str, Any] = {}
        self.current_docname = ""
        self.highlighter = PygmentsBridge("html", self.config.pygments_style)
        self.docsettings: Any = _get_settings(HTMLWriter, defaults=self.env.settings)

    @property
    def math_renderer_name(self) -> str | None:
        # MathJax's \(...\) is what Moodle's filter, Canvas and Anki all read.
        renderers = list(self.env._registry.html_inline_math_renderers)
        if "mathjax" in renderers:
            return "mathjax"
        return renderers[0] if renderers else None

    # -- URIs ---------------------------------------------------------------

    def page_url(self, docname: str) -> str:
        suffix = self.config.html_file_suffix or ".html"
        path = quote(docname) + suffix
        base = self.config.html_baseurl
        return f"{base.rstrip('/')}/{path}" if base else path

    def get_outdated_docs(self) -> str:
        return __("the question bank")

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return self.page_url(docname)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        # Exports have no page of their own: links go to the site root (or
        # html_baseurl), whichever page they come from.
        return self.get_target_uri(to, typ)

    # -- writing ------------------------------------------------------------

    def write_documents(self, docnames: AbstractSet[str]) -> None:
        formats = [f for f in self.config.fbss_quiz_export_formats if f in EXPORTERS]
        if "anki" in formats and not anki.available():
            warn(
                Subtype.EXPORT_DEPENDENCY,
                "questions.apkg not written: the Anki export needs genanki; install it with "
                "pip install 'fbss-quiz[export]' (or pip install genanki)",
                None,
            )
            formats.remove("anki")
        records = list(quiz_domain(self.env).in_book_order())
        parts = self._collect_parts(records)
        self.outdir.mkdir(parents=True, exist_ok=True)
        for fmt in formats:
            exporter = EXPORTERS[fmt]
            bank = self._bank(records, parts, exporter.image_url(self.config.html_baseurl))
            kept = []
            for question in bank.questions:
                reason = exporter.unsupported(question)
                if reason is None:
                    kept.append(question)
                    continue
                record = question.record
                warn(
                    Subtype.EXPORT_UNSUPPORTED,
                    f"question {record.id!r} left out of {exporter.FILENAME}: {reason}",
                    (record.docname, record.lineno),
                )
            left_out = len(bank.questions) - len(kept)
            bank = replace(bank, questions=tuple(kept))
            logger.info(
                __("writing %s: %d questions, %d left out"), exporter.FILENAME, len(kept), left_out
            )
            exporter.write(bank, self.outdir / exporter.FILENAME)
            if fmt == "json":
                self._copy_images(bank)

    def finish(self) -> None:
        pass

    def _bank(self, records: list[QuestionRecord], parts: Parts, image_url: Any) -> Bank:
        questions = []
        for record in records:
            if (record.id, "found") not in parts:
                continue  # its doctree did not hold it (should not happen)
            render = self._renderer(record.docname, image_url)

            def html(kind: str, count: int, render: Any = render, qid: str = record.id) -> Any:
                return tuple(render(parts.get((qid, f"{kind}:{i}"), [])) for i in range(count))

            extra = self._extras.get(record.id, {})
            count = len(record.options)
            stem = parts.get((record.id, "stem"), [])
            questions.append(
                BankQuestion(
                    record=record,
                    url=self.page_url(record.docname)
                    + (f"#{record.section_anchor}" if record.section_anchor else ""),
                    stem_html=render(stem),
                    options_html=html("option", count),
                    rationales_html=html("rationale", count),
                    explanation_html=render(parts.get((record.id, "explanation"), [])),
                    stem_text="\n\n".join(child.astext() for child in stem).strip(),
                    group_labels_html=html("label", len(record.groups)),
                    row_rationales_html=html("row", len(record.groups)),
                    **extra,
                )
            )
        return Bank(
            project=self.config.project,
            version=self.config.version,
            language=self.config.language or "en",
            topics=dict(self.config.fbss_quiz_topics),
            questions=tuple(questions),
            timestamp=export_timestamp(),
            images={name: self.srcdir / uri for uri, name in sorted(self.images.items())},
        )

    def _renderer(
        self, docname: str, image_url: Callable[[str], str]
    ) -> Callable[[list[nodes.Node]], str]:
        def render(children: list[nodes.Node]) -> str:
            document = new_document(str(self.env.doc2path(docname)), self.docsettings)
            box = nodes.container()
            document += box
            for child in children:
                box += child.deepcopy()
            for image in box.findall(nodes.image):
                name = self.images.get(image["uri"])
                if name is not None:
                    image["uri"] = image_url(name)
            self.current_docname = docname
            translator = self.create_translator(document, self)
            assert isinstance(translator, HTML5Translator)
            for child in box.children:
                child.walkabout(translator)
            return "".join(translator.body).strip()

        return render

    def _collect_parts(self, records: Iterable[QuestionRecord]) -> Parts:
        """Resolved doctree parts of each question, keyed (id, part).

        Parts: ``stem``, ``explanation``, ``option:i`` and ``rationale:i`` (option i),
        ``label:g`` and ``row:g`` (group g's label and row rationale); ``found`` marks
        a question that was found. What the parts do not hold (the answer key's
        lines, an ordering item's display order, the case) goes to ``self._extras``.
        """
        wanted: dict[str, dict[int, str]] = {}
        for record in records:
            wanted.setdefault(record.docname, {})[record.position] = record.id
        parts: Parts = {}
        self._extras: dict[str, dict[str, Any]] = {}
        for docname in sorted(wanted):
            doctree = self.env.get_doctree(docname)
            for question in list(doctree.findall(qn.question)):
                qid = wanted[docname].get(int(question.get("position", 0)))
                if qid is None or qid != question["qid"]:
                    question.parent.remove(question)
                    continue
                self._extras[qid] = _extras(question)
                question.replace_self(_as_containers(question))
            self.env.apply_post_transforms(doctree, docname)
            page = self.page_url(docname)
            for box in doctree.findall(nodes.container):
                if _PART not in box:
                    continue
                for reference in box.findall(nodes.reference):
                    if "refid" in reference and "refuri" not in reference:
                        reference["refuri"] = f"{page}#{reference['refid']}"
                        del reference["refid"]
                self.post_process_images(box)
                parts[(box[_QUESTION], box[_PART])] = list(box.children)
            for qid in wanted[docname].values():
                if (qid, "stem") in parts:
                    parts[(qid, "found")] = []
        return parts

    def _copy_images(self, bank: Bank) -> None:
        if not bank.images:
            return
        target = self.outdir / "_images"
        target.mkdir(exist_ok=True)
        for name, source in bank.images.items():
            if source.is_file():
                shutil.copyfile(source, target / name)


def _extras(question: qn.question) -> dict[str, Any]:
    """What an export needs of an NGN item beyond its rendered parts."""
    extra: dict[str, Any] = {}
    case = qn.enclosing(question, qn.quiz)
    if case is not None and case.get("case"):
        title = next(iter(case.findall(nodes.rubric)), None)
        extra["case_id"] = case["ids"][0] if case["ids"] else ""
        extra["case_title"] = title.astext().strip() if title is not None else ""
    if not question.get("groups"):
        return extra
    extra["key_lines"] = tuple(item_key_lines(question))
    names: dict[int, str] = {}
    rows: dict[int, str] = {}
    for rationale in question.findall(qn.option_rationale):
        target = rows if rationale.get("row") else names
        target[int(rationale["index"])] = item_choice_name(question, rationale)
    count = len(list(question.findall(qn.question_option)))
    extra["choice_names"] = tuple(names.get(i, "") for i in range(count))
    extra["row_names"] = tuple(rows.get(g, "") for g in range(len(question["groups"])))
    extra["columns"] = tuple(question.get("columns", []))
    for box in question.findall(qn.question_group):
        if box.get("display"):
            extra["display"] = tuple(int(i) for i in box["display"])
    return extra


def _as_containers(question: qn.question) -> nodes.container:
    """The parts of a question as plain containers the post-transforms leave alone.

    In the stem, a drop-down and a selectable phrase become the tokens of
    :func:`~fbss_quiz.exporters.bank.fill`, which each format writes its own way.
    """
    qid = question["qid"]

    def part(name: str, children: Iterable[nodes.Node]) -> nodes.container:
        box = nodes.container()
        box[_QUESTION] = qid
        box[_PART] = name
        box.extend(child.deepcopy() for child in children)
        return box

    out = nodes.container()
    for stem in question.findall(qn.question_stem):
        stem = stem.deepcopy()
        for blank in list(stem.findall(qn.cloze_blank)):
            blank.replace_self(nodes.Text(f"{BLANK}{int(blank['group'])}{TOKEN_END}"))
        for phrase in list(stem.findall(qn.question_option)):
            phrase.replace_self(nodes.Text(f"{PHRASE}{int(phrase['index'])}{TOKEN_END}"))
        out += part("stem", stem.children)
    for option in question.findall(qn.question_option):
        out += part(f"option:{int(option['index'])}", option.children)
    for label in question.findall(qn.group_label):
        out += part(f"label:{int(label.parent['group'])}", label.children)
    for rationale in question.findall(qn.option_rationale):
        kind = "row" if rationale.get("row") else "rationale"
        out += part(f"{kind}:{int(rationale['index'])}", rationale.children)
    for explanation in question.findall(qn.question_explanation):
        out += part("explanation", explanation.children)
    return out


def image_path(base: str, name: str) -> str:
    return posixpath.join(base, quote(name)) if base else quote(name)


def exported_files(formats: Iterable[str]) -> list[Path]:
    return [Path(EXPORTERS[f].FILENAME) for f in formats if f in EXPORTERS]
