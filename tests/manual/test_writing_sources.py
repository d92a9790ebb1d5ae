"""The manual's writing sources live in the repository (writing/), and the manual agrees
with them: every key a chapter cites is a checked source, copied unchanged."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

WRITING = ROOT / "writing"
ENTRY = re.compile(r"^@\w+\{(?P<key>[^,\s]+),.*?^\}", re.S | re.M)
CITE = re.compile(r"\{cite(?::\w+)?\}`(?P<keys>[^`]+)`")


def entries(path: Path) -> dict[str, str]:
    return {m["key"]: m.group(0) for m in ENTRY.finditer(path.read_text(encoding="utf-8"))}


def test_the_sources_an_author_needs_are_in_the_repository() -> None:
    facts = (WRITING / "CLINICAL_FACTS.md").read_text(encoding="utf-8")
    assert "## Facts beyond the seed (cite the key)" in facts
    assert "## Tensions to state openly" in facts
    assert "Failed back surgery syndrome (FBSS)" in (WRITING / "seed-article.txt").read_text(
        encoding="utf-8"
    )
    library = entries(WRITING / "references.bib")
    table = facts.split("## Facts beyond the seed", 1)[1].split("## Tensions", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]  # no header
    assert len(rows) > 40
    for row in rows:
        for key in row.rstrip(" |").rsplit("|", 1)[1].split(","):
            assert key.strip() in library, f"CLINICAL_FACTS cites {key.strip()!r}: not a source"


def test_every_cited_key_is_a_checked_source_copied_unchanged() -> None:
    library = entries(WRITING / "references.bib")
    manual = entries(ROOT / "docs" / "references.bib")
    assert manual
    for key, entry in manual.items():
        assert key in library, f"docs/references.bib has {key!r}, writing/references.bib not"
        assert entry == library[key], f"{key!r} differs from writing/references.bib"
    for chapter in sorted((ROOT / "docs").glob("*.md")):
        for cite in CITE.finditer(chapter.read_text(encoding="utf-8")):
            for key in cite["keys"].split(","):
                assert key.strip() in manual, f"{chapter.name} cites {key.strip()!r}"


def test_readme_and_contributing_point_at_the_copies_in_the_repository() -> None:
    for name in ("README.md", "CONTRIBUTING.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "shared/content" not in text and "../" not in text, name
        for target in re.findall(r"\]\((?!https?://|#)([^)#\s]+)", text):
            assert (ROOT / target).exists(), f"{name} links to missing {target}"
    assert "writing/CLINICAL_FACTS.md" in (ROOT / "README.md").read_text(encoding="utf-8")
