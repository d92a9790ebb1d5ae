"""Sources for the benchmarks: generated books of any size, and the manual without quizzes.

Everything here writes plain files; ``run.py`` builds and times them.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

QUESTIONS_PER_PAGE = 10

BOOK_CONF = """
project = "Generated quiz book"
author = "bench"
copyright = "2026, bench"
version = release = "1.0"
extensions = ["myst_parser", "sphinx_design", "fbss_quiz"]
myst_enable_extensions = ["colon_fence"]
fbss_quiz_topics = {"causes": "Causes", "symptoms": "Symptoms", "treatments": "Treatments"}
fbss_quiz_require_rationale = True
html_last_updated_fmt = None
html_copy_source = False
"""

TOPICS = ("causes", "symptoms", "treatments")


def question_text(page: int, number: int) -> str:
    """One question, shaped like the manual's: stem, four options with rationales,
    an explanation; every third one select-all-that-apply."""
    multiple = number % 3 == 0
    marks = ["x", " ", "x", " "] if multiple else [" ", "x", " ", " "]
    options = "\n".join(
        f"- [{mark}] Option {letter} for question {number} on page {page}, a plausible answer\n"
        f"  Why option {letter} is {'right' if mark == 'x' else 'wrong'}: a sentence of "
        "rationale that a student reads after answering."
        for letter, mark in zip("ABCD", marks, strict=True)
    )
    return (
        f":::{{question}}\n"
        f":id: p{page}-q{number}\n"
        f"Question {number} on page {page}: a patient reports leg pain that came back three\n"
        f"months after surgery. Which of these {'are' if multiple else 'is'} most likely?\n\n"
        f"{options}\n\n"
        f"The explanation of question {number}, with the teaching point in one sentence.\n"
        ":::\n"
    )


def page_text(page: int, questions: int, marker: str = "") -> str:
    topic = TOPICS[page % len(TOPICS)]
    body = "\n".join(question_text(page, n) for n in range(1, questions + 1))
    return (
        f"(page-{page})=\n# Chapter {page}\n\n"
        f"Some prose that teaches the topic of chapter {page}. {marker}\n\n"
        f"::::{{quiz}} Check yourself: chapter {page}\n:topic: {topic}\n\n{body}::::\n"
    )


def review_text(topic: str) -> str:
    """A review page like the manual's: ten questions on one topic drawn from the book."""
    return (
        f"(review-{topic})=\n# Review: {topic}\n\n"
        f"::::{{quiz}} Review: {topic}\n:collect: {topic}\n:limit: 10\n:shuffle:\n::::\n"
    )


def write_book(target: Path, questions: int, theme: str = "furo", *, reviews: bool = True) -> Path:
    """A book of ``questions`` questions, ``QUESTIONS_PER_PAGE`` a page, plus (like the
    manual) one review page per topic that gathers that topic's questions."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    (target / "conf.py").write_text(BOOK_CONF + f"html_theme = {theme!r}\n", encoding="utf-8")
    pages = max(1, questions // QUESTIONS_PER_PAGE)
    for page in range(1, pages + 1):
        per_page = min(QUESTIONS_PER_PAGE, questions - (page - 1) * QUESTIONS_PER_PAGE)
        (target / f"page{page}.md").write_text(page_text(page, per_page), encoding="utf-8")
    toc = "\n".join(f"page{page}" for page in range(1, pages + 1))
    if reviews:
        for topic in TOPICS:
            (target / f"review-{topic}.md").write_text(review_text(topic), encoding="utf-8")
        toc += "".join(f"\nreview-{topic}" for topic in TOPICS)
    (target / "index.md").write_text(
        f"# Generated quiz book\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n", encoding="utf-8"
    )
    return target


def prose_text(page: int) -> str:
    """A chapter's teaching text: three sections of two short paragraphs (about 300
    words), with the inline markup a chapter has (emphasis, a literal, a cross-reference)."""
    sections = []
    for section in range(1, 4):
        sections.append(
            f"## Section {section} of chapter {page}\n\n"
            f"This paragraph explains one point of chapter {page} in plain words. Pain that "
            "comes back after spine surgery has *several* possible causes, and each of them "
            "is assessed in its own way before a treatment is chosen. A nurse asks when the "
            "pain started, where it is felt and what makes it better or worse.\n\n"
            f"A second paragraph gives an example for section {section}: a patient writes "
            "down a pain score each morning in a `diary`, and brings it to the next visit. "
            f"See {{ref}}`the first chapter <page-1>` for the words used here.\n"
        )
    return "\n".join(sections)


def write_small_book(
    target: Path, pages: int = 12, questions: int = 5, theme: str = "alabaster"
) -> Path:
    """The peers' comparison: a book of ``pages`` pages (the index included) whose
    chapters teach in prose, ``questions`` of them ending with a quiz of one question
    shaped like the manual's, spread evenly over the book; no review page."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    (target / "conf.py").write_text(BOOK_CONF + f"html_theme = {theme!r}\n", encoding="utf-8")
    chapters = pages - 1
    with_quiz = {1 + (2 * n + 1) * chapters // (2 * questions) for n in range(questions)}
    for page in range(1, chapters + 1):
        text = f"(page-{page})=\n# Chapter {page}\n\n{prose_text(page)}"
        if page in with_quiz:
            topic = TOPICS[page % len(TOPICS)]
            text += (
                f"\n::::{{quiz}} Check yourself: chapter {page}\n:topic: {topic}\n\n"
                f"{question_text(page, 1)}::::\n"
            )
        (target / f"page{page}.md").write_text(text, encoding="utf-8")
    toc = "\n".join(f"page{page}" for page in range(1, chapters + 1))
    (target / "index.md").write_text(
        f"# A small book\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n", encoding="utf-8"
    )
    return target


def edit_one_chapter(book: Path, page: int = 1) -> None:
    """What an author does between two builds: change the text of one chapter."""
    path = book / f"page{page}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")


