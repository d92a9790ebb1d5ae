// @ts-check
/* fbss-quiz: the drop-down table: a native <select> per row ("one" each), named by its
 * row and column headers. Its drop-downs are the cloze's (``.fbss-blank``, one group
 * each), and so is its view: once graded, each is marked right or wrong just after it,
 * and a wrong one shows the right answer. */
import { scoreItem } from "../scoring.js";
import cloze from "./cloze.js";

/** @type {import("../question.js").Kind} */
export default { name: "dropdown_table", score: scoreItem, mount: cloze.mount };
