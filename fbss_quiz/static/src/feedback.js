// @ts-check
/* fbss-quiz: the right/wrong marks that grading adds to an item's parts (told by icon
 * and text as well as colour) and Try again removes, and the answer key it opens. */
import { $, attr } from "./dom.js";

/**
 * @typedef {object} Feedback
 * @property {(host: Element, right: boolean, after?: boolean) => void} mark
 *   a mark in ``host`` (or, with ``after``, just after it)
 * @property {() => void} open show the answer key (rationales) below the item
 * @property {() => void} clear remove every mark
 */

/**
 * @param {HTMLElement} root the question
 * @returns {Feedback}
 */
export function feedback(root) {
  /** @type {HTMLElement[]} */
  const marks = [];
  return {
    mark(host, right, after) {
      const span = document.createElement("span");
      span.className = "fbss-mark fbss-" + (right ? "right" : "wrong");
      const icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = right ? " \u2713 " : " \u2717 ";
      span.append(icon, attr(root, right ? "msg-right-part" : "msg-wrong-part"));
      if (after) host.after(span);
      else host.append(span);
      marks.push(span);
    },
    open() {
      const details = /** @type {HTMLDetailsElement} */ ($(root, ".fbss-answer"));
      details.hidden = false;
      details.open = true;
    },
    clear() {
      marks.splice(0).forEach((m) => m.remove());
    },
  };
}
