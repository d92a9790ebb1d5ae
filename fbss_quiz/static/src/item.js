// @ts-check
/* fbss-quiz: a question's structure, read from its markup. */
import { $$, attr } from "./dom.js";
import { perGroup } from "./scoring.js";

/** @typedef {import("./scoring.js").Item} Item */

/**
 * The question's ``data-fbss-item`` (DESIGN-13's data contract, fbss_quiz/contract.py).
 * @param {HTMLElement} root
 * @returns {Item}
 */
export function readItem(root) {
  const json = attr(root, "item");
  return json ? JSON.parse(json) : legacyItem(root);
}

/**
 * The same object built from the attributes that pages carried before
 * ``data-fbss-item``: ``data-fbss-groups`` ([rule, size, need] per group) and
 * ``data-fbss-correct`` (flat indices) on NGN items; each rationale's
 * ``data-fbss-correct`` on choice questions.
 * TODO(issue 13): delete once the Python side writes data-fbss-item on every question.
 * @param {HTMLElement} root
 * @returns {Item}
 */
export function legacyItem(root) {
  const type = attr(root, "type");
  const groups = attr(root, "groups");
  if (!groups) {
    // One rationale per option, in the options' order.
    const rationales = $$(root, ".fbss-rationale");
    const correct = rationales.flatMap((r, i) => (attr(r, "correct") === "true" ? [i] : []));
    const rule = type === "multiple" ? "plus-minus" : "one";
    const group = { rule, size: rationales.length, need: correct.length, correct };
    return { kind: "choice", scoring: "ncsbn", groups: [group] };
  }
  /** @type {Item} */
  const item = {
    kind: type === "matrix-multiple" ? "matrix" : type,
    scoring: attr(root, "scoring") || "ncsbn",
    groups: JSON.parse(groups).map((/** @type {[string, number, number]} */ [rule, size, need]) => ({
      rule,
      size,
      need,
      correct: [],
    })),
  };
  const flat = JSON.parse(attr(root, "correct"));
  perGroup(item, flat).forEach((correct, k) => (item.groups[k].correct = correct));
  return item;
}
