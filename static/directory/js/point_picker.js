// Keeps a draggable Leaflet marker and the latitude/longitude inputs of the place form in step.
(function () {
  "use strict";

  function round6(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function init(container) {
    if (container.dataset.ready) return;
    container.dataset.ready = "1";
    var form = container.closest("form");
    var lat = form.querySelector("input[name=latitude]");
    var lon = form.querySelector("input[name=longitude]");
    var map = L.map(container).setView([50.5, 4.6], 8);
    L.tileLayer(container.dataset.tilesUrl, {
      attribution: container.dataset.tilesAttribution,
      maxZoom: 19,
    }).addTo(map);
    var marker = null;

    function place(latlng, zoom) {
      if (!marker) {
        marker = L.marker(latlng, { draggable: true, keyboard: true }).addTo(map);
        marker.on("dragend", function () {
          write(marker.getLatLng());
        });
      } else {
        marker.setLatLng(latlng);
      }
      if (zoom) map.setView(latlng, zoom);
    }

    function write(latlng) {
      lat.value = round6(latlng.lat);
      lon.value = round6(latlng.lng);
      lat.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function readInputs() {
      var a = parseFloat(lat.value);
      var b = parseFloat(lon.value);
      if (!isNaN(a) && !isNaN(b)) place([a, b], 15);
    }

    map.on("click", function (event) {
      place(event.latlng);
      write(event.latlng);
    });
    lat.addEventListener("change", readInputs);
    lon.addEventListener("change", readInputs);
    readInputs();
  }

  function initAll() {
    document.querySelectorAll("[data-point-picker]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
