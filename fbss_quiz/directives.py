"""The ``quiz`` and ``question`` directives: author text in, generic quiz nodes out.

Each part of a question (stem, option label, rationale, explanation) is parsed
by the page's own parser (MyST or rST), so roles such as ``{term}`` and
``{cite}`` work inside questions exactly as they do in prose.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.model import ALL_TOPICS, QuestionType, split_topics
from fbss_quiz.syntax import Block, check_question, parse_question_body

#: Set on the document while a question's body is parsed, to catch nesting.
_INSIDE_QUESTION = "fbss_quiz_inside_question"


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
    def _is_myst(self) -> bool:
        return type(self.state).__module__.startswith("myst_parser")

    def body_line(self, index: int) -> int:
        """The 1-based source line of body line ``index`` (-1: the directive line)."""
        if index < 0:
            return self.lineno
        if self._is_myst():
            # MyST counts the content offset from the line after the directive's.
            return self.lineno + 1 + self.content_offset + index
        return self.content_offset + index + 1

    def inline(self, text: str, line: int) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Parse one line of inline markup, reporting problems at source ``line``."""
        # MyST's inliner counts the line it is given from zero.
        return self.parse_inline(text, lineno=line - 1 if self._is_myst() else line)

    def where(self, index: int = -1) -> tuple[str, int]:
        return (self.env.docname, self.body_line(index))

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
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        node = qn.quiz()
        self.set_source_info(node)
        node["classes"] += self.options.get("class", [])
        node["topics"] = self.check_topics(self.options.get("topic"))
        if "shuffle" in self.options:
            node["shuffle"] = self._shuffle_option()
        if "collect" in self.options:
            node["collect"] = self._collect_option()
            node["limit"] = self._limit_option()
        if self.arguments:
            title_nodes, messages = self.inline(self.arguments[0], self.lineno)
            rubric = nodes.rubric(self.arguments[0], "", *title_nodes, classes=["fbss-quiz-title"])
            self.set_source_info(rubric)
            node += rubric
            node += messages
        # Questions read their quiz's topics and shuffle default while parsed.
        stack: list[qn.quiz] = self.env.current_document.setdefault("fbss_quiz_stack", [])  # type: ignore[assignment]
        stack.append(node)
        try:
            offset = self.content_offset - self._myst_phantom_line()
            self.state.nested_parse(self.content, offset, node)
        finally:
            stack.pop()
        return [node]

    def _collect_option(self) -> list[str]:
        wanted = split_topics(self.options.get("collect"))
        if ALL_TOPICS in wanted:
            return [ALL_TOPICS]
        if not wanted:
            warn(
                Subtype.COLLECT,
                "':collect:' needs topic ids separated by spaces, or 'all'",
                self.where(),
            )
            return []
        declared = self.config.fbss_quiz_topics
        known = [t for t in wanted if t in declared]
        for topic in wanted:
            if topic not in declared:
                choices = ", ".join(sorted(declared)) or "none declared yet"
                warn(
                    Subtype.COLLECT,
                    f"':collect:' names unknown topic {topic!r}: use 'all' or topics declared "
                    f"in fbss_quiz_topics ({choices})",
                    self.where(),
                )
        return known

    def _limit_option(self) -> int | None:
        raw = self.options.get("limit")
        if raw is None:
            return None
        try:
            limit = int(str(raw).strip())
        except ValueError:
            limit = 0
        if limit < 1:
            warn(
                Subtype.BAD_LIMIT,
                f"':limit:' must be a positive whole number of questions, not {raw!r}; "
                "showing every matching question",
                self.where(),
            )
            return None
        return limit

    def _myst_phantom_line(self) -> int:
        """1 where MyST counted a blank line that is not in the source.

        MyST (5.x) prepends a newline to a colon fence whose body starts with a
        nested fence, shifting every line inside by one. Checking the source
        keeps warnings in quizzes at the right line.
        """
        if not self._is_myst() or self.options:
            return 0
        if self.content_offset != 1 or not self.content or not self.content[0].startswith(":::"):
            return 0
        try:
            source = self.env.doc2path(self.env.docname).read_text(encoding="utf-8")
            after_directive = source.splitlines()[self.lineno]
        except (OSError, IndexError):
            return 0
        return 0 if not after_directive.strip() else 1

    def _shuffle_option(self) -> bool | None:
        try:
            return yes_no(self.options.get("shuffle"))
        except ValueError as error:
            warn(
                Subtype.CONFIG,
                f"':shuffle:' {error}: write ':shuffle:' or ':shuffle: no'",
                self.where(),
            )
            return None


