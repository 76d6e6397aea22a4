"""What every Leaflet map of the site and the admin is told: static/js/map.js reads this
configuration, which templates/includes/map.html writes beside the map's element.

The points come from `PublicLocation` (through `map_point`), so a map never knows more of a place
than its page says: an approximate point is drawn as an area, never as a pin.
"""

from __future__ import annotations

from django.conf import settings
from django.templatetags.static import static

from core.location import PublicLocation

# An approximate point is a commune's: the circle says "somewhere around here" at street level.
AREA_RADIUS_M = 1500
# Zoomed in no further than this when fitting the points, so that one pin keeps its streets.
DEFAULT_FIT_MAX_ZOOM = 14
TILES_MAX_ZOOM = 19


def tiles() -> dict[str, str | int]:
    _name, url, options = settings.LEAFLET_CONFIG["TILES"][0]
    return {"url": url, "attribution": options.get("attribution", ""), "max_zoom": TILES_MAX_ZOOM}


def marker_icons() -> dict[str, str]:
    """Leaflet's pin images at their static addresses: Leaflet guesses them from its stylesheet's
    `url(images/marker-icon.png)`, which the hashed static files rename (the guess then asked
    the page's own path for them, a 404)."""
    return {
        "icon_url": static("leaflet/images/marker-icon.png"),
        "icon_retina_url": static("leaflet/images/marker-icon-2x.png"),
        "shadow_url": static("leaflet/images/marker-shadow.png"),
    }


def map_point(location: PublicLocation, **details: str | int | None) -> dict:
    """One point of a map. `details` (name, url, commune) label it; a point with a url opens a
    link to it."""
    return {
        "lat": location.latitude,
        "lon": location.longitude,
        "approximate": location.approximate,
        **details,
    }


def map_config(
    *,
    points: list[dict] | None = None,
    points_from: str | None = None,
    cluster: bool = False,
    picker: bool = False,
    fit_max_zoom: int = DEFAULT_FIT_MAX_ZOOM,
    scroll_wheel_zoom: bool = True,
) -> dict:
    """`points` are drawn once; `points_from` names an element a page may replace (the map
    page, on each search): a json_script holding the points, or an element whose
    `data-points-url` is a GeoJSON answer of them (the map page's every match). `picker`: the
    admin's point picker, one draggable pin that a click moves."""
    center = settings.LEAFLET_CONFIG.get("DEFAULT_CENTER", (50.5, 4.6))
    return {
        "tiles": tiles(),
        "icons": marker_icons(),
        "center": list(center),
        "zoom": settings.LEAFLET_CONFIG.get("DEFAULT_ZOOM", 8),
        "points": points or [],
        "points_from": points_from,
        "cluster": cluster,
        "picker": picker,
        "fit_max_zoom": fit_max_zoom,
        "area_radius_m": AREA_RADIUS_M,
        "scroll_wheel_zoom": scroll_wheel_zoom,
    }
