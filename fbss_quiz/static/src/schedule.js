// @ts-check
/* fbss-quiz: the practice queue's schedule (Leitner boxes), pure: no DOM, no storage,
 * no clock (the caller passes ``now``), so node --test checks it alone.
 *
 * Every question the reader has checked sits in a box from 1 to 5. A wrong (or partly
 * right) answer puts it in box 1; a right one moves it up one box, but only when it was
 * due: answering again a question just answered right proves little, so it stays where
 * it is. A question is due once its box's interval has passed since its last check.
 * The practice queue shows, in this order: the questions last answered wrongly (longest
 * ago first), those never tried (in book order), those answered right and due (longest
 * ago first), then the rest (soonest due first). AUTHORING.md documents the intervals. */

const DAY = 24 * 60 * 60 * 1000;

/** Days before a question in box 1 ... 5 is due again; box 1 (wrong) is due at once. */
export const INTERVAL_DAYS = [0, 1, 3, 7, 21];

/**
 * A question's place in the schedule.
 * @typedef {object} Entry
 * @property {number} box 1 to 5
 * @property {number} at when it was last checked (ms since 1970; 0 if not known)
 * @property {boolean} right whether that check was wholly right
 */

/**
 * The entry a saved value stands for, or null: anything that is not an entry (old or
 * garbled data) counts as never scheduled.
 * @param {unknown} value
 * @returns {Entry | null}
 */
export function asEntry(value) {
  const v = /** @type {any} */ (value);
  if (!v || typeof v !== "object") return null;
  const box = Number.isInteger(v.box) && v.box >= 1 && v.box <= 5 ? v.box : 0;
  const at = typeof v.at === "number" && Number.isFinite(v.at) && v.at >= 0 ? v.at : 0;
  if (!box || typeof v.right !== "boolean") return null;
  return { box, at, right: v.right };
}

/**
 * When ``entry`` is due (ms since 1970).
 * @param {Entry} entry
 * @returns {number}
 */
export const dueAt = (entry) => entry.at + INTERVAL_DAYS[entry.box - 1] * DAY;

/**
 * The entry after a check at ``now``.
 * @param {Entry | null} entry before (null: never checked)
 * @param {boolean} right whether the answer was wholly right
 * @param {number} now
 * @returns {Entry}
 */
export function review(entry, right, now) {
  if (!right) return { box: 1, at: now, right: false };
  if (!entry) return { box: 2, at: now, right: true };
  const due = !entry.right || dueAt(entry) <= now;
  return { box: due ? Math.min(entry.box + 1, 5) : entry.box, at: now, right: true };
}

/**
 * Which of the queue's four groups an entry falls in (0: wrong ... 3: right, not due).
 * @param {Entry | null} entry
 * @param {number} now
 * @returns {number}
 */
function group(entry, now) {
  if (!entry) return 1;
  if (!entry.right) return 0;
  return dueAt(entry) <= now ? 2 : 3;
}

/**
 * ``ids`` (in book order) in the queue's order.
 * @param {string[]} ids
 * @param {(id: string) => Entry | null} entryOf
 * @param {number} now
 * @returns {string[]}
 */
export function queue(ids, entryOf, now) {
  const rows = ids.map((id, index) => {
    const entry = entryOf(id);
    const g = group(entry, now);
    // Within a group: longest ago first, or (not due yet) soonest due first; then book order.
    const when = !entry ? 0 : g === 3 ? dueAt(entry) : entry.at;
    return { id, index, g, when };
  });
  rows.sort((a, b) => a.g - b.g || a.when - b.when || a.index - b.index);
  return rows.map((row) => row.id);
}

/**
 * How many of ``ids`` are due now (wrong, or right and due), never tried, and not due yet.
 * @param {string[]} ids
 * @param {(id: string) => Entry | null} entryOf
 * @param {number} now
 * @returns {{due: number, fresh: number, later: number}}
 */
export function counts(ids, entryOf, now) {
  const n = [0, 0, 0, 0];
  ids.forEach((id) => n[group(entryOf(id), now)]++);
  return { due: n[0] + n[2], fresh: n[1], later: n[3] };
}
