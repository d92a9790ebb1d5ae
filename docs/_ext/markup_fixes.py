"""Small markup fixes for the manual's HTML and ePub (not part of fbss_quiz).

docutils marks each citation with the DPUB-ARIA role ``doc-biblioentry``, which
DPUB-ARIA 1.1 deprecated: EPUBCheck reports it (RSC-017) and axe flags it, and
the surrounding ``role="list"`` then has no list items. Here a citation is a
plain ``listitem`` of that list, on the web and in the ePub. This swaps the
translator class of those builders (not ``add_node(epub=...)``, which would
replace other extensions' visitors).

sphinx-design 0.8 writes ``aria-controls`` on each tab's ``<label>``, and the Nu HTML
Checker reports it as an error ("must not be used on any label element that is
associated with a labelable element") on the case studies' chart tabs. The label's
``for`` already ties it to the radio input that shows the panel; the attribute is dropped.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator
from sphinx_design.tabs import sd_tab_label

BUILDERS = ("html", "dirhtml", "singlehtml", "epub")


class CitationListTranslator(HTML5Translator):
    def visit_citation(self, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), nodes.citation):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=["citation"], role="listitem"))


class TabLabelsWithoutAriaControls(SphinxPostTransform):
    default_priority = 201  # after sphinx-design's TabSetHtmlTransform (200)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for label in self.document.findall(sd_tab_label):
            label.attributes.pop("aria_controls", None)


class OneIdPerTable(SphinxPostTransform):
    """furo wraps every table in a ``table-wrapper`` container and copies the table's
    attributes onto it, ids included: a named table (``:name:``) then has its id twice
    on the page, which the Nu HTML Checker rejects. The id stays on the table."""

    default_priority = 501  # after furo's WrapTableAndMathInAContainerTransform (500)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" in wrapper["classes"] and wrapper.children:
                table = wrapper.children[0]
                if isinstance(table, nodes.table):
                    wrapper["ids"] = [i for i in wrapper["ids"] if i not in table["ids"]]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(TabLabelsWithoutAriaControls)
    app.add_post_transform(OneIdPerTable)
    for builder in BUILDERS:
        app.set_translator(builder, CitationListTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
