// @ts-check
/* fbss-quiz: the marks that grading adds to an item's parts and Try again removes:
 * right or wrong (told by icon and text as well as colour), and a "Correct answer"
 * badge where the reader missed the right one; and the answer key it opens. */
import { $, attr } from "./dom.js";

/**
 * @typedef {object} Feedback
 * @property {(host: Element, right: boolean, after?: boolean) => Element} mark
 *   "Correct" or "Incorrect" in ``host`` (or, with ``after``, just after it)
 * @property {(host: Element, text?: string, after?: boolean) => Element} key
 *   the "Correct answer" badge (or ``text`` in one) in ``host`` or after it
 * @property {() => void} open show the answer key (rationales) below the item
 * @property {() => void} clear remove every mark and badge
 */

/**
 * @param {HTMLElement} root the question
 * @returns {Feedback}
 */
export function feedback(root) {
  /** @type {HTMLElement[]} */
  const marks = [];
  /**
   * @param {Element} host
   * @param {string} css
   * @param {string} text
   * @param {boolean} [after]
   */
  const add = (host, css, text, after) => {
    const span = document.createElement("span");
    span.className = css;
    span.textContent = text;
    if (after) host.after(span);
    else host.append(span);
    marks.push(span);
    return span;
  };
  return {
    mark: (host, right, after) =>
      add(host, "fbss-mark fbss-" + (right ? "right" : "wrong"), attr(root, `msg-${right ? "right" : "wrong"}-part`), after),
    key: (host, text, after) => add(host, "fbss-badge", text || attr(root, "msg-key"), after),
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
