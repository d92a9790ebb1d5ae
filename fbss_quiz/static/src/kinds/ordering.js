// @ts-check
/* fbss-quiz: ordered response, scored "order" (0/1 for the whole order). A step moves
 * by its Move up / Move down buttons or by dragging its handle (pointer: mouse, pen or
 * touch); each move is announced. Once graded, each step is marked right or wrong in
 * its place, and a misplaced one names its correct place. The page writes the handles
 * and buttons (hidden until the script runs). A step's id (``data-fbss-option``) is its
 * place in the order the page first shows, which says nothing of the answer; the key
 * (``correct``) lists the ids in the right order (kinds/ordering.py, ``shown_ids``). */
import { $, $$, attr, fill } from "../dom.js";
import { feedback } from "../feedback.js";
import { scoreItem } from "../scoring.js";

/** Saved with an answer (``order``): its ids are the steps' shown ids. An answer saved
 * without it, by an older page, named each step by its place in the right order. */
const SHOWN = "shown";

/** @type {import("../question.js").Kind["mount"]} */
function mount(root, { item, saved, say }) {
  // Read when needed: an exam's key arrives on Submit.
  const key = () => item.groups[0].correct;
  const marks = feedback(root);
  const list = $(root, ".fbss-order");
  const steps = $$(list, ".fbss-step");
  const moves = /** @type {HTMLButtonElement[]} */ ($$(list, ".fbss-move"));
  const shown = () => $$(list, ".fbss-step");
  // The first step cannot go up nor the last down.
  const refresh = () =>
    shown().forEach((li, i, all) => {
      /** @type {HTMLButtonElement} */ ($(li, ".fbss-up")).disabled = i === 0;
      /** @type {HTMLButtonElement} */ ($(li, ".fbss-down")).disabled = i === all.length - 1;
    });
  /** @param {HTMLElement} li */
  const moved = (li) =>
    say(
      fill(attr(root, "msg-moved"), {
        text: $(li, ".fbss-step-text").textContent,
        position: shown().indexOf(li) + 1,
        total: steps.length,
      }),
    );

  moves.forEach((button) => {
    const li = /** @type {HTMLElement} */ (button.parentElement);
    const up = button.classList.contains("fbss-up");
    button.addEventListener("click", () => {
      const all = shown();
      const next = all[all.indexOf(li) + (up ? -1 : 1)];
      if (!next) return;
      if (up) next.before(li);
      else next.after(li);
      refresh();
      // A button that became disabled (the step reached an end) hands the focus to its twin.
      (button.disabled ? $(li, ".fbss-move:not([disabled])") : button).focus();
      moved(li);
    });
  });

  // Dragging: the list holds the pointer (a step that moves would lose it) and a step
  // passes another once the pointer crosses that step's middle.
  /** @type {HTMLElement | null} */
  let dragged = null;
  list.addEventListener("pointerdown", (event) => {
    const grip = /** @type {Element} */ (event.target).closest(".fbss-grip");
    if (!grip || root.hasAttribute("data-fbss-result")) return;
    event.preventDefault();
    dragged = /** @type {HTMLElement} */ (grip.parentElement);
    dragged.classList.add("fbss-dragging");
    list.setPointerCapture(event.pointerId);
  });
  list.addEventListener("pointermove", (event) => {
    const all = shown();
    if (!dragged) return;
    const from = all.indexOf(dragged);
    all.forEach((li, i) => {
      const box = li.getBoundingClientRect();
      const middle = box.top + box.height / 2;
      if (i < from && event.clientY < middle) li.before(/** @type {HTMLElement} */ (dragged));
      if (i > from && event.clientY > middle) li.after(/** @type {HTMLElement} */ (dragged));
    });
  });
  const drop = () => {
    if (!dragged) return;
    dragged.classList.remove("fbss-dragging");
    refresh();
    moved(dragged);
    dragged = null;
  };
  list.addEventListener("pointerup", drop);
  list.addEventListener("pointercancel", drop);

  refresh();
  return {
    controls: moves,
    first: ".fbss-move:not([disabled])",
    order: SHOWN,
    chosen: () => shown().map((li) => +attr(li, "option")),
    restore(chosen) {
      if (chosen.length !== steps.length) return;
      if (saved?.order !== SHOWN) {
        // Saved by a page that named steps by their right place: that place's id now.
        if (key().length !== chosen.length) return;
        chosen = chosen.map((place) => key()[place]);
      }
      chosen.forEach((i) => {
        const li = steps.find((step) => +attr(step, "option") === i);
        if (li) list.append(li);
      });
      refresh();
    },
    show(_score, chosen) {
      shown().forEach((li, position) => {
        const place = key().indexOf(chosen[position]);
        const mark = marks.mark($(li, ".fbss-step-text"), place === position, true);
        if (place !== position) marks.key(mark, fill(attr(root, "msg-place"), { n: place + 1 }), true);
      });
      marks.open();
    },
    hide() {
      marks.clear();
      refresh();
    },
    clear() {
      steps.forEach((li) => list.append(li));
      refresh();
    },
  };
}

/** @type {import("../question.js").Kind} */
export default { name: "ordering", score: scoreItem, mount };
