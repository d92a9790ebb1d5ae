// @ts-check
/* fbss-quiz: the drop-down rationale (dyad or triad): the cloze's drop-downs, scored
 * the NCSBN rationale way: the linked parts earn one point together, only when every
 * one is right (fbss_quiz/kinds/dropdown_rationale.py); each blank keeps its mark. */
import { scoreItem } from "../scoring.js";
import cloze from "./cloze.js";

/** @type {import("../question.js").Kind["score"]} */
function score(item, picks) {
  const result = scoreItem(item, picks);
  return { ...result, points: +result.full, max: 1 };
}

/** @type {import("../question.js").Kind} */
export default { name: "dropdown_rationale", score, mount: cloze.mount };
