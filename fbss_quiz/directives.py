"""The ``quiz``, ``case`` and ``question`` directives: author text in, generic quiz
nodes out.

A question's body is read by its kind (``fbss_quiz/kinds/``, found by ``:type:``):
the kind's pure parser gives the located problems and the question's record, and
its ``build`` makes the doctree, with each part (stem, option label, rationale,
explanation) parsed by the page's own parser (MyST or rST), so roles such as
``{term}`` and ``{cite}`` work inside questions exactly as they do in prose. The
node carries the record. What depends on where a directive stands (its quiz's
topics, nesting) is settled afterwards, by ``fbss_quiz/context.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from fbss_quiz import compat
from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.item_review import RULES, parse_allow, short_name
from fbss_quiz.kinds import BY_NAME, Kind, kind_for
from fbss_quiz.model import CLINICAL_JUDGMENT_STEPS, COGNITIVE_LEVELS, split_topics
from fbss_quiz.syntax import Block

#: The options of a review quiz, checked once its place is known (``context.py``).
REVIEW_OPTIONS = ("collect", "limit", "pool")
#: ``:mode:`` values: feedback per question (the default) or once the quiz is submitted.
QUIZ_MODES = ("quiz", "exam")
#: The longest ``:time-limit:``, in minutes (a day).
MAX_MINUTES = 1440


def yes_no(argument: str | None) -> bool:
    """``:shuffle:`` alone means yes; ``:shuffle: no`` turns the default off."""
    if argument is None or not argument.strip():
        return True
    value = argument.strip().lower()
    if value in {"yes", "true", "on", "1"}:
        return True
    if value in {"no", "false", "off", "0"}:
        return False
    raise ValueError(f"expected yes or no, not {argument!r}")


class _QuizDirectiveBase(SphinxDirective):
    def inline(
        self, text: str, line: int, part: str, report_raw: bool = True
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Parse one line of inline markup (a title or a label), reporting problems at
        source ``line``. Raw HTML in it becomes text (see :func:`raw_as_text`)."""
        if compat.plain_text(text) and compat.plain_parser(self):
            # Plain words: the one ``Text`` the parse would give (``compat.plain_text``).
            compat.count_words(self, [text])
            return [nodes.Text(text)], []
        parsed, messages = self.parse_inline(text, lineno=compat.inline_lineno(self, line))
        parsed, raw = raw_as_text(parsed)
        if raw and report_raw:
            warn(
                Subtype.RAW_HTML,
                f"raw HTML {', '.join(dict.fromkeys(raw))} in the {part} {text!r} is shown "
                "as text: titles and labels take Markdown (**bold**, *italic*), not HTML; "
                "put a backslash before a '<' meant as text",
                (self.env.docname, line),
            )
        return parsed, messages

    def where(self, index: int = -1) -> tuple[str, int]:
        return (self.env.docname, compat.body_line(self, index))

    def check_topics(self, value: str | None) -> list[str]:
        topics = split_topics(value)
        declared = self.config.fbss_quiz_topics
        known = []
        for topic in topics:
            if topic in declared:
                known.append(topic)
            else:
                choices = ", ".join(sorted(declared)) or "none declared yet"
                warn(
                    Subtype.UNKNOWN_TOPIC,
                    f"unknown topic {topic!r}: declare it in conf.py as "
                    f'fbss_quiz_topics = {{"{topic}": "Label", ...}} or use one of: {choices}',
                    self.where(),
                )
        return known

    def shuffle_option(self) -> bool | None:
        """``:shuffle:`` as given (a bad value is a warning), or ``None`` to inherit."""
        if "shuffle" not in self.options:
            return None
        try:
            return yes_no(self.options["shuffle"])
        except ValueError as error:
            warn(
                Subtype.CONFIG,
                f"':shuffle:' {error}: write ':shuffle:' or ':shuffle: no'",
                self.where(),
            )
            return None


