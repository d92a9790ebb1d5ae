"""Which builder is running, and which builders get the interactive quiz."""

from __future__ import annotations

from typing import Any

#: Builders that get the interactive quiz. ``format == "html"`` would also match
#: ePub, which ships no JavaScript.
WEB_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def builder_name(env: Any) -> str:
    """The current builder's name, from a transform (``self.app`` is deprecated there)."""
    builder_cls = getattr(env, "_builder_cls", None)
    return str(builder_cls.name if builder_cls is not None else env.app.builder.name)
