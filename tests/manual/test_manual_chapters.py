"""The chapters an instructor assigns: how the back works, procedures, the nursing process and
living with FBSS. Each is in the book with objectives, key points and a quiz; the lumbar figure
names the five structures it shows; the nursing chapter holds its tools, care plan, SBAR example,
suicide-risk question and medicine checks; every citation resolves; and the four chapters'
questions meet the item-writing targets on their own."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ROOT

DOCS = ROOT / "docs"
#: The chapters this part of the book adds or rebuilds.
CHAPTERS = ["how-the-back-works", "procedures", "living-with-fbss", "nursing"]
FILES = [f"{name}.md" for name in CHAPTERS]
#: Verbs that state what a learner will be able to do (revised Bloom), not "how" or "why".
BLOOM = re.compile(
    r"^(Name|List|Identify|Recognize|Describe|Explain|Tell|Decide|Select|Interpret|Prioritize|"
    r"Escalate|Teach|Set|Make|Prepare|Apply|Compare|Evaluate|Write|Plan)\b"
)
LUMBAR = DOCS / "figures" / "lumbar-segment.svg"
STRUCTURES = ["Vertebra", "Disc", "Spinal canal", "Nerve root", "Cauda equina"]


def _load_bank_stats() -> Any:
    spec = importlib.util.spec_from_file_location("bank_stats", ROOT / "tools" / "bank_stats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bank_stats"] = module
    spec.loader.exec_module(module)
    return module


bank_stats = _load_bank_stats()


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("chapters")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q"]
    command += ["-d", str(out / "doctrees"), str(DOCS), str(out / "html")]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    return out / "html"


def article(html: Path, page: str) -> Tag:
    found = BeautifulSoup((html / f"{page}.html").read_text(), "html.parser").find("article")
    assert isinstance(found, Tag), page
    return found


def section(node: Tag, label: str) -> Tag:
    found = node.find("section", id=label)
    assert isinstance(found, Tag), f"no section labelled {label}"
    return found


def prose(node: Tag) -> str:
    """The text a reader reads, without the quizzes."""
    copy = BeautifulSoup(str(node), "html.parser")
    for quiz in copy.select(".fbss-quiz, .fbss-question, .headerlink"):
        quiz.decompose()
    return re.sub(r"\s+", " ", copy.get_text(" ", strip=True))


# -- In the book, with the chapter standard ----------------------------------------------


def test_the_chapters_are_in_the_toctree_in_reading_order() -> None:
    index = (DOCS / "index.md").read_text()
    toctree = index.split("```{toctree}", 1)[1].split("```", 1)[0]
    entries = [line.strip() for line in toctree.splitlines()[1:] if line.strip()]
    entries = [e for e in entries if not e.startswith(":")]
    for name in CHAPTERS:
        assert name in entries, name
    order = entries.index
    # Patients first: the anatomy before the causes, procedures after treatments,
    # self-management before the red-flag page; the nursing chapters after them.
    assert order("what-is-fbss") < order("how-the-back-works") < order("causes")
    assert order("treatments") < order("procedures") < order("living-with-fbss")
    assert order("when-to-seek-help") < order("assessment") < order("nursing")


def test_each_new_chapter_has_a_front_page_card() -> None:
    index = (DOCS / "index.md").read_text()
    for name in ("how-the-back-works", "procedures", "nursing"):
        assert re.search(rf":link: {name}\n:link-type: ref", index), name


@pytest.mark.slow
@pytest.mark.parametrize("name", CHAPTERS)
def test_objectives_are_measurable_and_the_chapter_ends_with_key_points_and_a_quiz(
    html: Path, name: str
) -> None:
    page = article(html, name)
    objectives = page.find(class_="admonition")
    assert isinstance(objectives, Tag) and "What you will learn" in objectives.get_text()
    items = [li.get_text(" ", strip=True) for li in objectives.find_all("li")]
    assert 2 <= len(items) <= 4, items
    assert all(BLOOM.match(item) for item in items), items
    headings = [h.get_text(" ", strip=True).rstrip("#¶ ") for h in page.find_all("h2")]
    assert "Key points" in headings
    last = page.find_all("section")[-1]
    assert last.find(class_="fbss-quiz") is not None
    assert len(last.find_all("div", class_="fbss-question")) >= 8


def test_every_section_of_the_chapters_has_a_label() -> None:
    for name in CHAPTERS:
        lines = (DOCS / f"{name}.md").read_text().splitlines()
        for i, line in enumerate(lines):
            if re.match(r"#{1,3} ", line):
                assert re.match(r"\(" + re.escape(name) + r"(-[a-z0-9-]+)?\)=$", lines[i - 1]), (
                    name,
                    line,
                )


def test_published_labels_that_other_pages_link_to_are_kept() -> None:
    nursing = (DOCS / "nursing.md").read_text()
    living = (DOCS / "living-with-fbss.md").read_text()
    for label in ("nursing", "nursing-assessment", "nursing-education", "nursing-team"):
        assert f"({label})=" in nursing, label
    for label in ("nursing-self-checks", "nursing-key-points", "nursing-check-yourself"):
        assert f"({label})=" in nursing, label
    for label in ("goals", "education", "team", "key-points", "check-yourself"):
        assert f"(living-with-fbss-{label})=" in living, label


# -- Figures --------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_figure_has_alt_text_and_the_lumbar_figure_a_description_in_words(
    html: Path,
) -> None:
    images = [img for page in html.glob("*.html") for img in article(html, page.stem).select("img")]
    figures = [img for img in images if "figures" in img.get("src", "") or "_images" in img["src"]]
    assert figures
    for img in figures:
        assert len(img.get("alt", "").split()) >= 8, img
    page = article(html, "how-the-back-works")
    (img,) = [i for i in page.select("img") if "lumbar-segment" in i["src"]]
    alt = img["alt"].lower()
    assert all(s.lower() in alt for s in ("disc", "spinal canal", "cauda equina", "nerve root"))
    words = prose(section(page, "how-the-back-works-figure-description"))
    for structure in STRUCTURES:
        assert structure in words, structure


def test_the_lumbar_figure_labels_the_five_structures_and_describes_itself() -> None:
    svg = LUMBAR.read_text()
    labels = [re.sub(r"\s+", " ", t) for t in re.findall(r"<text[^>]*>([^<]+)</text>", svg)]
    for structure in STRUCTURES:
        assert structure in labels, (structure, labels)
    assert 'role="img"' in svg and 'aria-labelledby="ls-title ls-desc"' in svg
    title = re.search(r'<title id="ls-title">([^<]+)</title>', svg)
    desc = re.search(r'<desc id="ls-desc">([^<]+)</desc>', svg)
    assert title and "lower back" in title.group(1)
    assert desc and all(s.lower() in desc.group(1).lower() for s in STRUCTURES)
    # Label text is large enough to read on a phone (the figure is ~350 px wide there).
    sizes = [int(s) for s in re.findall(r'font-size="(\d+)"', svg)]
    assert sizes and min(sizes) >= 22
    # The PNG for LaTeX is rendered from this SVG at twice its size (tools/render_figures.py).
    box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    assert box
    width, height = (round(float(v)) for v in box.groups())
    png = LUMBAR.with_suffix(".png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 2 * width
    assert int.from_bytes(png[20:24], "big") == 2 * height


def test_the_lumbar_figure_text_contrasts_with_its_own_white_card() -> None:
    """The figure sits on furo's light or dark background; its white card keeps the contrast."""
    svg = LUMBAR.read_text()
    assert re.search(r'<rect x="1" y="1" width="\d+" height="\d+" rx="\d+" fill="#ffffff"', svg)

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    text_colour = re.search(r'<g fill="(#[0-9a-f]{6})" stroke="none">', svg)
    assert text_colour and contrast(text_colour.group(1), "#ffffff") >= 7
    nerve = re.search(r'stroke="(#[0-9a-f]{6})" stroke-width="3.5"', svg)
    assert nerve and contrast(nerve.group(1), "#ebe4f7") >= 3  # nerves on the canal's tint


