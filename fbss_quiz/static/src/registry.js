// @ts-check
/* fbss-quiz: the kinds of this page's bundle, by name. main.js fills it; a kind that
 * hands its question to another (a trend item, answered in its response's kind) reads it. */

/** @type {Map<string, import("./question.js").Kind>} */
export const kinds = new Map();
