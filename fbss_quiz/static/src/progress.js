// @ts-check
/* fbss-quiz: the progress table ({quiz-progress}): counts per topic from the answers
 * saved on every page, kept up to date as answers are saved on this one. */
import { $, $$, attr } from "./dom.js";
import { clearSaved, getAnswer, onSaved } from "./store.js";

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

  /** @returns {number} the questions not yet answered correctly */
  function update() {
    /** @type {Record<string, number[]>} per topic: [questions, answered, right] */
    const topics = {};
    let left = 0;
    items.forEach((li) => {
      const saved = prefix ? getAnswer(prefix + ":" + attr(li, "id"), 1e3) : null;
      const answered = !!saved?.checked;
      const right = answered && saved?.res === "correct";
      li.hidden = right;
      if (!right) left++;
      attr(li, "topics")
        .split(" ")
        .forEach((t) => {
          const c = (topics[t] ||= [0, 0, 0]);
          c[0]++;
          c[1] += +answered;
          c[2] += +right;
        });
    });
    $$(root, "tr[data-fbss-topic]").forEach((row) => {
      const [total, answered, right] = topics[attr(row, "topic")] || [0, 0, 0];
      $(row, ".fbss-answered").textContent = "" + answered;
      $(row, ".fbss-correct").textContent = "" + right;
      $(row, ".fbss-untried").textContent = "" + (total - answered);
      /** @param {number} x */
      const pct = (x) => (total ? Math.round((100 * x) / total) : 0) + "%";
      $(row, ".fbss-bar-correct").style.width = pct(right);
      $(row, ".fbss-bar-answered").style.width = pct(answered - right);
    });
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
