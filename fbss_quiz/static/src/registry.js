// @ts-check
/* fbss-quiz: the kinds of this page's script, by name: the core's (main.js) and those
 * its chunks add (chunk.js, tools/build_assets.py). A kind that
 * hands its question to another (a trend item, answered in its response's kind) reads it. */

/** @type {Map<string, import("./question.js").Kind>} */
export const kinds = new Map();
