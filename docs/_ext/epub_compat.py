"""Keep the manual's ePub valid for EPUBCheck 5.

docutils marks each citation with the DPUB-ARIA role ``doc-biblioentry``, which
DPUB-ARIA 1.1 deprecated and EPUBCheck reports (RSC-017). In the ePub only, a
citation becomes a plain ``listitem`` of the surrounding ``role="list"``.
This swaps the ePub translator class (not ``add_node(epub=...)``, which would
replace other extensions' visitors).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class EpubTranslator(HTML5Translator):
    def visit_citation(self, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), nodes.citation):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=["citation"], role="listitem"))


def setup(app: Sphinx) -> dict[str, Any]:
    app.set_translator("epub", EpubTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
