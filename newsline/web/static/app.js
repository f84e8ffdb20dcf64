// newsline's one script: the story page's live filter and zoomable time axis, and the
// document page's highlight of the quote a link points to. No data leaves the page; the
// story filter works without it (the form submits to the server).
(function () {
  "use strict";
  var DAY = 86400000;
  function day(iso) { var t = Date.parse(iso + "T00:00:00Z"); return isNaN(t) ? null : t / DAY; }
  function iso(d) { return new Date(d * DAY).toISOString().slice(0, 10); }
  function list(el, name) { try { return JSON.parse(el.getAttribute(name) || "[]"); } catch (e) { return []; } }

  // ---------------------------------------------------------------- the story page
  var form = document.getElementById("nl-filter");
  var axis = document.getElementById("nl-axis");
  if (form && axis) {
    var svg = axis.querySelector("svg");
    var first = day(axis.getAttribute("data-first")), last = day(axis.getAttribute("data-last"));
    var lowest = Math.min(first, day(axis.getAttribute("data-min"))), highest = Math.max(last, day(axis.getAttribute("data-max")));
    var X0 = 20, X1 = 980;
    var field = function (n) { return form.elements.namedItem(n); };
    var cards = Array.prototype.slice.call(document.querySelectorAll("#nl-events > .event"));
    var dots = Array.prototype.slice.call(svg.querySelectorAll("circle[data-lo]"));
    var count = document.getElementById("nl-count");
    var total = parseInt(count.getAttribute("data-total"), 10) || cards.length;

    var keep = function (el, f) {
      var lo = el.getAttribute("data-lo"), hi = el.getAttribute("data-hi");
      if ((f.since || f.until) && !lo) return false;
      if (f.since && hi < f.since) return false;
      if (f.until && lo > f.until) return false;
      if (f.type && el.getAttribute("data-type") !== f.type) return false;
      if (f.status && el.getAttribute("data-status") !== f.status) return false;
      if (f.entity && list(el, "data-entities").indexOf(f.entity) < 0) return false;
      if (f.outlet && list(el, "data-outlets").indexOf(f.outlet) < 0) return false;
      return true;
    };
    var current = function () {
      var f = {};
      ["since", "until", "type", "status", "entity", "outlet"].forEach(function (n) {
        var el = field(n); f[n] = el && el.value ? el.value : "";
      });
      return f;
    };
    var place = function (f) {
      var a = f.since ? day(f.since) : first, b = f.until ? day(f.until) : last;
      if (a === null || b === null) return;
      if (b <= a) b = a + 1;
      dots.forEach(function (c) {
        var d = day(c.getAttribute("data-lo")), e = day(c.getAttribute("data-hi"));
        var mid = (d + e) / 2, x = X0 + (X1 - X0) * (mid - a) / (b - a);
        c.setAttribute("cx", x.toFixed(1));
        c.classList.toggle("is-hidden", x < X0 - 0.5 || x > X1 + 0.5 || !keep(c, f));
      });
      var labels = svg.querySelectorAll(".label");
      if (labels.length >= 2) { labels[0].textContent = iso(a); labels[labels.length - 1].textContent = iso(b); }
    };
    var apply = function () {
      var f = current(), shown = 0;
      cards.forEach(function (el) { var ok = keep(el, f); el.classList.toggle("is-hidden", !ok); if (ok) shown++; });
      place(f);
      count.textContent = "Showing " + shown + " of " + cards.length + " events on this page" +
        (total > cards.length ? " (" + total + " in all; Apply filters them all)" : "");
      var q = new URLSearchParams();
      Object.keys(f).forEach(function (k) { if (f[k]) q.set(k, f[k]); });
      history.replaceState(null, "", location.pathname + (q.toString() ? "?" + q : "") + location.hash);
    };
    var zoom = function (factor) {
      var f = current();
      var a = f.since ? day(f.since) : first, b = f.until ? day(f.until) : last;
      if (a === null || b === null) return;
      var mid = (a + b) / 2, half = Math.max(1, (b - a) * factor / 2);
      a = Math.max(lowest, Math.round(mid - half)); b = Math.min(highest, Math.round(mid + half));
      field("since").value = a === first ? "" : iso(a);
      field("until").value = b === last ? "" : iso(b);
      apply();
    };
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    document.getElementById("nl-zoom-in").addEventListener("click", function () { zoom(0.5); });
    document.getElementById("nl-zoom-out").addEventListener("click", function () { zoom(2); });
    document.getElementById("nl-zoom-all").addEventListener("click", function () {
      field("since").value = ""; field("until").value = ""; apply();
    });
    // drag across the axis to zoom to that range
    var brush = svg.querySelector(".brush"), from = null;
    var at = function (ev) {
      var r = svg.getBoundingClientRect(), x = (ev.clientX - r.left) * 1000 / r.width;
      var f = current(), a = f.since ? day(f.since) : first, b = f.until ? day(f.until) : last;
      return { x: Math.min(X1, Math.max(X0, x)), d: a + (b - a) * (Math.min(X1, Math.max(X0, x)) - X0) / (X1 - X0) };
    };
    svg.addEventListener("pointerdown", function (ev) { if (ev.target.tagName === "circle") return; from = at(ev); });
    svg.addEventListener("pointermove", function (ev) {
      if (!from) return;
      var to = at(ev);
      brush.setAttribute("x", Math.min(from.x, to.x).toFixed(1));
      brush.setAttribute("width", Math.abs(to.x - from.x).toFixed(1));
    });
    window.addEventListener("pointerup", function (ev) {
      if (!from) return;
      var to = at(ev), a = Math.min(from.d, to.d), b = Math.max(from.d, to.d);
      from = null; brush.setAttribute("width", "0");
      if (b - a < 1) return;
      field("since").value = iso(Math.floor(a)); field("until").value = iso(Math.ceil(b));
      apply();
    });
    form.classList.add("is-live");
    apply();
  }

  // ---------------------------------------------------------------- the document page
  var mark = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    Array.prototype.forEach.call(document.querySelectorAll("mark.is-target"), function (m) { m.classList.remove("is-target"); });
    if (!/^q-\d+-\d+$/.test(id)) return;
    Array.prototype.forEach.call(document.querySelectorAll('mark[data-q="' + id + '"]'), function (m) { m.classList.add("is-target"); });
  };
  if (document.querySelector(".text mark")) { window.addEventListener("hashchange", mark); mark(); }
})();
