"""The manual's safety content, read from the built pages as a reader meets it.

- Every red flag of CLINICAL_FACTS sits in `when-to-seek-help` under its tier (emergency now,
  contact your team today, routine), each sign cited, with a crisis route and who to call.
- The medicine and spinal cord stimulation safety facts stand where each treatment is
  described, and the tensions the sources hold are stated, not hidden.
- The decision pathway replaced the treatment staircase, with alt text and a description.
- The quizzes of the safety chapters meet the item-writing targets on their own.
"""

from __future__ import annotations

import importlib.util
import re
import struct
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ROOT

DOCS = ROOT / "docs"
slow = pytest.mark.slow


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("safety")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q"]
    command += ["-d", str(out / "doctrees"), str(DOCS), str(out / "html")]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out / "html"


def article(html: Path, page: str) -> Tag:
    soup = BeautifulSoup((html / f"{page}.html").read_text(), "html.parser")
    found = soup.find("article")
    assert isinstance(found, Tag), page
    return found


def prose(node: Tag) -> str:
    """The text a reader reads, without the quizzes (their options are not advice)."""
    copy = BeautifulSoup(str(node), "html.parser")
    for quiz in copy.select(".fbss-quiz, .fbss-question, .headerlink"):
        quiz.decompose()
    return re.sub(r"\s+", " ", copy.get_text(" ", strip=True))


def section(node: Tag, label: str) -> Tag:
    found = node.find("section", id=label)
    assert isinstance(found, Tag), f"no section labelled {label}"
    return found


# -- Red flags in three tiers ---------------------------------------------------------

#: Each red flag of CLINICAL_FACTS (and CONTENT.md's tiers), as the patient page words it.
RED_FLAGS: dict[str, dict[str, str]] = {
    "when-to-seek-help-emergency": {
        "saddle numbness": r"new numbness between your legs or around your bottom",
        "bladder or bowel": r"trouble passing urine.{0,60}holding in urine or stool",
        "sexual problems": r"problems with sex",
        "both legs": r"pain in both legs.{0,40}weakness or numbness in both legs",
        "trauma": r"fall or injury.{0,120}osteoporosis.{0,40}steroids",
        "pulmonary embolism": r"sudden trouble breathing.{0,60}chest pain.{0,60}coughing up blood",
        "sedation": r"extreme sleepiness.{0,40}slow or shallow breathing.{0,40}blue lips.{0,60}"
        r"(gabapentin|pregabalin)",
        "thoughts of suicide": r"thoughts of ending your life",
    },
    "when-to-seek-help-today": {
        "fever": r"\bfever\b",
        "wound infection": r"redness and pain around your wound.{0,30}cloudy fluid",
        "foot drop": r"foot drop",
        "worsening leg pain with weakness": r"leg pain that is getting worse with new weakness",
        "calf swelling": r"swelling in one calf",
        "night pain": r"worse when you lie down",
        "walking or unsteadiness": r"change in how you walk.{0,20}unsteadiness",
        "band-like pain": r"band around your body",
        "weight loss": r"weight loss",
        "history of cancer": r"had cancer",
    },
    "when-to-seek-help-routine": {
        "usual pain": r"your usual pain",
        "slow changes": r"slow changes in what you can do",
        "constipation": r"constipation",
        "low mood without self-harm": r"low mood, if you have no thoughts of harming yourself",
        "treatment questions": r"questions about your treatment",
    },
}
TIER_TITLES = {
    "when-to-seek-help-emergency": "Emergency: call 999 (UK) or 911 (US), or go to an emergency"
    " department now",
    "when-to-seek-help-today": "Contact your surgical team or doctor today",
    "when-to-seek-help-routine": "Routine: mention it at your next planned appointment",
}


def tier_box(page: Tag, tier: str) -> Tag:
    """The coloured box that lists a tier's signs (the section's first admonition)."""
    box = section(page, tier).find(class_="admonition")
    assert isinstance(box, Tag), f"{tier} has no box listing its signs"
    return box


@slow
def test_the_tiers_are_named_as_the_book_names_them_inside_the_red_flag_section(
    html: Path,
) -> None:
    page = article(html, "when-to-seek-help")
    red_flags = section(page, "when-to-seek-help-red-flags")
    for tier, title in TIER_TITLES.items():
        heading = section(red_flags, tier).find(["h2", "h3"])
        assert heading is not None and heading.get_text(" ", strip=True).startswith(title)


@slow
@pytest.mark.parametrize(
    ("tier", "flag"), [(tier, flag) for tier, flags in RED_FLAGS.items() for flag in flags]
)
def test_each_red_flag_is_listed_under_its_tier_and_no_other(
    html: Path, tier: str, flag: str
) -> None:
    page = article(html, "when-to-seek-help")
    assert re.search(RED_FLAGS[tier][flag], prose(tier_box(page, tier)), re.I), (tier, flag)
    for other in RED_FLAGS:
        if other != tier:
            box = prose(tier_box(page, other))
            assert not re.search(RED_FLAGS[tier][flag], box, re.I), f"{flag} also in {other}"


