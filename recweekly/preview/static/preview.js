// The preview's one script (served from 127.0.0.1 as 'self', or inlined with its hash in a standalone
// file): typesets equations with the vendored KaTeX, swaps in a fresh render when the server says the
// post or anything it shows changed, and fills the index's per-post figures. No other script runs.
(function () {
  "use strict";

  // As react-notion-x draws equations on NotionNext: errors shown in place, never thrown.
  var KATEX_OPTIONS = { throwOnError: false, strict: false };

  function typeset(root) {
    if (!window.katex) return;
    root.querySelectorAll(".math[data-tex], .math-block[data-tex]").forEach(function (el) {
      var options = Object.assign({ displayMode: el.classList.contains("math-block") }, KATEX_OPTIONS);
      window.katex.render(el.getAttribute("data-tex"), el, options);
      el.classList.add("typeset");
    });
  }

  function fillSummaries(root) {
    var rows = Array.prototype.slice.call(root.querySelectorAll("tr[data-summary]"));
    function next() {
      var row = rows.shift();
      if (!row) return;
      fetch(row.getAttribute("data-summary"), { cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (summary) {
          if (summary) {
            Object.keys(summary.cells).forEach(function (name) {
              var cell = row.querySelector("td." + name);
              if (cell) {
                cell.textContent = summary.cells[name].text;
                cell.title = summary.cells[name].title || "";
                cell.classList.toggle("alert", !!summary.cells[name].alert);
                cell.classList.remove("pending");
              }
            });
          }
          row.removeAttribute("data-summary");
        })
        .catch(function () { /* the server stopped: leave the row as it is */ })
        .then(next);
    }
    next(); // one at a time: each summary renders one post on the server
  }

  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var incoming = fresh.querySelector("main");
    var current = document.querySelector("main");
    if (!incoming || !current) return;
    var x = window.scrollX, y = window.scrollY;
    current.replaceWith(document.adoptNode(incoming));
    document.title = fresh.title;
    document.body.setAttribute("data-events", fresh.body.getAttribute("data-events") || "");
    typeset(incoming);
    fillSummaries(incoming);
    window.scrollTo(x, y); // the reader stays where they were
    document.body.setAttribute("data-updated", String(Number(document.body.getAttribute("data-updated") || 0) + 1));
  }

  // The stream says "change" once, when what the page was made from differs from the stamp in its URL;
  // the fresh page names a stream with its own stamp, which is followed next.
  function follow() {
    var url = document.body.getAttribute("data-events");
    if (!url || !window.EventSource) return;
    var source = new EventSource(url);
    source.addEventListener("change", function () {
      source.close();
      fetch(window.location.pathname, { cache: "no-store" })
        .then(function (response) { return response.text(); })
        .then(swap)
        .then(follow)
        .catch(function () { window.setTimeout(follow, 2000); }); // the server may come back
    });
  }

  typeset(document);
  fillSummaries(document);
  follow();
})();
