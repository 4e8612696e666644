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
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();

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
    if (!list.length) { return; }
    at[kind] = Math.max(0, Math.min(list.length - 1, at[kind] + by));
    var el = list[at[kind]].el;
    if (location.hash !== "#" + el.id) { location.hash = el.id; } else { openTarget(); }
  }
  var keys = {n: ["cand", 1], p: ["cand", -1], j: ["step", 1], k: ["step", -1]};
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || !keys[e.key] ||
        (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) { return; }
    e.preventDefault();
    jump(keys[e.key][0], keys[e.key][1]);
  });
})();
