"""The six unfolding case studies of the manual (docs/case-studies.md), as a nursing
student and an instructor meet them: a chart with real data in each case's tabs, six
items that walk through the NCSBN clinical-judgment steps in order, every NGN item type
(the drop-down rationale, select N, drop-down table and trend among them), items written
to the book's item-writing standard, and cases that can be answered by keyboard alone on
the web and read as a static chart in the ePub."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ROOT, serve_directory

pytestmark = pytest.mark.slow

DOCS = ROOT / "docs"
PAGE = "case-studies"
STEPS = [
    "recognize cues",
    "analyze cues",
    "prioritize hypotheses",
    "generate solutions",
    "take action",
    "evaluate outcomes",
]
NGN_TYPES = {"matrix", "matrix-multiple", "cloze", "highlight", "ordering", "bowtie"}
#: The NGN formats added later: drop-down rationale (dyad or triad), select N (extended
#: multiple response), drop-down table and trend (a chart, then a question of another type).
NEWER_NGN_TYPES = {"dropdown-rationale", "select-n", "dropdown-table", "trend"}
#: Types whose answer is a native <select> per blank or row.
DROP_DOWN_TYPES = {"cloze", "dropdown-rationale", "dropdown-table"}
#: The vital signs every chart records, with a number for each.
VITAL_SIGNS = ("temperature", "heart rate", "blood pressure", "respiratory rate", "spo2", "pain")
#: Medicines and aids the manual may name (CLINICAL_FACTS and the content brief): a class or
#: one of these names, never a dose.
MEDICINES = re.compile(
    r"oxycodone|morphine|pregabalin|gabapentin|paracetamol|antidepressant|muscle relaxant|"
    r"bowel regimen|compression stockings|inhaler|sleeping tablet|antibiotic",
    re.I,
)
DOSE = re.compile(r"\b\d+(?:\.\d+)?\s?(?:mg|mcg|µg|micrograms?|milligrams?|MME)\b", re.I)


def sphinx(builder: str, out: Path, doctrees: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-W", "--keep-going", "-n"]
    command += ["-d", str(doctrees), str(DOCS), str(out)]
    return subprocess.run(command, capture_output=True, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("cases")
    for builder in ("html", "epub"):
        done = sphinx(builder, base / builder, base / "doctrees")
        assert done.returncode == 0 and "WARNING" not in done.stderr, done.stderr
    return base


@pytest.fixture(scope="module")
def page(built: Path) -> BeautifulSoup:
    return BeautifulSoup((built / "html" / f"{PAGE}.html").read_text(), "html.parser")


def correct_options(item: str) -> list[int]:
    """The flat option indices of the correct choices, from ``data-fbss-item``."""
    start, correct = 0, []
    for group in json.loads(item)["groups"]:
        correct += [start + i for i in group["correct"]]
        start += group["size"]
    return correct


def cases(page: BeautifulSoup) -> list[Tag]:
    return page.select("article .fbss-case")


def questions(case: Tag) -> list[Tag]:
    return case.find_all("div", class_="fbss-question")


def chart_tabs(case: Tag) -> dict[str, Tag]:
    """The case's chart: tab label (lower case) -> the tab's content."""
    tab_set = case.select_one(".sd-tab-set")
    assert tab_set is not None, "the case has no chart tabs"
    # Smart quotes as typed by the reader: "Nurses' notes".
    labels = [
        label.get_text(" ", strip=True).lower().replace("\u2019", "'")
        for label in tab_set.select("label")
    ]
    return dict(zip(labels, tab_set.select(".sd-tab-content"), strict=True))


def rationale_body(rationale: Tag) -> str:
    """A rationale's own words, without the verdict line the extension writes above it."""
    return " ".join(
        p.get_text(" ", strip=True)
        for p in rationale.find_all("p")
        if "fbss-verdict" not in p.get("class", [])
    )


# -- The page and its charts -------------------------------------------------------------


