// @ts-check
/* fbss-quiz: the practice queue ({quiz-practice}). The page ships every question it may
 * ask; this picks the set by the reader's schedule (schedule.js: wrong answers first,
 * then those never tried, then those answered right longest ago), says how many are
 * due, and narrows to one topic when the address says so (#topic=causes or ?topic=causes,
 * as the progress page links it). Each visit and each "New set" starts the set afresh:
 * the saved answers stay (the progress page counts them); only the view is cleared. */
import { $, $$, attr, fill } from "./dom.js";
import { counts, queue } from "./schedule.js";
import { storageWorks } from "./storage.js";
import { getEntry } from "./store.js";

/** @typedef {import("./question.js").Question} Question */

/**
 * The topic the address asks for ("" for every topic).
 * @returns {string}
 */
function wantedTopic() {
  const found = /[#?&]topic=([^&#]*)/.exec(location.hash) || /[?&]topic=([^&#]*)/.exec(location.search);
  try {
    return found ? decodeURIComponent(found[1]) : "";
  } catch {
    return ""; // a malformed %-escape: every topic
  }
}

/**
 * A counted message's form for ``n`` (the page writes one per number, from 0).
 * @param {HTMLElement} root
 * @param {string} name
 * @param {number} n
 * @returns {string}
 */
function counted(root, name, n) {
  /** @type {string[]} */
  const forms = JSON.parse(attr(root, "msg-" + name) || "[]");
  return fill(forms[n] || forms[forms.length - 1] || "", { n });
}

/**
 * @param {HTMLElement} root the practice quiz (div.fbss-quiz.fbss-practice)
 * @param {(root: HTMLElement, onChange: () => void) => Question} make
 */
export function wirePractice(root, make) {
  const prefix = attr(root, "store");
  const kept = !!prefix && storageWorks();
  const footer = $(root, ".fbss-quiz-footer");
  const scoreLine = $(root, ".fbss-score");
  const status = $(root, ".fbss-practice-status");
  const topicLine = $(root, ".fbss-practice-topic");
  const everyTopic = /** @type {HTMLAnchorElement} */ ($(topicLine, "a"));
  const size = +attr(root, "draw") || 10;
  /** @type {Record<string, string>} */
  let labels = {};
  try {
    labels = JSON.parse(attr(root, "topic-labels")) || {};
  } catch {
    /* no labels: the topic's id is shown */
  }
  /** @type {Question[]} */
  let shown = [];
  /** @type {Question[]} */
  let pool = [];

  const update = () => {
    const done = shown.length > 0 && shown.every((q) => q.score);
    const right = shown.filter((q) => q.score?.full).length;
    scoreLine.textContent = done ? fill(attr(root, "msg-score"), { right, total: shown.length }) : "";
  };
  const all = $$(root, ".fbss-question").map((q) => make(q, update));
  /** @param {string} id */
  const entryOf = (id) => (kept ? getEntry(prefix + ":" + id) : null);

  /** How many of the pool are due, never tried, and not due yet: said when a set is
   * drawn (a live region that changed at every check would talk over the verdict). */
  function tell() {
    if (!kept) {
      status.textContent = attr(root, "msg-nostore");
      return;
    }
    const n = counts(pool.map((q) => q.id), entryOf, Date.now());
    status.textContent = fill(attr(root, "msg-queue"), {
      due: counted(root, "due", n.due),
      fresh: counted(root, "fresh", n.fresh),
      later: counted(root, "later", n.later),
    });
  }

  function draw() {
    const topic = wantedTopic();
    const inTopic = all.filter((q) => attr(q.root, "topics").split(" ").includes(topic));
    pool = topic && inTopic.length ? inTopic : all;
    const order = queue(pool.map((q) => q.id), entryOf, Date.now()).slice(0, size);
    shown = order.map((id) => /** @type {Question} */ (pool.find((q) => q.id === id)));
    all.forEach((q) => {
      q.root.hidden = true;
      q.reset(false); // a fresh attempt; the saved answer stays
    });
    shown.forEach((q) => {
      q.root.hidden = false;
      root.insertBefore(q.root, footer);
    });
    const filtered = pool !== all;
    topicLine.hidden = !filtered;
    if (filtered) {
      $(topicLine, ".fbss-practice-topic-name").textContent = fill(attr(root, "msg-topic"), {
        topic: labels[topic] || topic,
      });
    }
    tell();
    update();
  }

  $(root, ".fbss-practice-nojs").hidden = true;
  status.hidden = false;
  everyTopic.href = location.pathname + location.search.replace(/[?&]topic=[^&#]*/, "");
  everyTopic.addEventListener("click", (event) => {
    event.preventDefault();
    history.pushState(null, "", everyTopic.href);
    draw();
    shown[0]?.focus();
  });
  window.addEventListener("hashchange", draw);
  draw();
  footer.hidden = !all.length;
  $(root, ".fbss-reset").addEventListener("click", () => {
    draw();
    shown[0]?.focus();
  });
}
