// Keeps the point picker's pin and the latitude/longitude inputs of the place form in step.
(function () {
  "use strict";
  if (!window.RencontresMap) return;

  function round6(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  RencontresMap.ready("[data-point-picker] [data-map]", function (handle) {
    var form = handle.element.closest("form");
    var lat = form.querySelector("input[name=latitude]");
    var lon = form.querySelector("input[name=longitude]");

    function readInputs() {
      var a = parseFloat(lat.value);
      var b = parseFloat(lon.value);
      if (!isNaN(a) && !isNaN(b)) handle.setPoint([a, b], 15);
    }

    handle.element.addEventListener(RencontresMap.PICK, function (event) {
      lat.value = round6(event.detail.lat);
      lon.value = round6(event.detail.lng);
      lat.dispatchEvent(new Event("change", { bubbles: true }));
    });
    lat.addEventListener("change", readInputs);
    lon.addEventListener("change", readInputs);
    readInputs();
  });
})();
