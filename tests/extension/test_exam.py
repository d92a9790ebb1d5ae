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
    assert html.index("fbss_quiz_marks_matrix.js") < html.index("fbss_quiz_exam.js")


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


# -- the page source gives no kind's answer away ---------------------------------------

#: Two orders of the same steps that the page shows alike (kinds/ordering.py shows each in
#: a fixed shuffled order): what only the key tells apart.
STEP_ORDERS = (
    ("Assess", "Trial", "Implant", "Follow up"),
    ("Assess", "Trial", "Follow up", "Implant"),
)


def every_kind(key: int) -> str:
    """An exam with a question of every kind, answered by key 0 or key 1: the same
    questions, options and rationales, with other options correct."""

    def x(*correct: bool) -> list[str]:
        return ["x" if c else " " for c in correct]

    one, two = key == 0, key == 1
    s = x(one, two)
    m = x(one, two, True)
    n = x(one, one, two, two, False)
    cond, act, mon = x(one, two, False), x(True, one, two), x(two, True, one)
    col = ("Expected", "Report now") if one else ("Report now", "Expected")
    star = ("*", "") if one else ("", "*")
    steps = "\n".join(
        f"{i}. {label}\n   Why {label} is step {i}." for i, label in enumerate(STEP_ORDERS[key], 1)
    )
    return f"""
# Exam

:::::{{quiz}} Every kind
:mode: exam

:::{{question}}
:id: k-single
Which one?

- [{s[0]}] Alpha
  Alpha's rationale.
- [{s[1]}] Beta
  Beta's rationale.
:::

:::{{question}}
:id: k-multiple
Which ones?

- [{m[0]}] Alpha
  Alpha's rationale.
- [{m[1]}] Beta
  Beta's rationale.
- [{m[2]}] Gamma
  Gamma's rationale.
:::

:::{{question}}
:id: k-select-n
:type: select-n
:scoring: plus-minus
Select 2 findings.

- [{n[0]}] Fever
  Fever's rationale.
- [{n[1]}] Redness
  Redness's rationale.
- [{n[2]}] Numbness
  Numbness's rationale.
- [{n[3]}] Weakness
  Weakness's rationale.
- [{n[4]}] Soreness
  Soreness's rationale.
:::

:::{{question}}
:id: k-matrix
:type: matrix
Expected or report now?

columns: Expected | Report now

- [{col[0]}] Soreness
  Soreness's rationale.
- [{col[1]}] Numbness
  Numbness's rationale.
:::

:::{{question}}
:id: k-cloze
:type: cloze
Saddle numbness can mean [[1]].

[[1]]
- [{s[0]}] cauda equina syndrome
  The first rationale.
- [{s[1]}] epidural fibrosis
  The second rationale.
:::

:::{{question}}
:id: k-highlight
:type: highlight
Select what needs action.

> Client reports [[{star[0]}new numbness]] and [[{star[1]}mild soreness]].

- [[new numbness]]
  Numbness's rationale.
- [[mild soreness]]
  Soreness's rationale.
:::

:::{{question}}
:id: k-ordering
:type: ordering
Put the steps in order.

{steps}
:::

:::{{question}}
:id: k-bowtie
:type: bowtie
A client has new saddle numbness.

Condition:
- [{cond[0]}] Cauda equina syndrome
  The first condition.
- [{cond[1]}] Epidural fibrosis
  The second condition.
- [{cond[2]}] Hardware failure
  The third condition.
Actions:
- [{act[0]}] Send to emergency
  The first action.
- [{act[1]}] Report to the surgeon
  The second action.
- [{act[2]}] Advise rest
  The third action.
Monitor:
- [{mon[0]}] Bladder function
  The first parameter.
- [{mon[1]}] Saddle sensation
  The second parameter.
- [{mon[2]}] Hair growth
  The third parameter.
:::

:::{{question}}
:id: k-dropdown-rationale
:type: dropdown-rationale
The client has saddle numbness.

The nurse should [[1]] because of the [[2]].

[[1]]
- [{s[0]}] arrange emergency care
  The first action.
- [{s[1]}] advise rest
  The second action.
[[2]]
- [{s[1]}] soreness
  The first finding.
- [{s[0]}] numbness
  The second finding.
:::

:::{{question}}
:id: k-dropdown-table
:type: dropdown-table
For each finding, choose what to do.

columns: Finding | Action

- Soreness
  - [{s[0]}] Keep monitoring
  - [{s[1]}] Arrange emergency care
  Soreness's rationale.
- Numbness
  - [{s[1]}] Keep monitoring
  - [{s[0]}] Arrange emergency care
  Numbness's rationale.
:::

:::{{question}}
:id: k-trend
:type: trend
The nurse reads the chart.

chart: Vital signs
| Time | Temperature, °C |
|---|---|
| Day 1 | 37.0 |
| Day 2 | 38.4 |

response: ordering
Put the steps in order.

{steps}
:::
:::::
"""


