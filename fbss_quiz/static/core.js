/* fbss-quiz: interactive self-check questions.
 * No framework, no globals, no network; text is set with textContent only. The page is complete without
 * this script (answers sit in a closed <details>); the script turns that into
 * per-option feedback, announces results in a live region and remembers answers.
 *
 * The core of every page's bundle. The build (fbss_quiz/assets.py) splices in the parts a
 * page needs at the "@parts" line, ngn.js for Next Generation NCLEX items and progress.js for
 * the progress table, so that they share this closure and a page downloads one minified file.
 */
(function () {
  "use strict";

  var VERSION = 1;
  // Set by the parts that the build splices in (see the header).
  var ngn = null, progress = null;
  // Called after every saved answer: a progress table on the same page counts it at once.
  var onSave = [];

  function $(root, selector) { return root.querySelector(selector); }
  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function attr(el, name) { return el.getAttribute("data-fbss-" + name); }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  // Storage that is disabled, full or holds garbage must never break the page.
  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key)); } catch (e) { return null; }
  }
  var store = {
    // Only option indexes below n survive: "length" or "__proto__" must not reach inputs[i].
    get: function (key, n) {
      var data = read(key);
      if (!data || data.v !== VERSION || !Array.isArray(data.chosen)) return null;
      var chosen = data.chosen.filter(function (i) {
        return typeof i === "number" && Math.floor(i) === i && i >= 0 && i < n;
      });
      return { chosen: chosen, checked: data.checked === true && chosen.length > 0,
        order: data.order, res: data.res };
    },
    // A review quiz's drawn set: question ids, all from ``pool``.
    getSet: function (key, pool) {
      var ids = read(key);
      return Array.isArray(ids) && ids.length && ids.every(function (id) {
        return pool.indexOf(id) >= 0;
      }) ? ids : null;
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or off */ }
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

  // A saved order must be a permutation of 0..n-1 (it indexes the options).
  function validOrder(order, n) {
    return Array.isArray(order) && order.length === n &&
      order.slice().sort(function (a, b) { return a - b; }).every(function (x, i) { return x === i; });
  }

  // What every kind of question shares: Check answer / Try again, the status line, the
  // saved answer. ``first`` finds the control that Try again puts the focus back on.
  // Returns the saved record (options below ``size`` only), or null.
  function wire(self, root, onChange, first, size) {
    self.root = root;
    self.onChange = onChange;
    self.id = attr(root, "id");
    var prefix = attr(root, "store");
    self.key = prefix && self.id ? prefix + ":" + self.id : null;
    self.status = $(root, ".fbss-status");
    self.check = $(root, ".fbss-check");
    self.retry = $(root, ".fbss-retry");
    self.details = $(root, ".fbss-answer");
    self.details.hidden = true;
    $(root, ".fbss-actions").hidden = false;
    self.check.addEventListener("click", function () { self.grade(true); });
    self.retry.addEventListener("click", function () {
      self.reset(true);
      var control = $(root, first);
      if (control) control.focus();
    });
    $$(root, "input, select").forEach(function (c) {
      c.addEventListener("change", function () { self.status.textContent = ""; });
    });
    return self.key ? store.get(self.key, size) : null;
  }

  function save(self, checked) {
    if (self.key) {
      store.set(self.key, { v: VERSION, chosen: self.chosen(), checked: checked, order: self.order,
        res: checked ? attr(self.root, "result") : null });
      onSave.forEach(function (f) { f(); });
    }
  }

  // After grading: the question's score for its quiz, and Try again in place of Check answer.
  function graded(self, s, byUser) {
    self.checked = true;
    self.full = s.full;
    self.points = s.points;
    self.max = s.max;
    self.check.hidden = true;
    self.retry.hidden = false;
    if (byUser) {
      save(self, true);
      self.retry.focus();
    }
    self.onChange();
  }

  function cleared(self, byUser) {
    self.root.removeAttribute("data-fbss-result");
    self.status.textContent = "";
    self.checked = false;
    self.check.hidden = false;
    self.retry.hidden = true;
    if (byUser) save(self, false);
    self.onChange();
  }

  function Question(root, onChange) {
    var self = this;
    self.multiple = attr(root, "type") === "multiple";
    self.shuffle = root.hasAttribute("data-fbss-shuffle");
    self.options = $$(root, ".fbss-option");
    self.inputs = self.options.map(function (o) { return $(o, "input"); });
    self.fieldset = $(root, ".fbss-options");
    self.correct = {};
    self.marks = [];

    // Move each rationale next to its option (moved, not copied: ids stay unique).
    $$(root, ".fbss-rationale").forEach(function (rationale) {
      var index = Number(attr(rationale, "option"));
      self.correct[index] = attr(rationale, "correct") === "true";
      var option = self.options[index];
      if (!option) return;
      var mark = document.createElement("span");
      mark.className = "fbss-chosen";
      mark.textContent = " \u2014 " + attr(root, "msg-chosen");
      $(rationale, ".fbss-verdict").appendChild(mark);
      self.marks[index] = mark;
      rationale.hidden = true;
      option.appendChild(rationale);
    });
    var saved = wire(self, root, onChange, ".fbss-options input", self.options.length);
    self.explanation = $(root, ".fbss-explanation");
    if (self.explanation) {
      self.explanation.hidden = true;
      self.details.parentNode.insertBefore(self.explanation, self.details);
    }

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

  // NCSBN scoring: 0/1 for single choice; +1/-1 per choice for select-all, floor 0.
  Question.prototype.score = function () {
    var self = this, right = 0, wrong = 0, total = 0;
    Object.keys(self.correct).forEach(function (k) { if (self.correct[k]) total++; });
    self.chosen().forEach(function (i) { if (self.correct[i]) right++; else wrong++; });
    var points = self.multiple ? Math.max(0, right - wrong) : (right === 1 && wrong === 0 ? 1 : 0);
    return { right: right, wrong: wrong, total: total, points: points,
      full: right === total && wrong === 0, max: self.multiple ? total : 1 };
  };

  Question.prototype.grade = function (byUser) {
    var self = this, root = self.root;
    if (!self.chosen().length) {
      self.status.textContent = attr(root, "msg-choose");
      return;
    }
    var s = self.score();
    var result = s.full ? "correct" : (self.multiple && s.right > 0) ? "partial" : "incorrect";
    self.status.textContent = result === "partial" ? fill(attr(root, "msg-partial"), s) : attr(root, "msg-" + result);
    root.setAttribute("data-fbss-result", result);
    self.options.forEach(function (option, i) {
      var picked = self.inputs[i].checked;
      option.classList.toggle("fbss-picked", picked);
      if (self.marks[i]) self.marks[i].hidden = !picked;
      var rationale = $(option, ".fbss-rationale");
      if (rationale) rationale.hidden = false;
      self.inputs[i].disabled = true;
    });
    if (self.explanation) self.explanation.hidden = false;
    graded(self, s, byUser);
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
    if (self.shuffle) { self.order = null; self.arrange(); }
    cleared(self, byUser);
  };

  // @parts

  function Quiz(root) {
    var self = this;
    self.root = root;
    self.footer = $(root, ".fbss-quiz-footer");
    self.score = $(root, ".fbss-score");
    self.all = $$(root, ".fbss-question").map(function (q) {
      return make(q, function () { self.update(); });
    });
    self.draw = Number(attr(root, "draw")) || 0;
    var prefix = attr(root, "store");
    self.drawKey = self.draw && prefix ? prefix + ":draw:" + root.id : null;
    self.pick(self.drawKey ? store.getSet(self.drawKey, self.ids(self.all)) : null);
    self.footer.hidden = !self.questions.length;
    $(root, ".fbss-reset").addEventListener("click", function () {
      self.all.forEach(function (q) { q.reset(true); });
      if (self.draw) self.pick(null, self.ids(self.questions));
      var first = $(root, ".fbss-question:not([hidden]) .fbss-options input");
      if (first) first.focus();
    });
    self.update();
  }

  Quiz.prototype.ids = function (questions) { return questions.map(function (q) { return q.id; }); };

  // Which questions this attempt shows: all, or a drawn set of ``draw`` of them.
  Quiz.prototype.pick = function (saved, previous) {
    var self = this;
    if (!self.draw) { self.questions = self.all; return; }
    // The page's score message is worded for this many; a set saved under another
    // :limit: is drawn anew.
    var size = Math.min(self.draw, self.all.length);
    var ids = saved && saved.length === size ? saved : drawSet(self.ids(self.all), self.draw, previous);
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
    var caseMsg = attr(this.root, "case");
    this.score.textContent = !done ? "" : caseMsg ? fill(caseMsg, { points: points, max: max })
      : fill(attr(this.root, "msg-score"), { right: right, total: this.questions.length });
  };

  // An NGN item on a page whose bundle lacks ngn.js still shows its static answer.
  function make(root, onChange) {
    if (!root.hasAttribute("data-fbss-ngn")) return new Question(root, onChange);
    return ngn ? ngn(root, onChange) : { root: root, id: attr(root, "id"), reset: function () {} };
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

  function init() {
    $$(document, ".fbss-quiz").forEach(function (root) { new Quiz(root); });
    $$(document, ".fbss-question").forEach(function (root) {
      if (!root.closest(".fbss-quiz")) make(root, function () {});
    });
    if (progress) $$(document, ".fbss-progress").forEach(progress);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