class QuestionDirective(_QuizDirectiveBase):
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "id": directives.unchanged,
        "topic": directives.unchanged,
        "type": directives.unchanged,
        "shuffle": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        current = self.env.current_document
        if current.get(_INSIDE_QUESTION):
            warn(
                Subtype.NESTED,
                "a question cannot contain another question: close the first "
                "question before starting the next (they may share a quiz)",
                self.where(),
            )
            return []

        parsed = parse_question_body(list(self.content))
        qtype = check_question(
            parsed, self.options.get("type"), self.config.fbss_quiz_require_rationale
        )
        if parsed.problems or qtype is None:
            for problem in parsed.problems:
                warn(
                    problem.subtype,
                    problem.message + " (question left out)",
                    self.where(problem.line),
                )
            return []

        quiz_stack = current.get("fbss_quiz_stack") or []
        enclosing = quiz_stack[-1] if quiz_stack else None
        topics = list(enclosing["topics"]) if enclosing is not None else []
        for topic in self.check_topics(self.options.get("topic")):
            if topic not in topics:
                topics.append(topic)

        node = qn.question()
        self.set_source_info(node)
        node["classes"] += self.options.get("class", [])
        node["qtype"] = str(qtype)
        node["topics"] = topics
        node["qid"] = (self.options.get("id") or "").strip()
        node["shuffle"] = self._shuffle(enclosing)
        node["correct"] = [i for i, o in enumerate(parsed.options) if o.correct]

        current[_INSIDE_QUESTION] = True
        try:
            self._build(node, parsed, qtype)
        finally:
            current[_INSIDE_QUESTION] = False
        return [node]

    def _shuffle(self, enclosing: qn.quiz | None) -> bool:
        if "shuffle" in self.options:
            try:
                return yes_no(self.options["shuffle"])
            except ValueError as error:
                warn(
                    Subtype.CONFIG,
                    f"':shuffle:' {error}: write ':shuffle:' or ':shuffle: no'",
                    self.where(),
                )
        if enclosing is not None and enclosing.get("shuffle") is not None:
            return bool(enclosing["shuffle"])
        return bool(self.config.fbss_quiz_shuffle)

    def _parse_block(self, block: Block, container: nodes.Element) -> None:
        items = [self.content.items[block.start + k] for k in range(len(block.lines))]
        lines = StringList(list(block.lines), items=items)
        self.state.nested_parse(lines, self.content_offset + block.start, container)

    def _build(self, node: qn.question, parsed: Any, qtype: QuestionType) -> None:
        stem = qn.question_stem()
        self._parse_block(parsed.stem, stem)
        node += stem

        options = qn.question_options()
        answer = qn.question_answer()
        for index, option in enumerate(parsed.options):
            label_nodes, messages = self.inline(option.label, self.body_line(option.line))
            item = qn.question_option(
                option.label, "", *label_nodes, index=index, correct=option.correct
            )
            self.set_source_info(item)
            options += item
            options += messages
            rationale = qn.option_rationale(index=index, correct=option.correct)
            if option.rationale is not None:
                self._parse_block(option.rationale, rationale)
            answer += rationale
        node += options
        if parsed.explanation is not None:
            explanation = qn.question_explanation()
            self._parse_block(parsed.explanation, explanation)
            answer += explanation
        node += answer


class AnswerKeyDirective(SphinxDirective):
    """Place the whole book's answer key here (ePub, PDF and text; HTML for instructors)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        node = qn.answer_key()
        self.set_source_info(node)
        node["ids"] = ["fbss-answer-key"]
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
