// @ts-check
/* fbss-quiz: what every kind of question shares (the lifecycle): Check answer and
 * Try again, the status line, the saved answer, and the score its quiz counts.
 * A kind module supplies the scorer and a view of its controls (see Kind below). */
import { $, attr, fill } from "./dom.js";
import { perGroup } from "./scoring.js";
import { getAnswer, saveAnswer } from "./store.js";

/** @typedef {import("./scoring.js").Item} Item */
/** @typedef {import("./scoring.js").Score} Score */
/** @typedef {import("./store.js").Saved} Saved */

/**
 * What a kind's ``mount`` gives the lifecycle: its controls as the reader uses them.
 * @typedef {object} View
 * @property {HTMLElement[]} controls disabled once graded, enabled by Try again
 * @property {string} first the selector of the control that Try again focuses
 * @property {() => number[]} chosen the reader's choices as flat option indices
 *   (for ordering: the order shown); saved as they are
 * @property {(chosen: number[]) => void} restore put a saved answer back
 * @property {(score: Score, chosen: number[]) => void} show the feedback once graded
 * @property {() => void} clear back to unanswered (Try again)
 * @property {() => string} [incomplete] what the answer lacks before it can be checked
 *   ("" when nothing; select N: fewer than N ticked), said instead of grading
 * @property {unknown} [order] saved with the answer (the shown order of shuffled options)
 */

/**
 * What the lifecycle gives a kind's ``mount``.
 * @typedef {object} Api
 * @property {Item} item the question's structure
 * @property {Saved | null} saved its saved answer
 * @property {(text: string) => void} say set the status line (a live region)
 */

/**
 * An item kind: its name in ``data-fbss-item``, its pure scorer and its view.
 * @typedef {object} Kind
 * @property {string} name
 * @property {(item: Item, picks: number[][]) => Score} score
 * @property {(root: HTMLElement, api: Api) => View} mount
 */

/**
 * A question as its quiz sees it.
 * @typedef {object} Question
 * @property {HTMLElement} root
 * @property {string} id
 * @property {Score | null} [score] once checked: its score; null or absent before
 * @property {(byUser: boolean) => void} reset
 */

/**
 * The status line after grading: a select-all question tells how many it got right,
 * an item with points (NGN) its points.
 * @param {HTMLElement} root
 * @param {string} verdict
 * @param {Score} s
 * @returns {string}
 */
function announce(root, verdict, s) {
  const points = attr(root, "msg-points");
  const lead = attr(root, "msg-" + (verdict !== "partial" ? verdict : points ? "partly" : "partial"));
  return points ? lead + " " + fill(points, s) : fill(lead, { ...s, total: s.max });
}

/**
 * Wire the question ``root`` of ``kind``; ``onChange`` runs after every grading or reset.
 * @param {HTMLElement} root
 * @param {Kind} kind
 * @param {Item} item
 * @param {() => void} onChange
 * @returns {Question}
 */
export function wire(root, kind, item, onChange) {
  const id = attr(root, "id");
  const prefix = attr(root, "store");
  const key = prefix && id ? prefix + ":" + id : "";
  const status = $(root, ".fbss-status");
  const check = $(root, ".fbss-check");
  const retry = $(root, ".fbss-retry");
  const details = $(root, ".fbss-answer");
  const options = item.groups.reduce((n, group) => n + group.size, 0);
  const saved = key ? getAnswer(key, options) : null;
  /** @param {string} text */
  const say = (text) => {
    status.textContent = text;
  };
  const view = kind.mount(root, { item, saved, say });
  /** @type {Question} */
  const question = { root, id, reset };

  /** @param {boolean} on */
  const lock = (on) => view.controls.forEach((c) => ((/** @type {HTMLInputElement} */ (c)).disabled = on));

  /** @param {boolean} checked */
  function save(checked) {
    if (key) saveAnswer(key, view.chosen(), checked, view.order, checked ? attr(root, "result") : null);
  }

  /** @param {boolean} byUser */
  function grade(byUser) {
    const chosen = view.chosen();
    const lacking = chosen.length ? view.incomplete?.() : attr(root, "msg-choose");
    if (lacking) {
      say(lacking);
      return;
    }
    const s = kind.score(item, perGroup(item, chosen));
    const verdict = s.full ? "correct" : s.points > 0 || s.right > 0 ? "partial" : "incorrect";
    say(announce(root, verdict, s));
    root.setAttribute("data-fbss-result", verdict);
    view.show(s, chosen);
    lock(true);
    question.score = s;
    check.hidden = true;
    retry.hidden = false;
    if (byUser) {
      save(true);
      retry.focus();
    }
    onChange();
  }

  /** @param {boolean} byUser */
  function reset(byUser) {
    lock(false);
    view.clear();
    details.hidden = true;
    root.removeAttribute("data-fbss-result");
    say("");
    question.score = null;
    check.hidden = false;
    retry.hidden = true;
    if (byUser) save(false);
    onChange();
  }

  details.hidden = true;
  $(root, ".fbss-actions").hidden = false;
  check.addEventListener("click", () => grade(true));
  retry.addEventListener("click", () => {
    reset(true);
    const first = $(root, view.first);
    if (first) first.focus();
  });
  // A changed answer makes the last verdict or hint stale (change events bubble).
  root.addEventListener("change", () => say(""));
  if (saved) {
    view.restore(saved.chosen);
    if (saved.checked) grade(false);
  }
  return question;
}
