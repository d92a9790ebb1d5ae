// @ts-check
/* fbss-quiz: a question's structure, read from its markup. */
import { attr } from "./dom.js";

/** @typedef {import("./scoring.js").Item} Item */

/**
 * The question's ``data-fbss-item`` (DESIGN-13's data contract, fbss_quiz/contract.py).
 * @param {HTMLElement} root
 * @returns {Item}
 */
export function readItem(root) {
  const json = attr(root, "item");
  return JSON.parse(json);
}
