(function () {
  "use strict";
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    area.remove();
  }
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var text = source ? source.textContent : "";
      var done = function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
      } else {
        fallbackCopy(text);
        done();
      }
    });
  });
  var filter = document.getElementById("filter");
  if (filter) {
    filter.hidden = false;
    filter.addEventListener("input", function () {
      var q = filter.value.toLowerCase();
      document.querySelectorAll("#runs tbody tr").forEach(function (row) {
        row.hidden = q !== "" && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (!el) { return; }
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
    el.scrollIntoView({block: "center"});
    // The line's number is a link: focusing it moves the keyboard there too (Tab
    // continues from the line jumped to), without scrolling again.
    var number = el.classList.contains("ln") ? el.querySelector("a.lnno") : null;
    if (number) { number.focus({preventScroll: true}); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

  // Print everything: the stylesheet opens closed <details> where the browser knows
  // ::details-content; elsewhere they are opened for the printout and closed after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // n/p: the next/previous candidate line (by rank); j/k: the next/previous step of
  // the first path (by step number). Each jump moves the URL's #anchor, so Back works.
  var firstPath = document.querySelector("section.path");
  function targets(attr) {
    var found = [];
    if (!firstPath) { return found; }
    firstPath.querySelectorAll("[" + attr + "]").forEach(function (el) {
      el.getAttribute(attr).split(" ").forEach(function (n) {
        found.push({n: parseInt(n, 10), el: el});
      });
    });
    found.sort(function (a, b) { return a.n - b.n; });
    return found;
  }
  var lists = {cand: targets("data-cand"), step: targets("data-steps")};
  var at = {cand: -1, step: -1};
  function jump(kind, by) {
    var list = lists[kind];
    if (!list.length) { return false; }
    at[kind] = Math.max(0, Math.min(list.length - 1, at[kind] + by));
    var el = list[at[kind]].el;
    if (location.hash !== "#" + el.id) { location.hash = el.id; } else { openTarget(); }
    return true;
  }
  // Follow a jump made another way (a click on a line, a link): the next key goes on
  // from the line now shown, not from the last one a key reached.
  function sync() {
    var id = decodeURIComponent(location.hash.slice(1));
    ["cand", "step"].forEach(function (kind) {
      lists[kind].forEach(function (t, i) {
        if (t.el.id === id && (at[kind] < 0 || lists[kind][at[kind]].el.id !== id)) { at[kind] = i; }
      });
    });
  }
  window.addEventListener("hashchange", sync);
  var keys = {n: ["cand", 1], p: ["cand", -1], j: ["step", 1], k: ["step", -1]};
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || !keys[e.key] ||
        (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) { return; }
    // A page with nothing to jump to (the index) keeps the key for the browser.
    if (jump(keys[e.key][0], keys[e.key][1])) { e.preventDefault(); }
  });
})();
