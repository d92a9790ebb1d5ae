/* fbss-quiz: interactive self-check questions.
 * No framework, no globals, no network, no innerHTML. The page is complete without
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
        return { chosen: chosen, checked: data.checked === true && chosen.length > 0, order: data.order };
      } catch (e) { return null; }
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
    self.order = saved && validOrder(saved.order, self.options.length) ? saved.order : null;
    self.arrange();
    if (saved) {
      saved.chosen.forEach(function (i) { if (self.inputs[i]) self.inputs[i].checked = true; });
      if (saved.checked) self.grade(false);
    }
  }

  Question.prototype.arrange = function () {
    var self = this;
    if (self.shuffle && !self.order) self.order = shuffled(self.options.length);
    var order = self.order || self.options.map(function (o, i) { return i; });
    order.forEach(function (index, position) {
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
    store.set(this.key, { v: VERSION, chosen: this.chosen(), checked: checked, order: this.order });
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
    self.questions = [];
    $$(root, ".fbss-question").forEach(function (q) {
      self.questions.push(new Question(q, function () { self.update(); }));
    });
    self.footer.hidden = !self.questions.length;
    $(root, ".fbss-reset").addEventListener("click", function () {
      self.questions.forEach(function (q) { q.reset(true); });
      var first = root.querySelector(".fbss-options input");
      if (first) first.focus();
    });
    self.update();
  }

  Quiz.prototype.update = function () {
    if (!this.questions) return;
    var done = this.questions.every(function (q) { return q.checked; });
    var right = this.questions.filter(function (q) { return q.full; }).length;
    this.score.textContent = done
      ? fill(this.root.getAttribute("data-fbss-msg-score"), { right: right, total: this.questions.length })
      : "";
  };

  function init() {
    $$(document, ".fbss-quiz").forEach(function (root) { new Quiz(root); });
    $$(document, ".fbss-question").forEach(function (root) {
      if (!root.closest(".fbss-quiz")) new Question(root, function () {});
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
