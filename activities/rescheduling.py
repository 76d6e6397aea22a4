"""An organiser moves one session (another day, time or place) as one action: the session keeps
its registrations, its UID and its day in the schedule; its SEQUENCE rises, where it was is kept
(`Occurrence.previous_start`) and the families registered to it, or to its cycle, are told the
old and the new in their language, by e-mail and by text if they chose texts.

The schedule no longer moves a session moved so (activities.occurrences.sync_activity).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from activities.models import Occurrence
from activities.notifications import SessionChange, tell_session_change
from activities.occurrences import details_digest, occurrences_changed, where_text
from directory.models import PlacePage

logger = logging.getLogger(__name__)

RESCHEDULED_FIELDS = [
    *("day", "start", "end", "place", "previous_start"),
    *("sequence", "details_digest"),
]


class CannotReschedule(Exception):
    """The session cannot be moved so: the message says why, in the organiser's words."""


@transaction.atomic
def reschedule_occurrence(
    occurrence: Occurrence, start: datetime, end: datetime, place: PlacePage
) -> bool:
    """Move the session to `start`–`end` at `place`; False when nothing changes."""
    occurrence = (
        Occurrence.objects.select_for_update()
        .select_related("activity", "place__commune")
        .get(pk=occurrence.pk)
    )
    if occurrence.is_cancelled:
        raise CannotReschedule("cancelled")
    if end <= start:
        raise CannotReschedule("end")
    if start <= timezone.now():
        raise CannotReschedule("past")
    old_place = occurrence.place
    if (occurrence.start, occurrence.end, occurrence.place_id) == (start, end, place.pk):
        return False
    change = SessionChange(
        "session_moved",
        previous_start=occurrence.start,
        previous_end=occurrence.end,
        previous_where=where_text(old_place) if place.pk != old_place.pk else "",
    )
    occurrence.previous_start = occurrence.start
    occurrence.start, occurrence.end, occurrence.place = start, end, place
    occurrence.day = timezone.localtime(start, place.time_zone).date()
    occurrence.sequence += 1
    occurrence.details_digest = details_digest(occurrence.activity, place)
    occurrence.save(update_fields=RESCHEDULED_FIELDS)
    tell_session_change([occurrence.pk], {occurrence.pk: change})
    activity_id = occurrence.activity_id
    transaction.on_commit(
        lambda: occurrences_changed.send(sender=Occurrence, activity_ids=[activity_id])
    )
    logger.info("Session %s rescheduled", occurrence.pk)
    return True
