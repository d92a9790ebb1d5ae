// @ts-check
/* fbss-quiz: what every chunk of a page's script after the core runs first
 * (tools/build_assets.py puts it there). The core, whose script ran before this one's,
 * listens for this document event and answers it at once with its hooks
 * (main.js's Hooks: the kinds by name, the slots of the page's parts, and what chunks
 * import from the core's modules, which the build tool points their imports at): the
 * chunks share the core's code without a global. The event also tells the core that one
 * more of the page's chunks has run: it wires the page once all have (main.js). */

/** @type {any} the core's hooks; its modules are checked where they are written */
export let core;
document.dispatchEvent(new CustomEvent("fbss-quiz-chunk", { detail: (/** @type {any} */ hooks) => (core = hooks) }));