# -- The nursing chapter ------------------------------------------------------------------


@pytest.mark.slow
def test_the_nursing_chapter_names_each_tool_with_what_it_measures(html: Path) -> None:
    tools = section(article(html, "nursing"), "nursing-tools")
    table = tools.find("table")
    assert isinstance(table, Tag)
    rows = {
        tr.find("td").get_text(" ", strip=True): tr.get_text(" ", strip=True)
        for tr in table.select("tbody tr")
    }
    expected = {
        "Pain-intensity rating": r"0.100",
        "Oswestry Disability Index": r"[Dd]isability",
        "PHQ-9": r"depression.*5, 10, 15 and 20",
        "GAD-7": r"anxiety.*89% sensitivity",
        "Pasero Opioid-induced Sedation Scale": r"3 = frequently drowsy.*4 = minimal",
        "A direct question about suicide": r"whenever mood is assessed",
    }
    for tool, pattern in expected.items():
        row = next((text for name, text in rows.items() if name.startswith(tool)), None)
        assert row is not None, (tool, list(rows))
        assert re.search(pattern, row), (tool, row)
    source = (DOCS / "nursing.md").read_text()
    for key in ("nice_ng193", "fairbank_2000_odi", "kroenke_2001_phq9", "spitzer_2006_gad7"):
        assert key in source, key
    assert "pasero_mccaffery_2011" in source


