"""The ``quiz`` and ``question`` directives: author text in, generic quiz nodes out.

Each part of a question (stem, option label, rationale, explanation) is parsed
by the page's own parser (MyST or rST), so roles such as ``{term}`` and
``{cite}`` work inside questions exactly as they do in prose.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.model import (
    ALL_TOPICS,
    CLINICAL_JUDGMENT_STEPS,
    COGNITIVE_LEVELS,
    QuestionType,
    Rule,
    split_topics,
)
from fbss_quiz.ngn_syntax import NGN_TYPES, ParsedItem, parse_item_body
from fbss_quiz.syntax import Block, Problem, check_question, parse_question_body

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

    def inline(
        self, text: str, line: int, part: str, report_raw: bool = True
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Parse one line of inline markup (a title or a label), reporting problems at
        source ``line``. Raw HTML in it becomes text (see :func:`raw_as_text`)."""
        # MyST's inliner counts the line it is given from zero.
        parsed, messages = self.parse_inline(text, lineno=line - 1 if self._is_myst() else line)
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
        "pool": directives.unchanged,
        "class": directives.class_option,
    }

    #: ``case`` sets this: an unfolding case study, scored in points.
    is_case = False

    def run(self) -> list[nodes.Node]:
        node = qn.quiz()
        self.set_source_info(node)
        # Questions read their quiz's topics and shuffle default while parsed.
        stack: list[qn.quiz] = self.env.current_document.setdefault("fbss_quiz_stack", [])  # type: ignore[assignment]
        in_question = bool(self.env.current_document.get(_INSIDE_QUESTION))
        nested = in_question or bool(stack)
        if nested:
            self._warn_nested(None if in_question else stack[-1])
        elif self.is_case:
            node["case"] = True
            if "collect" in self.options:
                warn(
                    Subtype.CASE,
                    "a case study cannot ':collect:' questions: use a '{quiz}' for a review",
                    self.where(),
                )
                del self.options["collect"]
        node["classes"] += self.options.get("class", [])
        node["topics"] = self.check_topics(self.options.get("topic"))
        if "shuffle" in self.options:
            node["shuffle"] = self._shuffle_option()
        if nested and stack:
            # The outer quiz's topics and shuffle default still reach these questions.
            outer = stack[-1]
            node["topics"] = [
                *outer["topics"],
                *(t for t in node["topics"] if t not in outer["topics"]),
            ]
            if node.get("shuffle") is None and outer.get("shuffle") is not None:
                node["shuffle"] = outer["shuffle"]
        if "collect" in self.options and not nested:
            node["collect"] = self._collect_option()
            node["limit"] = self._count_option("limit", "showing every matching question")
            node["pool"] = self._pool_option(node["limit"], node.get("shuffle"))
        if self.arguments:
            title_nodes, messages = self.inline(
                self.arguments[0], self.lineno, f"{'case' if self.is_case else 'quiz'} title"
            )
            if nested:  # bold text: the outer quiz keeps its own title
                title: nodes.Element = nodes.paragraph("", "", nodes.strong("", "", *title_nodes))
            else:
                title = nodes.rubric(
                    self.arguments[0], "", *title_nodes, classes=["fbss-quiz-title"]
                )
            self.set_source_info(title)
            node += title
            node += messages
        stack.append(node)
        try:
            offset = self.content_offset - self._myst_phantom_line()
            self.state.nested_parse(self.content, offset, node)
        finally:
            stack.pop()
        return list(node.children) if nested else [node]

    def _warn_nested(self, outer: qn.quiz | None) -> None:
        """A quiz inside a quiz would wire and score its questions twice in the
        browser: its wrapper is dropped, and its text and questions join the outer one."""
        kind = "case" if self.is_case else "quiz"
        ignored = [f"':{name}:'" for name in ("collect", "limit", "pool") if name in self.options]
        if outer is None:
            message = (
                f"a {kind} cannot stand inside a question: close the question before this "
                f"{kind} starts (its text is kept as part of the question)"
            )
        else:
            around = "case" if outer.get("case") else "quiz"
            message = (
                f"a {kind} cannot stand inside a {around} (its questions would be checked and "
                f"scored twice): close the outer {around} before this {kind} starts; this "
                f"{kind}'s title, text and questions are kept as part of the outer {around}, "
                "with no score of their own"
            )
        warn(
            Subtype.NESTED,
            message + (f" ({' and '.join(ignored)} ignored)" if ignored else ""),
            self.where(),
        )

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

    def _count_option(self, name: str, otherwise: str) -> int | None:
        raw = self.options.get(name)
        if raw is None:
            return None
        try:
            count = int(str(raw).strip())
        except ValueError:
            count = 0
        if count < 1:
            warn(
                Subtype.BAD_LIMIT,
                f"':{name}:' must be a positive whole number of questions, not {raw!r}; "
                + otherwise,
                self.where(),
            )
            return None
        return count

    def _pool_option(self, limit: int | None, shuffle: bool | None) -> int | None:
        pool = self._count_option("pool", "the page ships every matching question")
        if pool is None:
            return None
        if not (limit and shuffle):
            warn(
                Subtype.BAD_LIMIT,
                "':pool:' only applies to a quiz that draws questions: add ':limit:' and "
                "':shuffle:', or remove ':pool:' (ignored)",
                self.where(),
            )
            return None
        if pool < limit:
            warn(
                Subtype.BAD_LIMIT,
                f"':pool: {pool}' is smaller than ':limit: {limit}': the pool must hold at "
                "least the questions of one attempt (ignored: the page ships every matching "
                "question)",
                self.where(),
            )
            return None
        return pool

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


