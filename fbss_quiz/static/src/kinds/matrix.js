// @ts-check
/* fbss-quiz: the matrix (one radio group per row, "one") and the multiple-response
 * matrix (checkboxes, "plus-minus"); each cell is marked once graded. */
import { inputsView } from "../choices.js";
import { scoreItem } from "../scoring.js";

/** @type {import("../question.js").Kind} */
export default { name: "matrix", score: scoreItem, mount: inputsView };
