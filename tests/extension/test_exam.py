"""Issue 16, part A, at build time: the quiz footer's summary parts, review quizzes
numbered 1-N with the book's number beside it, and exam mode (``:mode: exam``,
``:time-limit:``): options, located warnings, a page that holds no answer before Submit,
the sealed blob the script opens, and the static outputs' note."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup

from fbss_quiz.exam import seal, stripped_item, unseal

QUESTIONS = """
:::{question}
:id: ex-one
:step: analyze-cues
Which finding needs action today?

- [ ] Mild stiffness in the morning
  RATIONALE-STIFF stiffness is common.
- [x] New numbness between the legs
  RATIONALE-NUMB this can be cauda equina syndrome.

EXPLANATION-ONE red flags first.
:::

:::{question}
:id: ex-two
:topic: symptoms
Which symptoms are common?

- [x] Leg pain
  RATIONALE-LEG leg pain is common.
- [x] Numbness
  RATIONALE-NUMBNESS numbness is common.
- [ ] Fever
  RATIONALE-FEVER fever is not.
:::

:::{question}
:id: ex-three
:type: matrix
:topic: treatments
Decide for each finding.

columns: Routine | Report now

- [Report now] New weakness
  RATIONALE-WEAK weakness can mean nerve damage.
- [Routine] Mild ache
  RATIONALE-ACHE an ache is expected.
:::
"""

EXAM_MD = f"""
# Exam page

## Practice

