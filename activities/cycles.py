"""Cycles: an activity whose sessions are one series (six « massage bébé » sessions), with ONE
registration for all of them.

The registration is kept on the cycle's first session (its `anchor`): its seats are the cycle's
seats, its row is the one locked while counting them, and it closes when the cycle begins. A
change to any session of the cycle is told to the families registered to the anchor; presence
is noted per session (`Presence`). A session's own registrations stay as they are for every
activity that is not a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from activities.models import Occurrence


def cycle_sessions(activity_id: int) -> QuerySet[Occurrence]:
    """Every stored session of a cycle, first to last (its schedule's days)."""
    return Occurrence.objects.filter(activity_id=activity_id).order_by("date", "pk")


def anchor_of(occurrence: Occurrence) -> Occurrence:
    """The session a registration is made to: the cycle's first, or the session itself."""
    if not occurrence.activity.is_cycle:
        return occurrence
    return cycle_sessions(occurrence.activity_id).select_related("activity", "place").first()


def anchors_of(occurrence_ids: Iterable[int]) -> dict[int, int]:
    """Each session's registrations' session: its cycle's first, or itself (two queries)."""
    ids = list(occurrence_ids)
    cycles = dict(
        Occurrence.objects.filter(pk__in=ids, activity__is_cycle=True).values_list(
            "pk", "activity_id"
        )
    )
    firsts: dict[int, int] = {}
    if cycles:
        for pk, activity_id in (
            Occurrence.objects.filter(activity_id__in=set(cycles.values()))
            .order_by("activity_id", "date", "pk")
            .values_list("pk", "activity_id")
        ):
            firsts.setdefault(activity_id, pk)
    return {pk: firsts.get(cycles[pk], pk) if pk in cycles else pk for pk in ids}


def cycle_dates(occurrences: Iterable[Occurrence]) -> list[Occurrence]:
    """The sessions a page lists as the cycle's dates (cancelled ones shown as cancelled)."""
    return [o for o in occurrences if not o.withdrawn]
