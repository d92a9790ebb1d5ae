// @ts-check
/* fbss-quiz: the view of an item whose choices are native radio buttons and checkboxes
 * in groups (matrix rows, bow-tie lists): a checked box is a pick. Once graded, each
 * picked choice is marked right or wrong, and each right one left unpicked gets the
 * "Correct answer" badge. */
import { $$, attr } from "./dom.js";
import { feedback } from "./feedback.js";
import { isCorrect } from "./scoring.js";

/** @type {import("./question.js").Kind["mount"]} */
export function inputsView(root, { item }) {
  const marks = feedback(root);
  const inputs = /** @type {HTMLInputElement[]} */ ($$(root, ".fbss-options input"));
  /** @param {Element} input */
  const index = (input) => +attr(input, "option");
  return {
    controls: inputs,
    first: ".fbss-options input",
    chosen: () => inputs.filter((input) => input.checked).map(index),
    restore: (chosen) => inputs.forEach((input) => (input.checked ||= chosen.includes(index(input)))),
    show() {
      inputs.forEach((input) => {
        const right = isCorrect(item, index(input));
        const host = /** @type {Element} */ (input.parentElement);
        if (input.checked) marks.mark(host, right);
        else if (right) marks.key(host);
      });
      marks.open();
    },
    hide: marks.clear,
    clear: () => inputs.forEach((input) => (input.checked = false)),
  };
}
