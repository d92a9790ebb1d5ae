// @ts-check
/* fbss-quiz: small DOM helpers that every module shares.
 * The page's markup (fbss_quiz/html_render.py) guarantees the elements that the
 * modules look up, so the lookups are typed as found. */

/**
 * The first element in ``root`` that matches ``selector``.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLElement}
 */
export const $ = (root, selector) => /** @type {HTMLElement} */ (root.querySelector(selector));

/**
 * Every element in ``root`` that matches ``selector``, as an array.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {HTMLElement[]}
 */
export const $$ = (root, selector) =>
  /** @type {HTMLElement[]} */ ([...root.querySelectorAll(selector)]);

/**
 * A ``data-fbss-*`` attribute ("" when absent): the markup's data and message strings.
 * @param {Element} el
 * @param {string} name
 * @returns {string}
 */
export const attr = (el, name) => el.getAttribute("data-fbss-" + name) || "";

/**
 * A message with its ``{name}`` placeholders filled in; unknown ones are kept.
 * @param {string} template
 * @param {Record<string, unknown>} values
 * @returns {string}
 */
export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? String(values[key]) : all));

/**
 * A, B, ... Z, AA, AB ...: the letter of the option at ``index`` (model.option_letter).
 * @param {number} index
 * @returns {string}
 */
export function letter(index) {
  let s = "";
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) {
    s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  }
  return s;
}

/**
 * 0..n-1 in a random order (Fisher-Yates).
 * @param {number} n
 * @returns {number[]}
 */
export function shuffled(n) {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let j = n - 1; j > 0; j--) {
    const k = Math.floor(Math.random() * (j + 1));
    [order[j], order[k]] = [order[k], order[j]];
  }
  return order;
}
