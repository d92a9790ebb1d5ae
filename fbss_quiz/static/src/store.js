// @ts-check
/* fbss-quiz: answers kept in localStorage. Storage that is disabled, full or holds
 * garbage must never break the page, so every access is wrapped in try.
 * A saved answer also carries the question's place in the practice queue's schedule
 * (schedule.js: ``box``, ``at``, ``right``), which every check anywhere updates; an answer
 * saved before the schedule existed stands for box 1 (wrong) or 2 (right), checked long ago. */
import { asEntry, review } from "./schedule.js";

/** The format of a saved answer; another version is ignored. */
const VERSION = 1;

/**
 * A question's saved answer.
 * @typedef {object} Saved
 * @property {number[]} chosen flat option indices (for ordering, the order shown)
 * @property {boolean} checked whether it was checked (graded)
 * @property {unknown} [order] the shown order of shuffled options (checked by the kind)
 * @property {unknown} [res] the verdict: "correct", "partial" or "incorrect"
 * @property {unknown} [box] the schedule (schedule.js's Entry: box, at, right), kept
 *   through Try again and Reset quiz
 */

/** @typedef {import("./schedule.js").Entry} Entry */

/** @type {Array<() => void>} */
const listeners = [];

/**
 * @param {string} key
 * @returns {unknown}
 */
function read(key) {
  try {
    return JSON.parse(/** @type {string} */ (localStorage.getItem(key)));
  } catch {
    return null;
  }
}

/**
 * @param {string} key
 * @param {unknown} value
 */
export function put(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* full or off */
  }
}

/**
 * The answer saved under ``key``. Only option indices below ``n`` survive: "length" or
 * "__proto__" must not reach a list of inputs.
 * @param {string} key
 * @param {number} n
 * @returns {Saved | null}
 */
export function getAnswer(key, n) {
  const data = /** @type {any} */ (read(key));
  if (!data || data.v !== VERSION || !Array.isArray(data.chosen)) return null;
  /** @type {number[]} */
  const chosen = data.chosen.filter(
    (/** @type {unknown} */ i) => typeof i === "number" && Math.floor(i) === i && i >= 0 && i < n,
  );
  return { ...data, chosen, checked: data.checked === true && chosen.length > 0 };
}

/**
 * Save a question's answer and tell the listeners (a progress table on the page).
 * @param {string} key
 * @param {number[]} chosen
 * @param {boolean} checked
 * @param {unknown} order
 * @param {string | null} res
 */
export function saveAnswer(key, chosen, checked, order, res) {
  let entry = getEntry(key);
  if (checked && typeof res === "string") entry = review(entry, res === "correct", Date.now());
  put(key, { v: VERSION, chosen, checked, order, res, ...entry });
  listeners.forEach((f) => f());
}

/**
 * The question's place in the practice schedule, or null if never checked.
 * @param {string} key
 * @returns {Entry | null}
 */
export function getEntry(key) {
  const data = /** @type {any} */ (read(key));
  if (!data || data.v !== VERSION) return null;
  const entry = asEntry(data);
  if (entry) return entry;
  // Saved before the schedule: checked at an unknown time, so "longest ago".
  if (data.checked !== true || typeof data.res !== "string") return null;
  const right = data.res === "correct";
  return { box: right ? 2 : 1, at: 0, right };
}

/**
 * Call ``f`` after every saved answer.
 * @param {() => void} f
 */
export const onSaved = (f) => listeners.push(f);

/**
 * A review quiz's drawn set: question ids, all from ``pool``.
 * @param {string} key
 * @param {string[]} pool
 * @returns {string[] | null}
 */
export function getSet(key, pool) {
  const ids = read(key);
  return Array.isArray(ids) && ids.length && ids.every((id) => pool.includes(id)) ? ids : null;
}
