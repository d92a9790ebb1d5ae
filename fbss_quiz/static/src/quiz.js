// @ts-check
/* fbss-quiz: a quiz: its questions' score once every one is checked, Reset quiz, and
 * the drawn set of a review quiz that draws N of its questions per attempt. */
import { $, $$, attr, fill, shuffled } from "./dom.js";
import { getSet, put } from "./store.js";

/** @typedef {import("./question.js").Question} Question */

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
 * @param {HTMLElement} root
 * @param {(root: HTMLElement, onChange: () => void) => Question} make
 */
export function wireQuiz(root, make) {
  const footer = $(root, ".fbss-quiz-footer");
  const scoreLine = $(root, ".fbss-score");
  /** @type {Question[] | undefined} */
  let questions;
  /** @param {Question[]} list */
  const ids = (list) => list.map((q) => q.id);
  const update = () => {
    if (!questions) return;
    let done = true, right = 0, points = 0, max = 0;
    questions.forEach(({ score }) => {
      if (!score) done = false;
      else {
        right += +score.full;
        points += score.points;
        max += score.max;
      }
    });
    const caseMsg = attr(root, "case");
    scoreLine.textContent = !done
      ? ""
      : caseMsg
        ? fill(caseMsg, { points, max })
        : fill(attr(root, "msg-score"), { right, total: questions.length });
  };
  const all = $$(root, ".fbss-question").map((q) => make(q, update));
  // A case's chart may scroll within itself on wide screens (ngn.css): keyboard too.
  $$(root, ".sd-tab-set>.sd-tab-content").forEach((tab) => (tab.tabIndex = 0));
  const draw = +attr(root, "draw") || 0;
  const prefix = attr(root, "store");
  const drawKey = draw && prefix ? prefix + ":draw:" + root.id : "";

  /**
   * Which questions this attempt shows: all, or a drawn set of ``draw`` of them.
   * @param {string[] | null} saved
   * @param {string[] | null} previous
   */
  function pick(saved, previous) {
    if (!draw) {
      questions = all;
      return;
    }
    // The page's score message is worded for this many; a set saved under another
    // :limit: is drawn anew.
    const size = Math.min(draw, all.length);
    const drawn = saved && saved.length === size ? saved : drawSet(ids(all), draw, previous);
    if (drawKey) put(drawKey, drawn);
    questions = drawn.flatMap((id) => all.filter((q) => q.id === id));
    all.forEach((q) => {
      q.root.hidden = !drawn.includes(q.id);
      /** @type {Node} */ (q.root.parentNode).appendChild(q.root);
    });
    // Drawn questions in drawn order, before the footer.
    questions.forEach((q) => root.insertBefore(q.root, footer));
    update();
  }

  pick(drawKey ? getSet(drawKey, ids(all)) : null, null);
  footer.hidden = !(/** @type {Question[]} */ (questions).length);
  $(root, ".fbss-reset").addEventListener("click", () => {
    all.forEach((q) => q.reset(true));
    if (draw) pick(null, ids(/** @type {Question[]} */ (questions)));
    /** @type {Question[]} */ (questions)[0]?.focus();
  });
  update();
}
