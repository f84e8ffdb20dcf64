(function () {
  "use strict";
  var form = document.getElementById("nl-filter");
  var dataNode = document.getElementById("nl-index");
  if (!form || !dataNode) { return; }
  var index;
  try { index = JSON.parse(dataNode.textContent).events || []; } catch (e) { return; }
  var entity = document.getElementById("nl-f-entity");
  var type = document.getElementById("nl-f-type");
  var status = document.getElementById("nl-f-status");
  var count = document.getElementById("nl-f-count");

  function matches(ev, name, t, s) {
    if (t && ev.t !== t) { return false; }
    if (s && ev.s !== s) { return false; }
    if (!name) { return true; }
    for (var i = 0; i < ev.n.length; i++) {
      if (ev.n[i].indexOf(name) !== -1) { return true; }
    }
    return false;
  }

  function apply() {
    var name = entity.value.trim().toLowerCase();
    var shown = 0;
    var hidden = {};
    index.forEach(function (ev) {
      var node = document.getElementById(ev.a);
      var ok = matches(ev, name, type.value, status.value);
      if (ok) { shown++; } else { hidden["#" + ev.a] = true; }
      if (node) { node.classList.toggle("is-hidden", !ok); }
    });
    document.querySelectorAll(".overview a").forEach(function (mark) {
      mark.classList.toggle("is-dim", hidden[mark.getAttribute("href")] === true);
    });
    document.querySelectorAll(".story").forEach(function (story) {
      var visible = story.querySelectorAll(".event:not(.is-hidden)").length;
      var note = story.querySelector(".nomatch");
      if (note) { note.hidden = visible > 0; }
    });
    var active = name || type.value || status.value;
    count.textContent = active ? "Showing " + shown + " of " + index.length + " events" : "";
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
}());
