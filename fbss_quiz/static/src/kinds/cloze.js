// @ts-check
/* fbss-quiz: the drop-down cloze: one native <select> per blank ("one" each). Once
 * graded, each blank is marked right or wrong just after its drop-down, and a wrong one
 * shows the right word. */
import { $$, attr } from "../dom.js";
import { feedback } from "../feedback.js";
import { isCorrect, scoreItem } from "../scoring.js";

/** @type {import("../question.js").Kind["mount"]} */
function mount(root, { item }) {
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
      blanks.forEach((blank) => {
        const right = score.parts[+attr(blank, "group")];
        const mark = marks.mark(blank, right, true);
        const answer = [...blank.options].find((o) => o.value && isCorrect(item, +o.value));
        if (!right && answer) marks.key(mark, attr(root, "msg-key") + ": " + answer.text, true);
      });
      marks.open();
    },
    hide: marks.clear,
    clear: () => blanks.forEach((blank) => (blank.value = "")),
  };
}

/** @type {import("../question.js").Kind} */
export default { name: "cloze", score: scoreItem, mount };
