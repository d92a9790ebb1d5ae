// @ts-check
/* fbss-quiz: a quiz: how many of its questions are answered as the reader goes, then,
 * once every one is checked, the score and the summary (the missed questions as links,
 * with their Review links, and Retry the missed ones); Reset quiz; the drawn set of a
 * review quiz that draws N of its questions per attempt, numbered 1-N. An exam
 * (``:mode: exam``) is wired by exam.js, a chunk of the script of pages that have one. */
import { $, $$, attr, fill, shuffled } from "./dom.js";
import { getSet, put } from "./store.js";

/** @typedef {import("./question.js").Question} Question */

/**
 * What exam.js gets from its quiz.
 * @typedef {object} QuizApi
 * @property {() => Question[]} questions the questions of this attempt
 * @property {() => void} update count, score and summary anew
 * @property {(hook: () => void) => void} onReset run after Reset quiz
 */

/**
 * @typedef {(root: HTMLElement, api: QuizApi) => void} ExamWiring
 */

/**
 * ``n`` of ``ids`` at random; a new attempt does not repeat the ``previous`` set when
 * the pool allows another.
 * @param {string[]} ids
 * @param {number} n
 * @param {string[] | null} previous
 * @returns {string[]}
 */
function drawSet(ids, n, previous) {
  const order = shuffled(ids.length).map((i) => ids[i]);
  const set = order.slice(0, n);
  /** @param {string[]} s */
  const same = (s) => [...s].sort().join();
  return previous && ids.length > n && same(set) === same(previous) ? order.slice(ids.length - n) : set;
}

/**
 * The message for ``n`` from a JSON list of plural forms (the page writes one per number,
 * from ``first``).
 * @param {Element} el
 * @param {string} name
 * @param {number} n
 * @param {number} [first]
 */
export function form(el, name, n, first = 0) {
  try {
    return String(JSON.parse(attr(el, name))[n - first] || "");
  } catch {
    return "";
  }
}

/**
 * The missed questions as links: each to itself (which puts the focus on it) and, where
 * the question has one, its Review link back to where the topic is taught.
 * @param {HTMLElement} root the quiz
 * @param {Question[]} missed
 * @param {Question[]} questions
 */
export function listMissed(root, missed, questions) {
  const list = $(root, ".fbss-missed");
  list.textContent = "";
  missed.forEach((q) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = "#" + q.root.id;
    const number = $(q.root, ".fbss-number");
    link.textContent = number
      ? /** @type {string} */ (number.textContent).trim()
      : fill(attr(root, "msg-question"), { number: questions.indexOf(q) + 1 });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      q.root.scrollIntoView();
      q.focus();
      // A submitted exam's question has nothing left to focus: the question itself.
      if (!q.root.contains(document.activeElement)) {
        q.root.tabIndex = -1;
        q.root.focus();
      }
    });
    li.append(link);
    const review = $(q.root, ".fbss-review");
    if (review) li.append(" \u2014 ", ...[...review.cloneNode(true).childNodes]);
    list.append(li);
  });
  /** @type {HTMLElement} */ (list.parentElement).hidden = !missed.length;
}

/**
 * The score line: right of total, or a case's points.
 * @param {HTMLElement} root
 * @param {Question[]} checked every question of the attempt, each with its score
 */
function scoreText(root, checked) {
  let right = 0, points = 0, max = 0;
  checked.forEach(({ score }) => {
    const s = /** @type {import("./scoring.js").Score} */ (score);
    right += +s.full;
    points += s.points;
    max += s.max;
  });
  const caseMsg = attr(root, "case");
  return caseMsg ? fill(caseMsg, { points, max }) : fill(attr(root, "msg-score"), { right, total: checked.length });
}

/**
 * The footer after every grading, reset or (in an exam) answer: while questions are
 * left, how many are answered (in an exam, complete; elsewhere, checked); once all are
 * checked, the score and the missed ones.
 * @param {HTMLElement} root
 * @param {Question[]} questions
 * @param {boolean} isExam
 */