@pytest.mark.slow
def test_the_nursing_chapter_asks_directly_about_suicide(html: Path) -> None:
    page = article(html, "nursing")
    text = prose(section(page, "nursing-suicide-risk"))
    assert re.search(r"ask directly", text, re.I)
    assert re.search(r"Have you had thoughts like that\?", text)
    assert re.search(r"999.{0,40}911", text)
    item = page.find("div", attrs={"data-fbss-id": "nursing-mood-suicide-risk"})
    assert isinstance(item, Tag)
    key = [
        r for r in item.find_all("div", class_="fbss-rationale") if r["data-fbss-correct"] == "true"
    ]
    assert len(key) == 1
    labels = item.find_all("label")
    rationales = item.find_all("div", class_="fbss-rationale")
    right = labels[rationales.index(key[0])].get_text(" ", strip=True)
    assert "Ask her directly" in right and "suicide" in right


@pytest.mark.slow
def test_the_care_plan_has_measurable_dated_outcomes_and_an_evaluation(html: Path) -> None:
    plan = section(article(html, "nursing"), "nursing-care-plan")
    table = plan.find("table")
    assert isinstance(table, Tag)
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert headers[:2] == ["Problem (in priority order)", "Outcome (measurable, dated)"]
    assert headers[-1].startswith("Evaluation")
    rows = table.select("tbody tr")
    assert len(rows) >= 3
    for row in rows:
        cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        outcome, evaluation = cells[1], cells[-1]
        assert re.search(r"\d", outcome), outcome  # a measure
        assert re.search(r"\bweeks?\b|every (check|visit)|at every", outcome), outcome  # a time
        assert re.search(r"Met|Partly met|Not met", evaluation), evaluation
    assert "Risk of respiratory depression" in rows[0].get_text(), "safety comes first"


@pytest.mark.slow
def test_the_sbar_example_escalates_the_cauda_equina_case(html: Path) -> None:
    sbar = section(article(html, "nursing"), "nursing-sbar")
    items = [li.get_text(" ", strip=True) for li in sbar.find_all("li")]
    parts = [next(i for i in items if i.startswith(f"{p} (")) for p in "SBAR"]
    assert "cauda equina" in parts[0]
    assert re.search(r"discectomy", parts[1])
    assert re.search(r"Temperature \d", parts[2])
    assert re.search(r"emergency assessment now", parts[3])
    assert "read back" in prose(sbar)


@pytest.mark.slow
def test_the_medicines_table_has_the_nursing_columns_and_the_safety_facts(html: Path) -> None:
    page = article(html, "nursing")
    table = section(page, "nursing-medicines").find("table")
    assert isinstance(table, Tag)
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert headers == ["Class", "Main risks", "What the nurse checks", "What the nurse teaches"]
    rows = {tr.find("td").get_text(" ", strip=True): tr for tr in table.select("tbody tr")}
    for kind in ("Opioids", "Anticonvulsants", "Muscle relaxants", "Antidepressants"):
        assert any(k.startswith(kind) for k in rows), kind
    assert any(k.startswith("Over-the-counter") for k in rows)
    opioids = next(r for k, r in rows.items() if k.startswith("Opioids")).get_text(" ", strip=True)
    for fact in (r"Do not stop suddenly", r"taper", r"naloxone", r"Constipation", r"POSS"):
        assert re.search(fact, opioids), fact
    gaba = next(r for k, r in rows.items() if k.startswith("Anticonvulsants"))
    gaba_text = gaba.get_text(" ", strip=True)
    assert re.search(r"breathing problems.*opioid.*COPD.*older age", gaba_text)
    assert "no better than placebo" in gaba_text


def test_the_instructor_note_no_longer_claims_what_the_bank_was_not() -> None:
    source = (DOCS / "nursing.md").read_text()
    note = source.split("(nursing-self-checks)=", 1)[1].split("(nursing-key-points)=", 1)[0]
    assert "A note for instructors" in note
    assert "Most questions here are short scenarios" not in source
    assert re.search(r"at least 70% of items at application level", note)
    for key in ("ncsbn_ncjmm", "nbme_item_writing", "ncsbn_item_types", "openrn_pharmacology"):
        assert key in note, key


# -- Procedures and living with FBSS ------------------------------------------------------


@pytest.mark.slow
def test_procedures_tell_when_to_call_in_the_three_tiers(html: Path) -> None:
    text = prose(section(article(html, "procedures"), "procedures-when-to-call"))
    tiers = [
        "Emergency: call 999 (UK) or 911 (US), or go to an emergency department now",
        "Contact your surgical team or doctor today",
        "Routine: mention it at your next planned appointment",
    ]
    positions = [text.find(t) for t in tiers]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    links = section(article(html, "procedures"), "procedures-when-to-call").select("a[href]")
    assert any(a["href"].startswith("when-to-seek-help.html#") for a in links)


