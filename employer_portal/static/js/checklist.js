// Checklist panel: poll the build's status while a PDF is being built, then show the download link.
// Loaded as a file (the CSP allows no inline script).
(function () {
  "use strict";
  var panel = document.querySelector("section.checklist[data-status-url]");
  if (!panel) { return; }
  var stateText = panel.querySelector("[data-checklist-state]");
  var progress = panel.querySelector("[data-checklist-progress]");
  var download = panel.querySelector("[data-checklist-download]");
  var url = panel.getAttribute("data-status-url");
  var delay = 1000;

  function show(state) {
    var job = state.job || {};
    var running = (job.status === "queued" || job.status === "building") && !state.downloadable;
    if (progress) { progress.hidden = !running; }
    if (download) {
      download.hidden = !state.downloadable;
      if (state.download_url) { download.href = state.download_url; }
    }
    if (stateText) {
      if (state.downloadable) { stateText.textContent = "The PDF is up to date."; }
      else if (running) { stateText.textContent = "Building the PDF…"; }
      else if (job.status === "failed") { stateText.textContent = "The last build failed: " + (job.failure_reason || ""); }
    }
    return running;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && show(state)) {
          delay = Math.min(delay * 1.5, 5000);
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  if (progress && !progress.hidden) { window.setTimeout(poll, delay); }

  // The reason box matters only for "waived".
  panel.querySelectorAll("form.checklist-item__form").forEach(function (form) {
    var select = form.querySelector("[data-checklist-status]");
    var reason = form.querySelector("[data-checklist-reason]");
    if (!select || !reason) { return; }
    function sync() { reason.required = select.value === "waived"; }
    select.addEventListener("change", sync);
    sync();
  });
})();
