/* fbss-quiz: interactive self-check questions.
 * No framework, no globals, no network; text is set with textContent only. The page is complete without
 * this script (answers sit in a closed <details>); the script turns that into
 * per-option feedback, announces results in a live region and remembers answers.
 */
(function () {
  "use strict";

  var VERSION = 1;

  function $(root, selector) { return root.querySelector(selector); }
  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  // Storage that is disabled, full or holds garbage must never break the page.
  var store = {
    // Only option indexes below n survive: "length" or "__proto__" must not reach inputs[i].
    get: function (key, n) {
      try {
        var data = JSON.parse(window.localStorage.getItem(key));
        if (!data || data.v !== VERSION || !Array.isArray(data.chosen)) return null;
        var chosen = data.chosen.filter(function (i) {
          return typeof i === "number" && Math.floor(i) === i && i >= 0 && i < n;
        });
        return { chosen: chosen, checked: data.checked === true && chosen.length > 0,
          order: data.order, res: data.res };
      } catch (e) { return null; }
    },
    // A review quiz's drawn set: question ids, all from ``pool``.
    getSet: function (key, pool) {
      try {
        var ids = JSON.parse(window.localStorage.getItem(key));
        return Array.isArray(ids) && ids.length && ids.every(function (id) {
          return pool.indexOf(id) >= 0;
        }) ? ids : null;
      } catch (e) { return null; }
    },
    clear: function (prefix) {
      try {
        var doomed = [];
        for (var i = 0; i < window.localStorage.length; i++) {
          var key = window.localStorage.key(i);
          if (key && key.indexOf(prefix) === 0) doomed.push(key);
        }
        doomed.forEach(function (key) { window.localStorage.removeItem(key); });
      } catch (e) { /* off */ }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or off */ }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* off */ }
    }
  };

  function letter(i) {
    var s = "";
    i += 1;
    while (i > 0) { var r = (i - 1) % 26; s = String.fromCharCode(65 + r) + s; i = Math.floor((i - 1) / 26); }
    return s;
  }

  function shuffled(n) {
    var order = [];
    for (var i = 0; i < n; i++) order.push(i);
    for (var j = n - 1; j > 0; j--) {
      var k = Math.floor(Math.random() * (j + 1));
      var t = order[j]; order[j] = order[k]; order[k] = t;
    }
    return order;
  }

  function validOrder(order, n) {
    if (!Array.isArray(order) || order.length !== n) return false;
    var seen = {};
    return order.every(function (x) {
      var ok = typeof x === "number" && x >= 0 && x < n && !seen[x];
      seen[x] = true;
      return ok;
    });
  }

  function Question(root, onChange) {
    var self = this;
    self.root = root;
    self.onChange = onChange;
    self.id = root.getAttribute("data-fbss-id");
    self.multiple = root.getAttribute("data-fbss-type") === "multiple";
    self.shuffle = root.hasAttribute("data-fbss-shuffle");
    var prefix = root.getAttribute("data-fbss-store");
    self.key = prefix ? prefix + ":" + self.id : null;
    self.options = $$(root, ".fbss-option");
    self.inputs = self.options.map(function (o) { return $(o, "input"); });
    self.fieldset = $(root, ".fbss-options");
    self.status = $(root, ".fbss-status");
    self.check = $(root, ".fbss-check");
    self.retry = $(root, ".fbss-retry");
    self.correct = {};
    self.marks = [];

    // Move each rationale next to its option (moved, not copied: ids stay unique).
    $$(root, ".fbss-rationale").forEach(function (rationale) {
      var index = Number(rationale.getAttribute("data-fbss-option"));
      self.correct[index] = rationale.getAttribute("data-fbss-correct") === "true";
      var option = self.options[index];
      if (!option) return;
      var mark = document.createElement("span");
      mark.className = "fbss-chosen";
      mark.textContent = " \u2014 " + root.getAttribute("data-fbss-msg-chosen");
      $(rationale, ".fbss-verdict").appendChild(mark);
      self.marks[index] = mark;
      rationale.hidden = true;
      option.appendChild(rationale);
    });
    var details = $(root, ".fbss-answer");
    self.explanation = $(root, ".fbss-explanation");
    if (self.explanation) {
      self.explanation.hidden = true;
      details.parentNode.insertBefore(self.explanation, details);
    }
    details.hidden = true;
    $(root, ".fbss-actions").hidden = false;

    self.check.addEventListener("click", function () { self.grade(true); });
    self.retry.addEventListener("click", function () {
      self.reset(true);
      var first = self.fieldset.querySelector("input");
      if (first) first.focus();
    });
    self.inputs.forEach(function (input) {
      input.addEventListener("change", function () { self.status.textContent = ""; });
    });

    var saved = self.key ? store.get(self.key, self.options.length) : null;
    self.order = self.shuffle && saved && validOrder(saved.order, self.options.length) ? saved.order : null;
    self.arrange();
    if (saved) {
      saved.chosen.forEach(function (i) { if (self.inputs[i]) self.inputs[i].checked = true; });
      if (saved.checked) self.grade(false);
    }
  }

  Question.prototype.arrange = function () {
    var self = this;
    if (self.shuffle && !self.order) self.order = shuffled(self.options.length);
    // Unshuffled options are already in the author's order: touch nothing (fast init).
    if (!self.order) return;
    self.order.forEach(function (index, position) {
      var option = self.options[index];
      self.fieldset.appendChild(option);
      var text = letter(position) + ".";
      $$(option, ".fbss-letter").forEach(function (span) { span.textContent = text; });
    });
  };

  Question.prototype.chosen = function () {
    var out = [];
    this.inputs.forEach(function (input, i) { if (input.checked) out.push(i); });
    return out;
  };

  Question.prototype.save = function (checked) {
    if (!this.key) return;
    store.set(this.key, { v: VERSION, chosen: this.chosen(), checked: checked, order: this.order,
      res: checked ? this.root.getAttribute("data-fbss-result") : null });
  };

  // NCSBN scoring: 0/1 for single choice; +1/-1 per choice for select-all, floor 0.
  Question.prototype.score = function () {
    var self = this, right = 0, wrong = 0, total = 0;
    Object.keys(self.correct).forEach(function (k) { if (self.correct[k]) total++; });
    self.chosen().forEach(function (i) { if (self.correct[i]) right++; else wrong++; });
    var points = self.multiple ? Math.max(0, right - wrong) : (right === 1 && wrong === 0 ? 1 : 0);
    return { right: right, wrong: wrong, total: total, points: points,
      full: right === total && wrong === 0 };
  };

  Question.prototype.grade = function (byUser) {
    var self = this, root = self.root;
    var chosen = self.chosen();
    if (!chosen.length) {
      self.status.textContent = root.getAttribute("data-fbss-msg-choose");
      return;
    }
    var s = self.score();
    var message = s.full ? root.getAttribute("data-fbss-msg-correct")
      : (self.multiple && s.right > 0) ? fill(root.getAttribute("data-fbss-msg-partial"), s)
        : root.getAttribute("data-fbss-msg-incorrect");
    self.status.textContent = message;
    root.setAttribute("data-fbss-result", s.full ? "correct" : (self.multiple && s.right > 0) ? "partial" : "incorrect");
    self.options.forEach(function (option, i) {
      var picked = self.inputs[i].checked;
      option.classList.toggle("fbss-picked", picked);
      if (self.marks[i]) self.marks[i].hidden = !picked;
      var rationale = $(option, ".fbss-rationale");
      if (rationale) rationale.hidden = false;
      self.inputs[i].disabled = true;
    });
    if (self.explanation) self.explanation.hidden = false;
    self.checked = true;
    self.full = s.full;
    self.points = s.points;
    self.max = self.multiple ? s.total : 1;
    self.check.hidden = true;
    self.retry.hidden = false;
    if (byUser) {
      self.save(true);
      self.retry.focus();
    }
    self.onChange();
  };

  Question.prototype.reset = function (byUser) {
    var self = this;
    self.inputs.forEach(function (input) { input.checked = false; input.disabled = false; });
    self.options.forEach(function (option) {
      option.classList.remove("fbss-picked");
      var rationale = $(option, ".fbss-rationale");
      if (rationale) rationale.hidden = true;
    });
    if (self.explanation) self.explanation.hidden = true;
    self.root.removeAttribute("data-fbss-result");
    self.status.textContent = "";
    self.checked = false;
    self.check.hidden = false;
    self.retry.hidden = true;
    if (self.shuffle) { self.order = null; self.arrange(); }
    if (byUser) self.save(false);
    self.onChange();
  };

  function Quiz(root) {
    var self = this;
    self.root = root;
    self.footer = $(root, ".fbss-quiz-footer");
    self.score = $(root, ".fbss-score");
    self.all = [];
    $$(root, ".fbss-question").forEach(function (q) {
      self.all.push(make(q, function () { self.update(); }));
    });
    self.draw = Number(root.getAttribute("data-fbss-draw")) || 0;
    var prefix = root.getAttribute("data-fbss-store");
    self.drawKey = self.draw && prefix ? prefix + ":draw:" + root.id : null;
    var pool = self.all.map(function (q) { return q.id; });
    self.pick(self.drawKey ? store.getSet(self.drawKey, pool) : null);
    self.footer.hidden = !self.questions.length;
    $(root, ".fbss-reset").addEventListener("click", function () {
      self.all.forEach(function (q) { q.reset(true); });
      if (self.draw) self.pick(null, self.questions.map(function (q) { return q.id; }));
      var first = root.querySelector(".fbss-question:not([hidden]) .fbss-options input");
      if (first) first.focus();
    });
    self.update();
  }

  // Which questions this attempt shows: all, or a drawn set of ``draw`` of them.
  Quiz.prototype.pick = function (saved, previous) {
    var self = this;
    if (!self.draw) { self.questions = self.all; return; }
    var ids = saved || drawSet(self.all.map(function (q) { return q.id; }), self.draw, previous);
    if (self.drawKey) store.set(self.drawKey, ids);
    self.questions = [];
    ids.forEach(function (id) {
      self.all.forEach(function (q) { if (q.id === id) self.questions.push(q); });
    });
    self.all.forEach(function (q) {
      q.root.hidden = ids.indexOf(q.id) < 0;
      q.root.parentNode.appendChild(q.root);
    });
    // Drawn questions in drawn order, before the footer.
    self.questions.forEach(function (q) { self.root.insertBefore(q.root, self.footer); });
    self.update();
  };

  Quiz.prototype.update = function () {
    if (!this.questions) return;
    var done = this.questions.every(function (q) { return q.checked; });
    var right = 0, points = 0, max = 0;
    this.questions.forEach(function (q) { if (q.full) right++; points += q.points || 0; max += q.max || 0; });
    var caseMsg = this.root.getAttribute("data-fbss-case");
    this.score.textContent = !done ? "" : caseMsg ? fill(caseMsg, { points: points, max: max })
      : fill(this.root.getAttribute("data-fbss-msg-score"), { right: right, total: this.questions.length });
  };

  // Next Generation NCLEX items are wired by fbss_quiz_ngn.js, which listens for this event.
  function make(root, onChange) {
    if (!root.hasAttribute("data-fbss-ngn")) return new Question(root, onChange);
    var detail = { onChange: onChange };
    root.dispatchEvent(new CustomEvent("fbss-ngn", { bubbles: true, detail: detail }));
    return detail.question || { root: root, id: root.getAttribute("data-fbss-id"), reset: function () {} };
  }

  // A review quiz that draws N of its questions per attempt (data-fbss-draw).
  function drawSet(ids, n, previous) {
    var order = shuffled(ids.length).map(function (i) { return ids[i]; });
    var set = order.slice(0, n);
    // A new attempt should not repeat the last set when the pool allows another.
    if (previous && ids.length > n && set.slice().sort().join() === previous.slice().sort().join()) {
      set = order.slice(ids.length - n);
    }
    return set;
  }

  // The progress page: counts per topic from the answers saved on every page.
  function Progress(root) {
    var prefix = root.getAttribute("data-fbss-store");
    var items = $$(root, ".fbss-progress-list li");
    var status = $(root, ".fbss-status");
    var confirm = $(root, ".fbss-confirm");
    var clear = $(root, ".fbss-clear");

    function update() {
      var topics = {};
      var left = 0;
      items.forEach(function (li) {
        var saved = prefix ? store.get(prefix + ":" + li.getAttribute("data-fbss-id"), 1e3) : null;
        var answered = !!(saved && saved.checked);
        var right = answered && saved.res === "correct";
        li.hidden = right;
        if (!right) left++;
        li.getAttribute("data-fbss-topics").split(" ").forEach(function (t) {
          var c = topics[t] = topics[t] || { total: 0, answered: 0, right: 0 };
          c.total++;
          if (answered) c.answered++;
          if (right) c.right++;
        });
      });
      $$(root, "tr[data-fbss-topic]").forEach(function (row) {
        var c = topics[row.getAttribute("data-fbss-topic")] || { total: 0, answered: 0, right: 0 };
        $(row, ".fbss-answered").textContent = c.answered;
        $(row, ".fbss-correct").textContent = c.right;
        $(row, ".fbss-untried").textContent = c.total - c.answered;
        var pct = function (x) { return c.total ? Math.round(100 * x / c.total) + "%" : "0%"; };
        $(row, ".fbss-bar-correct").style.width = pct(c.right);
        $(row, ".fbss-bar-answered").style.width = pct(c.answered - c.right);
      });
      return left;
    }

    $(root, ".fbss-progress-js").hidden = false;
    $(root, ".fbss-progress-nojs").hidden = true;
    $(root, ".fbss-actions").hidden = !prefix;
    if (!update()) status.textContent = root.getAttribute("data-fbss-msg-nothing");
    clear.addEventListener("click", function () {
      confirm.hidden = false;
      $(confirm, ".fbss-clear-yes").focus();
    });
    $(confirm, ".fbss-clear-no").addEventListener("click", function () {
      confirm.hidden = true;
      clear.focus();
    });
    $(confirm, ".fbss-clear-yes").addEventListener("click", function () {
      store.clear(prefix + ":");
      update();
      confirm.hidden = true;
      status.textContent = root.getAttribute("data-fbss-msg-cleared");
      clear.focus();
    });
  }

  function init() {
    $$(document, ".fbss-quiz").forEach(function (root) { new Quiz(root); });
    $$(document, ".fbss-question").forEach(function (root) {
      if (!root.closest(".fbss-quiz")) make(root, function () {});
    });
    $$(document, ".fbss-progress").forEach(function (root) { new Progress(root); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
