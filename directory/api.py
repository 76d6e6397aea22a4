"""The places' routes of the public JSON API: search, the same as GeoJSON, and the suggestions
of the "near" box. `rencontres.api` mounts this router.

Query strings are validated by the places' FilterSet, not by django-ninja, so that every bad
parameter answers 400 with a body naming it; the parameters are still described in the schema,
derived from the same criteria.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from core.content_languages import CONTENT_PARAMETER, asked_content, content_codes
from core.openapi import merged
from core.search.api import AlternativeOut, ErrorOut, bad_request, search_route
from core.search.fields import MAX_TEXT_LENGTH
from core.search.openapi import NO_NUL
from core.search.query import SearchQuery
from core.search.results import SearchResult
from core.search.service import nearest_beyond
from directory import api_examples
from directory.meeting_api import MeetingsShortOut, meetings_short_out
from directory.place_detail import (
    LiveRoomOut,
    NoticeOut,
    PlaceDetailOut,
    notices_out,
    place_detail,
    public_place,
)
from directory.replacements import moved_permanently, replacement_of
from directory.search.events import place_search_event
from directory.search.far import nearest_in_territory
from directory.search.index import PLACES, PlaceHit
from directory.search.map_points import feature_collection, map_features
from directory.sync import place_feed, tombstone_out
from gazetteer.lookup import suggest

router = Router(tags=["places"])


class Location(Schema):
    lat: float
    lon: float
    approximate: bool


class NextActivityOut(Schema):
    id: int
    title: str
    url: str
    start: str


class PlaceOut(Schema):
    id: int
    name: str
    url: str
    programmes: list[str]
    objectives: list[str]
    commune: str
    postcode: str
    location: Location
    distance_km: float | None
    next_activity: NextActivityOut | None
    notices: list[NoticeOut] = []
    # The room of its session under way (or ahead today), while it lasts.
    live_room: LiveRoomOut | None = None
    # Waiting time, weekend opening, prior interview (directory.meeting_api).
    meetings: MeetingsShortOut | None = None
    # The language of `name` (ISO 639-1): a translation's in the API's `lang`, else French.
    text_language: str = "fr"
    quality_score: int = Field(
        0, description="Qualité de la fiche sur 100 (filtre `quality_min` ; docs/quality.md)."
    )


class FacetsOut(Schema):
    objectives: dict[str, int]
    programmes: dict[str, int]


class NearOut(Schema):
    """What `near` was understood as: `key` is the stable identifier of the commune or section
    (empty for coordinates and addresses)."""

    label: str
    kind: str
    key: str
    lat: float
    lon: float
    # True when `near` is a name that places far apart bear, none clearly the likeliest
    # ("Saint-Denis"): this one is a guess by the documented rule, `near_alternatives` the
    # others; ask the family, then search again with the chosen one's key.
    ambiguous: bool = False


class BeyondOut(Schema):
    """Nothing within the radius: the nearest matches farther away, and the radius that takes
    in the nearest (one tap: the same search with `radius_km` set to it)."""

    radius_km: float
    results: list[PlaceOut]


class FarOut(Schema):
    """Nothing even at the widest radius: the territory searched (a country, Corsica, an overseas
    département), the nearest matches in it at any distance (none when none matches), and
    whether it has no public place at all yet (`no_place_yet`)."""

    territory: str
    radius_km: float
    nearest_km: float | None
    no_place_yet: bool
    results: list[PlaceOut]


class TombstoneOut(Schema):
    """A place the public no longer sees, given to a client reading the list by `cursor`:
    unpublished or deleted at `deleted_at`, or merged into the place `replaced_by`."""

    id: int
    deleted_at: str
    replaced_by: int | None = None


class PlaceListOut(Schema):
    count: int
    results: list[PlaceOut]
    facets: FacetsOut
    engine: str
    near: NearOut | None = None
    # Other places the `near` text may have meant ("Lille": the French one), each `value` a
    # `near` of its own.
    near_alternatives: list[AlternativeOut] = []
    nearest_beyond: BeyondOut | None = None
    nearest_in_territory: FarOut | None = None
    # With `cursor`: the point after this page's last place or tombstone (keep it for the next
    # call), and the places removed since the cursor's point, in the same order as `results`.
    next_cursor: str | None = None
    tombstones: list[TombstoneOut] = []


class SuggestionOut(Schema):
    value: str
    label: str
    kind: str


def _place_out(hit: PlaceHit) -> dict:
    record = hit.record
    location = record.location
    return {
        "id": record.id,
        "name": record.name,
        "url": record.url,
        "programmes": list(record.programme_slugs),
        "objectives": list(record.objective_slugs),
        "commune": record.commune.name,
        "postcode": record.postcode or "",
        "location": {
            "lat": location.latitude,
            "lon": location.longitude,
            "approximate": location.approximate,
        },
        "distance_km": hit.distance_km,
        "next_activity": hit.next_session,
        "notices": notices_out(record.announced_notices),
        "live_room": record.live_room.as_api() if record.live_room else None,
        "meetings": meetings_short_out(record.meetings),
        "text_language": record.text.language,
        "quality_score": record.quality_score,
    }


def near_out(query: SearchQuery) -> tuple[dict | None, list[dict]]:
    """The understood `near` and its alternatives, for the API's body."""
    circle = query.get("near")
    point = circle.place if circle is not None else None
    if point is None:
        return None, []
    understood = {
        "label": point.label,
        "kind": point.kind,
        "key": point.key,
        "lat": point.latitude,
        "lon": point.longitude,
        "ambiguous": point.ambiguous,
    }
    return understood, [{"value": a.value, "label": a.label} for a in point.alternatives]