@slow
@pytest.mark.parametrize("tier", ["when-to-seek-help-emergency", "when-to-seek-help-today"])
def test_every_sign_in_the_urgent_tiers_is_cited(html: Path, tier: str) -> None:
    rows = tier_box(article(html, "when-to-seek-help"), tier).select("tbody tr")
    assert len(rows) >= 6
    uncited = [
        row.get_text(" ", strip=True)
        for row in rows
        if not row.find("a", href=re.compile(r"^references\.html"))
        and "ending your life" not in row.get_text()
    ]
    assert uncited == []


@slow
def test_thoughts_of_suicide_get_a_crisis_route(html: Path) -> None:
    page = article(html, "when-to-seek-help")
    crisis = section(section(page, "when-to-seek-help-emergency"), "when-to-seek-help-crisis")
    text = prose(crisis)
    for words in ("999", "911", "emergency department", "someone you trust", "stay with"):
        assert words in text, words
    assert re.search(r"harming yourself", text)
    # Chapters that discuss mood point to the crisis route.
    assert article(html, "treatments").find(
        "a", href="when-to-seek-help.html#when-to-seek-help-crisis"
    )


@slow
def test_the_page_keeps_see_a_doctor_and_says_whom_to_contact_and_what_to_bring(
    html: Path,
) -> None:
    page = article(html, "when-to-seek-help")
    assert re.search(r"talk to a doctor", prose(section(page, "when-to-seek-help-see-doctor")))
    contact = prose(section(page, "when-to-seek-help-who-to-contact"))
    for who in ("999", "surgical team", "GP", "pain clinic", "pharmacist"):
        assert who in contact, who
    bring = prose(section(page, "when-to-seek-help-what-to-say"))
    for what in ("back surgery", "when each one started", "list of all your medicines"):
        assert what in bring, what


@slow
def test_the_front_page_and_about_give_the_emergency_line_and_point_to_the_tiers(
    html: Path,
) -> None:
    for page in ("index", "about"):
        text = prose(article(html, page))
        assert "Education, not medical advice" in text
        assert re.search(r"call 999 \(UK\) or 911 \(US\), or go to an emergency department", text)
        link = article(html, page).find(
            "a", href="when-to-seek-help.html#when-to-seek-help-red-flags"
        )
        assert link is not None, page


# -- Safety facts where each treatment is described -------------------------------------

#: The safety facts, worded loosely enough to hold in patient and in clinical language.
SAFETY_FACTS: dict[str, dict[str, str]] = {
    "opioids": {
        "do not stop suddenly": r"(stop\w*|cut\w*)\b[^.]{0,60}\b(sudden|abrupt|fast)"
        r"|(sudden|abrupt)\w*\s+(stop|discontinu|cessation)",
        "taper with the prescriber": r"\btaper",
        "no alcohol": r"alcohol",
        "no benzodiazepines": r"benzodiazepine",
        "no sleeping tablets": r"sleeping (tablets|pills)",
        "do not share": r"\bshar(e|ing)\b",
        "store locked away": r"\block(ed)?\b",
        "take-back": r"take-?back",
        "naloxone": r"naloxone",
        "constipation": r"constipation",
        "nonopioid therapies preferred, voluntary": r"voluntary",
        "rarely help long term": r"rarely help",
    },
    "gabapentinoids": {
        "named": r"gabapentin.{0,20}pregabalin|pregabalin.{0,20}gabapentin",
        "serious breathing problems": r"(breathing|respiratory) (problems|depression)",
        "risk with opioids, lung disease, age": r"opioid.{0,200}(COPD|lung disease).{0,60}older",
        "signs to act on": r"(extreme sleepiness|sedation).{0,80}(slow|shallow) .{0,20}breathing",
        "the trials disagree with the review": r"(no better than|no benefit)",
        "NICE advises against for sciatica": r"NICE.{0,80}(not|against).{0,40}gabapentinoids",
    },
    "scs": {
        "complications in 30-40%": r"30\s*(to|\u2013|-)\s*40",
        "lead migration": r"lead (migration|that moves|moves)",
        "infection": r"infection",
        "trial first": r"trial of stimulation",
        "battery": r"batter(y|ies)",
        "MRI depends on the device": r"MRI.{0,80}(depends|depend) on the (exact )?device",
    },
    "over-the-counter pain relievers": {
        "follow the label": r"label",
        "ask a pharmacist": r"pharmacist",
    },
}
#: Which chapters must state which facts. The nursing chapter (another helper's) is meant to
#: hold the opioid and gabapentinoid facts: once it does, add
#: ``"nursing": ("opioids", "gabapentinoids")`` here.
SAFETY_FACTS_BY_PAGE: dict[str, tuple[str, ...]] = {
    "treatments": ("opioids", "gabapentinoids", "scs", "over-the-counter pain relievers"),
    "nursing": ("opioids", "gabapentinoids"),
}


