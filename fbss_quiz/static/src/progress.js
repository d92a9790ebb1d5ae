// @ts-check
/* fbss-quiz: the progress tables ({quiz-progress}): counts and the share right per topic
 * and per clinical-judgment step from the answers saved on every page, kept up to date
 * as answers are saved on this one, and a link to practise the weakest topic. */
import { $, $$, attr, fill as fillIn } from "./dom.js";
import { clearSaved } from "./storage.js";
import { getAnswer, onSaved } from "./store.js";

/**
 * @param {HTMLElement} root
 */
export function wireProgress(root) {
  const prefix = attr(root, "store");
  const items = $$(root, ".fbss-progress-list li");
  const status = $(root, ".fbss-status");
  const confirm = $(root, ".fbss-confirm");
  const clear = $(root, ".fbss-clear");
  const yes = $(confirm, ".fbss-clear-yes");
  const next = /** @type {HTMLElement | null} */ (root.querySelector(".fbss-progress-next"));
  const href = next ? /** @type {HTMLAnchorElement} */ ($(next, "a")).getAttribute("href") || "" : "";

  /**
   * Fill the rows of ``attribute`` (topic or step) from ``counted``.
   * @param {string} attribute
   * @param {Record<string, number[]>} counted per key: [questions, answered, right]
   */
  function fill(attribute, counted) {
    $$(root, `tr[data-fbss-${attribute}]`).forEach((row) => {
      const [total, answered, right] = counted[attr(row, attribute)] || [0, 0, 0];
      $(row, ".fbss-answered").textContent = "" + answered;
      $(row, ".fbss-correct").textContent = "" + right;
      $(row, ".fbss-untried").textContent = "" + (total - answered);
      /** @param {number} x */
      const pct = (x) => (total ? Math.round((100 * x) / total) : 0) + "%";
      $(row, ".fbss-share").textContent = pct(right);
      $(row, ".fbss-bar-correct").style.width = pct(right);
      $(row, ".fbss-bar-answered").style.width = pct(answered - right);
    });
  }

  /**
   * The link to practise the weakest topic, once anything is answered: of the topics
   * the reader has tried and not yet mastered, the one with the smallest share right
   * (ties: the first in the table); else the weakest untried one.
   * @param {Record<string, number[]>} topics
   */
  function weakest(topics) {
    if (!next) return;
    const rows = $$(root, "tr[data-fbss-topic]").map((row) => {
      const [total, answered, right] = topics[attr(row, "topic")] || [0, 0, 0];
      return { row, answered, share: total ? right / total : 1 };
    });
    const open = rows.filter((r) => r.share < 1);
    const tried = open.filter((r) => r.answered);
    const pool = tried.length ? tried : open;
    const best = pool.reduce((a, b) => (b.share < a.share ? b : a), pool[0]);
    next.hidden = !best || !rows.some((r) => r.answered);
    if (next.hidden) return;
    const link = /** @type {HTMLAnchorElement} */ ($(next, "a"));
    const topic = attr(best.row, "topic");
    link.href = href.replace(/#.*$/, "") + "#topic=" + encodeURIComponent(topic);
    const name = (/** @type {HTMLElement} */ (best.row.firstElementChild).textContent || topic).trim();
    link.textContent = fillIn(attr(root, "msg-weakest"), { topic: name, share: Math.round(100 * best.share) + "%" });
  }

  /** @returns {number} the questions not yet answered correctly */
  function update() {
    /** @type {Record<string, number[]>} per topic: [questions, answered, right] */
    const topics = {};
    /** @type {Record<string, number[]>} per clinical-judgment step: the same */
    const steps = {};
    let left = 0;
    items.forEach((li) => {
      const saved = prefix ? getAnswer(prefix + ":" + attr(li, "id"), 1e3) : null;
      const answered = !!saved?.checked;
      const right = answered && saved?.res === "correct";
      li.hidden = right;
      if (!right) left++;
      /** @param {number[]} c */
      const add = (c) => {
        c[0]++;
        c[1] += +answered;
        c[2] += +right;
      };
      attr(li, "topics")
        .split(" ")
        .forEach((t) => add((topics[t] ||= [0, 0, 0])));
      const step = attr(li, "step");
      if (step) add((steps[step] ||= [0, 0, 0]));
    });
    fill("topic", topics);
    fill("step", steps);
    weakest(topics);
    $(root, ".fbss-left").textContent = "" + left;
    return left;
  }

  $(root, ".fbss-progress-js").hidden = false;
  $(root, ".fbss-progress-nojs").hidden = true;
  $(root, ".fbss-actions").hidden = !prefix;
  if (!update()) status.textContent = attr(root, "msg-nothing");
  onSaved(() => {
    update();
    status.textContent = "";
  });
  clear.addEventListener("click", () => {
    confirm.hidden = false;
    yes.focus();
  });
  $(confirm, ".fbss-clear-no").addEventListener("click", () => {
    confirm.hidden = true;
    clear.focus();
  });
  yes.addEventListener("click", () => {
    clearSaved(prefix + ":");
    update();
    confirm.hidden = true;
    status.textContent = attr(root, "msg-cleared");
    clear.focus();
  });
}
