  /* fbss-quiz: Next Generation NCLEX items (matrix, cloze, highlight, ordering, bow-tie).
   * Not a script of its own: the build splices it into core.js at the "@parts" line for
   * pages that hold such an item, so it uses that closure's helpers ($$, attr, wire, ...).
   * Native controls only; scoring follows NCSBN rules (see fbss_quiz/model.py).
   */

  // One group's (raw points, max, right, wrong); mirrors model._group_points.
  function groupScore(rule, need, picks, correct) {
    var right = 0, wrong = 0;
    if (rule === "order") {
      picks.forEach(function (x, i) { if (x === i) right++; else wrong++; });
      return [wrong ? 0 : 1, 1, right, wrong];
    }
    picks.forEach(function (x) { if (correct[x]) right++; else wrong++; });
    if (rule === "one") return [right === 1 && !wrong ? 1 : 0, 1, right, wrong];
    if (rule === "slots") return [Math.max(0, right - Math.max(0, picks.length - need)), need, right, wrong];
    return [right - wrong, need, right, wrong];
  }

  function Item(root, onChange) {
    var self = this;
    self.root = root;
    self.type = attr(root, "type");
    self.groups = JSON.parse(attr(root, "groups"));
    self.correct = {};
    JSON.parse(attr(root, "correct")).forEach(function (i) { self.correct[i] = true; });
    self.starts = [];
    var n = 0;
    self.groups.forEach(function (g) { self.starts.push(n); n += g[1]; });
    self.marks = [];

    if (self.type === "highlight") {
      $$(root, ".fbss-phrase").forEach(function (span) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "fbss-phrase";
        button.setAttribute("data-fbss-option", attr(span, "option"));
        button.setAttribute("aria-pressed", "false");
        while (span.firstChild) button.appendChild(span.firstChild);
        span.parentNode.replaceChild(button, span);
        button.addEventListener("click", function () {
          button.setAttribute("aria-pressed", String(button.getAttribute("aria-pressed") !== "true"));
          self.status.textContent = "";
        });
      });
    }
    if (self.type === "ordering") self.setupOrder();
    var saved = wire(self, root, onChange,
      ".fbss-options input, .fbss-blank, .fbss-phrase, .fbss-step button:not([disabled])", n);
    if (saved) {
      self.restore(saved.chosen);
      if (saved.checked) self.grade(false);
    }
  }

  Item.prototype.setupOrder = function () {
    var self = this;
    self.list = $(self.root, ".fbss-order");
    self.steps = $$(self.list, ".fbss-step");
    self.steps.forEach(function (li) {
      var text = $(li, ".fbss-step-text");
      text.id = li.id + "-text";
      ["up", "down"].forEach(function (dir) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "fbss-move fbss-" + dir;
        b.textContent = attr(self.root, "move-" + dir);
        b.setAttribute("aria-describedby", text.id);
        b.addEventListener("click", function () { self.move(li, dir === "up" ? -1 : 1, b); });
        li.appendChild(b);
      });
    });
    self.refreshOrder();
  };

  Item.prototype.move = function (li, delta, button) {
    var items = $$(this.list, ".fbss-step"), at = items.indexOf(li), to = at + delta;
    if (to < 0 || to >= items.length) return;
    if (delta < 0) this.list.insertBefore(li, items[to]);
    else this.list.insertBefore(items[to], li);
    this.refreshOrder();
    if (button.disabled) $(li, ".fbss-move:not([disabled])").focus();
    else button.focus();
    this.status.textContent = fill(attr(this.root, "msg-moved"), {
      text: $(li, ".fbss-step-text").textContent, position: to + 1, total: items.length });
  };

  Item.prototype.refreshOrder = function () {
    var items = $$(this.list, ".fbss-step");
    items.forEach(function (li, i) {
      $(li, ".fbss-up").disabled = i === 0;
      $(li, ".fbss-down").disabled = i === items.length - 1;
    });
  };

  // The reader's choices as flat option indexes (the current order, for ordering).
  Item.prototype.chosen = function () {
    var type = this.type, found = $$(this.root, type === "ordering" ? ".fbss-step"
      : type === "highlight" ? ".fbss-phrase[aria-pressed=true]"
        : type === "cloze" ? ".fbss-blank" : ".fbss-options input:checked");
    if (type === "cloze") found = found.filter(function (s) { return s.value !== ""; });
    return found.map(function (el) { return +(type === "cloze" ? el.value : attr(el, "option")); });
  };

  Item.prototype.restore = function (picks) {
    var self = this;
    if (self.type === "ordering") {
      if (picks.length !== self.steps.length) return;
      picks.forEach(function (i) {
        var li = self.steps.filter(function (s) { return +attr(s, "option") === i; })[0];
        if (li) self.list.appendChild(li);
      });
      self.refreshOrder();
      return;
    }
    picks.forEach(function (i) {
      $$(self.root, "[data-fbss-option='" + i + "']").forEach(function (el) {
        if (el.tagName === "INPUT") el.checked = true;
        else if (el.tagName === "BUTTON") el.setAttribute("aria-pressed", "true");
      });
      $$(self.root, ".fbss-blank option[value='" + i + "']").forEach(function (o) { o.selected = true; });
    });
  };

  Item.prototype.score = function () {
    var self = this, chosen = self.chosen(), points = 0, max = 0, right = 0, wrong = 0, full = true;
    self.parts = self.groups.map(function (g, k) {
      var start = self.starts[k], picks = [];
      chosen.forEach(function (i) { if (i >= start && i < start + g[1]) picks.push(i - start); });
      var local = {};
      Object.keys(self.correct).forEach(function (i) { local[i - start] = true; });
      var s = groupScore(g[0], g[2], picks, local);
      points += s[0]; max += s[1]; right += s[2]; wrong += s[3];
      var whole = s[0] === s[1] && (g[0] === "order" || !s[3]);
      full = full && whole;
      return whole;
    });
    points = Math.max(0, points);
    if (attr(self.root, "scoring") === "all-or-nothing") { points = full ? 1 : 0; max = 1; }
    return { points: points, max: max, right: right, wrong: wrong, full: full, any: chosen.length > 0 };
  };

  Item.prototype.mark = function (host, right) {
    var span = document.createElement("span");
    span.className = "fbss-mark fbss-" + (right ? "right" : "wrong");
    var icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = right ? " \u2713 " : " \u2717 ";
    span.appendChild(icon);
    span.appendChild(document.createTextNode(attr(this.root, right ? "msg-right-part" : "msg-wrong-part")));
    host.appendChild(span);
    this.marks.push(span);
  };

  Item.prototype.grade = function (byUser) {
    var self = this, root = self.root, s = self.score();
    if (!s.any) { self.status.textContent = attr(root, "msg-choose"); return; }
    var verdict = s.full ? "correct" : (s.points > 0 || s.right > 0) ? "partial" : "incorrect";
    var lead = attr(root, verdict === "partial" ? "msg-partly" : "msg-" + verdict);
    self.status.textContent = lead + " " + fill(attr(root, "msg-points"), s);
    root.setAttribute("data-fbss-result", verdict);
    var chosen = self.chosen();
    if (self.type === "highlight") {
      chosen.forEach(function (i) { self.mark($(root, ".fbss-phrase[data-fbss-option='" + i + "']"), !!self.correct[i]); });
    } else if (self.type === "ordering") {
      chosen.forEach(function (i, position) { self.mark(self.list.children[position], i === position); });
    } else {
      self.parts.forEach(function (whole, k) {
        var host = $(root, "[id='" + root.id + "-g" + k + "-label']");
        if (self.type === "cloze") {
          var select = $(root, ".fbss-blank[data-fbss-group='" + k + "']");
          host = document.createElement("span");
          select.parentNode.insertBefore(host, select.nextSibling);
          self.marks.push(host);
        }
        self.mark(host, whole);
      });
    }
    $$(root, "input, select, .fbss-phrase, .fbss-move").forEach(function (c) { c.disabled = true; });
    self.details.hidden = false;
    self.details.open = true;
    graded(self, s, byUser);
  };

  Item.prototype.reset = function (byUser) {
    var self = this, root = self.root;
    self.marks.forEach(function (m) { if (m.parentNode) m.parentNode.removeChild(m); });
    self.marks = [];
    $$(root, "input").forEach(function (i) { i.checked = false; });
    $$(root, ".fbss-blank").forEach(function (s) { s.value = ""; });
    $$(root, ".fbss-phrase").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    $$(root, "input, select, .fbss-phrase, .fbss-move").forEach(function (c) { c.disabled = false; });
    if (self.list) self.refreshOrder();
    self.details.hidden = true;
    cleared(self, byUser);
  };

  ngn = function (root, onChange) { return new Item(root, onChange); };
