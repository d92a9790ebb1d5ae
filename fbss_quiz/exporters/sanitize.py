"""What no export may carry: control characters and links that run code.

An LMS shows an imported question to every student of the course, and one bad
byte can make it refuse the whole file: a control character is not allowed in
XML (Canvas rejects the QTI package), U+001F is the field separator of an Anki
note (Anki refuses the deck). The builder replaces such characters and drops
links whose scheme is not ``http``, ``https`` or ``mailto`` (``javascript:``,
``data:``, ``vbscript:``, ``file:`` ...), each with a located warning.
"""

from __future__ import annotations

import dataclasses
import html
import re
from enum import Enum
from html.parser import HTMLParser
from typing import Any, TypeVar

#: C0 controls but tab, line feed and carriage return, and the two non-characters
#: XML forbids.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The schemes a link in an export may have; a link without a scheme is a page of the book.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
#: Attributes of raw HTML that browsers follow or load.
URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "action", "formaction", "poster"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")

T = TypeVar("T")


def control_names(text: str) -> list[str]:
    """The control characters in ``text``, as ``U+001F``, each once, in order."""
    found = dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL_CHARACTERS.findall(text))
    return list(found)


def without_controls(text: str) -> str:
    """``text`` with every control character replaced by a space (words stay apart)."""
    return CONTROL_CHARACTERS.sub(" ", text)


def scrub(value: T) -> tuple[T, list[str]]:
    """``value`` (text, a tuple, a dict or a dataclass of them) without control characters.

    Returns the cleaned value and the characters found. Enum members (the
    question type) are left alone: they are not text an author wrote.
    """
    found: dict[str, None] = {}

    def clean(item: Any) -> Any:
        if isinstance(item, Enum):
            return item
        if isinstance(item, str):
            names = control_names(item)
            if not names:
                return item
            found.update(dict.fromkeys(names))
            return without_controls(item)
        if isinstance(item, tuple):
            return tuple(clean(part) for part in item)
        if isinstance(item, list):
            return [clean(part) for part in item]
        if isinstance(item, dict):
            return {clean(key): clean(part) for key, part in item.items()}
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            changes = {}
            for field in dataclasses.fields(item):
                before = getattr(item, field.name)
                after = clean(before)
                if after is not before:
                    changes[field.name] = after
            return dataclasses.replace(item, **changes) if changes else item
        return item

    return clean(value), list(found)


def link_scheme(url: str) -> str:
    """The scheme of ``url`` as a browser reads it (``JaVa\\tScript:`` is ``javascript``)."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", url).lower())
    return match.group(1) if match else ""


def is_safe_link(url: str) -> bool:
    scheme = link_scheme(url)
    return not scheme or scheme in SAFE_SCHEMES


class _UnsafeUrls(HTMLParser):
    """Finds the start tags of raw HTML with an unsafe URL, and each tag without it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.unsafe: list[str] = []
        #: (the tag as written, the tag without its unsafe attributes)
        self.rewrites: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = []
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None and not is_safe_link(value):
                self.unsafe.append(value)
            else:
                kept.append((name, value))
        if len(kept) < len(attrs):
            written = self.get_starttag_text() or ""
            rebuilt = "".join(
                f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                for name, value in kept
            )
            closing = "/>" if written.endswith("/>") else ">"
            self.rewrites.append((written, f"<{tag}{rebuilt}{closing}"))

    handle_startendtag = handle_starttag


def without_unsafe_urls(markup: str) -> tuple[str, list[str]]:
    """Raw HTML ``markup`` without the attributes that carry an unsafe URL, and the URLs."""
    parser = _UnsafeUrls()
    parser.feed(markup)
    parser.close()
    out, rest = [], markup
    for written, rebuilt in parser.rewrites:
        before, found, rest = rest.partition(written)
        out.append(before + (rebuilt if found else ""))
    out.append(rest)
    return "".join(out), parser.unsafe
