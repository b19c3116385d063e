// Playground: pointing at (or focusing) an event row outlines the words of that event in the text.
(function () {
  "use strict";
  var marks = document.querySelectorAll("#doc-text mark[data-events]");
  function show(index, on) {
    marks.forEach(function (m) {
      if ((" " + m.dataset.events + " ").indexOf(" " + index + " ") >= 0) m.classList.toggle("active", on);
    });
  }
  document.querySelectorAll("#pg-events tr[data-event]").forEach(function (row) {
    var i = row.dataset.event;
    ["mouseenter", "focus"].forEach(function (ev) { row.addEventListener(ev, function () { show(i, true); }); });
    ["mouseleave", "blur"].forEach(function (ev) { row.addEventListener(ev, function () { show(i, false); }); });
  });
})();
