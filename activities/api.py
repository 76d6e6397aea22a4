"""`/api/v1/activities/`: upcoming sessions, with the places' parameters plus `from` and `to`,
sorted by start; the same search as an iCalendar feed (`/api/v1/activities/calendar.ics`) and
as its places' points for the map page (`/api/v1/activities/map.geojson`).

As for places, the query string is validated by a FilterSet, so that every bad parameter
(a malformed date, a `to` before `from`, a range over a year) answers 400 naming it.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse, QueryDict
from django.utils.translation import gettext as _
from ninja import Router, Schema

from activities.api_examples import CALENDAR_EXAMPLE, SESSION_LIST_EXAMPLE, SESSIONS_MAP_EXAMPLE
from activities.calendars import occurrences_feed
from activities.models import Occurrence
from activities.search.index import SESSIONS, ActivityHit
from activities.search.page import sessions_map_features
from core.cursors import keyset_after
from core.openapi import examples
from core.search.api import search_route
from core.search.query import SearchQuery
from core.search.results import SearchResult
from directory.place_detail import LiveRoomOut, NoticeOut, notices_out
from directory.search.map_points import feature_collection

router = Router(tags=["activities"])

FEED_MAX_SESSIONS = 500


class PlaceLocationOut(Schema):
    lat: float
    lon: float
    approximate: bool


class SessionPlaceOut(Schema):
    id: int
    name: str
    url: str
    commune: str
    postcode: str
    location: PlaceLocationOut


class SessionActivityOut(Schema):
    id: int
    title: str
    url: str
    objectives: list[str]
    languages: list[str]
    age_min_months: int
    age_max_months: int
    price: str
    registration_required: bool
    capacity: int | None
    remaining_places: int | None


class SessionOut(Schema):
    id: int
    start: str
    end: str
    # scheduled, rescheduled (moved by its organiser: `previous_start` says from when) or
    # cancelled.
    status: str
    previous_start: str | None = None
    cancellation_reason: str
    calendar_url: str
    distance_km: float | None
    activity: SessionActivityOut
    place: SessionPlaceOut
    # The activity's and its place's notices in effect on the session's day.
    notices: list[NoticeOut] = []
    # What its team says of the room, while the session lasts (drop-in sessions).
    live_room: LiveRoomOut | None = None


class SessionListOut(Schema):
    count: int
    results: list[SessionOut]
    engine: str
    date_from: str
    date_to: str
    # With `cursor`: the point after this page's last session, for the next call.
    next_cursor: str | None = None


def next_cursor(query: SearchQuery, result: SearchResult) -> str | None:
    """Where the next page starts, read by `cursor`: after the last session given, in the order
    of its activity's publication then its id (core.search.changes); the same point when the
    page is empty. None without `cursor`."""
    point = query.get("cursor")
    if point is None:
        return None
    if not result.hits:
        return point.token()
    last = result.hits[-1].id
    published = Occurrence.objects.filter(pk=last).values_list(
        "activity__last_published_at", flat=True
    )
    return keyset_after(published.first(), last).token()


def session_out(hit: ActivityHit) -> dict:
    activity = hit.activity
    return {
        "id": hit.id,
        "start": hit.start.isoformat(),
        "end": hit.end.isoformat(),
        "status": hit.status,
        "previous_start": hit.previous_start.isoformat() if hit.previous_start else None,
        "cancellation_reason": hit.cancellation_reason,
        "calendar_url": hit.calendar_url,
        "distance_km": hit.distance_km,
        "activity": {
            "id": activity.pk,
            "title": activity.title,
            "url": activity.url,
            "objectives": sorted(o.slug for o in activity.objectives.all()),
            "languages": sorted(language.code for language in activity.languages.all()),
            "age_min_months": activity.age_min_months,
            "age_max_months": activity.age_max_months,
            "price": activity.price,
            "registration_required": activity.registration_required,
            "capacity": activity.capacity,
            "remaining_places": hit.remaining_places,
        },
        "live_room": hit.live_room.as_api() if hit.live_room else None,
        "place": {
            "id": hit.place.id,
            "name": hit.place.name,
            "url": hit.place.url,
            "commune": hit.place.commune,
            "postcode": hit.place.postcode,
            "location": {
                "lat": hit.place.latitude,
                "lon": hit.place.longitude,
                "approximate": hit.place.approximate,
            },
        },
        "notices": notices_out(hit.day_notices),
    }


@search_route(
    router,
    "/",
    SESSIONS,
    SessionListOut,
    "Rechercher des séances d'activités",
    example=SESSION_LIST_EXAMPLE,
)
def list_sessions(request: HttpRequest, query: SearchQuery, result: SearchResult):
    dates = query.get("dates")
    return {
        "count": result.count,
        "results": [session_out(hit) for hit in result.hits],
        "engine": result.engine,
        "date_from": dates.start.isoformat(),
        "date_to": dates.end.isoformat(),
        "next_cursor": next_cursor(query, result),
    }


@search_route(
    router,
    "/map.geojson",
    SESSIONS,
    dict,
    "Les lieux des séances trouvées, pour la carte",
    page_size=1,
    media_type="application/geo+json",
    example=SESSIONS_MAP_EXAMPLE,
)
def sessions_map(request: HttpRequest, query: SearchQuery, result: SearchResult):
    """What the map page's activities view shows for the same search: one point per place
    holding any of the sessions found (every one, not a page of them), or, beyond 500 places,
    grid cells counting them (`count`, `name`, no `id`). `count` is the sessions'. `page` and
    `page_size` are not read."""
    features = sessions_map_features(query, result.count)
    return JsonResponse(
        feature_collection(features, result.count, result.engine),
        content_type="application/geo+json",
    )


def _feed_params(request: HttpRequest) -> QueryDict:
    # A feed is every session found, not a page of them.
    params = request.GET.copy()
    for ignored in ("page", "page_size"):
        params.pop(ignored, None)
    return params


@search_route(
    router,
    "/calendar.ics",
    SESSIONS,
    None,
    "Les mêmes séances en iCalendar",
    page_size=FEED_MAX_SESSIONS,
    params=_feed_params,
    media_type="text/calendar",
    example=examples(CALENDAR_EXAMPLE, media="text/calendar"),
)
def sessions_calendar(request: HttpRequest, query: SearchQuery, result: SearchResult):
    occurrences = {
        o.pk: o
        for o in Occurrence.objects.filter(pk__in=[hit.id for hit in result.hits]).select_related(
            "activity", "place", "closure"
        )
    }
    ordered = [occurrences[hit.id] for hit in result.hits if hit.id in occurrences]
    records = [hit.place.record for hit in result.hits]
    return occurrences_feed(_("Activités — Rencontres"), ordered, records, request, "activites.ics")
