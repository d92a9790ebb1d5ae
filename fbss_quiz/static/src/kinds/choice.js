// @ts-check
/* fbss-quiz: single choice and "select all that apply" (one group, "one" or
 * "plus-minus"). Each rationale moves next to its option (moved, not copied: ids stay
 * unique). Once graded, the chosen options and the correct ones show their rationales
 * (the page's style sheet tints and badges the correct ones and names the chosen), and
 * the other options fold, with their rationales, under "Why not the others?". */
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
  /** @type {HTMLElement[]} by option */
  const rationales = [];
  const fieldset = $(root, ".fbss-options");
  const others = /** @type {HTMLDetailsElement} */ ($(root, ".fbss-others"));
  const shuffle = root.hasAttribute("data-fbss-shuffle");
  /** @type {HTMLElement | null} */
  let explanation = null;
  // Each rationale beside its option, the explanation after the folded ones, when the
  // feedback first shows (``show``), not at load: until then they wait, hidden, in the
  // answer part, and a page of 500 questions moves no rationale before it is needed
  // (an exam's answer part comes in only at Submit anyway).
  const adopt = () => {
    $$(root, ".fbss-answer .fbss-rationale").forEach((rationale) => {
      const index = +attr(rationale, "option");
      const option = options[index];
      if (!option) return;
      rationale.hidden = true;
      // Its verdict line names the option by the letter it shows (``arrange`` letters
      // only what sits in the options).
      if (view.order) {
        const shown = letter(/** @type {number[]} */ (view.order).indexOf(index)) + ".";
        $$(rationale, ".fbss-letter").forEach((span) => (span.textContent = shown));
      }
      option.append(rationale);
      rationales[index] = rationale;
    });
    explanation ||= $(root, ".fbss-answer .fbss-explanation");
    if (explanation) {
      explanation.hidden = true;
      others.after(explanation);
    }
  };

  // Unshuffled options are already in the author's order: touch nothing (fast init).
  const arrange = () => {
    if (shuffle && !view.order) view.order = shuffled(options.length);
    const order = /** @type {number[] | undefined} */ (view.order);
    if (!order) return;
    // One move for all the options (one change to the page, not one per option).
    fieldset.append(...order.map((index) => options[index]));
    order.forEach((index, position) =>
      $$(options[index], ".fbss-letter").forEach((span) => (span.textContent = letter(position) + ".")),
    );
  };

  /** @type {import("../question.js").View} */
  const view = {
    controls: inputs,
    first: ".fbss-options input",
    order: shuffle && saved && validOrder(saved.order, options.length) ? saved.order : null,
    chosen: () => inputs.flatMap((input, i) => (input.checked ? [i] : [])),
    restore: (chosen) => chosen.forEach((i) => (inputs[i].checked = true)),
    show() {
      adopt();
      // In the order shown; an option neither chosen nor correct folds away, with its
      // rationale, so that the feedback fits a phone's screen.
      $$(fieldset, ".fbss-option").forEach((option) => {
        const i = options.indexOf(option);
        option.classList.toggle("fbss-picked", inputs[i].checked);
        if (rationales[i]) rationales[i].hidden = false;
        if (!inputs[i].checked && !option.classList.contains("fbss-key-option")) others.append(option);
      });
      others.hidden = !$(others, ".fbss-option");
      if (explanation) explanation.hidden = false;
    },
    hide() {
      options.forEach((option, i) => {
        option.classList.remove("fbss-picked");
        fieldset.append(option);
        if (rationales[i]) rationales[i].hidden = true;
      });
      others.hidden = true;
      others.open = false;
      if (explanation) explanation.hidden = true;
      // A new attempt, a new order, never the one just answered in (the answers, kept
      // by option, move with it).
      if (shuffle) {
        const last = JSON.stringify(view.order);
        do view.order = shuffled(options.length);
        while (options.length > 1 && JSON.stringify(view.order) === last);
      }
      arrange();
    },
    clear: () => inputs.forEach((input) => (input.checked = false)),
    describe: () =>
      $$(fieldset, ".fbss-key-option .fbss-label")
        .map((label) => label.textContent.trim())
        .join("; "),
  };
  arrange();
  return view;
}

/** @type {import("../question.js").Kind} */
export default { name: "choice", score: scoreItem, mount };