def quiz_markup(html: str) -> str:
    """The exam as the page gives it to every reader, its sealed attribute left out."""
    quiz = BeautifulSoup(html, "html.parser").select_one(".fbss-quiz")
    assert quiz is not None
    footer = quiz.select_one(".fbss-quiz-footer")
    assert footer is not None
    del footer["data-fbss-sealed"]
    return str(quiz)


def test_no_kind_of_item_gives_its_answer_away_in_the_page_source(
    build: Callable[..., Any],
) -> None:
    """Two exams whose every question has another key are the same page but for the
    sealed attribute: nothing else (attribute, class, id, order of the markup) depends on
    the answer, so nothing else can tell it."""
    pages = []
    for key in (0, 1):
        built = build({"index.md": every_kind(key)})
        assert built.warnings == "", built.warnings
        pages.append(built.page())
    soup = BeautifulSoup(pages[0], "html.parser")
    kinds = {q["data-fbss-type"] for q in soup.select(".fbss-question")}
    assert kinds >= {
        "single", "multiple", "select-n", "matrix", "cloze", "highlight", "ordering",
        "bowtie", "dropdown-rationale", "dropdown-table", "trend",
    }  # fmt: skip
    assert quiz_markup(pages[0]) == quiz_markup(pages[1])
    # And yet every question's key differs, sealed.
    quiz, footer = soup.select_one(".fbss-quiz"), soup.select_one(".fbss-quiz-footer")
    assert quiz is not None and footer is not None
    footers = [BeautifulSoup(page, "html.parser").select_one(".fbss-quiz-footer") for page in pages]
    held = [unseal(f["data-fbss-sealed"], quiz["id"]) for f in footers if f is not None]
    for qid in held[0]:
        assert held[0][qid]["item"]["groups"] != held[1][qid]["item"]["groups"], qid


def test_an_ordering_items_steps_read_in_the_page_are_not_its_order(
    build: Callable[..., Any],
) -> None:
    """The steps' ids in the page's order are 0, 1, 2 ...; the key, sealed, is another
    order of those ids, and the page's ids (elements, labels) follow the shown order."""
    built = build({"index.md": every_kind(0)})
    soup = BeautifulSoup(built.page(), "html.parser")
    quiz = soup.select_one(".fbss-quiz")
    footer = soup.select_one(".fbss-quiz-footer")
    assert quiz is not None and footer is not None
    held = unseal(footer["data-fbss-sealed"], quiz["id"])
    for qid in ("q-k-ordering", "q-k-trend"):
        question = soup.select_one(f"#{qid}")
        assert question is not None
        steps = question.select("li.fbss-step")
        ids = [int(li["data-fbss-option"]) for li in steps]
        assert ids == list(range(len(STEP_ORDERS[0])))
        assert [li["id"] for li in steps] == [f"{qid}-o{i}" for i in ids]
        key = held[qid]["item"]["groups"][0]["correct"]
        assert sorted(key) == ids and key != ids
        # The key names the steps in the right order.
        text = {
            int(li["data-fbss-option"]): li.select_one(".fbss-step-text").get_text() for li in steps
        }
        assert [text[i] for i in key] == list(STEP_ORDERS[0])


def test_an_exam_page_item_keeps_what_its_script_needs(build: Callable[..., Any]) -> None:
    """Stripped of its key, an exam's item keeps a trend's response (the kind that runs
    it: without it the script stopped on the page) and a select-N item its N whatever its
    scoring (stripped to 1, a plus-minus item let the reader tick one box)."""
    built = build({"index.md": every_kind(0)})
    soup = BeautifulSoup(built.page(), "html.parser")
    items = {
        q["data-fbss-id"]: json.loads(q["data-fbss-item"]) for q in soup.select(".fbss-question")
    }
    assert items["k-trend"]["kind"] == "trend" and items["k-trend"]["response"] == "ordering"
    assert items["k-select-n"]["groups"] == [
        {"rule": "plus-minus", "size": 5, "need": 2, "correct": []}
    ]
    assert all(g["correct"] == [] for item in items.values() for g in item["groups"])