class QuizDirective(_QuizDirectiveBase):
    """A titled group of questions, with optional text between them."""

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "topic": directives.unchanged,
        "shuffle": directives.unchanged,
        "collect": directives.unchanged,
        "limit": directives.unchanged,
        "pool": directives.unchanged,
        "mode": directives.unchanged,
        "time-limit": directives.unchanged,
        "class": directives.class_option,
    }

    #: ``case`` sets this: an unfolding case study, scored in points.
    is_case = False

    def run(self) -> list[nodes.Node]:
        node = qn.quiz(case=self.is_case)
        self.set_source_info(node)
        node["classes"] += self.options.get("class", [])
        node["topics"] = self.check_topics(self.options.get("topic"))
        node["shuffle"] = self.shuffle_option()
        node["review"] = {
            name: self.options[name] for name in REVIEW_OPTIONS if name in self.options
        }
        node["exam"] = self._exam()
        node["time_limit"] = self._time_limit(node["exam"])
        if self.arguments:
            title_nodes, messages = self.inline(
                self.arguments[0], self.lineno, f"{'case' if self.is_case else 'quiz'} title"
            )
            title = nodes.rubric(self.arguments[0], "", *title_nodes, classes=["fbss-quiz-title"])
            self.set_source_info(title)
            node += title
            node += messages
        offset = self.content_offset - compat.phantom_line(self)
        self.state.nested_parse(self.content, offset, node)
        return [node]

    def _exam(self) -> bool:
        """``:mode: exam``: no feedback per question, one Submit at the end."""
        raw = self.options.get("mode")
        if raw is None:
            return False
        value = raw.strip().lower()
        if value in QUIZ_MODES:
            return value == "exam"
        warn(
            Subtype.EXAM,
            f"unknown ':mode:' {raw.strip()!r}: write ':mode: exam' (feedback once the whole "
            "quiz is submitted) or leave ':mode:' out (feedback per question); "
            "the quiz gives feedback per question",
            (self.env.docname, self.lineno),
        )
        return False

    def _time_limit(self, exam: bool) -> int | None:
        """``:time-limit:`` in whole minutes, for an exam only (a countdown that never
        ends the attempt by itself)."""
        raw = self.options.get("time-limit")
        if raw is None:
            return None
        try:
            minutes = int(str(raw).strip())
        except ValueError:
            minutes = 0
        problem = ""
        if minutes < 1 or minutes > MAX_MINUTES:
            problem = (
                f"':time-limit:' must be a whole number of minutes from 1 to {MAX_MINUTES}, "
                f"not {str(raw).strip()!r}"
            )
        elif not exam:
            problem = "':time-limit:' only applies to a quiz with ':mode: exam'"
        if problem:
            warn(
                Subtype.EXAM, problem + " (no countdown is shown)", (self.env.docname, self.lineno)
            )
            return None
        return minutes


class CaseDirective(QuizDirective):
    """An unfolding case study: a scenario, then questions; the text between them
    tells what changed. The web page shows the total in points once all are checked."""

    is_case = True


#: The options every question takes.
QUESTION_OPTIONS: dict[str, Any] = {
    "id": directives.unchanged,
    "topic": directives.unchanged,
    "type": directives.unchanged,
    "shuffle": directives.unchanged,
    "step": directives.unchanged,
    "level": directives.unchanged,
    "allow": directives.unchanged,
    "class": directives.class_option,
}


def _options_of_kinds() -> dict[str, list[str]]:
    """The options that some kinds take of their own (``:select:``), each with the
    ``:type:`` values that take it."""
    found: dict[str, list[str]] = {}
    for kind in BY_NAME.values():
        for name in kind.options:
            found.setdefault(name, []).extend(kind.types)
    return found


KIND_OPTIONS = _options_of_kinds()


class PracticeDirective(QuizDirective):
    """The practice queue: a review quiz over the whole book (or ``:collect:`` topics)
    whose set of ``:limit:`` questions the browser picks by the reader's schedule
    (wrong answers first; ``static/src/schedule.js``) instead of at random."""

    option_spec: ClassVar[dict[str, Any]] = {
        "collect": directives.unchanged,
        "limit": directives.unchanged,
        "class": directives.class_option,
    }

    #: How many questions a set has when ``:limit:`` is not given.
    DEFAULT_LIMIT = "10"

    def run(self) -> list[nodes.Node]:
        self.options.setdefault("collect", "all")
        self.options.setdefault("limit", self.DEFAULT_LIMIT)
        result = super().run()
        quiz = result[0]
        assert isinstance(quiz, qn.quiz)
        quiz["practice"] = True
        quiz["classes"].append("fbss-practice")
        return result