@pytest.mark.slow
def test_procedures_state_the_scs_facts_and_say_where_the_sources_are_silent(html: Path) -> None:
    page = article(html, "procedures")
    scs = prose(section(page, "procedures-scs"))
    for fact in (
        r"trial",
        r"batter(y|ies)",
        r"MRI.{0,80}depends on your exact device",
        r"30 to 40 in every 100",
        r"lead",
        r"At 12 months, the figures were 34% and 7%",
    ):
        assert re.search(fact, scs), fact
    text = prose(page)
    assert text.count("does not describe") >= 3, "say less where a fact is missing"
    assert re.search(r"up to 1 in 25", text)


@pytest.mark.slow
def test_living_with_fbss_covers_self_management_carers_and_a_crisis_route(html: Path) -> None:
    page = article(html, "living-with-fbss")
    for label in (
        "living-with-fbss-activity",
        "living-with-fbss-programmes",
        "living-with-fbss-evidence",
        "living-with-fbss-flare-up",
        "living-with-fbss-questions",
        "living-with-fbss-carers",
        "living-with-fbss-crisis",
    ):
        section(page, label)
    goals = prose(section(page, "living-with-fbss-goals"))
    assert re.search(r"6 months.{0,120}48%.{0,80}12 months.{0,60}34%", goals)
    crisis = prose(section(page, "living-with-fbss-crisis"))
    assert re.search(r"ending your life.{0,40}999 \(UK\) or 911 \(US\)", crisis)
    questions = prose(section(page, "living-with-fbss-questions"))
    for topic in ("trial", "MRI", "battery", "naloxone", "infection", "slowly"):
        assert topic in questions, topic
    assert "when-to-seek-help" in str(section(page, "living-with-fbss-red-flags"))


# -- Citations and the question bank ------------------------------------------------------


def test_every_cite_key_in_the_docs_is_in_the_bibliography() -> None:
    bib = (DOCS / "references.bib").read_text()
    keys = set(re.findall(r"^@\w+\{([^,]+),", bib, re.M))
    cited: dict[str, set[str]] = {}
    for path in DOCS.rglob("*.md"):
        for group in re.findall(r"\{cite(?::[a-z]+)?\}`([^`]+)`", path.read_text()):
            for key in (k.strip() for k in group.split(",")):
                cited.setdefault(key, set()).add(path.name)
    missing = {key: sorted(pages) for key, pages in cited.items() if key not in keys}
    assert missing == {}
    assert {name for pages in cited.values() for name in pages} >= set(FILES)


def test_these_chapters_meet_the_item_writing_targets_on_their_own() -> None:
    items = [item for item in bank_stats.bank() if item.file in FILES]
    figures = bank_stats.figures(items)
    assert figures["single"] >= 20 and figures["select-all"] >= 8
    shares = figures["key position shares (single)"]
    assert set(shares) == set("ABCD") and all(0.20 <= v <= 0.30 for v in shares.values()), shares
    assert all(len(i.options) == 4 for i in items if i.type == "single")
    assert all(5 <= n <= 8 for n in figures["select-all option counts"])
    assert figures["select-all keys all first"] == []
    assert figures["select-all keys all last"] == []
    assert figures["absolute words only in distractors"] == []
    assert figures["key strictly longest share"] <= 0.30
    assert figures["rationales under 8 words"] == []
    assert figures["rationales repeated verbatim"] == []
    assert figures["near-duplicate pairs"] == []
    assert figures["items without :level:"] == []
    assert figures["share at apply or above"] >= 0.70
    for name in FILES:  # and each chapter balances its own keys
        own = bank_stats.figures([i for i in items if i.file == name])
        assert own["share at apply or above"] >= 0.70, name
        assert (
            max(own["key positions (single)"].values())
            - min(own["key positions (single)"].values())
            <= 1
        ), name


def test_patient_quizzes_ask_what_the_reader_would_do_and_hold_no_trivia() -> None:
    for name in ("procedures.md", "living-with-fbss.md"):
        items = [item for item in bank_stats.bank() if item.file == name]
        asks = [i for i in items if re.search(r"if you were \w+[,?]", i.stem, re.I)]
        assert len(asks) >= 4, name
        # Survey percentages, odds ratios and trial fractions stay out of patient options.
        for item in items:
            for text, _, _ in item.options:
                assert not re.search(r"\bodds ratio\b|\d+ of \d+|\d+%", text), (item.id, text)