def test_the_page_has_six_cases_and_meets_the_chapter_standard(page: BeautifulSoup) -> None:
    article = page.find("article")
    objectives = article.find(class_="admonition")
    assert "What you will learn" in objectives.get_text()
    assert 2 <= len(objectives.find_all("li")) <= 4
    headings = [h.get_text(" ", strip=True).rstrip("#¶ ") for h in article.find_all("h2")]
    assert "Key points" in headings
    assert len([h for h in headings if h.startswith("Case ")]) == 6, headings
    assert len(cases(page)) == 6
    # The last section is a case: the chapter's quiz.
    assert article.find_all("section")[-1].find(class_="fbss-case") is not None
    # Other pages link to these labels.
    for label in ("case-studies", "case-studies-red-flags", "case-studies-scs"):
        assert page.find(id=label) is not None, label


def test_every_case_charts_numeric_vital_signs_a_medication_list_and_timed_notes(
    page: BeautifulSoup,
) -> None:
    for number, case in enumerate(cases(page), start=1):
        tabs = chart_tabs(case)
        assert {"nurses' notes", "vital signs", "medications"} <= set(tabs), (number, list(tabs))
        rows = {}
        for tr in tabs["vital signs"].select("tbody tr"):
            cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            rows[cells[0].lower()] = cells[1:]
        for sign in VITAL_SIGNS:
            found = [values for name, values in rows.items() if sign in name]
            assert found, (number, sign, list(rows))
            assert all(re.search(r"\d", v) for v in found[0]), (number, sign, found[0])
            assert len(found[0]) >= 2, "vital signs at two times at least, to show a trend"
        medicines = [
            tr.find("td").get_text(" ", strip=True) for tr in tabs["medications"].select("tbody tr")
        ]
        assert len(medicines) >= 3, (number, medicines)
        assert all(MEDICINES.search(m) for m in medicines), (number, medicines)
        assert re.search(r"\b\d\d:\d\d\b", tabs["nurses' notes"].get_text()), number


def test_chart_tabs_are_valid_html(page: BeautifulSoup) -> None:
    """The Nu HTML Checker rejects aria-controls on a label of a form control
    (docs/_ext/markup_fixes.py drops what sphinx-design writes there)."""
    labels = page.select(".fbss-case .sd-tab-set label")
    assert len(labels) >= 3 * 6  # notes, vital signs and medications in each case
    assert [str(label)[:80] for label in labels if label.has_attr("aria-controls")] == []
    assert all(page.find(id=label["for"]).name == "input" for label in labels)


def test_the_cases_name_no_dose_the_sources_do_not_give(page: BeautifulSoup) -> None:
    text = page.find("article").get_text(" ", strip=True)
    assert DOSE.findall(text) == []


# -- The items ---------------------------------------------------------------------------


def step_of(question: Tag) -> str:
    tag = question.find("p", class_="fbss-step-tag")
    assert tag is not None, question["data-fbss-id"]
    return tag.get_text(strip=True).split(":", 1)[1].strip().lower()


def test_each_case_has_six_items_one_per_clinical_judgment_step_in_order(
    page: BeautifulSoup,
) -> None:
    for number, case in enumerate(cases(page), start=1):
        items = questions(case)
        assert [step_of(q) for q in items] == STEPS, number
        assert all(q["data-fbss-id"].startswith("case-") for q in items)


def test_the_cases_use_every_item_type(page: BeautifulSoup) -> None:
    types = Counter(q["data-fbss-type"] for case in cases(page) for q in questions(case))
    assert NGN_TYPES | NEWER_NGN_TYPES | {"single", "multiple"} <= set(types), types
    # No case leans on one format: at least four types in each.
    for case in cases(page):
        assert len({q["data-fbss-type"] for q in questions(case)}) >= 4


