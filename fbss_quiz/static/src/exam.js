// @ts-check
/* fbss-quiz: exam mode (``:mode: exam``), a chunk of the script only of pages with an exam.
 * No feedback per question: one Submit at the end, which asks first (in the page, not
 * a browser dialog) when answers are missing. Submit opens the answers the page holds
 * back (fbss_quiz/exam.py seals them: that deters a reader of the page source, it does
 * not secure), grades every question, saves each result as a checked answer (so the
 * progress page counts it), and shows the score, the score by topic and by
 * clinical-judgment step, and every question's feedback. An optional countdown
 * (``:time-limit:``) is shown and announced now and then; it never ends the attempt
 * (WCAG 2.2.1): the reader submits when ready. */
import { $, $$, attr, fill } from "./dom.js";
import { form } from "./quiz.js";
import { isCorrect } from "./scoring.js";

/** @typedef {import("./question.js").Question} Question */
/** @typedef {import("./quiz.js").QuizApi} QuizApi */

/**
 * What ``fbss_quiz.exam.seal`` sealed: JSON whose printable ASCII characters are
 * rotated by a shift that ``key`` (the quiz's id) gives.
 * @param {string} blob
 * @param {string} key
 * @returns {Record<string, {item: import("./scoring.js").Item, msg: Record<string, string>, html?: string}>}
 */
export function unseal(blob, key) {
  const shift = 1 + ([...new TextEncoder().encode(key)].reduce((a, b) => a + b, 0) % 93);
  return JSON.parse(
    blob.replace(/[!-~]/g, (c) => String.fromCharCode(33 + ((c.charCodeAt(0) - 33 + 94 - shift) % 94))),
  );
}

/**
 * Put a question's held-back answer in: the full item (the question's scorer holds the
 * same object), the messages that name the answer, the answer part (parsed, not set as
 * markup: the HTML is the page's own, written by the build), the correct options marked.
 * @param {Question} q
 * @param {{item: import("./scoring.js").Item, msg: Record<string, string>, html?: string}} held
 */
function open(q, held) {
  q.item?.groups.forEach((group, k) => Object.assign(group, held.item.groups[k]));
  q.root.setAttribute("data-fbss-item", JSON.stringify(held.item));
  Object.entries(held.msg).forEach(([name, text]) => q.root.setAttribute(name, text));
  const details = $(q.root, ".fbss-answer");
  const parsed = new DOMParser().parseFromString(held.html || "", "text/html");
  details.append(...parsed.body.childNodes);
  $$(q.root, ".fbss-option input").forEach((input) => {
    const index = +(/** @type {HTMLInputElement} */ (input).value);
    if (isCorrect(held.item, index)) input.closest(".fbss-option")?.classList.add("fbss-key-option");
  });
}

/**
 * A table of "right of total" per group of questions (topic or step).
 * @param {HTMLElement} results
 * @param {string} caption
 * @param {Map<string, number[]>} counts label -> [right, total]
 * @param {string} of the "{right} of {total}" message
 */
function table(results, caption, counts, of) {
  const el = document.createElement("table");
  el.createCaption().textContent = caption;
  const body = el.createTBody();
  counts.forEach(([right, total], label) => {
    const row = body.insertRow();
    const head = document.createElement("th");
    head.scope = "row";
    head.textContent = label;
    row.append(head);
    row.insertCell().textContent = fill(of, { right, total });
  });
  results.append(el);
}

/**
 * Where ``label`` stands among ``labels``' values (unknown ones last).
 * @param {Record<string, string>} labels
 * @param {string} label
 */
const rank = (labels, label) => {
  const at = Object.values(labels).indexOf(label);
  return at < 0 ? 1e3 : at;
};

/**
 * The score by topic and by step (a question under two topics counts in both).
 * @param {HTMLElement} root
 * @param {Question[]} questions
 */
function showResults(root, questions) {
  const results = $(root, ".fbss-results");
  results.textContent = "";
  /** @type {Record<string, string>} */
  const topics = JSON.parse(attr(root, "topic-labels") || "{}");
  /** @type {Record<string, string>} */
  const steps = JSON.parse(attr(root, "step-labels") || "{}");
  const byTopic = new Map(), byStep = new Map();
  /** @param {Map<string, number[]>} map @param {string} label @param {boolean} right */
  const count = (map, label, right) => {
    const c = map.get(label) || [0, 0];
    map.set(label, [c[0] + +right, c[1] + 1]);
  };
  questions.forEach((q) => {
    const right = !!q.score?.full;
    attr(q.root, "topics").split(" ").filter(Boolean).forEach((t) => count(byTopic, topics[t] || t, right));
    const step = attr(q.root, "step");
    count(byStep, step ? steps[step] || step : attr(root, "msg-no-step"), right);
  });
  const of = attr(root, "msg-of");
  /** In the book's order (of fbss_quiz_topics, of the clinical-judgment steps), then the rest.
   * @param {Map<string, number[]>} map @param {Record<string, string>} labels */
  const ordered = (map, labels) =>
    new Map([...map].sort(([a], [b]) => rank(labels, a) - rank(labels, b)));
  if (byTopic.size) table(results, attr(results, "msg-score-topic"), ordered(byTopic, topics), of);
  // A question under two topics counts in both: the totals add up to more than the
  // questions, and a line under the table says why (as on the progress page).
  const entries = [...byTopic.values()].reduce((sum, [, total]) => sum + total, 0);
  if (entries > questions.length) {
    const line = document.createElement("p");
    line.className = "fbss-results-entries";
    line.textContent = fill(attr(results, "msg-entries"), { entries, questions: questions.length });
    results.append(line);
  }
  if (Object.keys(steps).length) table(results, attr(results, "msg-score-step"), ordered(byStep, steps), of);
  results.hidden = !results.firstChild;
}

