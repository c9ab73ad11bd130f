// Hire form helpers (no inline script: the CSP forbids it).
// 1. Show only the route block of the chosen program (without JS every block shows; the server ignores the others).
// 2. NOC picker: typing a job title suggests NOC 2021 unit groups from their example titles; choosing one fills the code.
(function () {
  "use strict";

  function routeBlocks() {
    var select = document.querySelector("[data-program-select]");
    if (!select) return;
    var blockFor = { gts_a: "gts", gts_b: "gts", ict: "ict", cusma: "cusma" };
    function update() {
      var wanted = blockFor[select.value];
      document.querySelectorAll("[data-route-block]").forEach(function (block) {
        // No program chosen yet: keep every block visible so nothing typed is hidden.
        block.hidden = Boolean(wanted) && block.getAttribute("data-route-block") !== wanted;
      });
    }
    select.addEventListener("change", update);
    update();
  }

  function nocPicker() {
    var title = document.querySelector("[data-noc-search]");
    var code = document.getElementById("position-noc_code");
    var list = document.getElementById("noc-suggestions");
    var status = document.getElementById("noc-suggestions-status");
    if (!title || !code || !list) return;
    var url = title.getAttribute("data-noc-search");
    var timer = null;
    var latest = 0;

    function clear() {
      list.innerHTML = "";
      list.hidden = true;
    }

    function choose(item) {
      code.value = item.code;
      code.dispatchEvent(new Event("change", { bubbles: true }));
      if (status) status.textContent = "NOC " + item.code + " chosen: " + item.title;
      clear();
    }

    function show(items) {
      list.innerHTML = "";
      if (!items.length) {
        clear();
        if (status) status.textContent = "No NOC suggestion for this title.";
        return;
      }
      items.forEach(function (item) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "noc-suggestion";
        button.setAttribute("data-noc-code", item.code);
        var matched = item.matched || item.example;
        button.textContent = item.code + " · " + item.title + (matched && matched !== item.title ? " (" + matched + ")" : "") +
          (item.teer !== undefined && item.teer !== null ? " · TEER " + item.teer : "");
        button.addEventListener("click", function () { choose(item); });
        li.appendChild(button);
        list.appendChild(li);
      });
      list.hidden = false;
      if (status) status.textContent = items.length + " NOC suggestion(s).";
    }

    function search() {
      var q = title.value.trim();
      if (q.length < 2) { clear(); return; }
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (answer) {
          // A list of {code, title, teer, matched}, or {results: [{code, title, teer, example}]}.
          var items = Array.isArray(answer) ? answer : (answer && Array.isArray(answer.results) ? answer.results : []);
          if (ticket === latest) show(items.slice(0, 8));
        })
        .catch(function () { clear(); });
    }

    title.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    title.addEventListener("keydown", function (e) { if (e.key === "Escape") clear(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    routeBlocks();
    nocPicker();
  });
}());
