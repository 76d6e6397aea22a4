"""The embedded engine: the ORM on SQLite or PostgreSQL, no extra service.

Attribute filters run in SQL; "near" is a bounding-box prefilter on indexed coordinates (the
place's own point, or its commune's for discreet places and places without one), then exact
geodesic distances in Python for the few candidates left.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from wagtail.search.backends import get_search_backend

from core.geo import bounding_box, distance_km, rounded_km
from core.location import uses_commune_point
from directory.models import PlacePage
from directory.search.params import PlaceQuery
from directory.search.results import Facets, PlaceHit, PlaceSearchResult
from gazetteer.lookup import NearPoint


def within_box(near: NearPoint, radius_km: float, prefix: str = "") -> Q:
    """Places whose public point lies in the bounding box of the circle: a prefilter on indexed
    columns, before exact distances."""
    box = bounding_box(near.latitude, near.longitude, radius_km)
    latitudes = (box.min_latitude, box.max_latitude)
    longitudes = (box.min_longitude, box.max_longitude)
    own_point = ~uses_commune_point(prefix) & Q(
        **{f"{prefix}latitude__range": latitudes, f"{prefix}longitude__range": longitudes}
    )
    commune_point = uses_commune_point(prefix) & Q(
        **{
            f"{prefix}commune__latitude__range": latitudes,
            f"{prefix}commune__longitude__range": longitudes,
        }
    )
    return own_point | commune_point


@dataclass(frozen=True)
class _Candidate:
    pk: int
    title: str
    latitude: float
    longitude: float
    distance_km: float | None


def base_queryset() -> QuerySet[PlacePage]:
    return PlacePage.objects.live().public()


def filtered_queryset(query: PlaceQuery) -> QuerySet[PlacePage]:
    places = base_queryset()
    if query.programmes:
        places = places.filter(programmes__slug__in=query.programmes)
    if query.objectives:
        places = places.filter(objectives__slug__in=query.objectives)
    if query.age_months is not None:
        places = places.filter(
            age_min_months__lte=query.age_months, age_max_months__gte=query.age_months
        )
    if query.day is not None:
        places = places.filter(opening_hours__weekday=query.day)
    if query.language:
        places = places.filter(languages__code=query.language)
    if query.accessible is True:
        places = places.filter(accessibility__step_free=True)
    elif query.accessible is False:
        places = places.exclude(accessibility__step_free=True)
    if query.near is not None:
        places = places.filter(within_box(query.near, query.radius_km))
    return places.distinct()


WORD = re.compile(r"\w+")


def text_matches(text: str, pages: QuerySet | None = None) -> set[int]:
    """Ids of the live `pages` (places by default) that Wagtail's search finds for every word
    of `text`.

    Only the words go to the search backend: quotes and operators in a family's text would be
    read as full-text query syntax by SQLite's FTS5 or PostgreSQL, and fail. Only ids are
    fetched (the database backends expose their queryset): no page is loaded to filter. They
    are intersected with the other filters' matches in Python, since a list of thousands of ids
    would overflow SQLite's bound parameters and a full-text subquery is slower.
    """
    words = " ".join(WORD.findall(text))
    if not words:
        return set()
    results = database_search_backend().search(
        words,
        base_queryset() if pages is None else pages,
        operator="and",
        order_by_relevance=False,
    )
    return set(results.get_queryset().values_list("pk", flat=True))


def database_search_backend():
    """Wagtail's database backend, also when the site's default backend is the cluster: this
    engine is the fallback for when the cluster is down."""
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


def _candidates(query: PlaceQuery, places: QuerySet[PlacePage]) -> list[_Candidate]:
    wanted = text_matches(query.q) if query.q else None
    rows = places.values_list(
        "pk",
        "title",
        "is_discreet",
        "latitude",
        "longitude",
        "commune__latitude",
        "commune__longitude",
    )
    candidates = []
    for pk, title, discreet, lat, lon, commune_lat, commune_lon in rows:
        if wanted is not None and pk not in wanted:
            continue
        if discreet or lat is None or lon is None:
            point = (float(commune_lat), float(commune_lon))
        else:
            point = (float(lat), float(lon))
        distance = None
        if query.near is not None:
            distance = distance_km((query.near.latitude, query.near.longitude), point)
            if distance > query.radius_km:
                continue
        candidates.append(_Candidate(pk, title, point[0], point[1], distance))
    if query.near is not None:
        candidates.sort(key=lambda c: (c.distance_km, c.title, c.pk))
    else:
        candidates.sort(key=lambda c: (c.title, c.pk))
    return candidates


def _facets(places: QuerySet[PlacePage], matched: set[int]) -> Facets:
    # The prefiltered set is small once "near" applies; counting over the exact matches in
    # Python keeps facets right for places in the bounding box's corners but outside the radius.
    through_objectives = PlacePage.objectives.through.objects.filter(placepage__in=places)
    through_programmes = PlacePage.programmes.through.objects.filter(placepage__in=places)
    objectives = Counter(
        slug
        for pk, slug in through_objectives.values_list("placepage_id", "objective__slug")
        if pk in matched
    )
    programmes = Counter(
        slug
        for pk, slug in through_programmes.values_list("placepage_id", "programme__slug")
        if pk in matched
    )
    return Facets(
        objectives=dict(sorted(objectives.items())), programmes=dict(sorted(programmes.items()))
    )


def _hits(page: list[_Candidate]) -> list[PlaceHit]:
    places = (
        PlacePage.objects.filter(pk__in=[c.pk for c in page])
        .select_related("commune")
        .prefetch_related("programmes", "objectives")
    )
    by_pk = {place.pk: place for place in places}
    hits = []
    for candidate in page:
        place = by_pk[candidate.pk]
        hits.append(
            PlaceHit(
                id=place.pk,
                name=place.title,
                url=place.url,
                programmes=tuple(sorted(p.slug for p in place.programmes.all())),
                objectives=tuple(sorted(o.slug for o in place.objectives.all())),
                commune=place.commune.name_fr,
                postcode=place.public_postcode,
                latitude=candidate.latitude,
                longitude=candidate.longitude,
                approximate=place.public_location.approximate,
                distance_km=None
                if candidate.distance_km is None
                else rounded_km(candidate.distance_km),
            )
        )
    return hits


def search(query: PlaceQuery) -> PlaceSearchResult:
    places = filtered_queryset(query)
    candidates = _candidates(query, places)
    page = candidates[query.offset : query.offset + query.page_size]
    return PlaceSearchResult(
        count=len(candidates),
        hits=_hits(page),
        facets=_facets(places, {c.pk for c in candidates}),
        engine="database",
    )
