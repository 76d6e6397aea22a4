// Marks the place (or, for a discreet place, the commune) on the page's small map.
window.rencontresPlaceMap = function (map) {
  "use strict";
  var point = JSON.parse(document.getElementById("place-point").textContent);
  if (!point) return;
  var latlng = [point.lat, point.lon];
  if (point.approximate) {
    L.circle(latlng, { radius: 1500 }).addTo(map);
    map.setView(latlng, 12);
  } else {
    L.marker(latlng, { keyboard: false }).addTo(map);
    map.setView(latlng, 15);
  }
};
