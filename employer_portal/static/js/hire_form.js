// Hire form helpers (no inline script: the CSP forbids it).
// 1. Show only the route block of the chosen program (without JS every block shows; the server ignores the others).
// 2. NOC picker: typing a job title suggests NOC 2021 unit groups from their example titles; choosing one fills the code.
// 3. Economic region: the pick-list follows the province and the city (GET /reference/economic-regions?province=&city=).
// 4. Referral partner: the free-text "other" input shows only when "Other (not on the list yet)" is chosen.
// 5. Repeated rows (ICT periods, prior stays): an "add" button clones the last row (without JS, saving adds a row).
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

  var DERIVE = "Derive from the city";

  function economicRegions() {
    var select = document.querySelector("[data-economic-regions]");
    var province = document.getElementById("position-province");
    var city = document.getElementById("position-city");
    if (!select || !province) return;
    var url = select.getAttribute("data-economic-regions");
    var timer = null;
    var latest = 0;

    function option(value, label) {
      var o = document.createElement("option");
      o.value = value;
      o.textContent = label;
      return o;
    }

    function show(answer) {
      var chosen = select.value;
      var derived = answer && answer.derived;
      var regions = (answer && Array.isArray(answer.regions)) ? answer.regions : [];
      select.innerHTML = "";
      var note = derived && derived.status === "verify" ? " – verify on the official page" : "";
      select.appendChild(option("", derived ? DERIVE + ": " + derived.name + " (" + derived.code + ")" + note : DERIVE));
      regions.forEach(function (r) { select.appendChild(option(r.code, r.name + " (" + r.code + ")")); });
      // A region HR chose stays chosen while it is in the province; otherwise the city decides.
      select.value = regions.some(function (r) { return r.code === chosen; }) ? chosen : "";
    }

    function refresh() {
      if (!province.value) { show(null); return; }
      var ticket = ++latest;
      var query = "?province=" + encodeURIComponent(province.value) + "&city=" + encodeURIComponent(city ? city.value.trim() : "");
      fetch(url + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (answer) { if (ticket === latest && answer) show(answer); })
        .catch(function () { /* keep the options the server rendered */ });
    }

    province.addEventListener("change", refresh);
    if (city) {
      city.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 300);
      });
    }
  }

  function partnerOther() {
    var select = document.querySelector("[data-partner-select]");
    var other = document.querySelector("[data-partner-other]");
    if (!select || !other) return;
    var input = other.querySelector("input");
    function update() {
      other.hidden = select.value !== "__other__" && !(input && input.value.trim());
    }
    select.addEventListener("change", update);
    update();
  }

  function repeatedRows() {
    document.querySelectorAll("[data-rows]").forEach(function (group) {
      var button = group.querySelector("[data-add-row]");
      var note = group.querySelector("[data-rows-note]");
      var max = parseInt(group.getAttribute("data-max-rows"), 10) || 20;
      if (!button) return;
      button.hidden = false;
      if (note) note.hidden = true;
      button.addEventListener("click", function () {
        var rows = group.querySelectorAll("[data-row]");
        if (rows.length >= max) { button.disabled = true; return; }
        var last = rows[rows.length - 1];
        var from = last.getAttribute("data-row");
        var to = String(rows.length);
        var row = last.cloneNode(true);
        row.setAttribute("data-row", to);
        row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
          ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
            var value = el.getAttribute(attr);
            if (value) el.setAttribute(attr, value.split("." + from + ".").join("." + to + ".").split("-" + from + "-").join("-" + to + "-"));
          });
        });
        row.querySelectorAll(".field__error").forEach(function (el) { el.remove(); });
        row.querySelectorAll(".field--error").forEach(function (el) { el.classList.remove("field--error"); });
        row.querySelectorAll("input, select").forEach(function (el) {
          el.removeAttribute("aria-invalid");
          if (el.type === "checkbox") el.checked = true;
          else el.value = "";
        });
        last.parentNode.insertBefore(row, last.nextSibling);
        if (rows.length + 1 >= max) button.disabled = true;
        var first = row.querySelector("input, select");
        if (first) first.focus();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    routeBlocks();
    nocPicker();
    economicRegions();
    partnerOther();
    repeatedRows();
  });
}());