@slow
@pytest.mark.parametrize(
    ("page", "group", "fact"),
    [
        (page, group, fact)
        for page, groups in SAFETY_FACTS_BY_PAGE.items()
        for group in groups
        for fact in SAFETY_FACTS[group]
    ],
)
def test_safety_facts_stand_where_the_treatment_is_described(
    html: Path, page: str, group: str, fact: str
) -> None:
    text = prose(article(html, page))
    assert re.search(SAFETY_FACTS[group][fact], text, re.I), (page, group, fact)


@slow
def test_rarely_helps_always_sits_next_to_do_not_stop_suddenly(html: Path) -> None:
    """CLINICAL_FACTS: "opioids rarely help long term" must never stand alone, or a reader
    may stop them abruptly."""
    text = prose(article(html, "treatments"))
    doubts = [m.start() for m in re.finditer(r"rarely help", text)]
    stops = [m.start() for m in re.finditer(SAFETY_FACTS["opioids"]["do not stop suddenly"], text)]
    assert doubts and stops
    far = [text[d : d + 80] for d in doubts if min(abs(d - s) for s in stops) > 1500]
    assert far == []


@slow
def test_the_anticonvulsant_claim_is_stated_with_the_trials_that_dispute_it(html: Path) -> None:
    text = prose(section(article(html, "treatments"), "treatments-anticonvulsants"))
    assert re.search(r"one review says", text, re.I)
    assert re.search(r"209 people with sciatica.{0,120}no better than a dummy pill", text)
    assert re.search(r"NICE says not to offer gabapentinoids", text)
    assert not re.search(r"anticonvulsants can help nerve pain\.", text, re.I)


@slow
def test_scs_is_not_shown_as_beating_surgery_for_everyone(html: Path) -> None:
    page = article(html, "treatments")
    evidence = prose(section(page, "treatments-scs-evidence"))
    assert "already been chosen for another operation" in evidence
    assert re.search(r"surgery may be the right first step", evidence)
    assert "worked for fewer people than SCS" not in prose(page)
    system = prose(section(page, "treatments-scs-system"))
    assert "four parts" in system and "three parts" not in system
    assert re.search(r"At 6 months.{0,200}At 12 months", evidence, re.S)


#: Medicine names the sources never give: the manual names only gabapentin and pregabalin.
UNSOURCED_MEDICINES = [
    *("paracetamol", "acetaminophen", "ibuprofen", "naproxen", "aspirin", "diclofenac"),
    *("codeine", "tramadol", "morphine", "oxycodone", "hydrocodone", "fentanyl"),
    *("tapentadol", "buprenorphine", "methadone", "amitriptyline", "nortriptyline"),
    *("duloxetine", "cyclobenzaprine", "baclofen", "tizanidine", "carisoprodol"),
    *("diazepam", "lorazepam"),
]


@slow
def test_the_medicines_table_has_the_patient_columns_and_only_sourced_names(html: Path) -> None:
    page = article(html, "treatments")
    table = section(page, "treatments-medicines-table").find("table")
    assert isinstance(table, Tag)
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert headers == [
        "Kind of medicine",
        "Examples",
        "How it may help",
        "Main risks",
        "What to tell your team",
    ]
    kinds = [row.find("td").get_text(" ", strip=True) for row in table.select("tbody tr")]
    for kind in ("Over-the-counter", "Muscle relaxants", "Antidepressants", "Anticonvulsants"):
        assert any(k.startswith(kind) for k in kinds), kind
    assert "Opioids" in kinds
    assert "Gabapentin, pregabalin" in table.get_text(" ", strip=True)
    for name in ("treatments", "when-to-seek-help"):
        text = prose(article(html, name)).lower()
        assert [m for m in UNSOURCED_MEDICINES if m in text] == [], name
        assert not re.search(r"\b\d+\s?(mg|milligrams?|grams?)\b", text), "no dose is sourced"


# -- The decision pathway ---------------------------------------------------------------

