"""The one way the extension writes HTML: every start tag through the translator's
``starttag`` (which escapes attribute values), every text through its ``encode``,
every end tag by name. Nothing else appends to a translator's body.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from fbss_quiz import nodes as qn
from fbss_quiz.i18n import ui_text
from fbss_quiz.model import QuestionRecord

#: The element that stands in for a node in tags of no node: without attributes, so
#: ``starttag`` reads no ids or classes from it (and extends no list of its), and one
#: for all, since making an element for every tag was a tenth of a quiz page's writing.
_BARE = nodes.Element()
_BARE.attributes = {}


#: Start tags of no node already written, per builder (see ``HtmlOut._bare_tag``).
_TAGS: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], str]] = weakref.WeakKeyDictionary()
#: How many are kept: tags with a question's own values would grow it with the book.
_TAGS_KEPT = 4096


#: Fragments of markup already written, per builder (see ``HtmlOut.fragment``).
_FRAGMENTS: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], str]] = weakref.WeakKeyDictionary()


def _cache(
    caches: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], str]], translator: Any
) -> dict[tuple[Any, ...], str]:
    """The translator's builder's cache in ``caches``."""
    cache = caches.get(translator.builder)
    if cache is None:
        cache = caches[translator.builder] = {}
    return cache


def _frozen(attrs: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """``attrs`` as a key: lists (ids, classes) as tuples."""
    return tuple(
        (name, tuple(value) if isinstance(value, list) else value) for name, value in attrs.items()
    )


class HtmlOut:
    """Writes tags and text into an HTML translator's body."""

    def __init__(self, translator: HTML5Translator) -> None:
        self.translator = translator

    def tag(self, tagname: str, suffix: str = "", **attrs: Any) -> None:
        """A start tag. (A bare element stands in for the node: ``starttag`` would add,
        and even extend, a real node's ids.)"""
        self.translator.body.append(self._bare_tag(tagname, suffix, False, attrs))

    def node_tag(self, node: nodes.Element, tagname: str, suffix: str = "\n", **attrs: Any) -> None:
        """The start tag of ``node``'s element: with its ids and classes."""
        if not node["ids"] and not node["classes"] and not isinstance(node, nodes.table):
            # Nothing of the node's goes into the tag (``starttag`` reads only these,
            # and drops some classes of a table): the tag of no node, which is cached.
            self.translator.body.append(self._bare_tag(tagname, suffix, False, attrs))
            return
        self.translator.body.append(self.translator.starttag(node, tagname, suffix, **attrs))

    def empty(self, tagname: str, **attrs: Any) -> None:
        """A tag without content (``<input ... />``)."""
        self.translator.body.append(self._bare_tag(tagname, "", True, attrs))

    def _bare_tag(self, tagname: str, suffix: str, empty: bool, attrs: dict[str, Any]) -> str:
        """``starttag`` of no node, remembered per translator class: most tags of a
        question (its buttons, its letters, its verdicts) are the same in every
        question. A link's own state (``in_mailto``) changes what ``starttag`` writes:
        none is remembered there, nor a tag with an id or a ``for`` (one question's own,
        which would only push the shared ones out)."""
        translator: Any = self.translator
        if translator.in_mailto or "ids" in attrs or "for" in attrs:
            return str(translator.starttag(_BARE, tagname, suffix, empty, **attrs))
        cache = _cache(_TAGS, translator)
        try:
            key: tuple[Any, ...] = (type(translator), tagname, suffix, empty, *attrs.items())
            found = cache.get(key)
        except TypeError:  # a list (classes): as a tuple
            key = (type(translator), tagname, suffix, empty, *_frozen(attrs))
            try:
                found = cache.get(key)
            except TypeError:  # a value that cannot be a key
                return str(translator.starttag(_BARE, tagname, suffix, empty, **attrs))
        if found is None:
            found = str(translator.starttag(_BARE, tagname, suffix, empty, **attrs))
            # Full: the tags that every question shares came first and stay; a tag with a
            # question's own value (an aria-labelledby) is written each time.
            if len(cache) < _TAGS_KEPT:
                cache[key] = found
        return found

    def fragment(self, key: tuple[Any, ...], write: Callable[[], None]) -> None:
        """What ``write`` writes, remembered per builder and translator class under
        ``key``, which must name everything it depends on: for markup that many
        questions share (an option's letter, a verdict line, the buttons), written once
        and then copied. Nothing of a node goes in one (no ids, no text of the page)."""
        translator: Any = self.translator
        if translator.in_mailto:  # see ``_bare_tag``
            write()
            return
        cache = _cache(_FRAGMENTS, translator)
        full = (type(translator), *key)
        found = cache.get(full)
        if found is None:
            body = translator.body
            start = len(body)
            write()
            found = "".join(body[start:])
            del body[start:]
            if len(cache) < _TAGS_KEPT:
                cache[full] = found
        translator.body.append(found)

    def retag(self, node: nodes.Element, tagname: str, **attrs: Any) -> None:
        """Write again the start tag that the translator's own visitor has just written
        for ``node`` (its last output), with ``attrs`` added."""
        self.translator.body[-1] = self.translator.starttag(node, tagname, "", **attrs)

    def close(self, tagname: str, suffix: str = "") -> None:
        self.translator.body.append(f"</{tagname}>{suffix}")

    def text(self, text: str) -> None:
        self.translator.body.append(self.translator.encode(text))

    def element(self, tagname: str, text: str, suffix: str = "", **attrs: Any) -> None:
        """A whole element holding ``text``."""
        self.tag(tagname, "", **attrs)
        self.text(text)
        self.close(tagname, suffix)


def ui(translator: HTML5Translator) -> dict[str, str]:
    """The interface strings, looked up once per build rather than once per node
    (the language cannot change during a build)."""
    builder: Any = translator.builder
    cached = getattr(builder, "_fbss_quiz_ui_text", None)
    if cached is None:
        cached = builder._fbss_quiz_ui_text = ui_text()
    return cached


@dataclass(frozen=True)
class QuestionHtml:
    """What a kind's HTML needs while one node of a question is written."""

    out: HtmlOut
    question: qn.question
    record: QuestionRecord
    #: The question element's id, which every id inside it starts with.
    base: str
    text: Mapping[str, str]
    config: Any

    @classmethod
    def of(cls, translator: HTML5Translator, node: nodes.Element) -> QuestionHtml:
        """The context of ``node``: a question or a node inside one."""
        question = node if isinstance(node, qn.question) else qn.enclosing(node, qn.question)
        assert question is not None
        # Every node of a question asks: made once per question (and translator).
        last: QuestionHtml | None = getattr(translator, "_fbss_quiz_question_html", None)
        if last is not None and last.question is question:
            return last
        made = cls(
            HtmlOut(translator),
            question,
            qn.record_of(question),
            str(question["ids"][0]),
            ui(translator),
            translator.builder.config,
        )
        translator._fbss_quiz_question_html = made  # type: ignore[attr-defined]
        return made
