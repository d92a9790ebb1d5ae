"""Markup that many questions share is written once per build and copied after
(``HtmlOut.fragment``, ``HtmlOut._bare_tag``, and ``HtmlOut.node_tag`` for a node with
no id or class): the page is what writing it each time gives, and a build in another
language gets its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from fbss_quiz import html_out
from fbss_quiz.html_out import HtmlOut

from conftest import Built

#: Questions whose options, verdicts and buttons repeat: the same letter right in one
#: and wrong in the other, a select-all question, an option label with a link.
PAGE = """# Page

(target)=
## Target

::::{quiz} Shared markup
:::{question}
:id: one
First?

- [x] Yes
  Right.
- [ ] No
  Wrong.
:::

:::{question}
:id: two
Second?

- [ ] Yes, see [the target](#target)
  Wrong here.
- [x] No
  Right here.
:::

:::{question}
:id: three
Select all.

- [x] One
  Right.
- [x] Two
  Right too.
- [ ] Three
  Wrong.
:::
::::
"""


def test_shared_markup_is_written_as_without_the_cache(
    build: Callable[..., Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = build({"index.md": PAGE})
    assert cached.page().count('class="fbss-verdict"') == 7

    def each_time(self: HtmlOut, key: tuple[Any, ...], write: Callable[[], None]) -> None:
        write()

    def node_tag(self: HtmlOut, node: Any, tagname: str, suffix: str = "\n", **attrs: Any) -> None:
        self.translator.body.append(self.translator.starttag(node, tagname, suffix, **attrs))

    monkeypatch.setattr(HtmlOut, "fragment", each_time)
    monkeypatch.setattr(HtmlOut, "node_tag", node_tag)
    monkeypatch.setattr(html_out, "_TAGS_KEPT", 0)  # no tag is remembered
    written = build({"index.md": PAGE})
    assert cached.page() == written.page()


def test_each_build_writes_its_own_language(build: Callable[..., Built]) -> None:
    english = build({"index.md": PAGE}).page()
    spanish = build({"index.md": PAGE}, conf='language = "es"\n').page()
    assert "Correct" in english
    for line in (english, spanish):
        assert line.count('class="fbss-verdict"') == 7
    # The verdict lines (fragments) and the buttons are in each build's own words.
    verdicts = [
        page.split('class="fbss-verdict"')[1].split("</p>")[0] for page in (english, spanish)
    ]
    assert verdicts[0] != verdicts[1], verdicts
    assert (
        english.split('class="fbss-check"')[1][:40] != spanish.split('class="fbss-check"')[1][:40]
    )
