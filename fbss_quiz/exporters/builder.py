"""The ``quizbank`` builder: the book's questions as files for an LMS or Anki.

It writes no pages. For each document with questions it takes the read
doctree, replaces every question by plain containers holding its parts (so the
static rendering never rewrites them), resolves references as a page build
would, then renders each part with the HTML5 translator: the records hold
plain text only, and the exports need the markup as it reads on the page.

On the way, links to the book become absolute with ``html_baseurl`` (an LMS
or Anki has no site around the question), and what no export may carry is
taken out with a located warning: links that run code, pictures from outside
the source folder, control characters (``sanitize``). Each question also gets
the time its source last changed (``source_times``), for the Anki notes.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from docutils import nodes
from docutils.frontend import get_default_settings
from sphinx.builders import Builder
from sphinx.highlighting import PygmentsBridge
from sphinx.locale import __, get_translator
from sphinx.util import logging
from sphinx.util.docutils import new_document
from sphinx.writers.html import HTMLWriter
from sphinx.writers.html5 import HTML5Translator

from fbss_quiz import nodes as qn
from fbss_quiz.collector import quiz_domain
from fbss_quiz.config import conf_location
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.exporters import EXPORTERS, Exporter
from fbss_quiz.exporters.bank import (
    BLANK,
    PHRASE,
    TOKEN_END,
    Bank,
    BankQuestion,
    export_timestamp,
)
from fbss_quiz.exporters.sanitize import is_safe_link, link_scheme, scrub, without_unsafe_urls
from fbss_quiz.exporters.source_times import DEFAULT_EPOCH, SourceTimes
from fbss_quiz.i18n import CATALOG
from fbss_quiz.item_warnings import book_blueprint
from fbss_quiz.kinds import KINDS
from fbss_quiz.model import (
    EXPLANATION,
    STEM,
    QuestionRecord,
    label_part,
    option_part,
    rationale_part,
    row_part,
)

logger = logging.getLogger(__name__)


def ngettext(singular: str, plural: str, count: int) -> str:
    """A log line in the plural form ``count`` takes (Sphinx 9's ``get_translation`` has none)."""
    return get_translator(CATALOG, "console").ngettext(singular, plural, count)


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
    #: What the HTML translator asks of its builder: no "¶" links in an export (an
    #: LMS shows them as text), and a {download} link goes to the site's copy.
    add_permalinks = False
    download_support = True
    #: MathJax's \(...\) and \[...\] are what Moodle's filter, Canvas and Anki read,
    #: whichever renderer the site uses (sphinx.ext.mathjax is always registered).
    math_renderer_name = "mathjax"

    def init(self) -> None:
        self.images: dict[str, str] = {}
        self.imgpath = ""
        self.dlpath = self.site_url("_downloads")
        self.secnumbers: dict[str, Any] = {}
        self.fignumbers: dict[str, Any] = {}
        self.current_docname = ""
        self.highlighter = PygmentsBridge("html", self.config.pygments_style)
        self.docsettings: Any = get_default_settings(HTMLWriter)
        for name, value in self.env.settings.items():
            setattr(self.docsettings, name, value)
        self.docsettings.compact_lists = bool(self.config.html_compact_lists)

    # -- URIs ---------------------------------------------------------------

    def site_url(self, path: str) -> str:
        """``path`` on the published site: absolute with ``html_baseurl``, else as is."""
        base = self.config.html_baseurl
        return f"{base.rstrip('/')}/{path}" if base else path

    def page_url(self, docname: str) -> str:
        suffix = self.config.html_file_suffix or ".html"
        return self.site_url(quote(docname) + suffix)

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
        formats = self._formats()
        records = list(quiz_domain(self.env).in_book_order())
        if formats and records and not self.config.html_baseurl:
            warn(
                Subtype.EXPORT_BASEURL,
                "html_baseurl is not set, so the exports link to the book's pages by relative "
                "addresses, which lead nowhere from an LMS or Anki: set html_baseurl to the "
                "address the book is published at (on Read the Docs: html_baseurl = "
                "os.environ.get('READTHEDOCS_CANONICAL_URL', '') in conf.py)",
                _conf_line(self.confdir, "html_baseurl"),
            )
        self._warned: set[str] = set()
        parts = self._collect_parts(records)
        self.outdir.mkdir(parents=True, exist_ok=True)
        for exporter in formats:
            bank = self._bank(records, parts, exporter.image_url(self.config.html_baseurl))
            self._write(exporter, bank)

    def _formats(self) -> list[Exporter]:
        """The formats to write: those asked for that can be written (a warning each
        for one that cannot)."""
        formats = []
        for name in self.config.fbss_quiz_export_formats:
            exporter = EXPORTERS.get(name)
            missing = exporter.available() if exporter is not None else None
            if exporter is not None and missing is None:
                formats.append(exporter)
            elif missing is not None:
                warn(Subtype.EXPORT_DEPENDENCY, missing, None)
        return formats

    def _write(self, exporter: Exporter, bank: Bank) -> None:
        """The bank in one format, without the questions it cannot hold (a warning each)."""
        kept = []
        for question in bank.questions:
            reason = exporter.unsupported(question)
            if reason is None:
                kept.append(question)
                continue
            record = question.record
            warn(
                Subtype.EXPORT_UNSUPPORTED,
                f"question {record.id!r} left out of {exporter.filename}: {reason}",
                (record.docname, record.lineno),
            )
        left_out = len(bank.questions) - len(kept)
        bank = replace(bank, questions=tuple(kept))
        logger.info(
            ngettext(
                "writing %s: %d question, %d left out",
                "writing %s: %d questions, %d left out",
                len(kept),
            ),
            exporter.filename,
            len(kept),
            left_out,
        )
        exporter.write(bank, self.outdir / exporter.filename)
        if exporter.images_beside:
            self._copy_images(bank)

    def finish(self) -> None:
        pass

    def _warn_once(self, key: str, subtype: Subtype, message: str, location: Any) -> None:
        """A warning about the bank, once for every format that is written."""
        if key not in self._warned:
            self._warned.add(key)
            warn(subtype, message, location)

    def _blueprint(self) -> dict[str, Any]:
        """The book's blueprint, as its pages show it (worked out now if no page does and
        the item-review warnings are off, which leave it undone after reading)."""
        found: dict[str, Any] = quiz_domain(self.env).data.get("blueprint") or {}
        return dict(found or book_blueprint(self.config, self.env))

    def _bank(self, records: list[QuestionRecord], parts: Parts, image_url: Any) -> Bank:
        questions = []
        for record in records:
            if (record.id, "found") not in parts:
                continue  # its doctree did not hold it (should not happen)
            question, found = scrub(self._bank_question(record, parts, image_url))
            if found:
                self._warn_once(
                    f"control:{record.id}",
                    Subtype.EXPORT_CONTROL_CHARACTER,
                    f"question {record.id!r} contains the control character(s) "
                    f"{', '.join(found)}, which an LMS or Anki refuses (Canvas rejects the "
                    "whole QTI package, Anki the whole deck); each is a space in the exports: "
                    "delete it from the source",
                    (record.docname, record.lineno),
                )
            questions.append(question)
        bank, found = scrub(
            Bank(
                project=self.config.project,
                version=self.config.version,
                language=self.config.language or "en",
                topics=dict(self.config.fbss_quiz_topics),
                questions=tuple(questions),
                timestamp=export_timestamp(),
                images={name: self.srcdir / uri for uri, name in sorted(self.images.items())},
                blueprint=self._blueprint(),
            )
        )
        if found:
            self._warn_once(
                "control:conf",
                Subtype.EXPORT_CONTROL_CHARACTER,
                f"project, version or fbss_quiz_topics contains the control character(s) "
                f"{', '.join(found)}; each is a space in the exports: delete it from conf.py",
                _conf_line(self.confdir, "project"),
            )
        return bank

    def _bank_question(
        self, record: QuestionRecord, parts: Parts, image_url: Callable[[str], str]
    ) -> BankQuestion:
        render = self._renderer(record.docname, image_url)

        def html(part: Callable[[int], str], count: int) -> tuple[str, ...]:
            return tuple(render(parts.get((record.id, part(i)), [])) for i in range(count))

        stem = parts.get((record.id, STEM), [])
        options, groups = len(record.options), len(record.groups)
        return BankQuestion(
            record=record,
            url=self.page_url(record.docname)
            + (f"#{record.section_anchor}" if record.section_anchor else ""),
            stem_html=render(stem),
            options_html=html(option_part, options),
            rationales_html=html(rationale_part, options),
            explanation_html=render(parts.get((record.id, EXPLANATION), [])),
            stem_text="\n\n".join(child.astext() for child in stem).strip(),
            group_labels_html=html(label_part, groups),
            row_rationales_html=html(row_part, groups),
            modified=self._modified.get(record.id, DEFAULT_EPOCH),
            **_answer_words(record),
        )

    def _renderer(
        self, docname: str, image_url: Callable[[str], str]
    ) -> Callable[[list[nodes.Node]], str]:
        def render(children: list[nodes.Node]) -> str:
            document = new_document(str(self.env.doc2path(docname)), self.docsettings)
            # An option or a label is a run of text, not blocks: the translator
            # wants its links inside a text element.
            inline = all(isinstance(child, (nodes.Text, nodes.Inline)) for child in children)
            box: nodes.Element = nodes.inline() if inline else nodes.container()
            document += box
            for child in children:
                box += child.deepcopy()
            for image in box.findall(nodes.image):
                name = self.images.get(image["uri"])
                if name is not None:
                    image["uri"] = image_url(name)
            self.current_docname = docname
            # Figure and section numbers as the page shows them (numfig, :numbered:).
            self.fignumbers = self.env.toc_fignumbers.get(docname, {})
            self.secnumbers = self.env.toc_secnumbers.get(docname, {})
            translator = self.create_translator(document, self)
            assert isinstance(translator, HTML5Translator)
            if inline:
                box.walkabout(translator)
                markup = "".join(translator.body).strip()
                return markup.removeprefix("<span>").removesuffix("</span>")
            for child in box.children:
                child.walkabout(translator)
            return "".join(translator.body).strip()

        return render

    def _collect_parts(self, records: Iterable[QuestionRecord]) -> Parts:
        """Resolved doctree parts of each question, keyed (id, part).

        Parts: ``stem``, ``explanation``, ``option:i`` and ``rationale:i`` (option i),
        ``label:g`` and ``row:g`` (group g's label and row rationale); ``found`` marks
        a question that was found. When each question's source last changed goes to
        ``self._modified``.
        """
        wanted: dict[str, dict[int, QuestionRecord]] = {}
        for record in records:
            wanted.setdefault(record.docname, {})[record.position] = record
        parts: Parts = {}
        self._modified: dict[str, int] = {}
        times = SourceTimes()
        for docname in sorted(wanted):
            self._document_parts(docname, wanted[docname], times, parts)
            for record in wanted[docname].values():
                if (record.id, STEM) in parts:
                    parts[(record.id, "found")] = []
        return parts

    def _document_parts(
        self, docname: str, wanted: dict[int, QuestionRecord], times: SourceTimes, parts: Parts
    ) -> None:
        """The parts of the questions of ``docname`` that the bank holds, into ``parts``."""
        doctree = self.env.get_doctree(docname)
        page = self.page_url(docname)
        questions = self._own_questions(doctree, docname, wanted, times)
        for question in questions:
            box = _as_containers(question)
            _absolute_links(box, page)
            question.replace_self(box)
        self.env.apply_post_transforms(doctree, docname)
        by_id = {record.id: record for record in wanted.values()}
        for box in doctree.findall(nodes.container):
            if _PART not in box:
                continue
            record = by_id[box[_QUESTION]]
            for reference in box.findall(nodes.reference):
                if "refid" in reference and "refuri" not in reference:
                    reference["refuri"] = f"{page}#{reference['refid']}"
                    del reference["refid"]
            _link_footnotes(box, page)
            self._drop_unsafe_links(box, record)
            self._drop_outside_images(box, record)
            self.post_process_images(box)
            parts[(box[_QUESTION], box[_PART])] = list(box.children)

    def _own_questions(
        self,
        doctree: nodes.document,
        docname: str,
        wanted: dict[int, QuestionRecord],
        times: SourceTimes,
    ) -> list[qn.question]:
        """The questions of the bank in ``doctree``, the others taken out; and when each
        one's source last changed (before any is replaced, so each sees its quiz whole)."""
        boundaries = _boundaries(doctree)
        own, others = [], []
        for question in list(doctree.findall(qn.question)):
            found = qn.record_of(question)
            owner = wanted.get(found.position)
            if owner is None or owner.id != found.id:
                others.append(question)
                continue
            own.append(question)
            source = Path(question.source or self.env.doc2path(docname))
            lines = _source_lines(question, boundaries.get(str(source), []), times, source)
            self._modified[owner.id] = times.latest(source, lines)
        for question in others:
            question.parent.remove(question)
        return own

    def _drop_unsafe_links(self, box: nodes.Element, record: QuestionRecord) -> None:
        """A link that runs code or opens a local file becomes its text."""
        for node in list(box.findall(nodes.Element)):
            url = node.get("refuri")
            if url is None or is_safe_link(url):
                continue
            if isinstance(node, nodes.target):
                del node["refuri"]  # a target shows no link; its reference is warned about
                continue
            self._warn_link(record, node, url)
            node.replace_self(nodes.inline("", "", *node.children))
        for raw in list(box.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split():
                continue
            markup, unsafe = without_unsafe_urls(raw.astext())
            for url in unsafe:
                self._warn_link(record, raw, url)
            if unsafe:
                raw.replace_self(nodes.raw("", markup, format=raw["format"]))

    def _warn_link(self, record: QuestionRecord, node: nodes.Element, url: str) -> None:
        scheme = link_scheme(url)
        warn(
            Subtype.EXPORT_LINK,
            f"a {scheme}: link in question {record.id!r} is left out of the exports, whose "
            "links an LMS shows to every student: link to an http(s) or mailto address, or "
            "to a page of the book",
            _location(node, record),
        )

    def _drop_outside_images(self, box: nodes.Element, record: QuestionRecord) -> None:
        """An image from outside the source folder is not the book's to ship."""
        root = self.srcdir.resolve()
        for image in list(box.findall(nodes.image)):
            uri = image["uri"]
            if "://" in uri or uri.startswith("data:"):
                continue
            path = (self.srcdir / uri).resolve()
            if path.is_relative_to(root):
                continue
            warn(
                Subtype.EXPORT_IMAGE,
                f"image {uri!r} in question {record.id!r} is outside the source folder, so it "
                "is left out of the exports: move it into the source folder (next to conf.py "
                "or below)",
                _location(image, record),
            )
            alt = image.get("alt", "")
            image.replace_self(nodes.inline("", f"[{alt}]") if alt else nodes.inline())

    def _copy_images(self, bank: Bank) -> None:
        if not bank.images:
            return
        target = self.outdir / "_images"
        target.mkdir(exist_ok=True)
        for name, source in bank.images.items():
            if source.is_file():
                shutil.copyfile(source, target / name)


def _conf_line(confdir: Path, name: str) -> str:
    """``conf.py:LINE`` of ``name``'s assignment, or the file's first line without one
    (Sphinx takes a location without a line for a document name)."""
    location = conf_location(confdir, name)
    return location if re.search(r":\d+$", location) else f"{location}:1"


def _boundaries(doctree: nodes.document) -> dict[str, list[int]]:
    """Per source file, the lines where a question, a quiz or a section begins."""
    found: dict[str, set[int]] = {}
    for node in doctree.findall(lambda n: isinstance(n, (qn.question, qn.quiz, nodes.section))):
        assert isinstance(node, nodes.Element)
        if node.source and node.line:
            # A section's line is its heading's (reST: the underline, the title above it).
            line = node.line - 1 if isinstance(node, nodes.section) else node.line
            found.setdefault(node.source, set()).add(line)
    return {source: sorted(lines) for source, lines in found.items()}


def _source_lines(
    question: qn.question, boundaries: list[int], times: SourceTimes, source: Path
) -> list[int]:
    """The lines of ``source`` a question's export is made from.

    Its own lines (up to the next question, quiz or section), the options and
    title of the quiz or case that holds it (topics, the case's title), and the
    heading and label of its section (the "Review:" link).
    """
    start = question.line or 0
    if not start:
        return list(range(1, times.line_count(source) + 1))
    end = next((line for line in boundaries if line > start), times.line_count(source) + 1)
    lines = set(range(start, end))
    quiz = qn.enclosing(question, qn.quiz)
    if quiz is not None and quiz.line and quiz.source == question.source:
        first = min((q.line for q in quiz.findall(qn.question) if q.line), default=start)
        lines.update(range(quiz.line, first))
    section = qn.enclosing(question, nodes.section)
    if section is not None and section.line and section.source == question.source:
        lines.update(range(max(section.line - 2, 1), section.line + 1))
    return sorted(lines)


def _absolute_links(box: nodes.Element, page: str) -> None:
    """Links the author wrote relative to the page, made relative to the site root
    (or absolute with ``html_baseurl``), like the builder's own."""
    for reference in box.findall(nodes.reference):
        url = reference.get("refuri")
        if url is None or link_scheme(url):
            continue
        parts = urlsplit(url)
        if not parts.netloc:
            reference["refuri"] = urljoin(page, url)


def _link_footnotes(box: nodes.Element, page: str) -> None:
    """A footnote or citation marker links to the note on the book's page."""
    markers = list(box.findall(nodes.footnote_reference)) + list(
        box.findall(nodes.citation_reference)
    )
    for marker in markers:
        refid = marker.get("refid")
        if not refid:
            continue
        marker.replace_self(
            nodes.reference(
                "",
                "",
                nodes.Text(f"[{marker.astext()}]"),
                refuri=f"{page}#{refid}",
                classes=["footnote-reference"],
            )
        )


def _location(node: nodes.Node, record: QuestionRecord) -> Any:
    """The line of ``node`` (or of the block that holds it), else the question's."""
    current: nodes.Node | None = node
    while current is not None and not isinstance(current, nodes.document):
        if current.line and current.source:
            return current
        current = current.parent
    return (record.docname, record.lineno)


def _answer_words(record: QuestionRecord) -> dict[str, Any]:
    """The words the question's kind gives its parts and answer (none for a type no
    kind makes, which every format leaves out)."""
    kind = KINDS.get(record.qtype)
    if kind is None:
        return {}
    headings = [kind.rationale_heading(record, i, False) for i in range(len(record.options))]
    rows = [kind.rationale_heading(record, g, True) for g in range(len(record.groups))]
    return {
        "group_names": tuple(kind.group_name(record, g) for g in range(len(record.groups))),
        "key_lines": tuple(kind.answer_key(record)[1]),
        "choice_names": tuple(headings),
        "row_names": tuple(rows),
    }


def _as_containers(question: qn.question) -> nodes.container:
    """The parts of a question as plain containers the post-transforms leave alone.

    In the stem, a drop-down and a selectable phrase become the tokens of
    :func:`~fbss_quiz.exporters.bank.fill`, which each format writes its own way.
    """
    qid = qn.record_of(question).id
    out = nodes.container()
    for key, part in qn.question_parts(question):
        part = part.deepcopy()
        if key == STEM:
            for blank in list(part.findall(qn.cloze_blank)):
                blank.replace_self(nodes.Text(f"{BLANK}{int(blank['group'])}{TOKEN_END}"))
            for phrase in list(part.findall(qn.question_option)):
                phrase.replace_self(nodes.Text(f"{PHRASE}{int(phrase['index'])}{TOKEN_END}"))
        box = nodes.container()
        box[_QUESTION] = qid
        box[_PART] = key
        box.extend(part.children)
        out += box
    return out


def image_path(base: str, name: str) -> str:
    return posixpath.join(base, quote(name)) if base else quote(name)


def exported_files(formats: Iterable[str]) -> list[Path]:
    return [Path(EXPORTERS[f].filename) for f in formats if f in EXPORTERS]
