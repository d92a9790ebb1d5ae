// @ts-check
/* fbss-quiz: the NCSBN scoring rules, pure (no DOM), shared by the kinds and run by
 * `node --test` over tests/scoring_cases.json, the table the Python scorer
 * (fbss_quiz/model.py) is tested with too. */

/**
 * One scoring group of an item (a choice question is one group).
 * @typedef {object} Group
 * @property {string} rule "one", "plus-minus", "slots" or "order"
 * @property {number} size how many options the group has
 * @property {number} need how many of them are correct
 * @property {number[]} correct the correct options' indices within the group (for
 *   "order": every step's id, in the right order)
 */

/**
 * The ``data-fbss-item`` object of a question (DESIGN-13's data contract).
 * @typedef {object} Item
 * @property {string} kind the kind module's name
 * @property {string} scoring "ncsbn" or "all-or-nothing"
 * @property {Group[]} groups
 */

/**
 * @typedef {object} Score
 * @property {number} points
 * @property {number} max
 * @property {number} right
 * @property {number} wrong
 * @property {boolean} full every group wholly right
 * @property {boolean[]} parts per group: wholly right
 */

/**
 * One group's [raw points, most points, right choices, wrong choices]
 * (model._group_points).
 * @param {Group} group
 * @param {number[]} picks group-local indices; for "order", the order as shown
 * @returns {number[]}
 */
export function groupPoints(group, picks) {
  const most = group.correct.length;
  if (group.rule === "order") {
    // ``correct``: the steps in the right order, by the ids the picks use.
    const right = picks.filter((id, position) => id === group.correct[position]).length;
    // Only the whole order, every step in place, earns the point.
    return [+(right === group.size && picks.length === group.size), 1, right, picks.length - right];
  }
  const picked = [...new Set(picks)];
  const right = picked.filter((i) => group.correct.includes(i)).length;
  const wrong = picked.length - right;
  if (group.rule === "one") return [+(right === 1 && !wrong), 1, right, wrong];
  // A bow-tie list: one point per slot; picking more than there are slots costs the excess.
  if (group.rule === "slots") {
    return [Math.max(0, right - Math.max(0, picked.length - most)), most, right, wrong];
  }
  return [right - wrong, most, right, wrong]; // plus-minus
}

/**
 * Score an answer given as the picks of each group. NCSBN: the groups' points added
 * up, never below zero; "all-or-nothing": 1 point for a wholly right item, else 0.
 * @param {Item} item
 * @param {number[][]} picks one list per group, group-local indices
 * @returns {Score}
 */
export function scoreItem(item, picks) {
  let points = 0, max = 0, right = 0, wrong = 0;
  const parts = item.groups.map((group, k) => {
    const [raw, most, r, w] = groupPoints(group, picks[k] || []);
    points += raw;
    max += most;
    right += r;
    wrong += w;
    return raw === most && (!w || group.rule === "order");
  });
  const full = parts.every(Boolean);
  const whole = item.scoring === "all-or-nothing";
  return { points: whole ? +full : Math.max(0, points), max: whole ? 1 : max, right, wrong, full, parts };
}

/**
 * Flat option indices (as ``data-fbss-option`` counts them across the groups) split
 * into each group's local indices, in the order given.
 * @param {Item} item
 * @param {number[]} chosen
 * @returns {number[][]}
 */
export function perGroup(item, chosen) {
  let start = 0;
  return item.groups.map(({ size }) => {
    const from = start;
    start += size;
    return chosen.filter((i) => i >= from && i < start).map((i) => i - from);
  });
}

/**
 * Whether flat option ``index`` is a correct one.
 * @param {Item} item
 * @param {number} index
 * @returns {boolean}
 */
export function isCorrect(item, index) {
  return item.groups.some((group) => {
    const local = index;
    index -= group.size;
    return local >= 0 && local < group.size && group.correct.includes(local);
  });
}

/**
 * The picks still missing before the item may be checked (0: complete): a bow-tie list
 * needs one per slot, an order none (every order is an answer), any other group one.
 * Check answer grades nothing while any is missing; with no picks, this is how many the
 * item needs in all (fbss_quiz/scoring.py ``missing``, tests/complete_cases.json).
 * @param {Item} item
 * @param {number[][]} picks one list per group, group-local indices
 * @returns {number}
 */
export const missing = (item, picks) =>
  item.groups.reduce(
    (left, { rule, need }, k) =>
      left + Math.max(0, (rule === "slots" ? need : +(rule !== "order")) - new Set(picks[k]).size),
    0,
  );
