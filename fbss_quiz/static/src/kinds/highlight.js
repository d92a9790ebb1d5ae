// @ts-check
/* fbss-quiz: highlight: the passage's phrases become toggle buttons (aria-pressed),
 * scored "plus-minus". Once graded, each picked phrase is marked right or wrong, and
 * each phrase that matters but was not picked gets the "Correct answer" badge. */
import { $$, attr } from "../dom.js";
import { feedback } from "../feedback.js";
import { isCorrect, scoreItem } from "../scoring.js";

/** @param {Element} button */
const pressed = (button) => button.getAttribute("aria-pressed") === "true";

/**
 * @param {Element} button
 * @param {boolean} on
 */
const press = (button, on) => button.setAttribute("aria-pressed", String(on));

/** @type {import("../question.js").Kind["mount"]} */
function mount(root, { item, say }) {
  const marks = feedback(root);
  const phrases = $$(root, ".fbss-phrase").map((span) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "fbss-phrase";
    button.setAttribute("data-fbss-option", attr(span, "option"));
    press(button, false);
    button.append(...span.childNodes);
    span.replaceWith(button);
    button.addEventListener("click", () => {
      press(button, !pressed(button));
      say("");
    });
    return button;
  });
  /** @param {Element} button */
  const index = (button) => +attr(button, "option");
  return {
    controls: phrases,
    first: ".fbss-phrase",
    chosen: () => phrases.filter(pressed).map(index),
    restore: (chosen) => phrases.forEach((b) => chosen.includes(index(b)) && press(b, true)),
    show() {
      phrases.forEach((b) => {
        const right = isCorrect(item, index(b));
        if (pressed(b)) marks.mark(b, right);
        else if (right) marks.key(b);
      });
      marks.open();
    },
    hide: marks.clear,
    clear: () => phrases.forEach((b) => press(b, false)),
  };
}

/** @type {import("../question.js").Kind} */
export default { name: "highlight", score: scoreItem, mount };
