// The coverage dashboard's map: one layer of circle markers per objective, in its colour,
// and the communes where families searched and found nothing.
// The tables below the map carry the same numbers for keyboard and screen-reader users.
(function () {
  "use strict";
  if (!window.RencontresMap) return;

  RencontresMap.ready("#coverage-map", function (handle) {
    var features = RencontresMap.readJSON("coverage-features");
    var objectives = RencontresMap.readJSON("coverage-objectives");
    var bySlug = {};
    var layers = {};
    objectives.forEach(function (objective) {
      bySlug[objective.slug] = objective;
      layers[objective.slug] = L.layerGroup().addTo(handle.map);
    });
    var bounds = [];
    features.forEach(function (place) {
      place.objectives.forEach(function (slug) {
        var objective = bySlug[slug];
        if (!objective) return;
        L.circleMarker([place.lat, place.lon], {
          radius: 7,
          color: "#222",
          weight: 1,
          fillColor: objective.colour,
          fillOpacity: 0.8,
        })
          .bindTooltip(RencontresMap.text(place.name + " — " + objective.name))
          .addTo(layers[slug]);
      });
      bounds.push([place.lat, place.lon]);
    });
    // The layers control takes its labels as HTML only: the swatch is built as an element, the
    // name escaped.
    var overlays = {};
    objectives.forEach(function (objective) {
      var swatch = document.createElement("span");
      swatch.className = "coverage-legend__swatch";
      swatch.style.background = objective.colour;
      overlays[swatch.outerHTML + RencontresMap.escapedHTML(objective.name)] = layers[objective.slug];
    });
    // Where families searched and found nothing within the distance: a square at the commune's
    // centre, its size growing with the searches (the table "Recherches sans aucun lieu…").
    var searched = RencontresMap.readJSON("coverage-empty-searches") || [];
    if (searched.length) {
      var empty = L.layerGroup().addTo(handle.map);
      searched.forEach(function (commune) {
        L.circleMarker([commune.lat, commune.lon], {
          radius: Math.min(18, 5 + 2 * Math.sqrt(commune.found_nothing)),
          color: "#7a1f1f",
          weight: 2,
          dashArray: "3",
          fillColor: "#ffffff",
          fillOpacity: 0.6,
        })
          .bindTooltip(
            RencontresMap.text(
              interpolate(gettext("%(name)s : %(count)s recherches sans résultat"), {
                name: commune.name,
                count: commune.found_nothing,
              }, true)
            )
          )
          .addTo(empty);
        bounds.push([commune.lat, commune.lon]);
      });
      var mark = document.createElement("span");
      mark.className = "coverage-legend__swatch coverage-legend__swatch--searches";
      overlays[mark.outerHTML + RencontresMap.escapedHTML(gettext("Recherches sans résultat"))] = empty;
    }
    L.control.layers(null, overlays, { collapsed: false }).addTo(handle.map);
    handle.fit(bounds);
  });
})();