class CaseDirective(QuizDirective):
    """An unfolding case study: a scenario, then questions; the text between them
    tells what changed. The web page shows the total in points once all are checked."""

    is_case = True


class QuestionDirective(_QuizDirectiveBase):
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "id": directives.unchanged,
        "topic": directives.unchanged,
        "type": directives.unchanged,
        "shuffle": directives.unchanged,
        "step": directives.unchanged,
        "level": directives.unchanged,
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

        declared = (self.options.get("type") or "").strip().lower()
        item: ParsedItem | None = None
        problems: list[Problem]
        if declared in NGN_TYPES:
            qtype: QuestionType | None = QuestionType(declared)
            item = parse_item_body(
                list(self.content), QuestionType(declared), self.config.fbss_quiz_require_rationale
            )
            problems = item.problems
        else:
            parsed = parse_question_body(list(self.content))
            qtype = check_question(
                parsed, self.options.get("type"), self.config.fbss_quiz_require_rationale
            )
            problems = parsed.problems
        left_out = qtype is None or not all(p.keeps_question for p in problems)
        for problem in problems:
            warn(
                problem.subtype,
                problem.message + ("" if problem.keeps_question else " (question left out)"),
                self.where(problem.line),
            )
        if left_out or qtype is None:
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
        node["step"] = self._step()
        node["level"] = self._level()
        node["scoring"] = self.config.fbss_quiz_scoring

        current[_INSIDE_QUESTION] = True
        try:
            if item is not None:
                node["correct"] = [
                    i for i, c in enumerate(c for g in item.groups for c in g.choices) if c.correct
                ]
                self._build_item(node, item)
            else:
                node["correct"] = [i for i, o in enumerate(parsed.options) if o.correct]
                self._build(node, parsed, qtype)
        finally:
            current[_INSIDE_QUESTION] = False
        return [node]

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

    def _build_item(self, node: qn.question, item: ParsedItem) -> None:
        """The nodes of an NGN item: groups of options, blanks and phrases in the stem."""
        qtype = item.qtype
        stem = qn.question_stem()
        self._parse_block(item.stem, stem)
        node += stem
        flat: list[tuple[int, int]] = []  # (group, index in group) per flat index
        for g, group in enumerate(item.groups):
            flat.extend((g, k) for k in range(len(group.choices)))
        first_of = {
            g: flat.index((g, 0)) for g in range(len(item.groups)) if item.groups[g].choices
        }
        node["groups"] = [
            [str(g.rule), len(g.choices), sum(c.correct for c in g.choices)] for g in item.groups
        ]
        if item.columns:
            node["columns"] = list(item.columns)
        tokens: dict[str, nodes.Node] = {}
        if qtype is QuestionType.CLOZE:
            for g, marker in enumerate(
                m for m in item.markers if m.text in {x.label for x in item.groups}
            ):
                group = item.groups[g]
                tokens[marker.token] = qn.cloze_blank(
                    group=g,
                    name=marker.text,
                    choices=[[first_of[g] + k, c.label] for k, c in enumerate(group.choices)],
                )
        elif qtype is QuestionType.HIGHLIGHT:
            for index, marker in enumerate(item.markers):
                tokens[marker.token] = qn.question_option(
                    marker.text, marker.text, index=index, correct=marker.correct, group=0
                )
        if tokens:
            _swap_tokens(stem, tokens)

        options = qn.question_options()
        answer = qn.question_answer()
        matrix = qtype in (QuestionType.MATRIX, QuestionType.MATRIX_MULTIPLE)
        for g, group in enumerate(item.groups):
            box = qn.question_group(group=g, rule=str(group.rule), name=group.label)
            box["need"] = sum(c.correct for c in group.choices)
            label_line = self.body_line(group.line)
            if qtype is not QuestionType.HIGHLIGHT:
                label_nodes, messages = self.inline(group.label, label_line, _GROUP_PART[qtype])
                box += qn.group_label(group.label, "", *label_nodes)
                box += messages
            order = list(range(len(group.choices)))
            if group.rule is Rule.ORDER:
                order = _display_order([c.label for c in group.choices])
                box["display"] = [first_of[g] + k for k in order]
            for k in order:
                choice = group.choices[k]
                index = first_of[g] + k
                if qtype is not QuestionType.HIGHLIGHT:
                    label_nodes, messages = self.inline(
                        choice.label,
                        self.body_line(choice.line),
                        _CHOICE_PART[qtype],
                        report_raw=not matrix or g == 0,  # a column's name: once, not per row
                    )
                    item_node = qn.question_option(
                        choice.label,
                        "",
                        *label_nodes,
                        index=index,
                        correct=choice.correct,
                        group=g,
                        col=k,
                    )
                    self.set_source_info(item_node)
                    box += item_node
                    box += messages
            for k, choice in enumerate(group.choices):
                if matrix:
                    continue
                rationale = qn.option_rationale(
                    index=first_of[g] + k, correct=choice.correct, group=g
                )
                if choice.rationale is not None:
                    self._parse_block(choice.rationale, rationale)
                answer += rationale
            if matrix:
                rationale = qn.option_rationale(index=g, correct=True, group=g, row=True)
                if group.rationale is not None:
                    self._parse_block(group.rationale, rationale)
                answer += rationale
            options += box
        node += options
        if item.explanation is not None:
            explanation = qn.question_explanation()
            self._parse_block(item.explanation, explanation)
            answer += explanation
        node += answer

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
            label_nodes, messages = self.inline(option.label, self.body_line(option.line), "option")
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