::::{{quiz}} Practice exam
:mode: exam
:time-limit: 10
:topic: causes
{QUESTIONS}
::::
"""

SECRETS = ("RATIONALE-", "EXPLANATION-ONE", "cauda equina")


def exam_page(build: Callable[..., Any], builder: str = "html", conf: str = "") -> tuple[Any, str]:
    built = build({"index.md": EXAM_MD}, conf=conf, builder=builder)
    assert built.warnings == "", built.warnings
    return built, built.page()


def test_exam_page_source_holds_no_answer(build: Callable[..., Any]) -> None:
    _, html = exam_page(build)
    for secret in SECRETS:
        assert secret not in html
    soup = BeautifulSoup(html, "html.parser")
    quiz = soup.select_one(".fbss-quiz")
    assert quiz is not None and "fbss-exam" in quiz["class"]
    assert not soup.select(".fbss-key-option, .fbss-rationale, .fbss-explanation, .fbss-key")
    assert "data-fbss-correct" not in html and "fbss-badge" not in html
    for question in soup.select(".fbss-question"):
        item = json.loads(question["data-fbss-item"])
        assert all(group["correct"] == [] for group in item["groups"]), item
        # Not even how many options a select-all question has right.
        assert "data-fbss-msg-answer" not in question.attrs
        assert "data-fbss-msg-partial" not in question.attrs
        assert "data-fbss-msg-points" not in question.attrs
        answer = question.select_one("details.fbss-answer")
        assert answer is not None and answer.has_attr("hidden")
        assert answer.get_text(strip=True) == "Show answer"
    # The page loads the exam's chunk of the script, after its kinds'.
    assert "fbss_quiz_marks_matrix_exam.js" in html


def test_the_seal_holds_every_answer_and_opens_with_the_quiz_id(
    build: Callable[..., Any],
) -> None:
    _, html = exam_page(build)
    soup = BeautifulSoup(html, "html.parser")
    quiz = soup.select_one(".fbss-quiz")
    footer = soup.select_one(".fbss-quiz-footer")
    assert quiz is not None and footer is not None
    held = unseal(footer["data-fbss-sealed"], quiz["id"])
    assert set(held) == {q["id"] for q in soup.select(".fbss-question")}
    one = held["q-ex-one"]
    assert one["item"]["groups"][0]["correct"] == [1]
    assert "RATIONALE-NUMB" in one["html"] and "EXPLANATION-ONE" in one["html"]
    assert one["msg"]["data-fbss-msg-answer"] == "The answer is {answer}."
    two = held["q-ex-two"]
    assert two["msg"]["data-fbss-msg-partial"].startswith("Partly correct")
    assert "fbss-key" in held["q-ex-three"]["html"]
    assert held["q-ex-three"]["msg"]["data-fbss-msg-points"] == "{points} of {max} points."
    # The wrong key gives garbage, not the answers.
    with pytest.raises(ValueError):
        unseal(footer["data-fbss-sealed"], "another-id")
    # Sealed, the answers compress about as well as they would in plain text.
    plain = json.dumps(held, ensure_ascii=False, separators=(",", ":")).encode()
    sealed = footer["data-fbss-sealed"].encode()
    assert len(gzip.compress(sealed)) < 1.15 * len(gzip.compress(plain))


def test_exam_attributes_for_the_script(build: Callable[..., Any]) -> None:
    _, html = exam_page(build)
    soup = BeautifulSoup(html, "html.parser")
    quiz = soup.select_one(".fbss-quiz")
    assert quiz is not None
    assert quiz["data-fbss-mode"] == "exam"
    assert quiz["data-fbss-time-limit"] == "10"
    assert json.loads(quiz["data-fbss-msg-time-notes"]) == {
        "1": "1 minute left.",
        "5": "5 minutes left.",
    }
    assert json.loads(quiz["data-fbss-topic-labels"]) == {
        "causes": "Causes",
        "symptoms": "Symptoms",
        "treatments": "Treatments",
    }
    assert json.loads(quiz["data-fbss-step-labels"]) == {
        "analyze-cues": "Clinical judgment: analyze cues"
    }
    assert json.loads(quiz["data-fbss-msg-unanswered"]) == [
        "{left} question is not answered. Submit anyway?",
        "{left} questions are not answered. Submit anyway?",
        "{left} questions are not answered. Submit anyway?",
    ]
    steps = [q.get("data-fbss-step") for q in soup.select(".fbss-question")]
    assert steps == ["analyze-cues", "", ""]
    footer = soup.select_one(".fbss-quiz-footer")
    assert footer is not None
    assert footer.select_one("button.fbss-submit").get_text() == "Submit"
    assert "Suggested time: 10 minutes." in footer.get_text()
    assert soup.select_one(".fbss-exam-nojs").get_text() == "Submitting the exam needs JavaScript."


def test_seal_round_trip_and_stripped_item() -> None:
    data = {"q-a": {"html": "<p>é & <b>rationale</b></p>", "item": {"correct": [1, 2]}}}
    blob = seal(data, "quiz-index-1")
    for plain in ("<p>", "rationale", "correct", "[1,2]", "html"):
        assert plain not in blob
    assert unseal(blob, "quiz-index-1") == data
    # Every shift from 1 to 93 comes back.
    for key in ("a", "quiz-x", "quiz-self-test-2", "q" * 93, "ñ"):
        assert unseal(seal(data, key), key) == data
    item: Any = {
        "kind": "bowtie",
        "scoring": "ncsbn",
        "groups": [
            {"rule": "one", "size": 4, "need": 1, "correct": [2]},
            {"rule": "slots", "size": 5, "need": 2, "correct": [0, 3]},
            {"rule": "plus-minus", "size": 5, "need": 3, "correct": [0, 1, 4]},
        ],
    }
    assert stripped_item(item)["groups"] == [
        {"rule": "one", "size": 4, "need": 1, "correct": []},
        {"rule": "slots", "size": 5, "need": 2, "correct": []},
        {"rule": "plus-minus", "size": 5, "need": 1, "correct": []},
    ]


@pytest.mark.parametrize("builder", ["epub", "text"])
def test_static_exam_is_questions_a_note_and_the_key(
    build: Callable[..., Any], builder: str
) -> None:
    _, page = exam_page(build, builder)
    text = BeautifulSoup(page, "html.parser").get_text() if builder == "epub" else page
    text = re.sub(r"\s+", " ", text)
    assert "On the web this quiz is an exam" in text
    assert "Suggested time: 10 minutes." in text
    # The questions, then the answer key with every rationale.
    assert text.index("Which finding needs action today?") < text.index("Answer key")
    assert "RATIONALE-NUMB" in text and "EXPLANATION-ONE" in text
    assert "Submit" not in text


def test_a_quiz_without_exam_mode_is_unchanged(build: Callable[..., Any]) -> None:
    built = build({"index.md": EXAM_MD.replace(":mode: exam\n:time-limit: 10\n", "")})
    assert built.warnings == ""
    html = built.page()
    assert "RATIONALE-NUMB" in html and "fbss-key-option" in html
    assert "data-fbss-sealed" not in html and "fbss-exam" not in html
    assert "fbss_quiz_marks_matrix.js" in html


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (":mode: quiz2", "unknown ':mode:' 'quiz2': write ':mode: exam'"),
        (
            ":mode: exam\n:time-limit: -3",
            "':time-limit:' must be a whole number of minutes from 1 to 1440, not '-3'",
        ),
        (":mode: exam\n:time-limit: soon", "not 'soon'"),
        (":time-limit: 20", "':time-limit:' only applies to a quiz with ':mode: exam'"),
    ],
)
def test_bad_mode_or_time_limit_is_a_located_warning(
    build: Callable[..., Any], options: str, message: str
) -> None:
    source = f"# Page\n\nText.\n\n::::{{quiz}} Q\n{options}\n{QUESTIONS}\n::::\n\nAfter.\n"
    built = build({"index.md": source})
    lines = [line for line in built.warnings.splitlines() if "WARNING" in line]
    assert len(lines) == 1, built.warnings
    assert "index.md:5:" in lines[0]  # the quiz directive's line
    assert message in lines[0] and "[fbss_quiz.exam]" in lines[0]
    assert "Traceback" not in built.warnings
    html = built.page()
    # The build goes on: the quiz and the text after it are there; a bad mode is a quiz.
    assert "After." in html and html.count('class="fbss-question"') == 3
    if ":mode: exam" in options:
        assert "data-fbss-mode" in html and "data-fbss-time-limit" not in html
    else:
        assert "data-fbss-mode" not in html and "RATIONALE-NUMB" in html


def test_bad_mode_in_rst_is_located_too(build: Callable[..., Any]) -> None:
    source = (
        "Page\n====\n\n.. quiz:: Q\n   :mode: test\n\n   .. question::\n      :id: r1\n\n"
        "      Stem?\n\n      - [x] a\n        r\n      - [ ] b\n        r\n"
    )
    built = build({"index.rst": source})
    assert "index.rst:4:" in built.warnings and "[fbss_quiz.exam]" in built.warnings


REVIEW = {
    "index.md": """
