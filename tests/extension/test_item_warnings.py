"""Item review in a real build: one located warning per flaw, none on the clean twin.

The book (``tests/item_review_book.py``) holds one flaw per rule; its twin mends each.
Both are built in MyST and in reStructuredText, serially, in parallel and again
incrementally, and ``:allow:``, ``suppress_warnings`` and the configuration values are
checked where an author meets them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from item_review_book import FLAWED_AT, myst_book, rst_book

from fbss_quiz import item_review
from fbss_quiz.diagnostics import Subtype

from conftest import Built, run_build, write_project

ON = "fbss_quiz_item_review = True\n"
WARNING = re.compile(
    r"^(?:\x1b\[\d+m)?(?P<path>\S+?):(?P<line>\d+): WARNING: (?P<message>.*) "
    r"\[fbss_quiz\.(?P<subtype>[\w-]+)\]",
    re.M,
)


def book(syntax: str, clean: bool) -> dict[str, str]:
    return myst_book(clean) if syntax == "myst" else rst_book(clean)


def warnings_of(built: Built) -> list[tuple[str, int, str, str]]:
    """(file, line, subtype, message) of every fbss_quiz warning, in the order given."""
    return [
        (Path(m["path"]).name, int(m["line"]), m["subtype"], m["message"])
        for m in WARNING.finditer(built.warnings)
    ]


def directive_line(files: dict[str, str], qid: str) -> tuple[str, int]:
    """The file and line of the ``question`` directive with ``:id: qid``."""
    for name, text in files.items():
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() == f":id: {qid}":
                return name, number - 1
    raise AssertionError(f"no question {qid!r}")


def with_option(files: dict[str, str], qid: str, option: str) -> dict[str, str]:
    """``files`` with ``option`` (``:allow: ...``) added to question ``qid``."""
    out = {}
    for name, text in files.items():
        lines = text.splitlines()
        for k, line in enumerate(lines):
            if line.strip() == f":id: {qid}":
                indent = line[: len(line) - len(line.lstrip())]
                lines.insert(k + 1, indent + option)
                break
        out[name] = "\n".join(lines) + "\n"
    return out


@pytest.mark.parametrize("syntax", ["myst", "rst"])
def test_one_located_warning_per_flaw_and_none_on_the_clean_twin(
    build: Callable[..., Built], syntax: str
) -> None:
    files = book(syntax, clean=False)
    found = warnings_of(build(files, conf=ON))
    expected = {(*directive_line(files, qid), rule) for rule, qid in FLAWED_AT.items()}
    assert {(f, line, rule) for f, line, rule, _ in found} == expected
    assert len(found) == len(FLAWED_AT) == len(item_review.RULES)
    # Each says how to fix it.
    assert all(":" in message and len(message) > 60 for *_, message in found)
    clean = build(book(syntax, clean=True), conf=ON)
    assert clean.warnings == ""


def test_the_warnings_come_in_reading_order(build: Callable[..., Built]) -> None:
    found = warnings_of(build(myst_book(clean=False), conf=ON))
    assert [rule for _, _, rule, _ in found] == list(FLAWED_AT)


@pytest.mark.parametrize("syntax", ["myst", "rst"])
def test_allow_silences_each_flaw_on_its_question(build: Callable[..., Built], syntax: str) -> None:
    files = book(syntax, clean=False)
    for rule, qid in FLAWED_AT.items():
        files = with_option(files, qid, f":allow: {item_review.short_name(rule)}")
    assert build(files, conf=ON).warnings == ""


def test_an_unknown_allow_name_is_warned_about_at_its_question(
    build: Callable[..., Built],
) -> None:
    files = with_option(myst_book(clean=True), "longest", ":allow: longest-key, no-such-rule")
    found = warnings_of(build(files, conf=ON))
    assert [(f, line, rule) for f, line, rule, _ in found] == [
        (*directive_line(files, "longest"), "config")
    ]
    assert "'no-such-rule'" in found[0][3] and "longest-key" in found[0][3]


def test_off_by_default_on_by_name_and_suppressible(build: Callable[..., Built]) -> None:
    files = myst_book(clean=False)
    assert build(files).warnings == ""
    named = build(files, conf='fbss_quiz_item_review = ["longest-key", "item-case-steps"]\n')
    assert [rule for _, _, rule, _ in warnings_of(named)] == ["item-longest-key", "item-case-steps"]
    suppressed = build(files, conf=ON + 'suppress_warnings = ["fbss_quiz.item-longest-key"]\n')
    rules = [rule for _, _, rule, _ in warnings_of(suppressed)]
    assert rules == [r for r in FLAWED_AT if r != "item-longest-key"]


def test_every_rule_is_a_documented_subtype() -> None:
    assert {str(s) for s in Subtype if s.startswith("item-")} == set(item_review.RULES)


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ('fbss_quiz_item_review = ["longest", 3]', "names no item-review rule in longest, 3"),
        ("fbss_quiz_item_review = 2.5", "must be a bool or list or tuple or str, not float"),
        ("fbss_quiz_rationale_min_words = 0", "a whole number of words of 1 or more, not 0"),
        ("fbss_quiz_rationale_min_words = True", "a whole number of words of 1 or more"),
        ('fbss_quiz_rationale_min_words = "6"', "must be a int, not str"),
    ],
)
def test_bad_settings_are_warned_about_at_their_line(
    build: Callable[..., Built], setting: str, says: str
) -> None:
    built = build(myst_book(clean=True), conf=setting + "\n")
    conf_lines = (built.srcdir / "conf.py").read_text().splitlines()
    line = next(n for n, text in enumerate(conf_lines, 1) if text == setting)
    found = warnings_of(built)
    assert [(f, n, rule) for f, n, rule, _ in found] == [("conf.py", line, "config")]
    assert says in found[0][3] and "using the default" in found[0][3]


def test_the_rationale_length_is_configurable(build: Callable[..., Built]) -> None:
    # Every rationale of the clean book has 8 words or more.
    conf = 'fbss_quiz_item_review = ["thin-rationale"]\nfbss_quiz_rationale_min_words = {}\n'
    assert build(myst_book(clean=True), conf=conf.format(8)).warnings == ""
    found = warnings_of(build(myst_book(clean=True), conf=conf.format(9)))
    assert found and {rule for _, _, rule, _ in found} == {"item-thin-rationale"}
    assert all("shorter than 9 words" in message for *_, message in found)


def test_serial_parallel_and_incremental_builds_give_the_same_warnings(tmp_path: Path) -> None:
    files = myst_book(clean=False)
    src = tmp_path / "serial"
    write_project(src, files, conf=ON)
    first = warnings_of(run_build(src))
    assert len(first) == len(FLAWED_AT)
    # Nothing changed: nothing is read again, and the book is still reviewed.
    assert warnings_of(run_build(src, fresh=False)) == first
    # One page changed: only it is read again; the whole book is reviewed.
    thin = src / "thin.md"
    thin.write_text(thin.read_text() + "\nA paragraph after the question.\n")
    assert warnings_of(run_build(src, fresh=False)) == first
    parallel = tmp_path / "parallel"
    write_project(parallel, files, conf=ON)
    assert warnings_of(run_build(parallel, parallel=2)) == first