function showProgress(root, questions, isExam) {
  const checked = questions.filter((q) => q.score);
  const done = checked.length === questions.length;
  const answered = isExam && !done ? questions.filter((q) => q.missing && !q.missing()).length : checked.length;
  const count = done ? "" : form(root, "msg-answered", answered);
  $(root, ".fbss-count").textContent = fill(count, { done: answered, total: questions.length });
  const missed = done ? checked.filter((q) => !q.score?.full) : [];
  listMissed(root, missed, questions);
  $(root, ".fbss-retry-missed").hidden = !missed.length || isExam;
  $(root, ".fbss-score").textContent = done ? scoreText(root, checked) : "";
}

/**
 * Show the drawn questions, in drawn order before the footer and numbered 1-N; hide the
 * others.
 * @param {HTMLElement} root
 * @param {Question[]} all
 * @param {Question[]} drawn
 */
function arrange(root, all, drawn) {
  const footer = $(root, ".fbss-quiz-footer");
  all.forEach((q) => {
    q.root.hidden = !drawn.includes(q);
    /** @type {Node} */ (q.root.parentNode).appendChild(q.root);
  });
  drawn.forEach((q, k) => {
    root.insertBefore(q.root, footer);
    const number = $(q.root, ".fbss-number[data-fbss-number]");
    if (number) number.textContent = fill(attr(root, "msg-numbered"), { n: k + 1, number: attr(number, "number") });
  });
}

/**
 * @param {HTMLElement} root
 * @param {(root: HTMLElement, onChange: () => void) => Question} make
 * @param {ExamWiring | null} [exam] exam.js, where the page has an exam
 */
export function wireQuiz(root, make, exam = null) {
  const isExam = !!exam && attr(root, "mode") === "exam";
  /** @type {Question[] | null} null until ``pick`` (``make`` grades saved answers first) */
  let questions = null;
  /** @type {Array<() => void>} */
  const resetHooks = [];
  /** @param {Question[]} list */
  const ids = (list) => list.map((q) => q.id);
  const update = () => questions && showProgress(root, questions, isExam);
  const all = $$(root, ".fbss-question").map((q) => make(q, update));
  // A case's chart may scroll within itself on wide screens (ngn.css): keyboard too.
  $$(root, ".sd-tab-set>.sd-tab-content").forEach((tab) => (tab.tabIndex = 0));
  const draw = +attr(root, "draw") || 0;
  const prefix = attr(root, "store");
  const drawKey = draw && prefix ? prefix + ":draw:" + root.id : "";

  /**
   * Which questions this attempt shows: all, or a drawn set of ``draw`` of them. The
   * page's score message is worded for this many: a set saved under another :limit:
   * is drawn anew.
   * @param {string[] | null} saved
   * @param {string[] | null} previous
   */
  function pick(saved, previous) {
    const size = Math.min(draw, all.length);
    const drawn = !draw ? null : saved && saved.length === size ? saved : drawSet(ids(all), draw, previous);
    if (drawn && drawKey) put(drawKey, drawn);
    questions = drawn ? drawn.flatMap((id) => all.filter((q) => q.id === id)) : all;
    if (drawn) arrange(root, all, questions);
    update();
  }

  pick(drawKey ? getSet(drawKey, ids(all)) : null, null);
  const current = () => /** @type {Question[]} */ (questions);
  $(root, ".fbss-quiz-footer").hidden = !current().length;
  $(root, ".fbss-reset").addEventListener("click", () => {
    all.forEach((q) => q.reset(true));
    if (draw) pick(null, ids(current()));
    resetHooks.forEach((hook) => hook());
    current()[0]?.focus();
  });
  $(root, ".fbss-retry-missed").addEventListener("click", () => {
    const missed = current().filter((q) => q.score && !q.score.full);
    missed.forEach((q) => q.reset(true));
    missed[0]?.focus();
  });
  if (isExam && exam) exam(root, { questions: current, update, onReset: (hook) => resetHooks.push(hook) });
}
