"""What the map page's map shows: every match of the search, not only the list's page. Up to
`POINTS_LIMIT` matches each is a point (the browser clusters them); beyond, the matches are
counted in the cells of a grid over their extent, so that the page stays light with thousands.

Every point is the place's public one (`core.location`): a discreet place is drawn at its
commune's point, and a cell's point is the mean of its places' public points.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import ngettext

from core.location import location_columns, public_point_of
from core.search.query import SearchQuery
from core.search.service import matching_ids
from directory.models.places import PlacePage
from directory.opening import closed_today_text
from directory.records import place_records
from directory.search.index import PLACES, PlaceSummary

POINTS_LIMIT = 500
# Cells per side of the grid over the matches' extent.
GRID_CELLS = 24
# The most matches the map counts (the cluster engine's default result window).
MATCHES_LIMIT = 10_000


def map_feature(place) -> dict:
    """A marker, for a place hit, a place summary, or the place of a session hit. A place a
    closure of its record covers today has `closed` ("Fermé jusqu'au 3 janvier"), one with
    notices announced today `notice`; its popup says them, and the room of a session under way
    (directory.live_room) while it lasts."""
    room = place.record.live_room
    feature = {
        "id": place.id,
        "name": place.name,
        "url": place.url,
        "commune": place.commune,
        "lat": place.latitude,
        "lon": place.longitude,
        "approximate": place.approximate,
        "live_room": room.text if room else "",
    }
    record = place.record
    if record.closures:
        today = timezone.localdate(timezone=record.time_zone)
        closed = closed_today_text(record.closures, today)
        if closed:
            feature["closed"] = closed
    if place.notice:
        feature["notice"] = place.notice
    return feature


def _features(ids: list[int]) -> list[dict]:
    # The records' four queries, whatever the number of points up to POINTS_LIMIT.
    return [map_feature(PlaceSummary(record)) for record in place_records(ids)]


def grid_cells(points: list[tuple[float, float]], cells: int = GRID_CELLS) -> list[dict]:
    """The points counted by cell of a square grid over their extent: each cell that holds any
    as its count and the mean of its points."""
    if not points:
        return []
    south = min(lat for lat, _lon in points)
    west = min(lon for _lat, lon in points)
    span = max(
        max(lat for lat, _lon in points) - south, max(lon for _lat, lon in points) - west, 1e-6
    )
    size = span / cells
    grouped: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon in points:
        key = (
            min(math.floor((lat - south) / size), cells - 1),
            min(math.floor((lon - west) / size), cells - 1),
        )
        grouped[key].append((lat, lon))
    return [
        {
            "lat": round(sum(lat for lat, _lon in members) / len(members), 5),
            "lon": round(sum(lon for _lat, lon in members) / len(members), 5),
            "count": len(members),
            "name": ngettext("%(count)d lieu", "%(count)d lieux", len(members))
            % {"count": len(members)},
        }
        for _key, members in sorted(grouped.items())
    ]


def place_features(place_ids: list[int]) -> list[dict]:
    """The places' points, or grid cells beyond `POINTS_LIMIT` places."""
    if len(place_ids) <= POINTS_LIMIT:
        return _features(place_ids)
    rows = PlacePage.objects.filter(pk__in=place_ids).values_list(*location_columns())
    return grid_cells([public_point_of(row) for row in rows.iterator()])


def map_features(query: SearchQuery, count: int, hits: Sequence = ()) -> list[dict]:
    """The map's features for a search that found `count` places: points, or grid cells."""
    if not count:
        return []
    if count <= min(len(hits), POINTS_LIMIT):
        # The page's hits are every match: their records are the points already.
        return [map_feature(hit) for hit in hits]
    return place_features(matching_ids(PLACES, query, limit=min(count, MATCHES_LIMIT)))


def geojson_feature(feature: dict) -> dict:
    """A map feature as GeoJSON: a place, with its id, or a cell of the grid, with how many
    places it holds (`count`) and no id."""
    geometry = {"type": "Point", "coordinates": [feature["lon"], feature["lat"]]}
    properties = {k: v for k, v in feature.items() if k not in ("id", "lat", "lon")}
    if "id" not in feature:
        return {"type": "Feature", "geometry": geometry, "properties": properties}
    return {"type": "Feature", "id": feature["id"], "geometry": geometry, "properties": properties}


def feature_collection(features: list[dict], count: int, engine: str) -> dict:
    """The map's features as the API answers them (`/api/v1/places/map.geojson`,
    `/api/v1/activities/map.geojson`), with how many matches the search found."""
    return {
        "type": "FeatureCollection",
        "features": [geojson_feature(feature) for feature in features],
        "count": count,
        "engine": engine,
    }
