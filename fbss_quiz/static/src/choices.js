// @ts-check
/* fbss-quiz: the view of an item whose choices are native radio buttons and checkboxes
 * in groups (matrix rows, bow-tie lists): a checked box is a pick, and each group's
 * label gets its mark once graded. */
import { $, $$, attr } from "./dom.js";
import { feedback } from "./feedback.js";

/**
 * @param {HTMLElement} root
 * @returns {import("./question.js").View}
 */
export function inputsView(root) {
  const marks = feedback(root);
  const inputs = /** @type {HTMLInputElement[]} */ ($$(root, ".fbss-options input"));
  return {
    controls: inputs,
    first: ".fbss-options input",
    chosen: () => inputs.filter((input) => input.checked).map((input) => +attr(input, "option")),
    restore: (chosen) =>
      inputs.forEach((input) => (input.checked ||= chosen.includes(+attr(input, "option")))),
    show(score) {
      score.parts.forEach((whole, k) => marks.mark($(root, `[id="${root.id}-g${k}-label"]`), whole));
      marks.open();
    },
    clear() {
      marks.clear();
      inputs.forEach((input) => (input.checked = false));
    },
  };
}
