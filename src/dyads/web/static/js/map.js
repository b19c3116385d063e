// The map: offline country borders (world-atlas TopoJSON) under clustered event markers.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var node = document.getElementById("map-data");
  if (!box || !node) return;
  if (typeof L === "undefined" || !L.markerClusterGroup || typeof topojson === "undefined") {
    box.textContent = "The map libraries are missing (see the notice above); the events page lists the same events.";
    box.classList.add("empty");
    return;
  }
  var data = JSON.parse(node.textContent);
  L.Icon.Default.imagePath = "/static/vendor/leaflet/images/";
  var map = L.map(box, {worldCopyJump: true, minZoom: 1, maxZoom: 12}).setView([25, 15], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth via world-atlas");
  fetch("/static/vendor/world-atlas/countries-110m.json")
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, {interactive: false,
                       style: {color: "#8a8f98", weight: 0.7, fillColor: "#e9ecef", fillOpacity: 1}})
        .addTo(map).bringToBack();
      box.dataset.base = "ready";
    })
    .catch(function () { box.dataset.base = "failed"; });

  // no cluster animations for people who ask for reduced motion
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 45, animate: !still});
  var markers = [];
  data.points.forEach(function (p) {
    // [id, lat, lon, event, quad_code, day, actor_codes, recipient_codes, place_name, sentence]
    var actors = (p[6] || "").split("|").join(", "), recipients = (p[7] || "").split("|").join(", ");
    var label = p[3] + " " + (p[8] || "") + " " + (p[5] || "");
    var m = L.marker([p[1], p[2]], {title: label, alt: label, keyboard: true});
    // popup built from DOM nodes: article-derived strings are set as text, never as HTML
    var div = document.createElement("div");
    var a = document.createElement("a");
    a.href = "/events/" + encodeURIComponent(p[0]);
    a.textContent = p[3] + (p[5] ? " · " + p[5] : "");
    div.appendChild(a);
    var info = document.createElement("p");
    info.textContent = (actors || "?") + (recipients ? " → " + recipients : "") +
      (p[8] ? " · " + p[8] : "") + (p[4] ? " · " + data.quads[p[4]] : "");
    div.appendChild(info);
    if (p[9]) {
      var q = document.createElement("q");
      q.textContent = p[9];
      div.appendChild(q);
    }
    m.bindPopup(div);
    m.eventId = p[0];
    markers.push(m);
    cluster.addLayer(m);
  });
  if (markers.length) {      // framed before the markers are added, so nothing animates on load
    map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })).pad(0.5),
                  {maxZoom: 6, animate: false});
  }
  map.addLayer(cluster);
  box.dataset.markers = String(markers.length);
  window.dyadsMap = {map: map, markers: markers, cluster: cluster};
})();
