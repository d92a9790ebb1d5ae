"""What each builder makes of a quiz: interactive HTML on the web, static elsewhere."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_build

QUIZ_PAGE = """
# Quiz page

::::{quiz} Check yourself
:topic: causes

:::{question}
:id: one
Which *one* is right?

- [ ] Wrong A
  Why A is wrong.
- [x] Right B
  Why B is right.

The explanation.
:::

:::{question}
:id: two
Which are right?

- [x] Right A
  Why A.
- [x] Right B
  Why B.
- [ ] Wrong C
  Why C.
:::
::::
"""

PLAIN_PAGE = "# Plain page\n\nNo quiz here.\n"
FILES = {
    "index.md": "# Book\n\n```{toctree}\nquiz\nplain\n```\n",
    "quiz.md": QUIZ_PAGE,
    "plain.md": PLAIN_PAGE,
}


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_web_page_has_accessible_native_controls(build: Callable[..., object]) -> None:
    built = build(FILES)
    assert built.warnings == ""
    page = soup_of(built.page("quiz"))
    single = page.find(attrs={"data-fbss-id": "one"})
    fieldset = single.find("fieldset")
    number_id, stem_id = fieldset["aria-labelledby"].split()
    assert page.find(id=number_id).get_text() == "Question 1.1"
    stem = page.find(id=stem_id)
    assert stem.get_text(" ", strip=True) == "Which one is right?"
    radios = fieldset.find_all("input", type="radio")
    assert len(radios) == 2 and len({r["name"] for r in radios}) == 1
    for control in radios:
        label = page.find("label", attrs={"for": control["id"]})
        assert label is not None
    assert [lab.get_text(" ", strip=True) for lab in fieldset.find_all("label")] == [
        "A. Wrong A",
        "B. Right B",
    ]
    assert single.find("button", class_="fbss-check").get_text() == "Check answer"
    assert single.find(class_="fbss-status")["role"] == "status"
    details = single.find("details", class_="fbss-answer")
    assert details is not None and not details.has_attr("open")
    assert details.find("summary").get_text() == "Show answer"
    assert "Answer: B" in details.get_text(" ", strip=True)
    assert "Why A is wrong." in details.get_text() and "The explanation." in details.get_text()

    multiple = page.find(attrs={"data-fbss-id": "two"})
    assert len(multiple.find_all("input", type="checkbox")) == 3
    assert "Select all that apply." in multiple.get_text()
    assert "Answers: A, B" in multiple.get_text(" ", strip=True)


def test_no_inline_script_or_handler_from_the_extension(build: Callable[..., object]) -> None:
    html = build(FILES).page("quiz")
    page = soup_of(html)
    for script in page.find_all("script"):
        assert "fbss" not in (script.string or ""), "no inline script of ours"
    for tag in page.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag.name


def test_assets_only_on_pages_with_a_quiz(build: Callable[..., object]) -> None:
    built = build(FILES)
    assert "fbss_quiz.js" in built.page("quiz") and "fbss_quiz.css" in built.page("quiz")
    assert "fbss_quiz" not in built.page("plain")
    assert (built.outdir / "_static" / "fbss_quiz.js").is_file()


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml"])
def test_other_web_builders_are_interactive_too(build: Callable[..., object], builder: str) -> None:
    built = build(FILES, builder=builder)
    assert built.warnings == ""
    html = (
        (built.outdir / "quiz" / "index.html").read_text()
        if builder == "dirhtml"
        else (built.outdir / "index.html").read_text()
    )
    assert 'class="fbss-question"' in html and "fbss_quiz.js" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids stay unique when every page is one document"


def test_epub_is_static_with_lettered_options_and_answers(build: Callable[..., object]) -> None:
    built = build(FILES, builder="epub")
    assert built.warnings == ""
    xhtml = built.page("quiz")
    assert "<script" not in xhtml
    assert "fbss_quiz" not in xhtml
    page = soup_of(xhtml)
    options = page.find("ol", class_="upperalpha")
    assert [li.get_text(strip=True) for li in options.find_all("li")] == ["Wrong A", "Right B"]
    text = page.get_text(" ", strip=True)
    assert "Answer: B" in text and "B. Correct. Why B is right." in text
    assert "Select all that apply." in text and "Answers: A, B" in text
    book = next(built.outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        assert not [n for n in archive.namelist() if n.endswith(".js") and "fbss" in n]


def test_text_output_spells_out_letters_matching_the_answer(
    build: Callable[..., object],
) -> None:
    built = build(FILES, builder="text")
    assert built.warnings == ""
    text = built.page("quiz")
    assert "**A.** Wrong A" in text and "**B.** Right B" in text
    assert "**Answer:** B" in text
    assert "**A. Incorrect.** Why A is wrong." in text


def test_latex_output_builds_cleanly_with_the_answer(build: Callable[..., object]) -> None:
    built = build(FILES, builder="latex")
    assert built.warnings == ""
    tex = next(built.outdir.glob("*.tex")).read_text()
    assert r"\begin{enumerate}" in tex and "Answer:" in tex and "Why A is wrong." in tex


def test_spanish_strings_come_from_the_message_catalog(build: Callable[..., object]) -> None:
    built = build(FILES, conf='language = "es"\n')
    page = soup_of(built.page("quiz"))
    assert page.find("button", class_="fbss-check").get_text() == "Comprobar respuesta"
    assert page.select_one(".fbss-answer summary").get_text() == "Mostrar respuesta"
    question = page.find(attrs={"data-fbss-id": "one"})
    assert question["data-fbss-msg-correct"] == "Correcto."
    assert question.select_one(".fbss-others summary").get_text() == "¿Por qué no las demás?"
    assert question.select_one(".fbss-badge").get_text() == "Respuesta correcta"
    assert page.select_one(".fbss-quiz")["data-fbss-msg-skip"] == "Ir al cuestionario"
    assert "Seleccione todas las que correspondan." in page.get_text()
    epub = build(FILES, builder="epub", conf='language = "es"\n')
    assert "Respuesta:" in epub.page("quiz")


def test_compiled_catalogs_match_their_sources() -> None:
    """Every committed .mo holds exactly the translations of its .po (compared as
    messages, not bytes: Babel releases differ in how they lay out the same catalog)."""
    import gettext

    from babel.messages.pofile import read_po

    pos = sorted((ROOT / "fbss_quiz" / "locale").glob("*/LC_MESSAGES/*.po"))
    assert pos
    for po in pos:
        with po.open("rb") as handle:
            catalog = read_po(handle)
        wanted = {
            (m.id if isinstance(m.id, str) else m.id[0]): m.string
            for m in catalog
            if m.id and m.string and not m.fuzzy
        }
        with po.with_suffix(".mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        for msgid, string in wanted.items():
            got = (
                compiled.gettext(msgid)
                if isinstance(string, str)
                else compiled.ngettext(msgid, msgid, 1)
            )
            expected = string if isinstance(string, str) else string[0]
            assert got == expected, f"recompile {po} (python tools/compile_catalogs.py): {msgid!r}"
    from fbss_quiz.i18n import static_text, ui_text

    catalog = pos[0].read_text(encoding="utf-8")
    for message in {**ui_text(), **static_text()}.values():
        assert f'msgid "{message}"' in catalog, f"untranslated: {message}"


def test_rst_root_builds_the_same_question(root_copy: Callable[[str], Path]) -> None:
    built = run_build(root_copy("rst"))
    assert built.warnings == ""
    page = soup_of(built.page())
    assert page.find(attrs={"data-fbss-id": "wrong-level"}) is not None
    assert page.find(class_="fbss-quiz-title").get_text() == "Check yourself: causes"


def test_parallel_build_matches_serial(tmp_path: Path) -> None:
    from conftest import write_project

    files = dict(FILES)
    for n in range(6):
        files[f"extra{n}.md"] = QUIZ_PAGE.replace(":id: one", f":id: one-{n}").replace(
            ":id: two", f":id: two-{n}"
        )
    files["index.md"] = (
        "# Book\n\n```{toctree}\nquiz\nplain\n" + "".join(f"extra{n}\n" for n in range(6)) + "```\n"
    )
    outputs = []
    for parallel in (0, 2):
        src = tmp_path / f"p{parallel}"
        write_project(src, files)
        built = run_build(src, parallel=parallel)
        assert built.warnings == ""
        outputs.append({p.name: p.read_text() for p in sorted(built.outdir.glob("*.html"))})
    assert outputs[0].keys() == outputs[1].keys()
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], name


def test_incremental_rebuild_matches_clean_build(tmp_path: Path) -> None:
    from conftest import write_project

    src = tmp_path / "book"
    write_project(src, FILES)
    run_build(src, builddir=tmp_path / "out")
    (src / "quiz.md").write_text(QUIZ_PAGE.replace("Which *one* is right?", "Edited stem?"))
    (src / "plain.md").write_text(
        PLAIN_PAGE + "\n```{question}\n:id: one\nDup?\n\n- [x] a\n- [ ] b\n```\n"
    )
    incremental = run_build(src, builddir=tmp_path / "out", fresh=False)
    clean = run_build(src, builddir=tmp_path / "clean")
    for name in ("quiz", "plain"):
        assert incremental.page(name) == clean.page(name), name
    assert "Edited stem?" in clean.page("quiz")
    assert "Dup?" not in clean.page("plain")