def test_the_cases_use_the_four_newer_ngn_formats_as_ncsbn_writes_them(
    page: BeautifulSoup,
) -> None:
    """Drop-down rationale, select N, drop-down table and trend each appear, in the shape
    a student meets on the NCLEX: a dyad and a triad of linked drop-downs; a select-N
    item whose stem says N (Moodle and Canvas do not); a table of findings with a drop-down
    per row; a chart to read across at least three times before its question."""
    items = [q for case in cases(page) for q in questions(case)]
    by_type: dict[str, list[Tag]] = {}
    for q in items:
        by_type.setdefault(q["data-fbss-type"], []).append(q)
    assert set(by_type) >= NEWER_NGN_TYPES, sorted(by_type)
    blanks = sorted(len(q.select("select.fbss-blank")) for q in by_type["dropdown-rationale"])
    assert 2 in blanks and 3 in blanks and set(blanks) <= {2, 3}, blanks
    for q in by_type["select-n"]:
        need = len(correct_options(q["data-fbss-item"]))
        options = len(q.select(".fbss-options input[type=checkbox]"))
        assert need >= 2 and options >= need + 2, (q["data-fbss-id"], need, options)
        stem = q.find(class_="fbss-stem").get_text(" ", strip=True)
        assert re.search(rf"\b{need}\b", stem), (q["data-fbss-id"], stem)
    for q in by_type["dropdown-table"]:
        rows = q.select("select.fbss-blank")
        assert len(rows) >= 3 and all(r.get("aria-labelledby") for r in rows), q["data-fbss-id"]
    for q in by_type["trend"]:
        chart = q.select_one(".fbss-stem .fbss-chart table")
        assert chart is not None and chart.caption is not None, q["data-fbss-id"]
        assert len(chart.select("tbody tr")) >= 3, "a trend reads across three times or more"
        assert json.loads(q["data-fbss-item"])["response"], q["data-fbss-id"]
    # Select N gives no position cue: its keys are neither all first nor all last.
    for q in by_type["select-n"]:
        keys, size = correct_options(q["data-fbss-item"]), len(q.select(".fbss-rationale"))
        assert keys != list(range(len(keys))), ("keys all first", q["data-fbss-id"])
        assert keys != list(range(size - len(keys), size)), ("keys all last", q["data-fbss-id"])


#: Item kinds (``data-fbss-item``'s ``kind``) that carry one rationale per row, not per choice.
ROW_KINDS = {"matrix", "matrix_multiple", "dropdown_table"}


def test_every_case_uses_a_newer_format_on_its_step_with_a_rationale_for_each_choice(
    page: BeautifulSoup,
) -> None:
    """The newer formats are spread over the cases, not piled into one: each case has one
    at least, each names its clinical-judgment step, together they cover at least four of
    the six steps, and each explains every choice (every row of a table or matrix)."""
    steps: dict[str, set[str]] = {}
    for number, case in enumerate(cases(page), start=1):
        newer = [q for q in questions(case) if q["data-fbss-type"] in NEWER_NGN_TYPES]
        assert newer, f"case {number} uses none of {sorted(NEWER_NGN_TYPES)}"
        for q in newer:
            steps.setdefault(q["data-fbss-type"], set()).add(step_of(q))
            item = json.loads(q["data-fbss-item"])
            kind = item.get("response") if item["kind"] == "trend" else item["kind"]
            groups = item["groups"]
            want = len(groups) if kind in ROW_KINDS else sum(g["size"] for g in groups)
            assert len(q.select(".fbss-rationale")) == want, (q["data-fbss-id"], kind, want)
    assert set(steps) == NEWER_NGN_TYPES, steps
    assert all(s <= set(STEPS) for s in steps.values()), steps
    assert len(set().union(*steps.values())) >= 4, steps


def test_highlight_items_offer_eight_to_fifteen_phrases_with_distractors(
    page: BeautifulSoup,
) -> None:
    for case in cases(page):
        for q in questions(case):
            if q["data-fbss-type"] != "highlight":
                continue
            phrases = q.select(".fbss-phrase")
            keys = correct_options(q["data-fbss-item"])
            assert 8 <= len(phrases) <= 15, q["data-fbss-id"]
            assert len(phrases) - len(keys) >= 4, "subtle distractors as well as keys"


def test_every_bowtie_offers_real_differentials_and_notifying_the_provider(
    page: BeautifulSoup,
) -> None:
    bowties = [
        q for case in cases(page) for q in questions(case) if q["data-fbss-type"] == "bowtie"
    ]
    assert bowties
    for q in bowties:
        correct = set(correct_options(q["data-fbss-item"]))
        conditions, actions, _ = q.select("fieldset.fbss-bowtie-part")
        assert len(conditions.select("input")) >= 4, "three competing conditions at least"
        sbar = [
            int(i["data-fbss-option"])
            for i in actions.select("input")
            if "SBAR" in q.find("label", attrs={"for": i["id"]}).get_text()
        ]
        assert sbar and set(sbar) <= correct, q["data-fbss-id"]


