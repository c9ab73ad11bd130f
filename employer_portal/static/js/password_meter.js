// Password strength meter: a hint while typing; the server's policy (length, common-password list, context
// words) is what decides. Loaded as a file (the CSP allows no inline script or style).
// Markup: <input data-password-meter="ID"> and <div id="ID"><meter></meter><span data-meter-text></span></div>;
// data-context on the input lists words to refuse (space separated); data-context-from names another input
// (the e-mail field) whose local part and domain are refused too.
(function () {
  "use strict";
  var MIN_LENGTH = 12;
  var LABELS = ["Too weak", "Weak", "Fair", "Good", "Strong"];
  var SEQUENCES = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

  function words(text) {
    return (text || "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length >= 4; });
  }

  function contextWords(input) {
    var list = words(input.getAttribute("data-context"));
    var fromId = input.getAttribute("data-context-from");
    var from = fromId ? document.getElementById(fromId) : null;
    if (from && from.value) {
      var email = from.value.toLowerCase();
      var local = email.split("@")[0];
      if (local.length >= 4) { list.push(local); }
      list = list.concat(words(email));
    }
    return list;
  }

  function hasRun(text) {
    // Three or more characters of a keyboard or alphabet run, or the same character, in a row.
    for (var i = 0; i + 3 <= text.length; i++) {
      var part = text.slice(i, i + 3);
      if (part[0] === part[1] && part[1] === part[2]) { return true; }
      for (var s = 0; s < SEQUENCES.length; s++) {
        if (SEQUENCES[s].indexOf(part) >= 0) { return true; }
      }
    }
    return false;
  }

  function score(password, context) {
    var lower = password.toLowerCase();
    if (password.length < MIN_LENGTH) { return { value: 0, text: "Too short: at least " + MIN_LENGTH + " characters" }; }
    for (var i = 0; i < context.length; i++) {
      if (lower.indexOf(context[i]) >= 0) {
        return { value: 0, text: "Contains \u201c" + context[i] + "\u201d (your e-mail, the employer or the product name)" };
      }
    }
    var pool = 0;
    if (/[a-z]/.test(password)) { pool += 26; }
    if (/[A-Z]/.test(password)) { pool += 26; }
    if (/[0-9]/.test(password)) { pool += 10; }
    if (/[^A-Za-z0-9]/.test(password)) { pool += 33; }
    var distinct = new Set(lower).size;
    var bits = Math.min(password.length, distinct * 2) * Math.log2(Math.max(pool, 2));
    if (hasRun(lower)) { bits -= 15; }
    var value = bits < 45 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
    return { value: value, text: LABELS[value] };
  }

  document.querySelectorAll("input[data-password-meter]").forEach(function (input) {
    var box = document.getElementById(input.getAttribute("data-password-meter"));
    if (!box) { return; }
    var meter = box.querySelector("meter");
    var text = box.querySelector("[data-meter-text]");
    function update() {
      var result = input.value ? score(input.value, contextWords(input)) : { value: 0, text: "" };
      if (meter) { meter.value = result.value; }
      if (text) { text.textContent = result.text; }
      box.setAttribute("data-strength", String(result.value));
    }
    box.hidden = false;
    input.addEventListener("input", update);
    update();
  });
})();
