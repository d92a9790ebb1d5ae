"""THE registry of item kinds: every ``:type:`` value and the kind that makes it.

Each kind is one module of this package with a ``KIND`` object (see
:class:`~fbss_quiz.kinds.base.Kind`). To add a kind, write its module and add its
name to ``KIND_MODULES``: the directive, the renderers and the exporters find it
here. The first module is the default: it reads a question without ``:type:``
(and reports an unknown one).
"""

from __future__ import annotations

import importlib

from fbss_quiz.kinds.base import Kind
from fbss_quiz.model import QuestionRecord

KIND_MODULES = (
    "choice",
    "matrix",
    "cloze",
    "highlight",
    "ordering",
    "bowtie",
    "dropdown_rationale",
    "dropdown_table",
    "select_n",
    "trend",
)


def _load(name: str) -> Kind:
    kind: Kind = importlib.import_module(f"{__name__}.{name}").KIND
    assert kind.name == name, f"kinds/{name}.py names its kind {kind.name!r}"
    return kind


#: Every kind, by its module name (``data-fbss-item``'s ``kind``).
BY_NAME: dict[str, Kind] = {name: _load(name) for name in KIND_MODULES}
#: Every ``:type:`` value, in the order of ``KIND_MODULES``, and its kind.
KINDS: dict[str, Kind] = {qtype: kind for kind in BY_NAME.values() for qtype in kind.types}
DEFAULT = BY_NAME[KIND_MODULES[0]]


def kind_for(declared: str | None) -> Kind:
    """The kind that parses a body with this ``:type:`` (the default one for none, or
    for a type it does not know, which it reports)."""
    return KINDS.get((declared or "").strip().lower(), DEFAULT)


def kind_of(record: QuestionRecord) -> Kind:
    return KINDS[record.qtype]


def answering_kind(record: QuestionRecord) -> Kind | None:
    """The kind whose rules the answers follow: the question's own, or for a kind that
    wraps another (a trend and its ``response``), the wrapped one; the item review reads
    what the answers are (lettered, rows with rationales) from it."""
    kind = KINDS.get(record.qtype)
    respond = getattr(kind, "response", None)
    if not callable(respond):
        return kind
    # A record written without its response (a tool's own reading of the source) has
    # no answers to judge by kind.
    wrapped = str(getattr(record, "response", ""))
    return respond(record)[0] if wrapped in KINDS else None
