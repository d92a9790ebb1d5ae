// @ts-check
/* fbss-quiz: the trend item: a chart to read across time (static markup), then a question
 * of another kind, its "response" (data-fbss-item), whose module scores it and runs it. */
import { kinds } from "../registry.js";
import { missing, scoreItem } from "../scoring.js";

/** @param {import("../scoring.js").Item} item */
const response = (item) => kinds.get(/** @type {{response: string}} */ (/** @type {unknown} */ (item)).response);

/** @type {import("../question.js").Kind} */
export default {
  name: "trend",
  // Where the script lacks the response's module (a unit test), the shared NCSBN rules.
  score: (item, picks) => (response(item) || { score: scoreItem }).score(item, picks),
  missing: (item, picks) => (response(item)?.missing || missing)(item, picks),
  mount: (root, api) => /** @type {import("../question.js").Kind} */ (response(api.item)).mount(root, api),
};
