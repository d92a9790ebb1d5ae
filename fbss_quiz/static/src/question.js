// @ts-check
/* fbss-quiz: what every kind of question shares (the lifecycle): Check answer, which
 * grades only a complete answer; the verdict line under the question, which names the
 * result and the correct answer and is what the live region announces; Try again,
 * which keeps the reader's answers; Clear answers; the saved answer and the score its
 * quiz counts. A kind module supplies the scorer and a view of its controls (Kind). */
import { $, $$, attr, fill } from "./dom.js";
import { missing, perGroup } from "./scoring.js";
import { getAnswer, saveAnswer } from "./store.js";

/** @typedef {import("./scoring.js").Item} Item */
/** @typedef {import("./scoring.js").Score} Score */
/** @typedef {import("./store.js").Saved} Saved */

/**
 * What a kind's ``mount`` gives the lifecycle: its controls as the reader uses them.
 * @typedef {object} View
 * @property {HTMLElement[]} controls disabled once graded, enabled by Try again
 * @property {string} first the selector of the control that Try again focuses
 * @property {() => number[]} chosen the reader's choices as flat option indices
 *   (for ordering: the order shown); saved as they are
 * @property {(chosen: number[]) => void} restore put a saved answer back
 * @property {(score: Score, chosen: number[]) => void} show the feedback once graded:
 *   each picked part marked right or wrong in text, the correct answer where missed
 * @property {() => void} hide remove that feedback (Try again: the answers stay)
 * @property {() => void} clear back to unanswered (Clear answers, Reset quiz)
 * @property {(score: Score) => string} [describe] the correct answer in words for the
 *   verdict line; by default the lines of ``.fbss-key [data-fbss-group]`` (the page's
 *   answer key) of the groups not wholly right, joined by ". "
 * @property {unknown} [order] saved with the answer (the shown order of shuffled options)
 */

/**
 * What the lifecycle gives a kind's ``mount``.
 * @typedef {object} Api
 * @property {Item} item the question's structure
 * @property {Saved | null} saved its saved answer
 * @property {(text: string) => void} say set the note under the buttons (a live region)
 */

/**
 * An item kind: its name in ``data-fbss-item``, its pure scorer and its view.
 * @typedef {object} Kind
 * @property {string} name
 * @property {(item: Item, picks: number[][]) => Score} score
 * @property {(root: HTMLElement, api: Api) => View} mount
 * @property {(item: Item, picks: number[][]) => number} [missing] how many answers are
 *   still missing (0: complete); by default scoring.js's ``missing``
 */

/**
 * A question as its quiz sees it.
 * @typedef {object} Question
 * @property {HTMLElement} root
 * @property {string} id
 * @property {Item} [item] its structure (an exam's gets its answer on Submit)
 * @property {Score | null} [score] once checked: its score; null or absent before
 * @property {(byUser: boolean) => void} reset back to unanswered
 * @property {() => void} focus its first control (Try again once checked)
 * @property {() => number} [missing] the answers still missing (0: complete)
 * @property {() => void} [submit] an exam's Submit: graded as it stands, and saved
 */

/**
 * Wire the question ``root`` of ``kind``; ``onChange`` runs after every grading or reset.
 * @param {HTMLElement} root
 * @param {Kind} kind
 * @param {Item} item
 * @param {() => void} onChange
 * @param {boolean} [exam] in an exam: no Check answer, no saved answer put back (each
 *   attempt starts blank: exam.js resets the question), graded by ``submit``
 * @returns {Question}
 */
