// @ts-check
/* fbss-quiz: select N (extended multiple response): the choice view, whose checkboxes
 * stop at N (one more stays unticked and the note says why). Its one group is scored
 * "slots" (0/1 per correct option) or "plus-minus", as the item says; either way Check
 * answer grades it only once N are ticked (``missing``; kinds/select_n.py the same). */
import { $, attr } from "../dom.js";
import { scoreItem } from "../scoring.js";
import choice from "./choice.js";

/** @type {import("../question.js").Kind["mount"]} */
function mount(root, api) {
  const view = choice.mount(root, api);
  const n = api.item.groups[0].need;
  $(root, ".fbss-options").addEventListener("click", (event) => {
    // A box's click has ticked it already: cancelling the click unticks it, and no change
    // fires. (A label's click has no "checked"; the box's own click follows it.)
    if (/** @type {HTMLInputElement} */ (event.target).checked && view.chosen().length > n) {
      event.preventDefault();
      api.say(attr(root, "msg-limit"));
    }
  });
  return view;
}

/** @type {import("../question.js").Kind["missing"]} */
const missing = (item, picks) => Math.max(0, item.groups[0].need - new Set(picks[0]).size);

/** @type {import("../question.js").Kind} */
export default { name: "select_n", score: scoreItem, missing, mount };
