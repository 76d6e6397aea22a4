// The one Leaflet bootstrap of the site and the admin. Every map is an element written by
// templates/includes/map.html, whose data-map names the json_script element holding its
// configuration (core/maps.py). Page behaviours (the search list, the point picker, the coverage
// layers) are small modules that ask for the map with RencontresMap.ready(selector, callback).
//
// The controls speak the page's language: their words come from Django's JavaScript catalogue
// (the `javascript_catalog` URL, loaded before this file), as every string of our scripts does.
//
// Labels are text, never HTML: names come from organisers and imports, and Leaflet puts a string
// content into popups, tooltips and the layers control as HTML.
(function () {
  "use strict";

  var READY = "rencontres:map-ready";
  var PICK = "rencontres:map-pick";
  var CHUNKED_FROM = 50;

  function readJSON(id) {
    var element = id && document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }

  // For the few Leaflet APIs that take only a string of HTML (the layers control's labels).
  function escapedHTML(value) {
    return text(value).innerHTML;
  }

  // A point's popup: the link to the place, then what a family must know before going, as
  // directory/search/map_points.py gives it: a closure covering today (`closed`), the notices
  // announced today (`notice`), what its team says of the room now (`live_room`).
  var POPUP_LINES = [
    ["closed", "map-popup__closed"],
    ["notice", "map-popup__notice"],
    ["live_room", "live-state"],
  ];

  function popup(point) {
    var anchor = document.createElement("a");
    anchor.href = point.url;
    anchor.textContent = point.name;
    var lines = POPUP_LINES.filter(function (line) { return point[line[0]]; });
    if (!lines.length) return anchor;
    var holder = document.createElement("div");
    holder.appendChild(anchor);
    lines.forEach(function (line) {
      var paragraph = document.createElement("p");
      paragraph.className = line[1];
      paragraph.textContent = point[line[0]];
      holder.appendChild(paragraph);
    });
    return holder;
  }

  // A GeoJSON FeatureCollection's points as the map's own (core/maps.py): a place's id, name, url,
  // commune and whether it is approximate, or a grid cell's count and name.
  function pointsOf(collection) {
    return (collection.features || []).map(function (feature) {
      var point = Object.assign({}, feature.properties);
      if (feature.id !== undefined) point.id = feature.id;
      point.lon = feature.geometry.coordinates[0];
      point.lat = feature.geometry.coordinates[1];
      return point;
    });
  }

  function whenDocumentReady(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  // markercluster's icon, with words for a screen reader: a group of pins is a button that zooms.
  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var label = interpolate(
      ngettext("%s lieu ici : zoomer pour le voir", "%s lieux ici : zoomer pour les voir", count),
      [count]
    );
    var inner = document.createElement("div");
    var number = document.createElement("span");
    number.textContent = count;
    number.setAttribute("aria-hidden", "true");
    var words = document.createElement("span");
    words.className = "visually-hidden";
    words.textContent = label;
    inner.append(number, words);
    var holder = document.createElement("div");
    holder.appendChild(inner);
    return L.divIcon({
      html: holder.innerHTML,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40),
    });
  }

  function create(element) {
    var config = readJSON(element.dataset.map);
    if (config.icons) {
      // The pins' images at their static addresses (core/maps.py marker_icons), not guessed.
      L.Icon.Default.imagePath = "";
      L.Icon.Default.mergeOptions({
        iconUrl: config.icons.icon_url,
        iconRetinaUrl: config.icons.icon_retina_url,
        shadowUrl: config.icons.shadow_url,
      });
    }
    var map = L.map(element, {
      scrollWheelZoom: config.scroll_wheel_zoom,
      zoomControl: false,
    });
    L.control.zoom({
      zoomInTitle: gettext("Zoom avant"),
      zoomOutTitle: gettext("Zoom arrière"),
    }).addTo(map);
    // Leaflet's own prefix carries an English title; the link alone says the same in any language.
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    // A popup's close button is labelled "Close popup" by Leaflet.
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) close.setAttribute("aria-label", gettext("Fermer"));
    });
    map.setView(config.center, config.zoom);
    L.tileLayer(config.tiles.url, {
      attribution: config.tiles.attribution,
      maxZoom: config.tiles.max_zoom,
    }).addTo(map);
    // Pins cluster; areas never do: a count would hide that the point is only a commune.
    var pins = config.cluster && L.markerClusterGroup
      ? L.markerClusterGroup({
        showCoverageOnHover: false,
        iconCreateFunction: clusterIcon,
        // Short chunks, so that no task holds a slow phone's main thread (a 4× slower CPU
        // makes 12 ms of work a 50 ms task).
        chunkInterval: 12,
        chunkDelay: 16,
      })
      : L.featureGroup();
    var areas = L.featureGroup();
    var newPins = [];
    map.addLayer(pins).addLayer(areas);

    // A cell of the server's grid (directory/search/map_points.py): how many places it holds.
    function cellLayer(point) {
      var size = point.count < 10 ? "small" : point.count < 100 ? "medium" : "large";
      var label = document.createElement("div");
      label.appendChild(text(String(point.count)));
      var layer = L.marker([point.lat, point.lon], {
        icon: L.divIcon({
          html: label,
          className: "marker-cluster marker-cluster-" + size,
          iconSize: L.point(40, 40),
        }),
        title: point.name,
        keyboard: false,
      });
      areas.addLayer(layer);
      return layer;
    }

    function layerFor(point) {
      var latlng = [point.lat, point.lon];
      var layer;
      if (point.count) return cellLayer(point);
      if (point.approximate) {
        layer = L.circle(latlng, { radius: config.area_radius_m });
        areas.addLayer(layer);
      } else {
        layer = L.marker(latlng, {
          title: point.name || "",
          alt: point.name ? point.name + (point.commune ? " — " + point.commune : "") : "",
          // A pin without a link has nothing to do: leave it out of the Tab order.
          keyboard: Boolean(point.url),
        });
        newPins.push(layer);
      }
      if (point.url) layer.bindPopup(popup(point));
      return layer;
    }

    // `bounds`: anything L.latLngBounds takes. Nothing to fit keeps the default view.
    function fit(bounds) {
      bounds = L.latLngBounds(bounds);
      if (bounds.isValid()) {
        // More room above: a pin stands 41 px above its point.
        map.fitBounds(bounds, {
          paddingTopLeft: [24, 48],
          paddingBottomRight: [24, 24],
          maxZoom: config.fit_max_zoom,
        });
      }
    }

    var asks = 0;
    var handle = {
      element: element,
      map: map,
      config: config,
      fit: fit,
      show: function (points) {
        pins.clearLayers();
        areas.clearLayers();
        newPins = [];
        points.forEach(layerFor);
        // Many pins go in chunks, so that they never make one long task on a slow phone.
        if (pins.options) pins.options.chunkedLoading = newPins.length > CHUNKED_FROM;
        if (pins.addLayers) pins.addLayers(newPins);
        else newPins.forEach(function (pin) {
          pins.addLayer(pin);
        });
        // From the pins themselves: chunked loading may still be adding them to the group.
        var bounds = L.latLngBounds(newPins.map(function (pin) {
          return pin.getLatLng();
        }));
        var areaBounds = areas.getBounds();
        if (areaBounds.isValid()) bounds.extend(areaBounds);
        fit(bounds);
      },
      // Draws the points named now by the element `points_from`: the points it holds (a
      // json_script), or those of the GeoJSON its data-points-url answers (the map page's every
      // match: /api/v1/places/map.geojson). Only the latest search's answer is drawn; one that
      // fails leaves the map as it was, and the list says the results.
      reload: function () {
        var source = document.getElementById(config.points_from);
        var url = source && source.dataset.pointsUrl;
        var asked = ++asks;
        if (!url) {
          handle.show(readJSON(config.points_from) || []);
          return Promise.resolve();
        }
        // Busy until the answer is drawn (a screen reader waits; so can a test).
        element.setAttribute("aria-busy", "true");
        return fetch(url, { headers: { Accept: "application/geo+json" } })
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (collection) {
            if (asked === asks) handle.show(pointsOf(collection));
          })
          .catch(function () {})
          .finally(function () {
            if (asked === asks) element.removeAttribute("aria-busy");
          });
      },
    };

    if (config.picker) {
      var pin = null;
      var picked = function (latlng) {
        element.dispatchEvent(new CustomEvent(PICK, { detail: latlng }));
      };
      handle.setPoint = function (latlng, zoom) {
        if (!pin) {
          pin = L.marker(latlng, { draggable: true, keyboard: true }).addTo(map);
          pin.on("dragend", function () {
            picked(pin.getLatLng());
          });
        } else {
          pin.setLatLng(latlng);
        }
        if (zoom) map.setView(latlng, zoom);
      };
      map.on("click", function (event) {
        handle.setPoint(event.latlng);
        picked(event.latlng);
      });
    }

    if (config.points_from) handle.reload();
    else if (config.points.length) handle.show(config.points);
    element.rencontresMap = handle;
    element.dispatchEvent(new CustomEvent(READY, { detail: handle }));
    return handle;
  }

  window.RencontresMap = {
    PICK: PICK,
    text: text,
    escapedHTML: escapedHTML,
    readJSON: readJSON,
    // Calls back with the map's handle once each element matching `selector` has its map.
    ready: function (selector, callback) {
      whenDocumentReady(function () {
        document.querySelectorAll(selector).forEach(function (element) {
          if (element.rencontresMap) callback(element.rencontresMap);
          else element.addEventListener(READY, function (event) {
            callback(event.detail);
          }, { once: true });
        });
      });
    },
  };

  if (!window.L) return;
  // Maps are drawn once the page is usable: after its load, when the browser is idle, so that
  // the list and the form never wait for the tiles.
  function createAll() {
    document.querySelectorAll("[data-map]").forEach(function (element) {
      if (!element.rencontresMap) create(element);
    });
  }
  var idle = window.requestIdleCallback || function (callback) {
    setTimeout(callback, 1);
  };
  if (document.readyState === "complete") idle(createAll, { timeout: 500 });
  else window.addEventListener("load", function () {
    idle(createAll, { timeout: 500 });
  });
})();