/**
 * The countdown: shown every second, announced at the minutes the page lists; at zero
 * it says the suggested time is up and stops. Nothing else changes.
 * @param {HTMLElement} root
 * @returns {{start: () => void, stop: () => void}}
 */
function countdown(root) {
  const minutes = +attr(root, "time-limit") || 0;
  const shown = document.createElement("p");
  shown.className = "fbss-timer";
  const said = document.createElement("p");
  said.className = "fbss-sr";
  said.setAttribute("role", "status");
  /** @type {Record<string, string>} */
  const notes = JSON.parse(attr(root, "msg-time-notes") || "{}");
  let timer = 0;
  const stop = () => clearInterval(timer);
  const start = () => {
    stop();
    if (!minutes) return;
    const end = Date.now() + minutes * 60e3;
    let last = minutes * 60;
    const tick = () => {
      const left = Math.max(0, Math.ceil((end - Date.now()) / 1e3));
      const time = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      shown.textContent = left ? fill(attr(root, "msg-time-left"), { time }) : attr(root, "msg-time-up");
      Object.keys(notes).forEach((m) => {
        if (last > +m * 60 && left <= +m * 60 && left) said.textContent = notes[m];
      });
      if (!left) {
        said.textContent = attr(root, "msg-time-up");
        stop();
      }
      last = left;
    };
    tick();
    timer = window.setInterval(tick, 1e3);
  };
  if (minutes) {
    const title = $(root, ".fbss-quiz-title");
    if (title) title.after(shown, said);
    else root.prepend(shown, said);
  }
  return { start, stop };
}

/**
 * Open the seal once and put each question's answer in (a new attempt keeps them).
 * @param {HTMLElement} root
 * @param {Question[]} questions
 */
function openAll(root, questions) {
  const todo = questions.filter((q) => !q.root.hasAttribute("data-fbss-opened"));
  if (!todo.length) return;
  /** @type {ReturnType<typeof unseal>} */
  let sealed = {};
  try {
    sealed = unseal(attr($(root, ".fbss-quiz-footer"), "sealed"), root.id);
  } catch {
    /* a page edited by hand: graded without the rationales */
  }
  todo.forEach((q) => {
    const held = sealed[q.root.id];
    if (held) open(q, held);
    q.root.setAttribute("data-fbss-opened", "");
  });
}

/** @type {import("./quiz.js").ExamWiring} */
export function wireExam(root, api) {
  const submit = $(root, ".fbss-submit");
  const confirm = $(root, ".fbss-confirm");
  const yes = $(confirm, ".fbss-submit-yes");
  const scoreLine = $(root, ".fbss-score");
  const timer = countdown(root);
  $(root, ".fbss-exam-nojs").hidden = true;
  scoreLine.tabIndex = -1;

  // What only an attempt in progress shows: Submit, what to do, the time, and each
  // question's Clear answers (a submitted question is read-only: its controls are
  // disabled, and this button would undo its graded answer).
  /** @param {boolean} done */
  const during = (done) =>
    [submit, ...$$(root, ".fbss-exam-hint, .fbss-timer-note, .fbss-clear-answers")].forEach(
      (el) => (el.hidden = done),
    );

  function finish() {
    const questions = api.questions();
    confirm.hidden = true;
    openAll(root, questions);
    questions.forEach((q) => q.submit?.());
    timer.stop();
    // The attempt is done with: the results take its place.
    during(true);
    api.update();
    showResults(root, questions);
    // The reader lands on the score, which starts the results.
    scoreLine.focus();
  }

  submit.addEventListener("click", () => {
    const left = api.questions().filter((q) => q.missing && q.missing()).length;
    if (!left) return finish();
    $(confirm, ".fbss-confirm-text").textContent = fill(form(root, "msg-unanswered", left, 1), { left });
    confirm.hidden = false;
    yes.focus();
  });
  yes.addEventListener("click", finish);
  $(confirm, ".fbss-submit-no").addEventListener("click", () => {
    confirm.hidden = true;
    submit.focus();
  });
  // The count of complete answers follows every change (ordering and highlight items
  // answer by buttons).
  root.addEventListener("change", api.update);
  root.addEventListener("click", api.update);
  api.onReset(() => {
    during(false);
    confirm.hidden = true;
    $(root, ".fbss-results").hidden = true;
    timer.start();
  });
  timer.start();

  // An attempt starts blank: the browser puts the last answers back into the form on
  // Back or reload (form state restoration), which the count would not know. Chromium
  // may do it after the deferred scripts ran (when parsing ends): so once more when the
  // page is shown, but not a question the reader has begun on by then (nor submitted).
  /** @type {Set<Element | null>} */
  const begun = new Set();
  for (const type of ["change", "click", "keydown", "pointerdown"]) {
    root.addEventListener(type, (event) => {
      begun.add(/** @type {Element} */ (event.target).closest(".fbss-question"));
    });
  }
  const blank = () => api.questions().forEach((q) => begun.has(q.root) || q.score || q.reset(false));
  blank();
  addEventListener("pageshow", blank, { once: true });
}
