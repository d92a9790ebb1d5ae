// @ts-check
/* fbss-quiz: select N (extended multiple response): the choice view, whose checkboxes
 * stop at N (one more stays unticked and the status says why) and whose answer is
 * checked once N are ticked. One group, "slots" (0/1 per correct option) or
 * "plus-minus", as the item says. */
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
  view.incomplete = () => (view.chosen().length < n ? attr(root, "msg-fewer") : "");
  return view;
}

/** @type {import("../question.js").Kind} */
export default { name: "select_n", score: scoreItem, mount };
