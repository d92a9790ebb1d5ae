// @ts-check
/* fbss-quiz: interactive self-check questions.
 * No framework, no globals, no network; text is set with textContent only. The page
 * is complete without this script (answers sit in a closed <details>); the script turns
 * that into per-option feedback, announces results in a live region and remembers
 * answers. tools/build_assets.py bundles it per page with the kinds the page may hold
 * (every bundle: choice; +ngn: the NGN kinds) and, where it has them, the progress
 * table, exam mode and the practice queue. */
import { $, $$, attr } from "./dom.js";
import { readItem } from "./item.js";
import { wire } from "./question.js";
import { wireQuiz } from "./quiz.js";
import { kinds as byName } from "./registry.js";

/** @typedef {import("./question.js").Kind} Kind */
/** @typedef {import("./question.js").Question} Question */

/**
 * Wire every quiz, question and progress table of the page once it is parsed.
 * @param {Kind[]} kinds the kinds this bundle holds
 * @param {((root: HTMLElement) => void) | null} progress the progress table, if bundled
 * @param {import("./quiz.js").ExamWiring | null} [exam] exam mode, if bundled
 * @param {((root: HTMLElement, make: (root: HTMLElement, onChange: () => void) => Question) => void) | null} [practice]
 *   the practice queue, if bundled (without it a practice quiz draws as a review quiz)
 */
export function start(kinds, progress, exam = null, practice = null) {
  kinds.forEach((kind) => byName.set(kind.name, kind));
  /** @type {Question[]} */
  const made = [];

  /**
   * A question whose kind this bundle lacks still shows its static answer.
   * @param {HTMLElement} root
   * @param {() => void} onChange
   * @returns {Question}
   */
  function make(root, onChange) {
    const item = readItem(root);
    const kind = byName.get(item.kind);
    const question = kind
      ? wire(root, kind, item, onChange, !!exam && !!root.closest(".fbss-exam"))
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}