#: What a group's label and its choices are called in a warning, per item type.
_GROUP_PART = {
    QuestionType.MATRIX: "matrix row",
    QuestionType.MATRIX_MULTIPLE: "matrix row",
    QuestionType.CLOZE: "blank name",
    QuestionType.ORDERING: "list",
    QuestionType.BOWTIE: "bow-tie list",
}
_CHOICE_PART = {
    QuestionType.MATRIX: "column name",
    QuestionType.MATRIX_MULTIPLE: "column name",
    QuestionType.CLOZE: "cloze choice",
    QuestionType.ORDERING: "step",
    QuestionType.BOWTIE: "bow-tie choice",
}


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


def _swap_tokens(root: nodes.Element, tokens: dict[str, nodes.Node]) -> None:
    """Replace the marker tokens in ``root``'s text by their nodes."""
    pattern = re.compile("|".join(map(re.escape, tokens)))
    for text in list(root.findall(nodes.Text)):
        parts = pattern.split(str(text))
        if len(parts) == 1:
            continue
        found = pattern.findall(str(text))
        new: list[nodes.Node] = []
        for k, part in enumerate(parts):
            if part:
                new.append(nodes.Text(part))
            if k < len(found):
                new.append(tokens[found[k]])
        parent = text.parent
        position = parent.index(text)
        parent.remove(text)
        for offset, child in enumerate(new):
            parent.insert(position + offset, child)


def _display_order(labels: list[str]) -> list[int]:
    """A shuffled but deterministic order of ordering steps, never the right one."""
    n = len(labels)
    keyed = sorted(range(n), key=lambda i: hashlib.sha1(f"{i}:{labels[i]}".encode()).hexdigest())
    if keyed == list(range(n)) and n > 1:
        keyed = keyed[1:] + keyed[:1]
    return keyed


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
