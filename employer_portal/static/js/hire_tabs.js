/* The hire page's sections as tabs (issue 10 item 1; WAI-ARIA tabs pattern, automatic activation).
   The server renders every section one after the other under a list of in-page links; this script turns the
   links into tabs and shows one section at a time. The URL fragment picks the tab: #deadlines, or any id inside
   a section (#deadline-12, #conditions, #dates-form), so a redirect after an action lands where it was clicked. */
(function () {
  "use strict";
  var nav = document.querySelector("[data-hire-tabs]");
  if (!nav) { return; }
  var list = nav.querySelector("ul");
  var tabs = Array.prototype.slice.call(nav.querySelectorAll("a[data-tab]"));
  var panels = {};
  tabs.forEach(function (tab) {
    var panel = document.getElementById(tab.getAttribute("data-tab"));
    if (panel) { panels[tab.getAttribute("data-tab")] = panel; }
  });
  tabs = tabs.filter(function (tab) { return panels[tab.getAttribute("data-tab")]; });
  if (!tabs.length) { return; }

  list.setAttribute("role", "tablist");
  list.setAttribute("aria-label", nav.getAttribute("aria-label") || "Sections");
  tabs.forEach(function (tab) {
    var key = tab.getAttribute("data-tab");
    tab.parentNode.setAttribute("role", "presentation");
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", key);
    var panel = panels[key];
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", tab.id);
    panel.setAttribute("tabindex", "0");
  });
  document.documentElement.classList.add("hire-tabs-on");

  function select(key) {
    tabs.forEach(function (tab) {
      var on = tab.getAttribute("data-tab") === key;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.setAttribute("tabindex", on ? "0" : "-1");
      panels[tab.getAttribute("data-tab")].hidden = !on;
    });
  }

  function tabOf(element) {
    var section = element && element.closest ? element.closest(".hire-section[data-section]") : null;
    return section && panels[section.id] ? section.id : null;
  }

  // Show what the fragment names: its tab, any folded <details> around it, then bring it into view.
  function showFragment(scroll) {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var key = tabOf(target);
    if (!key) { return false; }
    select(key);
    for (var node = target; node && node !== document.body; node = node.parentNode) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    if (scroll) {
      // A whole section: keep the tab bar in view above it. Anything inside: that element itself.
      (target === panels[key] ? nav : target).scrollIntoView({ block: "start" });
    }
    return true;
  }

  if (!showFragment(false)) { select(tabs[0].getAttribute("data-tab")); }
  // The browser's own jump to the fragment happens around load: settle on ours after it.
  function settle() { if (window.location.hash) { showFragment(true); } }
  if (document.readyState === "complete") { settle(); } else { window.addEventListener("load", settle); }
  window.addEventListener("hashchange", function () { showFragment(true); });

  function activate(tab, focus) {
    var key = tab.getAttribute("data-tab");
    select(key);
    if (focus) { tab.focus(); }
    if (window.history && window.history.replaceState) { window.history.replaceState(null, "", "#" + key); }
    if (nav.getBoundingClientRect().top < 0) { nav.scrollIntoView({ block: "start" }); }
  }

  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function (event) {
      event.preventDefault();
      activate(tab, false);
    });
    tab.addEventListener("keydown", function (event) {
      var next = null;
      if (event.key === "ArrowRight") { next = tabs[(index + 1) % tabs.length]; }
      else if (event.key === "ArrowLeft") { next = tabs[(index - 1 + tabs.length) % tabs.length]; }
      else if (event.key === "Home") { next = tabs[0]; }
      else if (event.key === "End") { next = tabs[tabs.length - 1]; }
      if (next) {
        event.preventDefault();
        activate(next, true);
      }
    });
  });
})();
