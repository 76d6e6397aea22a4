"""The embedded engine for sessions: the ORM, a bounding box on the places' indexed points,
exact distances in Python, sessions sorted by start."""

from __future__ import annotations

from django.db.models import QuerySet

from activities.listing import public_occurrences
from activities.models import ActivityPage, Occurrence
from activities.search.hits import hits
from activities.search.params import ActivityQuery
from activities.search.results import ActivitySearchResult
from core.geo import distance_km
from directory.search.engines.database import text_matches, within_box


def django_week_day(weekday: int) -> int:
    """Our weekday (0 = Monday) as Django's `week_day` lookup counts (1 = Sunday)."""
    return (weekday + 1) % 7 + 1


def filtered_queryset(query: ActivityQuery) -> QuerySet[Occurrence]:
    where = query.where
    sessions = public_occurrences().filter(date__range=(query.date_from, query.date_to))
    if where.programmes:
        sessions = sessions.filter(place__programmes__slug__in=where.programmes)
    if where.objectives:
        sessions = sessions.filter(activity__objectives__slug__in=where.objectives)
    if where.age_months is not None:
        sessions = sessions.filter(
            activity__age_min_months__lte=where.age_months,
            activity__age_max_months__gte=where.age_months,
        )
    if where.day is not None:
        sessions = sessions.filter(date__week_day=django_week_day(where.day))
    if where.language:
        sessions = sessions.filter(activity__languages__code=where.language)
    if where.accessible is True:
        sessions = sessions.filter(place__accessibility__step_free=True)
    elif where.accessible is False:
        sessions = sessions.exclude(place__accessibility__step_free=True)
    if where.near is not None:
        sessions = sessions.filter(within_box(where.near, where.radius_km, prefix="place__"))
    return sessions.distinct()


def matching_ids(query: ActivityQuery) -> list[int]:
    wanted = text_matches(query.where.q, ActivityPage.objects.live()) if query.where.q else None
    near = query.where.near
    rows = filtered_queryset(query).values_list(
        "pk",
        "start",
        "activity_id",
        "place__is_discreet",
        "place__latitude",
        "place__longitude",
        "place__commune__latitude",
        "place__commune__longitude",
    )
    kept = []
    for pk, start, activity_id, discreet, lat, lon, commune_lat, commune_lon in rows:
        if wanted is not None and activity_id not in wanted:
            continue
        if near is not None:
            if discreet or lat is None or lon is None:
                point = (float(commune_lat), float(commune_lon))
            else:
                point = (float(lat), float(lon))
            if distance_km((near.latitude, near.longitude), point) > query.where.radius_km:
                continue
        kept.append((start, pk))
    kept.sort()
    return [pk for _start, pk in kept]


def search(query: ActivityQuery) -> ActivitySearchResult:
    ids = matching_ids(query)
    page = ids[query.offset : query.offset + query.page_size]
    return ActivitySearchResult(count=len(ids), hits=hits(page, query), engine="database")
