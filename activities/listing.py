"""Upcoming public sessions, for the place, activity and objective pages: what a list shows is
fetched in a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from activities.models import ActivityPage, Occurrence

ON_PLACE_PAGE = 12
ON_OBJECTIVE_PAGE = 20


def public_occurrences() -> QuerySet[Occurrence]:
    """Sessions of live, public activities of live places (cancelled ones included: they are
    shown as cancelled)."""
    return Occurrence.objects.filter(
        activity__in=ActivityPage.objects.live().public().values("pk"),
        place__live=True,
    ).select_related("activity", "place", "place__commune", "closure")


def upcoming() -> QuerySet[Occurrence]:
    return public_occurrences().filter(end__gte=timezone.now()).order_by("start", "pk")


def upcoming_for_place(place) -> list[Occurrence]:
    return list(upcoming().filter(place=place)[:ON_PLACE_PAGE])


def upcoming_for_objective(objective) -> list[Occurrence]:
    return list(upcoming().filter(activity__objectives=objective).distinct()[:ON_OBJECTIVE_PAGE])