def test_every_rationale_teaches_in_its_own_words(page: BeautifulSoup) -> None:
    seen: Counter[str] = Counter()
    for case in cases(page):
        for q in questions(case):
            rationales = q.select(".fbss-rationale")
            assert len(rationales) >= 2, q["data-fbss-id"]
            for rationale in rationales:
                body = rationale_body(rationale)
                assert len(body.split()) >= 8, (q["data-fbss-id"], body)
                seen[body] += 1
    assert [text for text, n in seen.items() if n > 1] == []


def _bank_stats() -> Any:
    spec = importlib.util.spec_from_file_location("bank_stats", ROOT / "tools" / "bank_stats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bank_stats"] = module
    spec.loader.exec_module(module)
    return module


def test_the_case_items_meet_the_item_writing_targets_on_their_own() -> None:
    """The targets of tests/manual/test_question_bank.py, for this file alone."""
    stats = _bank_stats()
    book = stats.bank()
    mine = [i for i in book if i.file == f"{PAGE}.md"]
    figures = stats.figures(mine)
    assert len(mine) == 36 and all(i.case for i in mine)
    shares = figures["key position shares (single)"]
    assert set(shares) == set("ABCD") and all(0.20 <= s <= 0.30 for s in shares.values()), shares
    assert all(len(i.options) == 4 for i in mine if i.type == "single")
    assert all(5 <= n <= 8 for n in figures["select-all option counts"])
    assert figures["select-all keys all first"] == []
    assert len(figures["select-all keys all last"]) <= 0.3 * figures["select-all"]
    assert figures["absolute words only in distractors"] == []
    assert figures["key strictly longest share"] <= 0.30
    assert figures["rationales under 8 words"] == []
    assert figures["items without :level:"] == []
    assert figures["share at apply or above"] >= 0.70
    assert all(i.stem.rstrip().endswith("?") for i in mine if i.classic), "a question ends in ?"
    # The newer formats are written at application level or above, like the rest.
    newer = [i for i in mine if i.type in NEWER_NGN_TYPES]
    assert {i.type for i in newer} == NEWER_NGN_TYPES
    assert all(i.level in stats.APPLIED and i.step for i in newer), [(i.id, i.level) for i in newer]
    # The same absolute-word cue rule over every choice of the newer formats, as their
    # kinds parsed them (a matrix's columns are shared by its rows: no cue to compare).
    for i in newer:
        marked = [(o.correct, o.text) for g in i.groups for o in g.options]
        assert marked, i.id
        absolute = stats.item_review.absolute_words
        if not any(absolute(text) for key, text in marked if key):
            cued = [text for key, text in marked if not key and absolute(text)]
            assert cued == [], (i.id, cued)
    # No case item tests the same point with the same key as another item of the book.
    duplicates = stats.figures(book)["near-duplicate pairs"]
    assert [d for d in duplicates if d[0].startswith("case-") or d[1].startswith("case-")] == []
    repeated = set(stats.figures(book)["rationales repeated verbatim"])
    assert not repeated & {r for i in mine for _, _, r in i.options}


def test_case_items_stay_in_their_case(built: Path) -> None:
    """Review quizzes and the self-test never show a case item without its chart."""
    for name in ("review-causes", "review-symptoms", "review-treatments", "self-test"):
        soup = BeautifulSoup((built / "html" / f"{name}.html").read_text(), "html.parser")
        ids = [q["data-fbss-id"] for q in soup.find_all("div", class_="fbss-question")]
        assert ids and not [i for i in ids if i.startswith("case-")], name


# -- Every output ----------------------------------------------------------------------------


def test_the_epub_shows_each_chart_as_labelled_blocks_without_form_controls(built: Path) -> None:
    book = next((built / "epub").glob("*.epub"))
    with zipfile.ZipFile(book) as epub:
        xhtml = epub.read(f"{PAGE}.xhtml").decode()
    soup = BeautifulSoup(xhtml, "html.parser")
    charts = soup.select(".fbss-static-quiz .fbss-tabs")
    assert len(charts) == 6
    for chart in charts:
        labels = [r.get_text(strip=True) for r in chart.select(".rubric")]
        assert {"Vital signs", "Medications"} <= set(labels), labels
        assert chart.find("table") is not None
    assert "<input" not in xhtml and "sd-tab" not in xhtml


