"""``questions-qti.zip``: an IMS QTI 1.2 package as Canvas (classic quizzes) imports it.

The package holds ``imsmanifest.xml``, one assessment with one item per question
(``multiple_choice_question``, ``multiple_answers_question`` or, for a drop-down
cloze or table, ``multiple_dropdowns_question``: Canvas's names) and the images the
questions show. Other NGN item types have no faithful Canvas (classic quizzes)
equivalent and are left out with a warning. Item, answer and feedback identifiers are
derived from the question ids, so a re-import updates the items it made before.
HTML goes into ``mattext`` as escaped text, never as CDATA, so a ``]]>`` in a
question cannot end anything.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fbss_quiz.exporters.bank import Bank, BankQuestion, kind_problem, review_html, write_zip
from fbss_quiz.kinds import KINDS
from fbss_quiz.model import option_letter

FILENAME = "questions-qti.zip"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: Where Canvas finds the package's files from inside an item's HTML.
FILEBASE = "%24IMS-CC-FILEBASE%24/images/"


def image_url(baseurl: str) -> Callable[[str], str]:
    return lambda name: FILEBASE + quote(name)


def unsupported(question: BankQuestion) -> str | None:
    """The question's kind says whether Canvas has a question type for it (``qti_type``)."""
    return kind_problem(question, "qti", "Canvas's QTI import has no question type for {type!r}")


def canvas_type(question: BankQuestion) -> str:
    canvas = KINDS[question.qtype].qti_type(question.record)
    assert canvas is not None, f"{question.qtype} has no Canvas question type"
    return canvas


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _html(parent: ET.Element, html: str) -> None:
    material = _sub(parent, "material")
    _sub(material, "mattext", html, texttype="text/html")


def _metadata(parent: ET.Element, fields: list[tuple[str, str]]) -> None:
    meta = _sub(parent, "qtimetadata")
    for label, entry in fields:
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _feedback(item: ET.Element, ident: str, html: str) -> None:
    feedback = _sub(item, "itemfeedback", ident=ident)
    _html(_sub(feedback, "flow_mat"), html)


def _condition(parent: ET.Element, keep_going: bool) -> tuple[ET.Element, ET.Element]:
    condition = _sub(parent, "respcondition", **{"continue": "Yes" if keep_going else "No"})
    return condition, _sub(condition, "conditionvar")


def blank_ids(bank: Bank, question: BankQuestion) -> list[str]:
    """Canvas's variable name of each blank, from the question id and the blank's name.

    The stem holds ``[name]`` where the drop-down goes and the response is
    ``response_name``. The question's stable id keeps a ``[1]`` of the text
    itself (a citation) from being taken for a blank.
    """
    base = bank.stable_id(question.id)
    names: list[str] = []
    for g, group in enumerate(question.record.groups):
        name = f"{base}_{re.sub(r'[^A-Za-z0-9_]', '_', group.label)}"
        names.append(name if name not in names else f"{name}_{g + 1}")
    return names


def _item(question: BankQuestion, ident: str, points: int, answer_ids: list[str]) -> ET.Element:
    """An item with its Canvas metadata."""
    element = ET.Element("item", ident=ident, title=question.record.id)
    _metadata(
        _sub(element, "itemmetadata"),
        [
            ("question_type", canvas_type(question)),
            ("points_possible", str(points)),
            ("original_answer_ids", ",".join(answer_ids)),
            ("assessment_question_identifierref", f"{ident}_ref"),
        ],
    )
    return element