@search_route(
    router,
    "/places/",
    PLACES,
    PlaceListOut,
    "Rechercher des lieux",
    example=api_examples.PLACE_LIST,
    event=place_search_event,
)
def list_places(request: HttpRequest, query: SearchQuery, result: SearchResult):
    feed = place_feed(query, result.hits)
    if feed is not None:
        return {
            "count": result.count,
            "results": [_place_out(hit) for hit in feed.records],
            "facets": result.facets,
            "engine": result.engine,
            "next_cursor": feed.next_cursor,
            "tombstones": [tombstone_out(t) for t in feed.tombstones],
        }
    beyond = nearest_beyond(PLACES, query, result)
    far = nearest_in_territory(query, result, beyond)
    near, alternatives = near_out(query)
    return {
        "count": result.count,
        "results": [_place_out(hit) for hit in result.hits],
        "facets": result.facets,
        "engine": result.engine,
        "near": near,
        "near_alternatives": alternatives,
        "nearest_beyond": {
            "radius_km": beyond.radius_km,
            "results": [_place_out(hit) for hit in beyond.hits],
        }
        if beyond
        else None,
        "nearest_in_territory": {
            "territory": far.territory.name,
            "radius_km": far.radius_km,
            "nearest_km": far.nearest_km,
            "no_place_yet": far.empty,
            "results": [_place_out(hit) for hit in far.hits],
        }
        if far
        else None,
    }


@search_route(
    router,
    "/places.geojson",
    PLACES,
    dict,
    "Les mêmes lieux en GeoJSON",
    media_type="application/geo+json",
    example=api_examples.PLACE_GEOJSON,
    event=place_search_event,
)
def places_geojson(request: HttpRequest, query: SearchQuery, result: SearchResult):
    feed = place_feed(query, result.hits)
    features = []
    for hit in feed.records if feed else result.hits:
        properties = _place_out(hit)
        location = properties.pop("location")
        properties["approximate"] = location["approximate"]
        features.append(
            {
                "type": "Feature",
                "id": hit.id,
                "geometry": {"type": "Point", "coordinates": [location["lon"], location["lat"]]},
                "properties": properties,
            }
        )
    collection = {
        "type": "FeatureCollection",
        "features": features,
        "count": result.count,
        "engine": result.engine,
    }
    if feed is not None:
        collection["next_cursor"] = feed.next_cursor
        collection["tombstones"] = [tombstone_out(t) for t in feed.tombstones]
    return JsonResponse(collection, content_type="application/geo+json")


