// @ts-check
/* fbss-quiz: the bow-tie: a condition ("one"), actions and parameters ("slots"), each
 * a fieldset of native choices, each choice marked once graded. */
import { inputsView } from "../choices.js";
import { scoreItem } from "../scoring.js";

/** @type {import("../question.js").Kind} */
export default { name: "bowtie", score: scoreItem, mount: inputsView };