def _processing(element: ET.Element) -> ET.Element:
    """The item's scoring: a score from 0 to 100, and the general feedback always shown."""
    processing = _sub(element, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    condition, var = _condition(processing, keep_going=True)
    _sub(var, "other")
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    return processing


def _rationale_shown(processing: ET.Element, answer_id: str, respident: str) -> None:
    """Choosing ``answer_id`` shows its rationale."""
    condition, var = _condition(processing, keep_going=True)
    _sub(var, "varequal", answer_id, respident=respident)
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{answer_id}_fb")


def dropdowns_item(bank: Bank, question: BankQuestion) -> ET.Element:
    """A drop-down cloze or table as Canvas's *Multiple Dropdowns*: 0/1 per drop-down,
    as NCSBN scores them."""
    record = question.record
    blanks = blank_ids(bank, question)
    groups = record.group_indices()
    answer_ids = [""] * len(record.options)
    for g, indices in enumerate(groups):
        for k, index in enumerate(indices):
            answer_ids[index] = f"{blanks[g]}_{option_letter(k)}"
    element = _item(question, bank.stable_id(record.id), len(groups), answer_ids)
    presentation = _sub(element, "presentation")
    # The kind says where the drop-downs go (in the sentence, in a table ...).
    _html(presentation, KINDS[question.qtype].qti_stem(question, lambda g: f"[{blanks[g]}]"))
    for g, indices in enumerate(groups):
        response = _sub(presentation, "response_lid", ident=f"response_{blanks[g]}")
        _sub(_sub(response, "material"), "mattext", blanks[g])
        choices = _sub(response, "render_choice")
        for index in indices:
            label = _sub(choices, "response_label", ident=answer_ids[index])
            # A drop-down shows plain text.
            text = record.options[index].text
            _sub(_sub(label, "material"), "mattext", text, texttype="text/plain")
    processing = _processing(element)
    share = f"{100 / len(groups):.2f}"
    for g, indices in enumerate(groups):
        for index in indices:
            if question.rationales_html[index]:
                _rationale_shown(processing, answer_ids[index], f"response_{blanks[g]}")
        right = next(i for i in indices if record.options[i].correct)
        condition, var = _condition(processing, keep_going=True)
        _sub(var, "varequal", answer_ids[right], respident=f"response_{blanks[g]}")
        _sub(condition, "setvar", share, action="Add", varname="SCORE")
    _all_feedback(element, question, answer_ids)
    return element


def _all_feedback(element: ET.Element, question: BankQuestion, answer_ids: list[str]) -> None:
    """The explanation and review link for the item, and each choice's rationale."""
    _feedback(element, "general_fb", question.explanation_html + review_html(question))
    for answer_id, rationale in zip(answer_ids, question.rationales_html, strict=True):
        if rationale:
            _feedback(element, f"{answer_id}_fb", rationale)


def choice_item(bank: Bank, question: BankQuestion) -> ET.Element:
    """Canvas's *Multiple Choice* (one group, 0/1) or *Multiple Answers* (select all)."""
    record = question.record
    ident = bank.stable_id(record.id)
    answer_ids = [f"{ident}_{option_letter(i)}" for i in range(len(record.options))]
    multiple = canvas_type(question) == "multiple_answers_question"
    element = _item(question, ident, 1, answer_ids)
    presentation = _sub(element, "presentation")
    _html(presentation, question.stem_html)
    cardinality = "Multiple" if multiple else "Single"
    response = _sub(presentation, "response_lid", ident="response1", rcardinality=cardinality)
    choices = _sub(response, "render_choice")
    for answer_id, html in zip(answer_ids, question.options_html, strict=True):
        _html(_sub(choices, "response_label", ident=answer_id), html)
    processing = _processing(element)
    for answer_id, rationale in zip(answer_ids, question.rationales_html, strict=True):
        if rationale:
            _rationale_shown(processing, answer_id, "response1")
    condition, var = _condition(processing, keep_going=False)
    if multiple:
        both = _sub(var, "and")
        for index, answer_id in enumerate(answer_ids):
            if record.options[index].correct:
                _sub(both, "varequal", answer_id, respident="response1")
            else:
                _sub(_sub(both, "not"), "varequal", answer_id, respident="response1")
    else:
        _sub(var, "varequal", answer_ids[question.correct[0]], respident="response1")
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")
    _all_feedback(element, question, answer_ids)
    return element


#: How each Canvas question type is written.
ITEM_WRITERS: dict[str, Callable[[Bank, BankQuestion], ET.Element]] = {
    "multiple_choice_question": choice_item,
    "multiple_answers_question": choice_item,
    "multiple_dropdowns_question": dropdowns_item,
}


def item(bank: Bank, question: BankQuestion) -> ET.Element:
    return ITEM_WRITERS[canvas_type(question)](bank, question)


def assessment(bank: Bank, ident: str) -> ET.Element:
    root = ET.Element(
        "questestinterop",
        {
            "xmlns": QTI_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
        },
    )
    title = " ".join(f"{bank.project} {bank.version}".split())
    test = _sub(root, "assessment", ident=ident, title=title)
    _metadata(test, [("cc_maxattempts", "1")])
    section = _sub(test, "section", ident="root_section")
    for question in bank.questions:
        section.append(item(bank, question))
    return root


def manifest(bank: Bank, ident: str, image_names: list[str]) -> ET.Element:
    root = ET.Element(
        "manifest",
        {
            "identifier": f"{ident}_manifest",
            "xmlns": CP_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd",
        },
    )
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    resource = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
    _sub(resource, "file", href=f"{ident}/{ident}.xml")
    for number, name in enumerate(image_names, start=1):
        href = f"images/{name}"
        image = _sub(resources, "resource", identifier=f"{ident}_image_{number}")
        image.set("type", "webcontent")
        image.set("href", href)
        _sub(image, "file", href=href)
    return root


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def write(bank: Bank, path: Path) -> None:
    ident = bank.stable_id("", prefix="fbss_bank")
    used = sorted(
        name
        for name in bank.images
        if any(
            FILEBASE + quote(name) in markup
            for q in bank.questions
            for markup in (q.stem_html, q.explanation_html, *q.options_html, *q.rationales_html)
        )
    )
    entries = [
        ("imsmanifest.xml", _xml(manifest(bank, ident, used))),
        (f"{ident}/{ident}.xml", _xml(assessment(bank, ident))),
    ]
    entries += [(f"images/{name}", bank.images[name].read_bytes()) for name in used]
    write_zip(path, entries, bank.timestamp)


class QtiExporter:
    name = "qti"
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


EXPORTER = QtiExporter()
