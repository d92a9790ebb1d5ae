// @ts-check
/* fbss-quiz: the drop-down table: a native <select> per row ("one" each), named by its
 * row and column headers; each row's header gets its mark, as in a matrix. */
import { $, $$ } from "../dom.js";
import { feedback } from "../feedback.js";
import { scoreItem } from "../scoring.js";

/** @type {import("../question.js").Kind["mount"]} */
function mount(root) {
  const marks = feedback(root);
  const selects = /** @type {HTMLSelectElement[]} */ ($$(root, ".fbss-options select"));
  return {
    controls: selects,
    first: ".fbss-options select",
    chosen: () => selects.filter((select) => select.value !== "").map((select) => +select.value),
    restore: (chosen) =>
      selects.forEach((select) => {
        for (const option of select.options) {
          if (option.value && chosen.includes(+option.value)) option.selected = true;
        }
      }),
    show(score) {
      score.parts.forEach((whole, k) => marks.mark($(root, `[id="${root.id}-g${k}-label"]`), whole));
      marks.open();
    },
    clear() {
      marks.clear();
      selects.forEach((select) => (select.value = ""));
    },
  };
}

/** @type {import("../question.js").Kind} */
export default { name: "dropdown_table", score: scoreItem, mount };
