// Network: pointing at (or focusing) an actor brings out its edges.
(function () {
  "use strict";
  var svg = document.getElementById("network");
  if (!svg) return;
  svg.querySelectorAll("circle.node").forEach(function (c) {
    var code = c.dataset.code, link = c.parentNode;
    function show(on) {
      svg.classList.toggle("focus", on);
      svg.querySelectorAll("line.edge").forEach(function (l) {
        l.classList.toggle("lit", on && (l.dataset.a === code || l.dataset.b === code));
      });
    }
    ["mouseenter", "focus"].forEach(function (ev) { link.addEventListener(ev, function () { show(true); }); });
    ["mouseleave", "blur"].forEach(function (ev) { link.addEventListener(ev, function () { show(false); }); });
  });
})();