# -- On the web, by keyboard alone -------------------------------------------------------


@pytest.fixture(scope="module")
def site(built: Path) -> Iterator[str]:
    yield from serve_directory(built / "html")


def tab_to(page: Any, target: Any, limit: int = 600) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("(el) => document.activeElement === el", target):
            return
        page.keyboard.press("Tab")
    raise AssertionError("Tab never reached " + target.evaluate("(el) => el.outerHTML")[:120])


def answer_by_keyboard(page: Any, question: Any) -> None:
    """Give the right answer to one question with Tab, Space, the arrow keys and Enter."""
    kind = question.get_attribute("data-fbss-type")
    if kind == "trend":  # the chart is read; the question after it is its response's type
        kind = json.loads(question.get_attribute("data-fbss-item"))["response"].replace("_", "-")
    # Option indices, as the inputs' values: a choice question's options are shuffled on
    # the page (and their rationales with them), so the page's order says nothing.
    correct = correct_options(question.get_attribute("data-fbss-item"))
    if kind == "highlight":
        for i in correct:
            tab_to(page, question.query_selector(f"button.fbss-phrase[data-fbss-option='{i}']"))
            page.keyboard.press("Space")
    elif kind in DROP_DOWN_TYPES:
        for select in question.query_selector_all("select.fbss-blank"):
            values = [o.get_attribute("value") for o in select.query_selector_all("option")]
            want = next(v for v in values if v and int(v) in correct)
            tab_to(page, select)
            for _ in range(len(values)):
                if select.evaluate("(s) => s.value") == want:
                    break
                page.keyboard.press("ArrowDown")
            assert select.evaluate("(s) => s.value") == want
    elif kind == "ordering":
        # ``correct``: the steps' ids in the right order (their ids follow the shown order).
        for position, step_id in enumerate(correct):
            step = question.query_selector(f"li.fbss-step[data-fbss-option='{step_id}']")
            steps = question.query_selector_all("li.fbss-step")
            now = [s.get_attribute("data-fbss-option") for s in steps].index(str(step_id))
            if now > position:
                tab_to(page, step.query_selector(".fbss-up"))
                for _ in range(now - position):
                    page.keyboard.press("Enter")
    else:
        for i in correct:
            control = question.query_selector(
                f"input[data-fbss-option='{i}']"
            ) or question.query_selector(f".fbss-options input[value='{i}']")
            if control.get_attribute("type") == "checkbox":
                tab_to(page, control)
                page.keyboard.press("Space")
                continue
            name = control.get_attribute("name")
            group = question.query_selector_all(f"input[name='{name}']")
            for _ in range(600):
                if any(page.evaluate("(el) => document.activeElement === el", r) for r in group):
                    break
                page.keyboard.press("Tab")
            if page.evaluate("(el) => document.activeElement === el", control):
                page.keyboard.press("Space")
            while not control.is_checked():
                page.keyboard.press("ArrowDown")
    tab_to(page, question.query_selector(".fbss-check"))
    page.keyboard.press("Enter")


@pytest.mark.browser
@pytest.mark.parametrize("number", [1, 2, 3, 4, 5, 6])  # together they hold every item type
def test_a_whole_case_can_be_answered_by_keyboard_and_shows_its_score(
    browser: Any, site: str, number: int
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{site}/{PAGE}.html", wait_until="load")
        case = page.query_selector_all(".fbss-case")[number - 1]
        items = case.query_selector_all(".fbss-question")
        for question in items:
            answer_by_keyboard(page, question)
            status = question.query_selector(".fbss-status").inner_text()
            assert status.startswith("Correct"), (question.get_attribute("data-fbss-id"), status)
        score = case.query_selector(".fbss-score").inner_text()
        match = re.fullmatch(r"Case score: (\d+) of (\d+) points\.", score.strip())
        assert match and match.group(1) == match.group(2), score
        assert errors == []
    finally:
        context.close()
