"""Where each quiz and question stands (read phase, before the questions are recorded).

The directives build their nodes without asking where they are; this transform
settles what depends on it, over the whole parsed document:

- a question inside a question is left out, and a quiz or case inside a quiz,
  case or question loses its wrapper (its title becomes bold text), each with a
  warning: the browser would check and score their questions twice;
- a question takes its quizzes' topics and shuffle default (the book's when none
  says; only a kind with ``shuffles_options`` shuffles), and the id and title of the
  case it belongs to;
- every quiz gets its id, and a review quiz's ``:collect:``, ``:limit:`` and
  ``:pool:`` are checked (a nested quiz has none).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from fbss_quiz import nodes as qn
from fbss_quiz.diagnostics import Subtype, warn
from fbss_quiz.directives import REVIEW_OPTIONS
from fbss_quiz.kinds import kind_of
from fbss_quiz.model import ALL_TOPICS, split_topics


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    """The quiz and question nodes around ``node``, innermost first."""
    found: list[nodes.Element] = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (qn.quiz, qn.question)):
            found.append(parent)
        parent = parent.parent
    return found


def _title(quiz: qn.quiz) -> nodes.rubric | None:
    return next((c for c in quiz.children if isinstance(c, nodes.rubric)), None)


class QuizContext(SphinxTransform):
    """Nesting and inheritance of quizzes and questions (see the module docstring)."""

    default_priority = 875  # after the directives and SmartQuotes, before CollectQuestions

    def apply(self, **kwargs: Any) -> None:
        dropped: set[int] = set()
        nested: list[qn.quiz] = []
        targets = (qn.quiz, qn.question)
        for node in list(self.document.findall(lambda n: isinstance(n, targets))):
            around = _ancestors(node)
            if any(id(a) in dropped for a in around):
                continue  # inside a question that is left out
            if isinstance(node, qn.question):
                self._question(node, around, dropped)
            elif isinstance(node, qn.quiz) and around:
                self._warn_nested(node, around, nested)
                nested.append(node)
        for quiz in reversed(nested):
            self._unwrap(quiz)
        self._number_quizzes()
        for quiz in self.document.findall(qn.quiz):
            self._review_options(quiz)
        for question in self.document.findall(qn.question):
            self._case(question)

    # -- questions ------------------------------------------------------------

    def _question(
        self, question: qn.question, around: list[nodes.Element], dropped: set[int]
    ) -> None:
        if any(isinstance(a, qn.question) for a in around):
            warn(
                Subtype.NESTED,
                "a question cannot contain another question: close the first "
                "question before starting the next (they may share a quiz)",
                question,
            )
            dropped.add(id(question))
            question.parent.remove(question)
            return
        record = qn.record_of(question)
        quizzes = [a for a in around if isinstance(a, qn.quiz)]  # innermost first
        # The outermost quiz's topics first, then each inner one's, then the question's.
        inherited = [t for quiz in reversed(quizzes) for t in quiz["topics"]]
        topics = tuple(dict.fromkeys([*inherited, *record.topics]))
        # Its own :shuffle:, else the innermost quiz's that says, else the book's; only a
        # kind whose options may move (not an ordering item's steps or a grid's columns).
        said = [record.shuffle, *(quiz.get("shuffle") for quiz in quizzes)]
        shuffle = next((s for s in said if s is not None), bool(self.config.fbss_quiz_shuffle))
        # A kind that wraps another (a trend) keeps its order.
        shuffle = shuffle and getattr(kind_of(record), "shuffles_options", False)
        question["record"] = replace(record, topics=topics, shuffle=shuffle)

    # -- quizzes inside quizzes or questions ------------------------------------

    def _warn_nested(self, quiz: qn.quiz, around: list[nodes.Element], nested: list) -> None:
        """A quiz inside a quiz would wire and score its questions twice in the browser:
        its wrapper is dropped, and its text and questions join the outer one."""
        kind = "case" if quiz.get("case") else "quiz"
        ignored = [f"':{name}:'" for name in REVIEW_OPTIONS if name in quiz.get("review", {})]
        if any(isinstance(a, qn.question) for a in around):
            message = (
                f"a {kind} cannot stand inside a question: close the question before this "
                f"{kind} starts (its text is kept as part of the question)"
            )
        else:
            outer = around[0]
            outer_case = outer.get("case") and outer not in nested
            outside = "case" if outer_case else "quiz"
            message = (
                f"a {kind} cannot stand inside a {outside} (its questions would be checked and "
                f"scored twice): close the outer {outside} before this {kind} starts; this "
                f"{kind}'s title, text and questions are kept as part of the outer {outside}, "
                "with no score of their own"
            )
        warn(
            Subtype.NESTED,
            message + (f" ({' and '.join(ignored)} ignored)" if ignored else ""),
            quiz,
        )

    def _unwrap(self, quiz: qn.quiz) -> None:
        """The quiz's title as bold text, then its contents, in its place."""
        children = list(quiz.children)
        title = _title(quiz)
        if title is not None:
            bold = nodes.paragraph("", "", nodes.strong("", "", *title.children))
            bold.source, bold.line = title.source, title.line
            children[children.index(title)] = bold
        quiz.replace_self(children)

    # -- every quiz that stays --------------------------------------------------

    def _number_quizzes(self) -> None:
        docname = self.env.docname
        for number, quiz in enumerate(self.document.findall(qn.quiz), start=1):
            quiz["ids"] = [nodes.make_id(f"quiz-{docname}-{number}")]
            title = _title(quiz)
            if title is not None:
                title["ids"] = [quiz["ids"][0] + "-title"]

    def _case(self, question: qn.question) -> None:
        quiz = qn.enclosing(question, qn.quiz)
        if quiz is None or not quiz.get("case"):
            return
        title = _title(quiz)
        question["record"] = replace(
            qn.record_of(question),
            case=str(quiz["ids"][0]),
            case_title=title.astext().strip() if title is not None else "",
        )

    def _review_options(self, quiz: qn.quiz) -> None:
        given: dict[str, str | None] = dict(quiz.get("review", {}))
        if quiz.get("case") and "collect" in given:
            warn(
                Subtype.CASE,
                "a case study cannot ':collect:' questions: use a '{quiz}' for a review",
                quiz,
            )
            del given["collect"]
        if "collect" not in given:
            return
        quiz["collect"] = self._collect(quiz, given["collect"])
        quiz["limit"] = self._count(quiz, "limit", given, "showing every matching question")
        quiz["pool"] = self._pool(quiz, given)

    def _collect(self, quiz: qn.quiz, value: str | None) -> list[str]:
        wanted = split_topics(value)
        if ALL_TOPICS in wanted:
            return [ALL_TOPICS]
        if not wanted:
            warn(Subtype.COLLECT, "':collect:' needs topic ids separated by spaces, or 'all'", quiz)
            return []
        declared = self.config.fbss_quiz_topics
        for topic in wanted:
            if topic not in declared:
                choices = ", ".join(sorted(declared)) or "none declared yet"
                warn(
                    Subtype.COLLECT,
                    f"':collect:' names unknown topic {topic!r}: use 'all' or topics declared "
                    f"in fbss_quiz_topics ({choices})",
                    quiz,
                )
        return [t for t in wanted if t in declared]

    def _count(
        self, quiz: qn.quiz, name: str, given: dict[str, str | None], otherwise: str
    ) -> int | None:
        raw = given.get(name)
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
                quiz,
            )
            return None
        return count

    def _pool(self, quiz: qn.quiz, given: dict[str, str | None]) -> int | None:
        pool = self._count(quiz, "pool", given, "the page ships every matching question")
        if pool is None:
            return None
        limit = quiz["limit"]
        if not (limit and quiz.get("shuffle")):
            warn(
                Subtype.BAD_LIMIT,
                "':pool:' only applies to a quiz that draws questions: add ':limit:' and "
                "':shuffle:', or remove ':pool:' (ignored)",
                quiz,
            )
            return None
        if pool < limit:
            warn(
                Subtype.BAD_LIMIT,
                f"':pool: {pool}' is smaller than ':limit: {limit}': the pool must hold at "
                "least the questions of one attempt (ignored: the page ships every matching "
                "question)",
                quiz,
            )
            return None
        return pool
