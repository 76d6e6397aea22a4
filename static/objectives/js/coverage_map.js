// The coverage dashboard's map: one layer of circle markers per objective, in its colour.
// The tables below the map carry the same numbers for keyboard and screen-reader users.
// The admin loads its scripts in the document's head: wait for the map's element.
function drawCoverageMap() {
  "use strict";
  var element = document.getElementById("coverage-map");
  if (!element || typeof L === "undefined") {
    return;
  }
  var features = JSON.parse(document.getElementById("coverage-features").textContent);
  var objectives = JSON.parse(document.getElementById("coverage-objectives").textContent);
  var tiles = JSON.parse(element.dataset.tiles);

  var map = L.map(element, { center: [50.5, 4.6], zoom: 8 });
  L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 18 }).addTo(map);

  var layers = {};
  objectives.forEach(function (objective) {
    layers[objective.slug] = L.layerGroup().addTo(map);
  });
  var bounds = [];
  features.forEach(function (place) {
    place.objectives.forEach(function (slug) {
      var objective = objectives.find(function (o) { return o.slug === slug; });
      if (!objective) {
        return;
      }
      L.circleMarker([place.lat, place.lon], {
        radius: 7,
        color: "#222",
        weight: 1,
        fillColor: objective.colour,
        fillOpacity: 0.8,
      })
        .bindTooltip(place.name + " — " + objective.name)
        .addTo(layers[slug]);
    });
    bounds.push([place.lat, place.lon]);
  });
  var overlays = {};
  objectives.forEach(function (objective) {
    var swatch = '<span class="coverage-legend__swatch" style="background:' + objective.colour + '"></span>';
    overlays[swatch + objective.name] = layers[objective.slug];
  });
  L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  if (bounds.length) {
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 12 });
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", drawCoverageMap);
} else {
  drawCoverageMap();
}
