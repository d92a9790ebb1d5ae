// @ts-check
/* fbss-quiz: the drop-down cloze: one native <select> per blank ("one" each); a
 * blank's mark follows its drop-down. */
import { $$ } from "../dom.js";
import { feedback } from "../feedback.js";
import { scoreItem } from "../scoring.js";

/** @type {import("../question.js").Kind["mount"]} */
function mount(root) {
  const marks = feedback(root);
  const blanks = /** @type {HTMLSelectElement[]} */ ($$(root, ".fbss-blank"));
  return {
    controls: blanks,
    first: ".fbss-blank",
    chosen: () => blanks.filter((blank) => blank.value !== "").map((blank) => +blank.value),
    restore: (chosen) =>
      blanks.forEach((blank) => {
        for (const option of blank.options) {
          if (option.value && chosen.includes(+option.value)) option.selected = true;
        }
      }),
    show(score) {
      score.parts.forEach((whole, k) => marks.mark(blanks[k], whole, true));
      marks.open();
    },
    clear() {
      marks.clear();
      blanks.forEach((blank) => (blank.value = ""));
    },
  };
}

/** @type {import("../question.js").Kind} */
export default { name: "cloze", score: scoreItem, mount };