export function wire(root, kind, item, onChange, exam = false) {
  const id = attr(root, "id");
  const prefix = attr(root, "store");
  const key = prefix && id ? prefix + ":" + id : "";
  const status = $(root, ".fbss-status");
  const note = $(root, ".fbss-note");
  const check = $(root, ".fbss-check");
  const retry = $(root, ".fbss-retry");
  const details = $(root, ".fbss-answer");
  const options = item.groups.reduce((n, group) => n + group.size, 0);
  const saved = key && !exam ? getAnswer(key, options) : null;
  const left = kind.missing || missing;
  /** @param {string} text */
  const say = (text) => (note.textContent = text);
  const view = kind.mount(root, { item, saved, say });
  const focus = () => ($(root, view.first + ":not(:disabled)") || retry).focus();
  /** @type {Question} */
  const question = {
    root,
    id,
    item,
    reset: (byUser) => reset(byUser, true),
    focus,
    missing: () => left(item, perGroup(item, view.chosen())),
    submit: () => grade(true, true),
  };
  /** @param {Score} s */
  const describe =
    view.describe ||
    ((s) =>
      $$(root, ".fbss-key [data-fbss-group]")
        .filter((line) => !s.parts[+attr(line, "group")])
        .map((line) => line.textContent)
        .join(". "));

  /** @param {boolean} on */
  const lock = (on) => view.controls.forEach((c) => ((/** @type {HTMLInputElement} */ (c)).disabled = on));

  /** @param {boolean} checked */
  function save(checked) {
    if (key) saveAnswer(key, view.chosen(), checked, view.order, checked ? attr(root, "result") : null);
  }

  /**
   * The verdict line: the result, the points where an item has several (NGN), and the
   * correct answer where missed; a select-all question counts its right options.
   * @param {Score} s
   * @returns {[string, string]} the verdict and the line
   */
  function verdictLine(s) {
    const points = attr(root, "msg-points");
    const partial = attr(root, "msg-partial");
    const verdict = s.full ? "correct" : (points ? s.points : partial && s.right) ? "partial" : "incorrect";
    let text =
      verdict === "partial" && partial
        ? fill(partial, { ...s, total: s.max })
        : attr(root, "msg-" + (verdict === "partial" ? "partly" : verdict));
    if (points) text += " " + fill(points, s);
    // (An option that is a sentence brings its own full stop.)
    if (!s.full) text += " " + fill(attr(root, "msg-answer"), { answer: describe(s).replace(/\.$/, "") });
    return [verdict, text];
  }

  /**
   * @param {boolean} byUser
   * @param {boolean} [force] grade an incomplete answer too (an exam's Submit)
   */
  function grade(byUser, force = false) {
    const chosen = view.chosen();
    const picks = perGroup(item, chosen);
    const n = left(item, picks);
    if (n && !force) {
      // Nothing is graded until every part is answered; the note says what is missing
      // (in the plural form for ``n``: the page writes one for each number).
      if (byUser) say(fill(JSON.parse(attr(root, "msg-left"))[n - 1] || "", { left: n, total: left(item, []) }));
      return;
    }
    const s = kind.score(item, picks);
    const [verdict, text] = verdictLine(s);
    say("");
    status.textContent = text;
    root.setAttribute("data-fbss-result", verdict);
    view.show(s, chosen);
    lock(true);
    question.score = s;
    check.hidden = true;
    // An exam's attempt ends at Submit: Reset quiz starts the next.
    retry.hidden = exam;
    if (byUser) {
      save(true);
      if (!exam) retry.focus();
    }
    onChange();
  }

  /**
   * @param {boolean} byUser
   * @param {boolean} wipe clear the answers too
   */
  function reset(byUser, wipe) {
    lock(false);
    view.hide();
    if (wipe) view.clear();
    details.hidden = true;
    root.removeAttribute("data-fbss-result");
    status.textContent = "";
    say("");
    question.score = null;
    check.hidden = exam;
    retry.hidden = true;
    if (byUser) save(false);
    onChange();
  }

  details.hidden = true;
  check.hidden = exam;
  // What needs the script (buttons, handles) shows now, and a hint says what it allows.
  $$(root, ".fbss-js").forEach((el) => {
    el.hidden = false;
    if (el.hasAttribute("data-fbss-js")) el.textContent = attr(el, "js");
  });
  check.addEventListener("click", () => grade(true));
  retry.addEventListener("click", () => {
    reset(true, false);
    focus();
  });
  $(root, ".fbss-clear-answers")?.addEventListener("click", () => {
    reset(true, true);
    focus();
  });
  // A changed answer makes the last note stale (change events bubble).
  root.addEventListener("change", () => say(""));
  // (An exam's question starts blank: exam.js resets it, as the browser may have put
  // the last attempt's answers back into the form.)
  if (saved) {
    view.restore(saved.chosen);
    if (saved.checked) grade(false);
  }
  return question;
}