# --- the manual without quizzes ----------------------------------------------------

#: The opening fence of a directive of the extension (``quiz``, ``question``, ``case``,
#: ``quiz-progress``, ``answer-key``), in colons or backticks; group 1 is the fence that
#: closes it.
_FENCE = re.compile(
    r"^(:{3,}|`{3,})\{(?P<name>quiz[\w-]*|question|case|answer-key)\}\s*(?P<arg>.*)$"
)
_DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:( .*)?$")
_OPTION_MARK = re.compile(r"^([-*]) \[[ xX]\] ")


@dataclass
class PlainQuestion:
    topics: set[str]
    lines: list[str]


@dataclass
class _Open:
    closer: str
    name: str
    options: dict[str, str] = field(default_factory=dict)


def _plain(text: str, bank: list[PlainQuestion] | None = None) -> tuple[str, list[PlainQuestion]]:
    """Replace every quiz directive with plain text of the same content.

    Titles become bold paragraphs, options a bullet list with each rationale under
    its option; fences and directive options disappear. A review quiz
    (``:collect:``) becomes the plain text of every question it gathers, as its web
    page holds them all. Also returns this text's own questions with their topics.
    """
    out: list[str] = []
    found: list[PlainQuestion] = []
    stack: list[_Open] = []
    in_options = False
    for line in text.splitlines():
        fence = _FENCE.match(line)
        if fence:
            stack.append(_Open(fence.group(1), fence.group("name")))
            if fence.group("arg").strip():
                out += [f"**{fence.group('arg').strip()}**", ""]
            if fence.group("name") == "question":
                found.append(PlainQuestion(set(), []))
            in_options = True
            continue
        if stack and in_options and _DIRECTIVE_OPTION.match(line):
            key, _, value = line[1:].partition(":")
            stack[-1].options[key] = value.strip()
            continue
        if stack and in_options:
            in_options = False
            _opened(stack, found, out, bank)
        if stack and line.strip() == stack[-1].closer:
            if in_options:  # a directive with no body
                in_options = False
                _opened(stack, found, out, bank)
            stack.pop()
            out.append("")
            continue
        plain = _OPTION_MARK.sub(r"\1 ", line) if stack else line
        out.append(plain)
        if stack and stack[-1].name == "question":
            found[-1].lines.append(plain)
    return "\n".join(out) + "\n", found


def _opened(
    stack: list[_Open],
    found: list[PlainQuestion],
    out: list[str],
    bank: list[PlainQuestion] | None,
) -> None:
    """The options of the innermost directive are read: note topics, expand reviews."""
    top = stack[-1]
    if top.name == "question":
        topics = set(top.options.get("topic", "").split())
        for outer in stack[:-1]:
            topics |= set(outer.options.get("topic", "").split())
        found[-1].topics = topics
    elif top.name == "quiz" and "collect" in top.options and bank is not None:
        wanted = set(top.options["collect"].split())
        for question in bank:
            if "all" in wanted or question.topics & wanted:
                out += [*question.lines, ""]


def reading_order(docs: Path) -> list[Path]:
    """The chapters in the root toctree's order (the manual has one, flat)."""
    index = (docs / "index.md").read_text(encoding="utf-8")
    names = []
    for block in re.findall(r"```\{toctree\}\n(.*?)```", index, re.S):
        names += [n.strip() for n in block.splitlines() if n.strip() and not n.startswith(":")]
    return [docs / "index.md"] + [docs / f"{n}.md" for n in names if (docs / f"{n}.md").exists()]


#: Appended to the plain book's conf.py when the extension goes too: the rest of the
#: configuration (its ``fbss_quiz_*`` values included, which Sphinx then ignores) is kept.
WITHOUT_EXTENSION = """

# bench/books.py: the same book without the quiz extension.
extensions = [name for name in extensions if name != "fbss_quiz"]
"""


def write_plain_book(src: Path, target: Path, *, keep_extension: bool = True) -> Path:
    """A copy of the book ``src`` whose pages hold no directive of the extension, each
    replaced by plain text of the same content (see ``_plain``). With ``keep_extension``
    conf.py is unchanged (the extension is loaded and has nothing to do); without it,
    ``fbss_quiz`` leaves ``extensions`` (a book that never used the extension)."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(src, target, ignore=shutil.ignore_patterns("_build"))
    bank: list[PlainQuestion] = []
    for path in reading_order(src):
        bank += _plain(path.read_text(encoding="utf-8"))[1]
    for path in target.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(_plain(text, bank)[0], encoding="utf-8")
    if not keep_extension:
        conf = target / "conf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + WITHOUT_EXTENSION, encoding="utf-8")
    return target


def write_one_page_book(target: Path, questions: int) -> Path:
    """A single page holding ``questions`` questions, in quizzes of ten (browser speed)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    (target / "conf.py").write_text(BOOK_CONF + 'html_theme = "furo"\n', encoding="utf-8")
    quizzes = []
    for quiz in range(1, questions // QUESTIONS_PER_PAGE + 1):
        body = "\n".join(question_text(quiz, n) for n in range(1, QUESTIONS_PER_PAGE + 1))
        quizzes.append(f"::::{{quiz}} Quiz {quiz}\n:topic: causes\n\n{body}::::\n")
    (target / "index.md").write_text(
        f"# {questions} questions on one page\n\n" + "\n".join(quizzes), encoding="utf-8"
    )
    return target
