  /* fbss-quiz: the progress table ({quiz-progress}).
   * Not a script of its own: the build splices it into core.js at the "@parts" line for
   * pages that hold the table, so it uses that closure's helpers ($, $$, attr, store).
   */

  // Storage that is off must not break the page (as in core.js's store).
  function clearSaved(prefix) {
    try {
      var doomed = [];
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(prefix) === 0) doomed.push(key);
      }
      doomed.forEach(function (key) { window.localStorage.removeItem(key); });
    } catch (e) { /* off */ }
  }

  // The progress page: counts per topic from the answers saved on every page.
  function Progress(root) {
    var prefix = attr(root, "store");
    var items = $$(root, ".fbss-progress-list li");
    var status = $(root, ".fbss-status");
    var confirm = $(root, ".fbss-confirm");
    var clear = $(root, ".fbss-clear");
    var yes = $(confirm, ".fbss-clear-yes");

    function update() {
      var topics = {};
      var left = 0;
      items.forEach(function (li) {
        var saved = prefix ? store.get(prefix + ":" + attr(li, "id"), 1e3) : null;
        var answered = !!(saved && saved.checked);
        var right = answered && saved.res === "correct";
        li.hidden = right;
        if (!right) left++;
        attr(li, "topics").split(" ").forEach(function (t) {
          var c = topics[t] = topics[t] || { total: 0, answered: 0, right: 0 };
          c.total++;
          if (answered) c.answered++;
          if (right) c.right++;
        });
      });
      $$(root, "tr[data-fbss-topic]").forEach(function (row) {
        var c = topics[attr(row, "topic")] || { total: 0, answered: 0, right: 0 };
        $(row, ".fbss-answered").textContent = c.answered;
        $(row, ".fbss-correct").textContent = c.right;
        $(row, ".fbss-untried").textContent = c.total - c.answered;
        var pct = function (x) { return c.total ? Math.round(100 * x / c.total) + "%" : "0%"; };
        $(row, ".fbss-bar-correct").style.width = pct(c.right);
        $(row, ".fbss-bar-answered").style.width = pct(c.answered - c.right);
      });
      $(root, ".fbss-left").textContent = left;
      return left;
    }

    $(root, ".fbss-progress-js").hidden = false;
    $(root, ".fbss-progress-nojs").hidden = true;
    $(root, ".fbss-actions").hidden = !prefix;
    if (!update()) status.textContent = attr(root, "msg-nothing");
    onSave.push(function () { update(); status.textContent = ""; });
    clear.addEventListener("click", function () {
      confirm.hidden = false;
      yes.focus();
    });
    $(confirm, ".fbss-clear-no").addEventListener("click", function () {
      confirm.hidden = true;
      clear.focus();
    });
    yes.addEventListener("click", function () {
      clearSaved(prefix + ":");
      update();
      confirm.hidden = true;
      status.textContent = attr(root, "msg-cleared");
      clear.focus();
    });
  }

  progress = Progress;