# Book

```{toctree}
chapter
review
```
""",
    "chapter.md": """
# Chapter

:::{question}
:id: c-one
:topic: causes
First?

- [x] a
  RA.
- [ ] b
  RB.
:::

:::{question}
:id: c-two
:topic: causes
Second?

- [x] a
  RA.
- [ ] b
  RB.
:::
""",
    "review.md": """
# Review

::::{quiz} Review
:collect: causes
::::
""",
}


def test_review_quiz_numbers_1_to_n_with_the_book_number(build: Callable[..., Any]) -> None:
    built = build(REVIEW)
    assert built.warnings == ""
    soup = BeautifulSoup(built.page("review"), "html.parser")
    numbers = [(p.get_text(strip=True), p["data-fbss-number"]) for p in soup.select(".fbss-number")]
    assert numbers == [("Question 1 · from 1.1", "1.1"), ("Question 2 · from 1.2", "1.2")]
    quiz = soup.select_one(".fbss-quiz")
    assert quiz is not None
    assert quiz["data-fbss-msg-numbered"] == "Question {n} · from {number}"
    # The chapter keeps the book's numbers.
    chapter = BeautifulSoup(built.page("chapter"), "html.parser")
    assert [p.get_text(strip=True) for p in chapter.select(".fbss-number")] == [
        "Question 1.1",
        "Question 1.2",
    ]


def test_review_numbers_in_static_outputs(build: Callable[..., Any]) -> None:
    built = build(REVIEW, builder="text")
    page = built.page("review")
    assert "Question 1 · from 1.1" in page and "Question 2 · from 1.2" in page
    # The page's answer key names them the same way.
    key = page[page.index("Answer key") :]
    assert "Question 1 · from 1.1" in key and "Back to Question 2 · from 1.2" in key


def test_quiz_footer_has_the_count_and_summary_parts(build: Callable[..., Any]) -> None:
    built = build(REVIEW)
    soup = BeautifulSoup(built.page("review"), "html.parser")
    quiz = soup.select_one(".fbss-quiz")
    assert quiz is not None
    assert json.loads(quiz["data-fbss-msg-answered"]) == ["{done} of {total} answered."] * 3
    footer = soup.select_one(".fbss-quiz-footer")
    assert footer is not None
    assert footer.select_one(".fbss-count")["role"] == "status"
    summary = footer.select_one(".fbss-summary")
    assert summary is not None and summary.has_attr("hidden")
    assert summary.select_one(".fbss-missed-title").get_text() == "To review:"
    retry = footer.select_one("button.fbss-retry-missed")
    assert retry is not None and retry.get_text() == "Retry the missed ones"
    assert footer.select_one("button.fbss-reset") is not None
    assert footer.select_one(".fbss-submit") is None


def test_spanish_count_forms_follow_the_number_answered(build: Callable[..., Any]) -> None:
    built = build(REVIEW, conf='language = "es"\n')
    soup = BeautifulSoup(built.page("review"), "html.parser")
    quiz = soup.select_one(".fbss-quiz")
    assert quiz is not None
    assert json.loads(quiz["data-fbss-msg-answered"]) == [
        "{done} de {total} respondidas.",
        "{done} de {total} respondida.",
        "{done} de {total} respondidas.",
    ]
    assert soup.select_one(".fbss-number").get_text(strip=True) == "Pregunta 1 · de la 1.1"


def test_seal_cases_shared_with_the_browser_code() -> None:
    """tests/seal_cases.json, which tests/js/seal.test.js opens with the browser's unseal,
    is what this package seals (so both sides agree on the shift of every key)."""
    from pathlib import Path

    cases = json.loads((Path(__file__).parents[1] / "seal_cases.json").read_text(encoding="utf-8"))
    assert len(cases) >= 3
    for case in cases:
        assert seal(case["data"], case["key"]) == case["sealed"]
        assert unseal(case["sealed"], case["key"]) == case["data"]
