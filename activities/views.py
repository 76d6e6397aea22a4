"""Public views of activities: the activity page's context."""

from __future__ import annotations

from django.utils import timezone

UPCOMING_ON_PAGE = 12


def upcoming_for_activity(activity, limit: int = UPCOMING_ON_PAGE) -> list:
    return list(
        activity.occurrences.filter(end__gte=timezone.now())
        .select_related("place", "closure")
        .order_by("start")[:limit]
    )


def activity_page_context(activity, request) -> dict:
    place = activity.place
    return {
        "place": place,
        "schedule_text": activity.schedule(place.time_zone).describe(),
        "upcoming": upcoming_for_activity(activity),
    }
