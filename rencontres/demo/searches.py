"""The demo's search statistics: weekly sums of fictional family searches over the last weeks
(core.models.SearchWeek, as `aggregate_search_events` writes them), so that the coverage
dashboard's « searched here, found nothing » and ONE staff's home show something from the first
run. Around communes that have a demo place, searches find places (now and then none, when they
asked for a language or an age); around communes of ONE's territory with no place within the
radius, they find nothing.

Written once: nothing when any weekly sum exists already (a second run, or real searches).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from core.geo import bounding_box
from core.models import SearchWeek
from core.search.search_weeks import monday_of
from directory.models import PlacePage
from gazetteer.models import Commune
from objectives.models import Programme
from projects.coverage import territory_communes
from rencontres.demo.projects import demo_places_queryset

WEEKS = 8
RADIUS_KM = 10
SEARCHED_COMMUNES = 12
EMPTY_COMMUNES = 8
# Among the most populous communes of the territory, those without a place within the radius.
CANDIDATES = 60


def _has_place_near(commune: Commune) -> bool:
    box = bounding_box(float(commune.latitude), float(commune.longitude), RADIUS_KM)
    return (
        PlacePage.objects.live()
        .filter(
            latitude__range=(box.min_latitude, box.max_latitude),
            longitude__range=(box.min_longitude, box.max_longitude),
        )
        .exists()
    )


def seed_searches(parent, seed: int, today: date) -> int:
    """The weekly sums; how many rows were written."""
    if SearchWeek.objects.exists():
        return 0
    rng = random.Random(f"{seed}:searches")
    served = list(
        Commune.objects.filter(pk__in=demo_places_queryset(parent).values("commune"))
        .order_by("-population", "pk")
        .values_list("country", "code")[:SEARCHED_COMMUNES]
    )
    programme = Programme.objects.filter(slug="lieux-rencontre-enfants-parents").first()
    communes = territory_communes(programme) if programme else Commune.objects.none()
    empty = [
        (commune.country, commune.code)
        for commune in communes.exclude(pk__in=demo_places_queryset(parent).values("commune"))
        .order_by("-population", "pk")
        .only("country", "code", "latitude", "longitude")[:CANDIDATES]
        if not _has_place_near(commune)
    ][:EMPTY_COMMUNES]
    rows = []
    for weeks_ago in range(WEEKS):
        week = monday_of(today) - timedelta(weeks=weeks_ago)
        for country, code in served:
            searches = rng.randint(4, 30)
            narrowed = rng.randint(0, 1)
            rows.append(_row(week, f"{country}-{code}", "", searches - narrowed, 0))
            if narrowed:
                rows.append(_row(week, f"{country}-{code}", "language", narrowed, narrowed))
        for country, code in empty:
            if rng.random() < 0.7:
                searches = rng.randint(1, 6)
                filters = rng.choice(["", "", "age_months"])
                rows.append(_row(week, f"{country}-{code}", filters, searches, searches))
    SearchWeek.objects.bulk_create(rows)
    return len(rows)


def _row(week: date, area: str, filters: str, searches: int, found_nothing: int) -> SearchWeek:
    return SearchWeek(
        week=week,
        index="places",
        area=area,
        radius_km=RADIUS_KM,
        filters=filters,
        searches=searches,
        found_nothing=found_nothing,
    )
