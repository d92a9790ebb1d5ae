// @ts-check
/* fbss-quiz: single choice and "select all that apply" (one group, "one" or
 * "plus-minus"). Each rationale moves next to its option (moved, not copied: ids stay
 * unique) and shows once graded, with "Your choice" on the picked ones. */
import { $, $$, attr, letter, shuffled } from "../dom.js";
import { scoreItem } from "../scoring.js";

/**
 * A saved order must be a permutation of 0..n-1 (it indexes the options).
 * @param {unknown} order
 * @param {number} n
 * @returns {order is number[]}
 */
const validOrder = (order, n) =>
  Array.isArray(order) && order.length === n && order.every((_, i) => order.includes(i));

/** @type {import("../question.js").Kind["mount"]} */
function mount(root, { saved }) {
  const options = $$(root, ".fbss-option");
  const inputs = options.map((option) => /** @type {HTMLInputElement} */ ($(option, "input")));
  /** @type {HTMLElement[]} "Your choice", by option */
  const marks = [];
  /** @type {HTMLElement[]} what grading reveals: the rationales and the explanation */
  const feedback = [];
  const fieldset = $(root, ".fbss-options");
  const shuffle = root.hasAttribute("data-fbss-shuffle");
  $$(root, ".fbss-rationale").forEach((rationale) => {
    const index = +attr(rationale, "option");
    const option = options[index];
    if (!option) return;
    const mark = document.createElement("span");
    mark.className = "fbss-chosen";
    mark.textContent = " \u2014 " + attr(root, "msg-chosen");
    $(rationale, ".fbss-verdict").append(mark);
    marks[index] = mark;
    rationale.hidden = true;
    option.append(rationale);
    feedback.push(rationale);
  });
  const explanation = $(root, ".fbss-explanation");
  if (explanation) {
    explanation.hidden = true;
    $(root, ".fbss-answer").before(explanation);
    feedback.push(explanation);
  }

  /** @param {boolean} shown */
  const reveal = (shown) => feedback.forEach((el) => (el.hidden = !shown));

  // Unshuffled options are already in the author's order: touch nothing (fast init).
  const arrange = () => {
    if (shuffle && !view.order) view.order = shuffled(options.length);
    /** @type {number[] | undefined} */ (view.order)?.forEach((index, position) => {
      const option = options[index];
      fieldset.append(option);
      $$(option, ".fbss-letter").forEach((span) => (span.textContent = letter(position) + "."));
    });
  };

  /** @type {import("../question.js").View} */
  const view = {
    controls: inputs,
    first: ".fbss-options input",
    order: shuffle && saved && validOrder(saved.order, options.length) ? saved.order : null,
    chosen: () => inputs.flatMap((input, i) => (input.checked ? [i] : [])),
    restore: (chosen) => chosen.forEach((i) => (inputs[i].checked = true)),
    show() {
      options.forEach((option, i) => {
        const picked = inputs[i].checked;
        option.classList.toggle("fbss-picked", picked);
        if (marks[i]) marks[i].hidden = !picked;
      });
      reveal(true);
    },
    clear() {
      inputs.forEach((input) => (input.checked = false));
      options.forEach((option) => option.classList.remove("fbss-picked"));
      reveal(false);
      if (shuffle) {
        // A new attempt, a new order: never the one just answered in.
        const last = JSON.stringify(view.order);
        do view.order = shuffled(options.length);
        while (options.length > 1 && JSON.stringify(view.order) === last);
        arrange();
      }
    },
  };
  arrange();
  return view;
}

/** @type {import("../question.js").Kind} */
export default { name: "choice", score: scoreItem, mount };