class QuestionDirective(_QuizDirectiveBase):
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        **QUESTION_OPTIONS,
        **{name: directives.unchanged for name in KIND_OPTIONS},
    }

    def run(self) -> list[nodes.Node]:
        declared = self.options.get("type") or ""
        kind = kind_for(declared)
        parsed = kind.parse(declared, list(self.content), self.config.fbss_quiz_require_rationale)
        kind.apply_options(parsed, self._kind_options(kind))
        left_out = parsed.left_out()
        for problem in parsed.problems:
            warn(
                problem.subtype,
                problem.message + ("" if problem.keeps_question else " (question left out)"),
                self.where(problem.line),
            )
        if left_out:
            return []
        node = qn.question()
        self.set_source_info(node)
        node["classes"] += self.options.get("class", [])
        record = replace(
            parsed.record(),
            id=(self.options.get("id") or "").strip(),
            topics=tuple(self.check_topics(self.options.get("topic"))),
            shuffle=self.shuffle_option(),
            step=self._step(),
            level=self._level(),
            allow=self._allow(),
        )
        node.extend(kind.build(parsed, _QuestionParts(self)))
        node["record"] = record
        return [node]

    def _kind_options(self, kind: Kind) -> dict[str, str]:
        """The options of ``kind`` that the author gave; one that only another kind
        takes is a warning, and ignored."""
        own = {}
        for name, value in self.options.items():
            if name in kind.options:
                own[name] = value or ""
            elif name in KIND_OPTIONS:
                types = " or ".join(f"':type: {t}'" for t in KIND_OPTIONS[name])
                warn(
                    Subtype.CONFIG,
                    f"':{name}:' belongs to {types}, not to this question: remove it, or "
                    "give the question that type (the option is ignored)",
                    self.where(),
                )
        return own

    def _step(self) -> str:
        raw = (self.options.get("step") or "").strip().lower().replace(" ", "-")
        if raw and raw not in CLINICAL_JUDGMENT_STEPS:
            warn(
                Subtype.UNKNOWN_STEP,
                f"unknown clinical-judgment step {raw!r}: use one of "
                f"{', '.join(CLINICAL_JUDGMENT_STEPS)} (the step is left out)",
                self.where(),
            )
            return ""
        return raw

    def _allow(self) -> tuple[str, ...]:
        """The item-review rules ``:allow:`` names; a name that is none is warned about
        and ignored (the question stays)."""
        rules, unknown = parse_allow(self.options.get("allow"))
        if unknown:
            names = ", ".join(short_name(rule) for rule in RULES)
            warn(
                Subtype.CONFIG,
                f"':allow:' names no item-review rule in {', '.join(map(repr, unknown))} "
                f"(ignored): use rule names among {names}, separated by spaces",
                self.where(),
            )
        return tuple(sorted(rules))

    def _level(self) -> str:
        raw = (self.options.get("level") or "").strip().lower()
        if raw and raw not in COGNITIVE_LEVELS:
            warn(
                Subtype.UNKNOWN_LEVEL,
                f"unknown cognitive level {raw!r}: use one of {', '.join(COGNITIVE_LEVELS)} "
                "(the revised Bloom levels; the level is left out)",
                self.where(),
            )
            return ""
        return raw


