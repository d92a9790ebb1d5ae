// @ts-check
/* fbss-quiz: ordered response: Move up / Move down buttons beside each step (each
 * move announced), scored "order" (0/1 for the whole order); each step's place gets
 * its mark. */
import { $, $$, attr, fill } from "../dom.js";
import { feedback } from "../feedback.js";
import { scoreItem } from "../scoring.js";

/** @type {import("../question.js").Kind["mount"]} */
function mount(root, { say }) {
  const marks = feedback(root);
  const list = $(root, ".fbss-order");
  const steps = $$(list, ".fbss-step");
  /** @type {HTMLButtonElement[]} */
  const moves = [];
  const shown = () => $$(list, ".fbss-step");
  // The first step cannot go up nor the last down.
  const refresh = () =>
    shown().forEach((li, i, all) => {
      /** @type {HTMLButtonElement} */ ($(li, ".fbss-up")).disabled = i === 0;
      /** @type {HTMLButtonElement} */ ($(li, ".fbss-down")).disabled = i === all.length - 1;
    });

  /**
   * @param {HTMLElement} li
   * @param {number} delta
   * @param {HTMLButtonElement} button
   */
  function move(li, delta, button) {
    const all = shown();
    const to = all.indexOf(li) + delta;
    if (to < 0 || to >= all.length) return;
    if (delta < 0) all[to].before(li);
    else all[to].after(li);
    refresh();
    // A button that became disabled (the step reached an end) hands the focus to its twin.
    (button.disabled ? $(li, ".fbss-move:not([disabled])") : button).focus();
    const text = $(li, ".fbss-step-text").textContent;
    say(fill(attr(root, "msg-moved"), { text, position: to + 1, total: all.length }));
  }

  steps.forEach((li) => {
    const text = $(li, ".fbss-step-text");
    text.id = li.id + "-text";
    for (const dir of ["up", "down"]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "fbss-move fbss-" + dir;
      button.textContent = attr(root, "move-" + dir);
      button.setAttribute("aria-describedby", text.id);
      button.addEventListener("click", () => move(li, dir === "up" ? -1 : 1, button));
      li.append(button);
      moves.push(button);
    }
  });
  refresh();
  return {
    controls: moves,
    first: ".fbss-move:not([disabled])",
    chosen: () => shown().map((li) => +attr(li, "option")),
    restore(chosen) {
      if (chosen.length !== steps.length) return;
      chosen.forEach((i) => {
        const li = steps.find((step) => +attr(step, "option") === i);
        if (li) list.append(li);
      });
      refresh();
    },
    show(_score, chosen) {
      chosen.forEach((i, position) => marks.mark(list.children[position], i === position));
      marks.open();
    },
    clear() {
      marks.clear();
      refresh();
    },
  };
}

/** @type {import("../question.js").Kind} */
export default { name: "ordering", score: scoreItem, mount };