@search_route(
    router,
    "/places/map.geojson",
    PLACES,
    dict,
    "Les points de la carte : chaque lieu trouvé, ou des cellules au-delà de 500",
    page_size=1,
    media_type="application/geo+json",
    example=api_examples.PLACE_MAP,
)
def places_map(request: HttpRequest, query: SearchQuery, result: SearchResult):
    """What the map page's map shows for the same search: every match, not a page of them. Up to
    500 matches each is a point (`id`, `name`, `url`, `commune`, `approximate`: a discreet place
    at its commune's point); beyond, the matches are counted in the cells of a grid over their
    extent (`count`, `name`, no `id`). `page` and `page_size` are not read."""
    # One hit asked for the count: the matches' ids and records cost less than a page of 500
    # hits (their distances and next sessions), and much less beyond 500 (a grid, no hit).
    features = map_features(query, result.count, result.hits)
    return JsonResponse(
        feature_collection(features, result.count, result.engine),
        content_type="application/geo+json",
    )


SUGGEST_QUERY = {
    "parameters": [
        {
            "in": "query",
            "name": "q",
            "required": False,
            "description": "Début d'un code postal ou d'un nom de commune",
            "schema": {"type": "string", "maxLength": MAX_TEXT_LENGTH, "pattern": NO_NUL},
        }
    ]
}


class ReplacedByOut(Schema):
    id: int
    url: str
    page_url: str


class ReplacedOut(Schema):
    replaced_by: ReplacedByOut


CONTENT_QUERY = {
    "parameters": [
        {
            "in": "query",
            "name": CONTENT_PARAMETER,
            "required": False,
            "description": "La langue des textes du lieu (nom, description), s'il est traduit "
            "dans cette langue ; sinon ceux de `lang`, sinon le français. `text` dit la langue "
            "donnée.",
            "schema": {"type": "string", "enum": content_codes()},
        }
    ]
}


@router.get(
    "/places/{place_id}/",
    response={200: PlaceDetailOut, 301: ReplacedOut, 400: ErrorOut, 404: ErrorOut},
    summary="Un lieu",
    openapi_extra=merged(CONTENT_QUERY, api_examples.PLACE_DETAIL),
)
def get_place(request: HttpRequest, place_id: str):
    """Everything a partner needs of one place: address (none for a discreet place, shown at its
    commune), contacts, opening hours, closures, ages, languages, accessibility, fee, access,
    programmes, objectives, upcoming sessions, date modified. A place merged into another
    answers a 301 to the kept place, named in the body as `replaced_by`."""
    # Any text reaches here (a JSON 404, not the site's HTML one, for "-1" or "abc").
    known = place_id.isascii() and place_id.isdigit() and len(place_id) <= 18
    try:
        content = asked_content(request.GET.getlist(CONTENT_PARAMETER))
    except ValueError as error:
        return bad_request({CONTENT_PARAMETER: [str(error)]})
    place = public_place(int(place_id), content) if known else None
    # A place merged into another (directory/merging.py): a 301 to the kept place.
    replacement = replacement_of(int(place_id)) if known and place is None else None
    if replacement is not None:
        return moved_permanently(
            request, replacement.id, f"../{replacement.id}/", replacement.page_url
        )
    if place is None:
        return Status(
            404, {"errors": {"place_id": [_("Aucun lieu public ne porte cet identifiant.")]}}
        )
    return place_detail(place)


@router.get(
    "/suggest/",
    response={200: list[SuggestionOut], 400: ErrorOut},
    summary="Suggestions",
    openapi_extra=merged(SUGGEST_QUERY, api_examples.SUGGESTIONS),
)
def suggest_places(request: HttpRequest):
    """Communes, sections and postcodes that start like `q` (or, when those are few, whose
    name is a typo away from it), for the "near" box: each `value`
    is a stable key (`FR-59350`, `BE-92094-jambes`) or a postcode that `near` accepts, each
    `label` says the country and the province or département."""
    # Read here, not declared to ninja: its own validation would answer 422 in its words.
    q = request.GET.get("q", "")
    if len(q) > MAX_TEXT_LENGTH:
        return bad_request({"q": [_("Texte trop long.")]})
    if "\x00" in q:
        # PostgreSQL refuses NUL characters in text: a 400 here, not a 500 there.
        return bad_request({"q": [_("Caractère nul interdit.")]})
    return [{"value": s.value, "label": s.label, "kind": s.kind} for s in suggest(q.strip())]