FIGURE = DOCS / "figures" / "treatment-pathway.svg"


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_pathway_figure_is_a_decision_pathway_not_a_staircase() -> None:
    svg = FIGURE.read_text()
    title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
    assert title and "decision pathway" in title.group(1).lower()
    assert desc and len(desc.group(1).split()) >= 60
    for branch in (
        "red flag",
        "emergency",
        "surgery can fix",
        "spinal cord stimulation",
        "team care",
    ):
        assert branch in desc.group(1), branch
    texts = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))
    assert not re.search(r"\bstep\s*4\b|\b4\.\s*Revision|staircase|stepped", svg + texts, re.I)
    for shown in ("Emergency care now", "surgeon's", "assessment for SCS", "team care"):
        assert shown in texts, shown
    # The PNG (for the PDF) was rendered from this SVG, not left over from the staircase.
    box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    assert box is not None
    width, height = png_size(FIGURE.with_suffix(".png"))
    assert abs(width / height - float(box.group(1)) / float(box.group(2))) < 0.01


@slow
def test_the_pathway_has_alt_text_and_a_description_in_words(html: Path) -> None:
    page = article(html, "treatments")
    image = page.find("img", src=re.compile(r"treatment-pathway"))
    assert isinstance(image, Tag)
    alt = str(image.get("alt", ""))
    assert len(alt.split()) >= 25
    for branch in ("red flag", "surgery can fix", "spinal cord stimulation", "Team care"):
        assert branch in alt, branch
    words = section(page, "treatments-pathway-in-words")
    assert len(words.select("ol > li")) == 4
    text = prose(words)
    for branch in ("999", "surgeon", "spinal cord stimulation", "team care"):
        assert branch in text, branch


# -- The safety chapters' quizzes on their own ------------------------------------------


def _bank_stats() -> Any:
    spec = importlib.util.spec_from_file_location("bank_stats", ROOT / "tools" / "bank_stats.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bank_stats", module)
    spec.loader.exec_module(module)
    return module


bank_stats = _bank_stats()
SAFETY_QUIZ_FILES = ("treatments.md", "when-to-seek-help.md")


@pytest.mark.parametrize("name", SAFETY_QUIZ_FILES)
def test_the_safety_quizzes_meet_the_bank_targets_on_their_own(name: str) -> None:
    """The whole-book targets of tests/manual/test_question_bank.py, held by each of these files."""
    items = [i for i in bank_stats.bank() if i.file == name]
    found = bank_stats.figures(items)
    shares = found["key position shares (single)"]
    assert set(shares) == set("ABCD") and all(0.20 <= s <= 0.30 for s in shares.values()), shares
    assert all(len(i.options) == 4 for i in items if i.type == "single")
    assert all(5 <= n <= 8 for n in found["select-all option counts"])
    assert found["select-all keys all first"] == []
    assert len(found["select-all keys all last"]) <= 0.3 * found["select-all"]
    assert found["absolute words only in distractors"] == []
    assert found["key strictly longest share"] <= 0.30
    assert found["rationales under 8 words"] == []
    assert found["rationales repeated verbatim"] == []
    assert found["near-duplicate pairs"] == []
    assert found["items without :level:"] == []
    assert found["share at apply or above"] >= 0.70


def test_the_treatments_chapter_holds_ten_treatment_items_or_more() -> None:
    items = [i for i in bank_stats.bank() if i.file == "treatments.md"]
    assert len(items) >= 10


#: What a stem says when it describes each emergency red flag.
EMERGENCY_IN_STEMS = {
    "saddle numbness": r"numbness between (her|his|your) legs|numbness around",
    "bladder or bowel": r"passing urine|control (his|her|your) bowels",
    "both legs": r"both of [\w']+ legs|both legs",
    "fall": r"\bfall\b|slipped",
    "pulmonary embolism": r"hard to breathe|breathless",
    "over-sedation": r"hard to wake",
    "thoughts of suicide": r"end (her|his|your) life",
}
EMERGENCY_KEY = re.compile(r"999|911|emergency department|emergency help|emergency care")


def test_one_go_to_the_emergency_department_item_per_distinct_red_flag() -> None:
    """The review's cluster: eleven items taught the same "go to ED now" for one sign."""
    flags: Counter[str] = Counter()
    items = [i for i in bank_stats.bank() if i.file in SAFETY_QUIZ_FILES and i.type == "single"]
    for item in items:
        key = item.options[item.keys[0]][0]
        if EMERGENCY_KEY.search(key):
            named = [f for f, p in EMERGENCY_IN_STEMS.items() if re.search(p, item.stem, re.I)]
            assert named, f"{item.id}: an emergency key with no emergency sign in the stem"
            flags.update(named)
    assert flags and max(flags.values()) == 1, flags
    # The other tiers are practised too: "today" keys, and a routine sort.
    today = [i for i in items if re.search(r"\btoday\b", i.options[i.keys[0]][0])]
    assert len(today) >= 4, [i.id for i in today]
    routine = [
        i
        for i in bank_stats.bank()
        if i.file == "when-to-seek-help.md" and i.type == "multiple" and "next" in i.stem
    ]
    assert routine
