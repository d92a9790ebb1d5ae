"""What an item kind supplies (:class:`Kind`), and what the kinds share.

A kind is one module of ``fbss_quiz/kinds/`` with a ``KIND`` object: its
``:type:`` names, its syntax (``parse``: lines in, located problems and a
:class:`~fbss_quiz.syntax.ParsedItem` out, pure Python), its doctree (``build``),
its interactive HTML (the generic nodes' visitors call it), its static form and
answer-key wording, its scorer, what each export format can hold, and which
browser chunks its page needs (``chunks``; fbss_quiz/assets.py). The phase modules (directives,
collector, renderers, exporters) find it through the registry
(``fbss_quiz.kinds.kind_of``) and never ask which kind a question is.

:class:`KindBase` holds what every kind does alike; :class:`ItemKind` is the Next
Generation NCLEX item: groups of choices, each scored by a rule, answered as
"one line per part".
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from docutils import nodes

from fbss_quiz import nodes as qn
from fbss_quiz.contract import ItemData, ScoreData, item_data
from fbss_quiz.exam import stripped_item
from fbss_quiz.i18n import counted, item_text, static_text
from fbss_quiz.model import QuestionRecord, option_letter
from fbss_quiz.scoring import RULES, GroupRule, score
from fbss_quiz.scoring import missing as picks_missing
from fbss_quiz.syntax import Group, LineParser, ParsedItem

if TYPE_CHECKING:
    from fbss_quiz.exporters.bank import BankQuestion
    from fbss_quiz.html_out import QuestionHtml
    from fbss_quiz.syntax import Block


class PartBuilder(Protocol):
    """What the directive lends a kind to build its doctree: the page's own parser."""

    def block(self, block: Block, container: nodes.Element) -> None:
        """Parse ``block`` (body lines) as markup into ``container``."""

    def batch(self) -> AbstractContextManager[None]:
        """Defer the blocks asked for inside until it closes, so that they can be parsed
        together (faster): their containers stay empty until then."""

    def inline(
        self, text: str, line: int, part: str, report_raw: bool = True
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Parse one label at body line ``line``; ``part`` names it in warnings."""

    def source_info(self, node: nodes.Element) -> None:
        """Give ``node`` the directive's source and line."""


class Kind(Protocol):
    """The protocol every kind's ``KIND`` object follows (see the module docstring)."""

    #: The kind's module name: ``data-fbss-item``'s ``kind``.
    name: str
    #: Its ``:type:`` values.
    types: tuple[str, ...]
    #: The browser chunks a page with this kind needs besides the one named as the kind
    #: (fbss_quiz/assets.py's CHUNKS; a kind without a chunk of its own names those of
    #: the kind it builds on, whose style its markup shares).
    chunks: tuple[str, ...]
    #: Lettered options in one list (A, B, C ...), not groups of parts: exports write
    #: letters instead of groups.
    lettered: bool
    #: Export format -> ``None`` when the format holds the kind, else why it cannot
    #: ("" when the exporter's own "has no question type ..." says it all).
    exports: Mapping[str, str | None]
    #: One rationale per row (group), not per choice: a matrix.
    row_rationales: bool
    #: The browser may show its options in a new order on every attempt (``:shuffle:``);
    #: kinds whose order is the answer or the layout (ordering, grids) keep theirs.
    shuffles_options: bool
    #: Its choices stand in the stem's passage (a highlight's phrases): the question is
    #: the rest of the stem, which item review reads for a negative.
    choices_in_stem: bool
    #: Directive options of its own (``:select:``), beyond those every question takes.
    options: tuple[str, ...]
    #: Doctree nodes of the kind's own, with their HTML (visit, depart) functions: the
    #: extension registers them for the web builders only (``html=``), so ``static_body``
    #: must turn them into standard nodes.
    html_nodes: Mapping[type[nodes.Element], tuple[Any, Any]]

    # -- syntax and doctree -------------------------------------------------
    def parse(self, qtype: str, lines: Sequence[str], require_rationale: bool) -> ParsedItem: ...
    def apply_options(self, parsed: ParsedItem, options: Mapping[str, str]) -> None: ...
    def build(self, parsed: ParsedItem, parts: PartBuilder) -> list[nodes.Node]: ...

    # -- scoring --------------------------------------------------------------
    def item(self, record: QuestionRecord, scoring: str) -> ItemData: ...
    def exam_item(self, record: QuestionRecord, scoring: str) -> ItemData: ...
    def score(self, item: ItemData, picks: Sequence[Sequence[int]]) -> ScoreData: ...
    def missing(self, item: ItemData, picks: Sequence[Sequence[int]]) -> int: ...
    def max_points(self, record: QuestionRecord, scoring: str) -> int: ...

    # -- words of the answer, the same in every output ----------------------
    def group_name(self, record: QuestionRecord, group: int) -> str: ...
    def answer_key(self, record: QuestionRecord) -> tuple[str, list[str]]: ...
    def rationale_heading(self, record: QuestionRecord, index: int, row: bool) -> str: ...

    # -- interactive HTML (called by the generic nodes' visitors) -------------
    def clearable(self, record: QuestionRecord) -> bool: ...
    def html_attributes(self, h: QuestionHtml) -> dict[str, str]: ...
    def options_label(self, h: QuestionHtml) -> str: ...
    def options_classes(self, record: QuestionRecord) -> str: ...
    def hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None: ...
    def nojs_hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None: ...
    def left_forms(self, record: QuestionRecord, text: Mapping[str, str]) -> list[str]: ...
    def answer_message(self, record: QuestionRecord, text: Mapping[str, str]) -> str: ...
    def open_options(self, h: QuestionHtml) -> None: ...
    def close_options(self, h: QuestionHtml) -> None: ...
    def after_options(self, h: QuestionHtml) -> None: ...
    def visit_group(self, h: QuestionHtml, node: qn.question_group) -> None: ...
    def depart_group(self, h: QuestionHtml, node: qn.question_group) -> None: ...
    def visit_group_label(self, h: QuestionHtml, node: qn.group_label) -> None: ...
    def depart_group_label(self, h: QuestionHtml, node: qn.group_label) -> None: ...
    def visit_option(self, h: QuestionHtml, node: qn.question_option) -> None: ...
    def depart_option(self, h: QuestionHtml, node: qn.question_option) -> None: ...
    def visit_blank(self, h: QuestionHtml, node: qn.cloze_blank) -> None: ...
    def option_id(self, record: QuestionRecord, index: int) -> int: ...
    def html_key(self, h: QuestionHtml) -> None: ...
    def html_rationale(self, h: QuestionHtml, node: qn.option_rationale) -> None: ...

    # -- ePub, PDF, text ------------------------------------------------------
    def static_body(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]: ...

    # -- exports --------------------------------------------------------------
    def qti_type(self, record: QuestionRecord) -> str | None: ...
    def qti_stem(self, question: BankQuestion, blank: Callable[[int], str]) -> str: ...
    def group_label_html(self, question: BankQuestion, group: int) -> str: ...
    def anki_front(self, question: BankQuestion, text: Mapping[str, str]) -> str: ...
    def anki_back(self, question: BankQuestion, text: Mapping[str, str]) -> str: ...
    def unsupported(self, fmt: str, record: QuestionRecord | None = None) -> str | None: ...
    def json_fields(self, record: QuestionRecord) -> dict[str, Any]: ...


# -- shared helpers -----------------------------------------------------------


def lettered(labels: list[list[nodes.Node]], spell_letters: bool) -> nodes.Element:
    """Options as a lettered list (A, B, C); writers that would number them instead
    (text, man) get the letters written out."""
    if spell_letters:
        box = nodes.container(classes=["fbss-static-options"])
        for index, label in enumerate(labels):
            letter = nodes.strong("", f"{option_letter(index)}.")
            box += nodes.paragraph("", "", letter, nodes.Text(" "), *label)
        return box
    options = nodes.enumerated_list(
        enumtype="upperalpha", prefix="", suffix=".", classes=["fbss-static-options"]
    )
    for label in labels:
        options += nodes.list_item("", nodes.paragraph("", "", *label))
    return options


def option_labels(box: nodes.Element) -> list[list[nodes.Node]]:
    """The labels of the options under ``box``, in the order they stand."""
    return [list(option.children) for option in box.findall(qn.question_option)]


def display_letters(record: QuestionRecord) -> dict[int, str]:
    """ "A. " ... for each flat option index, as the static outputs letter it: by its
    place in its group in the order shown."""
    shown = list(record.display) or list(range(len(record.options)))
    letters: dict[int, str] = {}
    for indices in record.group_indices():
        order = [i for i in shown if i in indices] or indices
        for position, index in enumerate(order):
            letters[index] = option_letter(position) + ". "
    return letters


def swap_tokens(root: nodes.Element, tokens: dict[str, nodes.Node]) -> None:
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


def choice_input(h: QuestionHtml, kind: str, index: int, labelled_by: str | None = None) -> None:
    """A radio button or checkbox of an item's choice (grid cell or bow-tie choice),
    named by its group so that a group's radio buttons exclude each other."""
    group, _ = h.record.locate(index)
    attrs: dict[str, Any] = {
        "type": kind,
        "name": f"{h.base}-g{group}",
        "value": str(index),
        "ids": [f"{h.base}-o{index}"],
        "data-fbss-option": str(index),
        "data-fbss-group": str(group),
    }
    if labelled_by:
        attrs["aria-labelledby"] = labelled_by
    h.out.empty("input", **attrs)


def lettered_html(items: list[str]) -> str:
    """Exports: HTML options as a lettered list."""
    return '<ol class="fbss-options" type="A">' + "".join(f"<li>{i}</li>" for i in items) + "</ol>"


def skip(*args: Any) -> None:
    """A visitor for a node whose HTML another node writes."""
    raise nodes.SkipNode


def nothing(*args: Any) -> None:
    """A visitor that writes nothing for its node (its children still are)."""


class KindBase:
    """What every kind does alike: its scorer, its ``data-fbss-item``, and defaults."""

    name: ClassVar[str]
    types: ClassVar[tuple[str, ...]]
    chunks: ClassVar[tuple[str, ...]] = ()
    lettered: ClassVar[bool] = False
    exports: ClassVar[Mapping[str, str | None]] = {}
    row_rationales: ClassVar[bool] = False
    shuffles_options: ClassVar[bool] = False
    choices_in_stem: ClassVar[bool] = False
    options: ClassVar[tuple[str, ...]] = ()
    html_nodes: ClassVar[Mapping[type[nodes.Element], tuple[Any, Any]]] = {}
    #: The scoring rules this kind's groups use (a kind may add its own).
    rules: ClassVar[Mapping[str, GroupRule]] = RULES

    def apply_options(self, parsed: ParsedItem, options: Mapping[str, str]) -> None:
        """Read the kind's own directive options (``options``: those of ``self.options``
        that the author gave) into ``parsed``, adding a problem for a bad value."""

    def item(self, record: QuestionRecord, scoring: str) -> ItemData:
        return item_data(self.name, record, scoring)

    def exam_item(self, record: QuestionRecord, scoring: str) -> ItemData:
        """The item as an exam's page carries it until Submit: nothing in it says which
        options are right (``fbss_quiz/exam.py``); the full ``item`` is sealed."""
        return stripped_item(self.item(record, scoring))

    def option_id(self, record: QuestionRecord, index: int) -> int:
        """Option ``index`` (of the record) as the web page's ``data-fbss-option`` names
        it: the same, but for an ordering item's steps, which the page names by their
        place as shown (their place in the record is the answer)."""
        return index

    def score(self, item: ItemData, picks: Sequence[Sequence[int]]) -> ScoreData:
        return score(item, picks, self.rules)

    def max_points(self, record: QuestionRecord, scoring: str) -> int:
        return self.score(self.item(record, scoring), [])["max"]

    def group_name(self, record: QuestionRecord, group: int) -> str:
        return record.groups[group].label

    def unsupported(self, fmt: str, record: QuestionRecord | None = None) -> str | None:
        """Why export format ``fmt`` cannot hold this kind ("" when its exporter says it
        all), or ``None`` when it can. (``record``: the question, for a kind whose answer
        depends on it.)"""
        return self.exports.get(fmt, "")

    def json_fields(self, record: QuestionRecord) -> dict[str, Any]:
        """What the kind adds to its question in ``questions.json`` (beside ``type``)."""
        return {}

    def options_label(self, h: QuestionHtml) -> str:
        """The ids that name the fieldset of choices (``aria-labelledby``): the question's
        number and its stem."""
        stem = f"{h.base}-stem"
        return f"{h.base}-num {stem}" if h.question.get("number") else stem

    def qti_type(self, record: QuestionRecord) -> str | None:
        return None

    def qti_stem(self, question: BankQuestion, blank: Callable[[int], str]) -> str:
        """The question text of Canvas's Multiple Dropdowns: the stem's HTML with
        ``blank(g)`` (Canvas's ``[name]``) where group ``g``'s drop-down goes."""
        return question.stem_with(blank, lambda i: html.escape(question.record.options[i].text))

    def group_label_html(self, question: BankQuestion, group: int) -> str:
        return html.escape(question.group_names[group])

    # -- what the script says on the web page (``data-fbss-msg-*``) ------------

    #: The counted message (``fbss_quiz.i18n.COUNTED``) that says how many answers are
    #: missing when the reader checks a partly answered item of several parts.
    left_message: ClassVar[str] = "msg_left_parts"

    def clearable(self, record: QuestionRecord) -> bool:
        """Whether the web page offers "Clear answers" beside Check answer (an item of
        several parts)."""
        return False

    def missing(self, item: ItemData, picks: Sequence[Sequence[int]]) -> int:
        """How many picks are still missing before ``item`` may be checked (0: complete):
        by default ``fbss_quiz.scoring.missing``; a kind with its own rule overrides it
        here and in its browser module (``missing``)."""
        return picks_missing(item, picks)

    def left_forms(self, record: QuestionRecord, text: Mapping[str, str]) -> list[str]:
        """What Check answer says while ``left`` answers are missing: the form for each
        ``left`` from 1 to all of them (the plural form depends on the reader's number,
        so every one is written). An item with one answer to give says "Choose an
        answer first."."""
        total = self.missing(self.item(record, "ncsbn"), [])
        if total <= 1:
            return [text["msg_choose"]]
        return [counted(self.left_message, left) for left in range(1, total + 1)]

    def answer_message(self, record: QuestionRecord, text: Mapping[str, str]) -> str:
        """The part of the verdict line that names the correct answer (``{answer}``)."""
        return counted("msg_answer", len(record.correct))

    def hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        """What to do, from ``text`` (the web page's strings or the static ones);
        ``None`` for nothing to say."""
        return None

    def nojs_hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        """The hint of a page without JavaScript (``hint`` is the script's)."""
        return self.hint(record, text)

    # HTML defaults: a node this kind does not use, or writes elsewhere.
    visit_group = depart_group = nothing
    visit_group_label = skip
    depart_group_label = nothing
    visit_blank = skip
    depart_option = nothing

    def open_options(self, h: QuestionHtml) -> None:
        pass

    def close_options(self, h: QuestionHtml) -> None:
        pass

    def after_options(self, h: QuestionHtml) -> None:
        """What follows the options' fieldset, before the buttons."""


#: Messages the NGN script reads from an item's data attributes (and msg_points).
NGN_MESSAGES = ("msg_partly", "msg_right_part", "msg_wrong_part", "msg_key")


class ItemKind(KindBase):
    """A Next Generation NCLEX item: groups of choices (``question_group`` nodes), each
    scored by its rule, its answer written as one line per part.

    A kind names what its labels are called in warnings (``group_part``,
    ``choice_part``: ``None`` when the item has no such labels in its groups) and
    writes ``parse_body``; the hooks below change the rest where it differs."""

    group_part: ClassVar[str | None] = "list"
    choice_part: ClassVar[str | None] = None

    def clearable(self, record: QuestionRecord) -> bool:
        return True

    # -- syntax ---------------------------------------------------------------

    def parse(self, qtype: str, lines: Sequence[str], require_rationale: bool) -> ParsedItem:
        """``qtype``: the ``:type:`` as written (one of this kind's)."""
        parser = LineParser(list(lines), qtype.strip().lower())
        self.parse_body(parser)
        parser.check_stem_and_rationales(require_rationale, per_group=self.row_rationales)
        return parser.item

    def parse_body(self, parser: LineParser) -> None:
        raise NotImplementedError

    # -- doctree --------------------------------------------------------------

    def build(self, parsed: ParsedItem, parts: PartBuilder) -> list[nodes.Node]:
        stem = qn.question_stem()
        options, answer = qn.question_options(), qn.question_answer()
        with parts.batch():
            parts.block(parsed.stem, stem)
            start = 0
            for g, group in enumerate(parsed.groups):
                box = qn.question_group(group=g)
                self.build_group(box, g, group, start, parsed, parts)
                options += box
                answer.extend(self.build_rationales(g, group, start, parts))
                start += len(group.choices)
            if parsed.explanation is not None:
                explanation = qn.question_explanation()
                parts.block(parsed.explanation, explanation)
                answer += explanation
        tokens = self.stem_tokens(parsed)
        if tokens:
            swap_tokens(stem, tokens)
        return [stem, options, answer]

    def stem_tokens(self, parsed: ParsedItem) -> dict[str, nodes.Node]:
        """The nodes that stand for ``[[...]]`` markers in the stem (cloze, highlight)."""
        return {}

    def report_raw_choice(self, group: int) -> bool:
        """Warn about raw HTML in this group's choice labels (a matrix: only once)."""
        return True

    def build_group(
        self,
        box: qn.question_group,
        g: int,
        group: Group,
        start: int,
        parsed: ParsedItem,
        parts: PartBuilder,
    ) -> None:
        """The group's label and its choices, in the order the page shows them."""
        if self.group_part is not None:
            label, messages = parts.inline(group.label, group.line, self.group_part)
            box += qn.group_label(group.label, "", *label)
            box += messages
        if self.choice_part is None:
            return
        shown = [i - start for i in parsed.display if start <= i < start + len(group.choices)]
        for k in shown or range(len(group.choices)):
            choice = group.choices[k]
            label, messages = parts.inline(
                choice.label, choice.line, self.choice_part, self.report_raw_choice(g)
            )
            option = qn.question_option(choice.label, "", *label, index=start + k)
            parts.source_info(option)
            box += option
            box += messages

    def build_rationales(
        self, g: int, group: Group, start: int, parts: PartBuilder
    ) -> list[nodes.Element]:
        if self.row_rationales:
            row = qn.option_rationale(index=g, row=True)
            if group.rationale is not None:
                parts.block(group.rationale, row)
            return [row]
        out: list[nodes.Element] = []
        for k, choice in enumerate(group.choices):
            rationale = qn.option_rationale(index=start + k)
            if choice.rationale is not None:
                parts.block(choice.rationale, rationale)
            out.append(rationale)
        return out

    # -- words of the answer --------------------------------------------------

    def answer_key(self, record: QuestionRecord) -> tuple[str, list[str]]:
        return "answer", self.key_lines(record)

    def key_lines(self, record: QuestionRecord, lettered: bool = True) -> list[str]:
        """A line per group: its name, then its correct choices, with the letters of
        the static outputs unless ``lettered`` is false (the web page shows none)."""
        letters = display_letters(record) if lettered else {}
        return [
            f"{self.group_name(record, g)}: "
            + "; ".join(
                letters.get(i, "") + record.options[i].text for i in indices if i in record.correct
            )
            for g, indices in enumerate(record.group_indices())
        ]

    def web_key(self, record: QuestionRecord) -> list[str]:
        """The answer as the web page words it, one line per group (the script names
        the lines of the groups the reader got wrong in the verdict line)."""
        return self.key_lines(record, lettered=False)

    def rationale_heading(self, record: QuestionRecord, index: int, row: bool) -> str:
        """Which row, blank, phrase or choice a rationale explains ("" for a row's, which
        only a matrix has)."""
        if row:
            return ""
        option = record.options[index]
        text = item_text()
        verdict = text["right_choice"] if option.correct else text["wrong_choice"]
        group, _ = record.locate(index)
        return f"{self.group_name(record, group)}: {option.text}: {verdict}"

    # -- interactive HTML -----------------------------------------------------

    def html_attributes(self, h: QuestionHtml) -> dict[str, str]:
        attrs: dict[str, str] = {}
        for key in NGN_MESSAGES:
            attrs["data-fbss-" + key.replace("_", "-")] = h.text[key]
        most = self.max_points(h.record, h.config.fbss_quiz_scoring)
        # Points only where there are several to earn: a 0/1 item says Correct or Incorrect.
        if most > 1:
            attrs["data-fbss-msg-points"] = counted("msg_points", most)
        return attrs

    def answer_message(self, record: QuestionRecord, text: Mapping[str, str]) -> str:
        """Several parts: the right answer of each part the reader got wrong."""
        if len(record.groups) > 1:
            return text["msg_missed"]
        return super().answer_message(record, text)

    def options_classes(self, record: QuestionRecord) -> str:
        return f"fbss-options fbss-{record.qtype}"

    def hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        """What to do, from ``text``: the web page's strings or the static ones (a kind may
        return its own message, ``fbss_quiz.i18n._("...")``)."""
        return text["hint_" + record.qtype.replace("-", "_")]

    def nojs_hint(self, record: QuestionRecord, text: Mapping[str, str]) -> str | None:
        """The hint, then where the answer is: without JavaScript there is no Check
        answer, only "Show answer"."""
        return f"{self.hint(record, text)} {text['hint_nojs'].format(show=text['show_answer'])}"

    def html_key(self, h: QuestionHtml) -> None:
        """The answer as a line per group, each marked with its group, which the script
        reads for the verdict line."""
        lines = self.web_key(h.record)
        h.out.tag("div", "", CLASS="fbss-key")
        if len(lines) == 1:
            h.out.tag("p", "")
            h.out.element("strong", h.text["answer"], " ")
            h.out.element("span", lines[0], **{"data-fbss-group": "0"})
            h.out.close("p")
        else:
            for g, line in enumerate(lines):
                h.out.element("p", line, **{"data-fbss-group": str(g)})
        h.out.close("div")

    def html_rationale(self, h: QuestionHtml, node: qn.option_rationale) -> None:
        index, row = int(node["index"]), bool(node.get("row"))
        group = index if row else h.record.locate(index)[0]
        option = index if row else self.option_id(h.record, index)
        data = {"data-fbss-option": str(option), "data-fbss-group": str(group)}
        h.out.node_tag(node, "div", CLASS="fbss-rationale", **data)
        h.out.tag("p", "", CLASS="fbss-verdict")
        h.out.element("strong", self.rationale_heading(h.record, index, row))
        h.out.close("p")

    def visit_option(self, h: QuestionHtml, node: qn.question_option) -> None:
        raise NotImplementedError(f"{self.name} has no options of its own to write")

    # -- ePub, PDF, text ------------------------------------------------------

    def static_body(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]:
        """The stem (blanks and phrases in brackets), what to do, then the choices."""
        stem = next(iter(question.findall(qn.question_stem))).deepcopy()
        for blank in list(stem.findall(qn.cloze_blank)):
            name = self.group_name(record, int(blank["group"]))
            blank.replace_self(nodes.strong("", f"[{name}]"))
        for phrase in list(stem.findall(qn.question_option)):
            phrase.replace_self(
                nodes.inline("", "", nodes.Text("["), *phrase.children, nodes.Text("]"))
            )
        text = static_text()
        # What the reader can do on paper: decide, then look the answer up in the key.
        hint = " ".join(filter(None, [self.hint(record, text), text["hint_key"]]))
        out: list[nodes.Node] = [*stem.children, nodes.paragraph("", "", nodes.emphasis("", hint))]
        return out + self.static_choices(question, record, spell)

    def static_choices(
        self, question: qn.question, record: QuestionRecord, spell: bool
    ) -> list[nodes.Node]:
        """Each group under its name, its choices lettered."""
        out: list[nodes.Node] = []
        for box in question.findall(qn.question_group):
            name = self.static_group_name(record, int(box["group"]))
            out.append(nodes.paragraph("", "", nodes.strong("", name)))
            out.append(lettered(option_labels(box), spell))
        return out

    def static_group_name(self, record: QuestionRecord, group: int) -> str:
        return self.group_name(record, group)

    # -- exports --------------------------------------------------------------

    def anki_front(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        """The item as the ePub and PDF show it, to answer in one's head."""
        stem = question.stem_with(
            lambda g: f"<strong>[{html.escape(question.group_names[g])}]</strong>",
            lambda i: f"[{question.options_html[i]}]",
        )
        hint = self.hint(question.record, text) or ""
        front = f'<div class="fbss-stem">{stem}</div><p><em>{html.escape(hint)}</em></p>'
        return front + self.anki_choices(question, text)

    def anki_choices(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        parts = []
        for g, indices in enumerate(question.record.group_indices()):
            name = self.anki_group_name(question, g, text)
            parts.append(f"<p><strong>{html.escape(name)}</strong></p>")
            parts.append(lettered_html([question.options_html[i] for i in indices]))
        return "".join(parts)

    def anki_group_name(self, question: BankQuestion, group: int, text: Mapping[str, str]) -> str:
        return question.group_names[group]

    def anki_back(self, question: BankQuestion, text: Mapping[str, str]) -> str:
        """The answer key's lines, then every rationale under its heading."""
        lines = list(question.key_lines) or [""]
        parts = [f"<p><strong>{html.escape(text['answer'])}</strong> {html.escape(lines[0])}</p>"]
        parts += [f"<p>{html.escape(line)}</p>" for line in lines[1:]]
        for name, rationale in self.anki_rationales(question):
            if rationale:
                parts.append(
                    f'<div class="fbss-rationale"><p><strong>{html.escape(name)}.</strong></p>'
                    f"{rationale}</div>"
                )
        return "".join(parts)

    def anki_rationales(self, question: BankQuestion) -> list[tuple[str, str]]:
        return list(zip(question.choice_names, question.rationales_html, strict=True))
