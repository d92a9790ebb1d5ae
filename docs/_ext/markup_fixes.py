"""Small markup fixes for the manual's HTML and ePub (not part of fbss_quiz).

docutils marks each citation with the DPUB-ARIA role ``doc-biblioentry``, which
DPUB-ARIA 1.1 deprecated: EPUBCheck reports it (RSC-017) and axe flags it, and
the surrounding ``role="list"`` then has no list items. Here a citation is a
plain ``listitem`` of that list, on the web and in the ePub. This swaps the
translator class of those builders (not ``add_node(epub=...)``, which would
replace other extensions' visitors).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

BUILDERS = ("html", "dirhtml", "singlehtml", "epub")


class CitationListTranslator(HTML5Translator):
    def visit_citation(self, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), nodes.citation):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=["citation"], role="listitem"))


def setup(app: Sphinx) -> dict[str, Any]:
    for builder in BUILDERS:
        app.set_translator(builder, CitationListTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
