"""Upcoming public sessions, for the place, activity and objective pages: what a list shows is
fetched in a fixed number of queries."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from activities.models import ActivityPage, Occurrence
from activities.models.seats import seats_taken
from core.countries import TIME_ZONES
from directory.models import PlacePage

ON_PLACE_PAGE = 12
ON_OBJECTIVE_PAGE = 20


def public_occurrences() -> QuerySet[Occurrence]:
    """Sessions of live, public activities of live places (cancelled ones included: they are
    shown as cancelled)."""
    # Asked of each session's activity (by its key), not as `activity IN (every live
    # activity)`: SQLite builds that list whole, a scan of the page tree at every query
    # (150 ms at 100,000 places, even for the next session of twenty places).
    public_activity = ActivityPage.objects.live().public().filter(pk=OuterRef("activity_id"))
    return Occurrence.objects.filter(Exists(public_activity), place__live=True).select_related(
        "activity", "place", "place__commune", "closure"
    )


def upcoming() -> QuerySet[Occurrence]:
    return (
        public_occurrences()
        .filter(end__gte=timezone.now())
        .annotate(seats_taken=seats_taken())
        .order_by("start", "pk")
    )


def upcoming_for_place(place) -> list[Occurrence]:
    """`place` a place page or its id."""
    return list(upcoming().filter(place=place)[:ON_PLACE_PAGE])


def upcoming_for_objective(objective) -> list[Occurrence]:
    return list(upcoming().filter(activity__objectives=objective).distinct()[:ON_OBJECTIVE_PAGE])


# What a next session shows (its activity's title and URL, its local start), and no more: the
# whole activity and place pages were half the time of a page of hits' next sessions.
NEXT_SESSION_FIELDS = (
    "start",
    "place__country",
    "activity__title",
    "activity__url_path",
    "activity__locale_id",
    "activity__translation_key",
    "activity__path",
    "activity__depth",
)


def next_sessions_by_place(place_ids: list[int]) -> dict[int, Occurrence]:
    """Each place's next session that takes place, in a fixed number of queries whatever the
    number of places (for the places API's `next_activity`); one for places without any."""
    now = timezone.now()
    # Most places have no session ahead: find those that do with one indexed look-up, and ask
    # the correlated query below only about them.
    place_ids = set(
        Occurrence.objects.filter(place_id__in=place_ids, is_cancelled=False, end__gte=now)
        # Without the model's ordering, which DISTINCT would count in: one row per place.
        .order_by()
        .values_list("place_id", flat=True)
        .distinct()
    )
    if not place_ids:
        return {}
    # Not upcoming(): its registration count would be a grouped join inside every subquery.
    first = (
        public_occurrences()
        .filter(place_id=OuterRef("pk"), is_cancelled=False, end__gte=now)
        .order_by("start", "pk")
        .values("pk")[:1]
    )
    pairs = PlacePage.objects.filter(pk__in=place_ids).annotate(next_id=Subquery(first)).order_by()
    wanted = {next_id: pk for pk, next_id in pairs.values_list("pk", "next_id") if next_id}
    sessions = (
        Occurrence.objects.filter(pk__in=wanted)
        .select_related("activity", "place")
        .only(*NEXT_SESSION_FIELDS)
    )
    return {wanted[occurrence.pk]: occurrence for occurrence in sessions}


def sessions_ahead_by_place(place_ids: list[int]) -> dict[int, list[dict]]:
    """Each place's sessions that take place and are not over, by start, in one query (for the
    places' search documents: the `places_sessions_ahead` hook)."""
    rows = (
        public_occurrences()
        .filter(place_id__in=place_ids, is_cancelled=False, end__gte=timezone.now())
        .order_by("start", "pk")
        .values_list(
            "place_id",
            "pk",
            "start",
            "end",
            "activity__title",
            "activity__url_path",
            "place__country",
        )
    )
    found: dict[int, list[dict]] = {}
    for place_id, pk, start, end, title, url_path, country in rows:
        zone = ZoneInfo(TIME_ZONES.get(country, "Europe/Brussels"))
        found.setdefault(place_id, []).append(
            {
                "id": pk,
                "title": title,
                "url_path": url_path,
                "start": timezone.localtime(start, zone).isoformat(),
                "end": end.isoformat(),
            }
        )
    return found
