"""``questions.gift``: Moodle's GIFT format, one category per topic.

Every part is written as HTML (``[html]``, which answers and feedback inherit).
GIFT's special characters ``~ = # { } :`` and the backslash are escaped with a
backslash and a newline becomes ``\\n``, so the question is one block with no
blank line. Braces inside the HTML are written as character references
(``&#123;``) first: they read the same in Moodle, and no GIFT reader can take
an escaped ``\\}`` for the end of the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fbss_quiz.exporters.bank import Bank, BankQuestion, kind_problem, review_html
from fbss_quiz.model import Rule

FILENAME = "questions.gift"
SPECIAL = "\\~=#{}:"

#: The grades Moodle accepts for an answer (``question_bank::fraction_options_full``),
#: in percent; an import with any other weight fails.
MOODLE_GRADES = (
    100.0,
    90.0,
    83.33333,
    80.0,
    75.0,
    70.0,
    66.66667,
    60.0,
    50.0,
    40.0,
    33.33333,
    30.0,
    25.0,
    20.0,
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10.0,
    5.0,
)


def image_url(baseurl: str) -> Callable[[str], str]:
    # GIFT cannot carry files: point at the published site's copy when we know it.
    base = f"{baseurl.rstrip('/')}/_images/" if baseurl else "_images/"
    return lambda name: base + name


def escape(text: str) -> str:
    """Escape GIFT's special characters and line breaks."""
    escaped = "".join("\\" + char if char in SPECIAL else char for char in text)
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


#: What Moodle's GIFT import reads as syntax at the start of a text (after trimming
#: it), and the character reference that reads the same without being syntax:
#: ``[word]`` names a text format, ``%50%`` gives an answer 50 % of the grade
#: (``qformat_gift::readquestion``). ``=``, ``~`` and ``#`` are escaped anyway.
LEADING_SYNTAX = {"[": "&#91;", "%": "&#37;"}


def escape_html(html: str) -> str:
    html = html.replace("{", "&#123;").replace("}", "&#125;").lstrip()
    if html[:1] in LEADING_SYNTAX:
        html = LEADING_SYNTAX[html[0]] + html[1:]
    return escape(html)


def _grade(percent: float) -> str:
    text = f"{percent:.5f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _share(count: int) -> float | None:
    """100/count if Moodle accepts it as a grade."""
    share = round(100.0 / count, 5)
    return share if any(abs(share - grade) < 0.001 for grade in MOODLE_GRADES) else None


def weights(question: BankQuestion) -> list[float] | None:
    """Multiple response: right options share 100%, wrong ones -100%, so that
    choosing every option scores 0. None when Moodle cannot take the shares."""
    correct = set(question.correct)
    wrong_count = len(question.record.options) - len(correct)
    right = _share(len(correct))
    wrong = _share(wrong_count) if wrong_count else 0.0
    if right is None or wrong is None:
        return None
    return [right if i in correct else -wrong for i in range(len(question.record.options))]


def _select_all(question: BankQuestion) -> bool:
    """GIFT writes questions of one group: 0/1 (``=`` and ``~``), or any other rule
    (select-all, select-N) as Moodle's multiple answer, with weights: several ``=``
    would make Moodle take any one of them as the whole answer."""
    return question.record.groups[0].rule != Rule.ONE


def unsupported(question: BankQuestion) -> str | None:
    problem = kind_problem(question, "gift", "GIFT has no question type {type!r}")
    if problem is not None:
        return problem
    if not _select_all(question) and len(question.record.options) < 2:
        return "Moodle reads a single-choice question with one option as a short answer"
    if _select_all(question) and weights(question) is None:
        return (
            "Moodle accepts only grades such as 50%, 33.33333% or 25%, and 100% cannot be "
            f"shared among {len(question.correct)} right and "
            f"{len(question.record.options) - len(question.correct)} wrong options"
        )
    return None


def category_line(bank: Bank, topic: str | None) -> str:
    path = [bank.project]
    if topic is not None:
        path.append(bank.topic_label(topic))
    # In a category path "/" separates levels; a literal one is doubled.
    names = [" ".join(name.replace("/", "//").split()) for name in path]
    return "$CATEGORY: $course$/" + "/".join(names)


def _comment_value(text: str) -> str:
    return " ".join(text.replace("\\", "\\\\").replace("]", "\\]").split())


def question_text(question: BankQuestion) -> str:
    record = question.record
    lines = [f"// [id:{_comment_value(record.id)}]"]
    if record.topics:
        lines[0] += " " + " ".join(f"[tag:{_comment_value(t)}]" for t in record.topics)
    lines.append(f"::{escape(record.id)}::[html]{escape_html(question.stem_html)} {{")
    grades = weights(question) if _select_all(question) else None
    for index, option in enumerate(record.options):
        if grades is not None:
            mark = f"~%{_grade(grades[index])}%"
        else:
            mark = "=" if option.correct else "~"
        line = mark + escape_html(question.options_html[index])
        rationale = question.rationales_html[index]
        if rationale:
            line += "#" + escape_html(rationale)
        lines.append(line)
    general = question.explanation_html + review_html(question)
    lines.append("####" + escape_html(general))
    lines.append("}")
    return "\n".join(lines)


def write(bank: Bank, path: Path) -> None:
    order = list(bank.topics)
    groups: dict[str | None, list[BankQuestion]] = {}
    for question in bank.questions:
        first = question.record.topics[0] if question.record.topics else None
        groups.setdefault(first, []).append(question)

    def rank(topic: str | None) -> tuple[int, str]:
        if topic is None:
            return (-1, "")
        return (order.index(topic), topic) if topic in order else (len(order), topic)

    blocks = [
        f"// {' '.join(bank.project.split())} {bank.version}: question bank exported by fbss_quiz",
    ]
    for topic in sorted(groups, key=rank):
        blocks.append(category_line(bank, topic))
        blocks.extend(question_text(q) for q in groups[topic])
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


class GiftExporter:
    name = "gift"
    filename = FILENAME
    images_beside = False

    def available(self) -> str | None:
        return None

    def image_url(self, baseurl: str) -> Callable[[str], str]:
        return image_url(baseurl)

    def unsupported(self, question: BankQuestion) -> str | None:
        return unsupported(question)

    def write(self, bank: Bank, path: Path) -> None:
        write(bank, path)


EXPORTER = GiftExporter()
