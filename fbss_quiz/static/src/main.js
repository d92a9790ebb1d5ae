// @ts-check
/* fbss-quiz: interactive self-check questions.
 * No framework, no globals, no network; text is set with textContent only. The page
 * is complete without this script (answers sit in a closed <details>); the script turns
 * that into per-option feedback, announces results in a live region and remembers
 * answers. This is the core: tools/build_assets.py makes it, with the choice kind, one
 * chunk, the same script on every quiz page; every other kind, the progress table, exam
 * mode and the practice queue are chunks of their own, which the page loads after the
 * core in one or two more scripts (fbss_quiz/assets.py). A chunk asks the core for its
 * hooks with a document event (chunk.js), answered at once: no globals. */
import { $, $$, attr } from "./dom.js";
import { readItem } from "./item.js";
import { wire } from "./question.js";
import { wireQuiz } from "./quiz.js";
import { kinds as byName } from "./registry.js";

/** @typedef {import("./question.js").Kind} Kind */
/** @typedef {import("./question.js").Question} Question */

/**
 * What the chunks after the core get from it, and fill in: the kinds by name, the slots
 * of the page's parts (unset where the page has none), and what of the core's modules
 * the chunks use (under the keys that tools/build_assets.py gives them).
 * @typedef {object} Hooks
 * @property {Map<string, Kind>} kinds
 * @property {(root: HTMLElement) => void} [progress] the progress table
 * @property {import("./quiz.js").ExamWiring} [exam] exam mode
 * @property {(root: HTMLElement, make: (root: HTMLElement, onChange: () => void) => Question) => void} [practice]
 *   the practice queue (without it a practice quiz draws as a review quiz)
 */

/**
 * Wire every quiz, question and progress table of the page once it is parsed, with
 * what the page's chunks have added by then.
 * @param {Kind[]} kinds the kinds of the core
 * @param {Record<string, unknown>} [shared] what of the core's modules chunks use, by key
 */
export function start(kinds, shared = {}) {
  kinds.forEach((kind) => byName.set(kind.name, kind));
  /** @type {Hooks} */
  const hooks = { ...shared, kinds: byName };
  // How many chunks the page's scripts after this one bring (fbss_quiz/extension.py
  // writes it on this script's tag); each announces itself with chunk.js's event (its
  // name is written there too) when it runs.
  const expected = Number(document.currentScript?.getAttribute("data-fbss-chunks")) || 0;
  let arrived = 0;
  let started = false;
  const go = () => {
    if (!started) {
      started = true;
      init();
    }
  };
  // Once the page is parsed and every chunk has run: the rest of the chunk's script,
  // which adds to the hooks, runs before this microtask.
  const ready = () => queueMicrotask(() => document.readyState !== "loading" && arrived >= expected && go());
  document.addEventListener("fbss-quiz-chunk", (event) => {
    /** @type {CustomEvent} */ (event).detail(hooks);
    arrived += 1;
    ready();
  });
  /** @type {Question[]} */
  const made = [];

  /**
   * A question whose kind the page's script lacks still shows its static answer.
   * @param {HTMLElement} root
   * @param {() => void} onChange
   * @returns {Question}
   */
  function make(root, onChange) {
    const item = readItem(root);
    const kind = byName.get(item.kind);
    const question = kind
      ? wire(root, kind, item, onChange, !!hooks.exam && !!root.closest(".fbss-exam"))
      : { root, id: attr(root, "id"), reset() {}, focus() {} };
    made.push(question);
    return question;
  }

  /**
   * A "Skip to the quiz" link, first on the page, that puts the focus on the first
   * control of the first quiz's first question: a keyboard user is there in one Tab.
   * @param {HTMLElement} quiz
   */
  function skipLink(quiz) {
    const first = $(quiz, ".fbss-question:not([hidden])");
    const link = document.createElement("a");
    link.className = "fbss-skip";
    link.href = "#" + first.id;
    link.textContent = attr(quiz, "msg-skip");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      made.find((q) => q.root === first)?.focus();
    });
    document.body.prepend(link);
  }

  function init() {
    const { progress, exam, practice } = hooks;
    const quizzes = $$(document, ".fbss-quiz");
    quizzes.forEach((root) =>
      practice && root.classList.contains("fbss-practice") ? practice(root, make) : wireQuiz(root, make, exam),
    );
    if (quizzes[0] && $(quizzes[0], ".fbss-question:not([hidden])")) skipLink(quizzes[0]);
    $$(document, ".fbss-question").forEach((root) => {
      if (!root.closest(".fbss-quiz")) make(root, () => {});
    });
    if (progress) $$(document, ".fbss-progress").forEach(progress);
  }

  // Deferred scripts (as the extension writes them) all run, in order, before
  // DOMContentLoaded: by then every chunk that loaded is there, and one that failed to
  // load leaves its questions with their static answers. Scripts added after it fired
  // (a page that loads them itself) wire the page once the last chunk has run.
  document.addEventListener("DOMContentLoaded", go);
  ready();
}