class _QuestionParts:
    """The question directive's parser, lent to its kind's ``build``
    (:class:`~fbss_quiz.kinds.base.PartBuilder`)."""

    def __init__(self, directive: QuestionDirective) -> None:
        self.directive = directive
        #: In an open :meth:`batch`: the blocks put off, with their containers.
        self._pending: list[tuple[Block, nodes.Element]] | None = None

    def block(self, block: Block, container: nodes.Element) -> None:
        if not self._pending and compat.plain_paragraph_nodes(
            self.directive, block.start, block.lines, container
        ):
            # Plain paragraphs, made without a parse; only when nothing before them waits
            # for a parse, so the document still sees every block in order.
            return
        if self._pending is not None and compat.joinable(self.directive, block):
            self._pending.append((block, container))
            return
        self._flush()
        self._parse(block, container)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Blocks asked for inside are parsed together, in one parse, when it closes
        (MyST's cost per parse is most of what a short rationale costs). Only what
        cannot tell the difference is put off (``compat.joinable``), and anything that
        could (``compat.parsed_alone``) is parsed after the blocks before it: the
        document sees every block, footnote and warning in the same order as without
        a batch."""
        self._flush()
        outer, self._pending = self._pending, []
        try:
            yield
            self._flush()
        finally:
            self._pending = outer

    def _flush(self) -> None:
        """Parse the blocks put off so far."""
        pending = self._pending
        if not pending:
            return
        self._pending = []
        joined = compat.joined_blocks([block for block, _ in pending])
        if joined is None or not self._parse_joined(joined, [c for _, c in pending]):
            for block, container in pending:
                self._parse(block, container)

    def _parse(self, block: Block, container: nodes.Element) -> None:
        self._nested_parse(block.start, list(block.lines), container)

    def _parse_joined(self, joined: compat.JoinedBlocks, containers: list[nodes.Element]) -> bool:
        """Parse ``joined`` once and give each container its block's nodes; False
        (nothing given) when the separators did not come back as expected."""
        holder = nodes.Element()
        self._nested_parse(joined.first, joined.lines, holder)
        pieces = compat.split_joined(holder.children, len(containers))
        if pieces is None:
            return False
        holder.children = []
        for piece, container in zip(pieces, containers, strict=True):
            container.extend(piece)
        return True

    def _nested_parse(self, start: int, lines: list[str], container: nodes.Element) -> None:
        """Parse body lines ``start``... as markup into ``container``."""
        content = self.directive.content
        items = [content.items[start + k] for k in range(len(lines))]
        offset = self.directive.content_offset + start
        self.directive.state.nested_parse(StringList(lines, items=items), offset, container)

    def inline(
        self, text: str, line: int, part: str, report_raw: bool = True
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if not compat.parsed_alone(text):
            self._flush()
        source_line = compat.body_line(self.directive, line)
        return self.directive.inline(text, source_line, part, report_raw)

    def source_info(self, node: nodes.Element) -> None:
        self.directive.set_source_info(node)


def raw_as_text(parsed: list[nodes.Node]) -> tuple[list[nodes.Node], list[str]]:
    """``parsed`` with every raw node (MyST's inline HTML, an rST ``raw`` role) made
    plain text, and the raw snippets found.

    Titles and labels reach places where markup cannot go (a drop-down's choices,
    a column header, an exported field, an ePub's XHTML, which raw HTML can make
    malformed), so they hold text and inline markup only, in every output alike.
    """
    holder = nodes.inline("", "", *parsed)
    found = []
    for raw in list(holder.findall(nodes.raw)):
        found.append(raw.astext())
        raw["classes"] = []  # an rST role's class name, which means nothing on text
        raw.replace_self(nodes.Text(raw.astext()))
    return list(holder.children), found


class AnswerKeyDirective(SphinxDirective):
    """Place the whole book's answer key here (ePub, PDF and text; HTML for instructors)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = qn.answer_key()
        self.set_source_info(node)
        node["ids"] = ["fbss-answer-key"]
        return [node]


class BlueprintDirective(SphinxDirective):
    """Tables of the whole bank for instructors (``fbss_quiz/blueprint.py``)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = qn.quiz_blueprint()
        self.set_source_info(node)
        serial = self.env.new_serialno("fbss-blueprint")
        node["ids"] = [nodes.make_id(f"fbss-blueprint-{self.env.docname}-{serial}")]
        return [node]


class ProgressDirective(SphinxDirective):
    """A per-topic summary of the reader's own answers, kept in their browser."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = qn.quiz_progress()
        self.set_source_info(node)
        serial = self.env.new_serialno("fbss-progress")
        node["ids"] = [nodes.make_id(f"fbss-progress-{self.env.docname}-{serial}")]
        return [node]
