"""Occurrences: the sessions of each activity, materialised for a rolling window.

`sync_activity` makes the stored sessions from today to the window's end match the live
activity: it creates the missing ones, moves or updates the others, applies the place's
closures, and removes those no longer in the schedule (keeping, as cancelled, any that families
registered for). Sessions before today are history and never touched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import django.dispatch
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from activities.choices import RegistrationStatus
from activities.models import ActivityPage, Occurrence, Registration
from activities.notifications import SessionChange, tell_session_change
from core.text import single_line
from directory.models import ClosurePeriod, PlacePage

# Sent with `activity_ids` after any change to stored sessions (search indexes listen).
occurrences_changed = django.dispatch.Signal()

UPDATED_FIELDS = [
    "place",
    "start",
    "end",
    "is_extra",
    "is_cancelled",
    "closure",
    "withdrawn",
    "sequence",
    "details_digest",
]


def window_days() -> int:
    return settings.ACTIVITIES["window_days"]


@dataclass
class SyncStats:
    created: int = 0
    updated: int = 0
    removed: int = 0
    kept_as_cancelled: int = 0

    def __iadd__(self, other: SyncStats) -> SyncStats:
        self.created += other.created
        self.updated += other.updated
        self.removed += other.removed
        self.kept_as_cancelled += other.kept_as_cancelled
        return self


def where_text(place: PlacePage) -> str:
    """The place as families are told it: name and what the public may know of its address."""
    parts = [place.title, place.public_street_address, f"{place.public_postcode} {place.commune}"]
    return ", ".join(single_line(part).strip() for part in parts if single_line(part).strip())


def details_digest(activity: ActivityPage, place: PlacePage) -> str:
    """What families were told of a session besides its time: a change is worth an e-mail."""
    told = "\x1f".join(
        [activity.title, activity.what_to_bring, activity.price, str(place.pk), where_text(place)]
    )
    return hashlib.sha256(told.encode()).hexdigest()


def change_of(occurrence: Occurrence, before: tuple) -> SessionChange | None:
    """What families must be told of a session that was (start, end, cancelled, digest)."""
    start, end, cancelled, digest = before
    if occurrence.is_cancelled and not cancelled:
        return SessionChange("session_cancelled")
    if occurrence.is_cancelled:
        return None  # cancelled before: nothing new to say
    if cancelled:
        return SessionChange("session_restored")
    if (occurrence.start, occurrence.end) != (start, end):
        return SessionChange("session_moved", previous_start=start, previous_end=end)
    if digest and occurrence.details_digest != digest:
        return SessionChange("session_changed")
    return None


def _closure_for(day: date, closures: list[ClosurePeriod]) -> ClosurePeriod | None:
    return next((closure for closure in closures if closure.covers(day)), None)


@transaction.atomic
def sync_activity(activity: ActivityPage, today: date | None = None) -> SyncStats:
    # The stored live version, whatever the caller holds (a draft, a stale instance).
    activity = ActivityPage.objects.get(pk=activity.pk)
    if activity.source_page is not activity:
        # A translation shows its French activity's sessions and has none of its own.
        return SyncStats()
    place = activity.get_parent().specific
    tz = place.time_zone
    today = today or timezone.localdate(timezone=tz)
    last_day = today + timedelta(days=window_days())
    closures = list(ClosurePeriod.objects.filter(place=place, end_date__gte=today))
    digest = details_digest(activity, place)

    desired: dict[date, tuple] = {}
    if activity.live:
        schedule = activity.schedule(tz)
        rule_days = {moment.date() for moment in schedule.rule_starts(today, last_day)}
        for local in schedule.local_starts(today, last_day):
            day = local.date()
            start, end = schedule.session_at(day)
            desired[day] = (start, end, day not in rule_days)

    registered = Registration.objects.filter(occurrence=OuterRef("pk")).exclude(
        status=RegistrationStatus.CANCELLED
    )
    existing = {
        occurrence.date: occurrence
        for occurrence in activity.occurrences.filter(date__gte=today).annotate(
            has_registrations=Exists(registered)
        )
    }
    stats = SyncStats()
    to_create, to_update, to_delete = [], [], []
    before: dict[int, tuple] = {}
    for occurrence in existing.values():
        before[occurrence.pk] = (
            occurrence.start,
            occurrence.end,
            occurrence.is_cancelled,
            occurrence.details_digest,
        )
    for day, (start, end, is_extra) in desired.items():
        closure = _closure_for(day, closures)
        occurrence = existing.pop(day, None)
        if occurrence is None:
            occurrence = Occurrence(activity=activity, date=day, day=day)
            to_create.append(occurrence)
        else:
            to_update.append(occurrence)
        if occurrence.rescheduled:
            # Moved by an organiser (activities.rescheduling): its time and place stay theirs.
            # Rare: its place is read for it alone.
            occurrence.details_digest = details_digest(activity, occurrence.place)
        else:
            occurrence.place = place
            occurrence.start, occurrence.end = start, end
            occurrence.details_digest = digest
        occurrence.is_extra = is_extra
        occurrence.closure = closure
        occurrence.withdrawn = False
        occurrence.refresh_status()
    for occurrence in existing.values():
        if occurrence.has_registrations:
            occurrence.withdrawn = True
            occurrence.refresh_status()
            to_update.append(occurrence)
            stats.kept_as_cancelled += 1
        else:
            to_delete.append(occurrence.pk)
    changes: dict[int, SessionChange] = {}
    for occurrence in to_update:
        change = change_of(occurrence, before[occurrence.pk])
        if change is not None:
            occurrence.sequence += 1
            if occurrence.has_registrations:
                changes[occurrence.pk] = change
    Occurrence.objects.bulk_create(to_create)
    Occurrence.objects.bulk_update(to_update, UPDATED_FIELDS)
    Occurrence.objects.filter(pk__in=to_delete).delete()
    stats.created, stats.updated, stats.removed = len(to_create), len(to_update), len(to_delete)
    tell_session_change(list(changes), changes)
    transaction.on_commit(
        lambda: occurrences_changed.send(sender=Occurrence, activity_ids=[activity.pk])
    )
    return stats


def activities_of(place: PlacePage):
    return ActivityPage.objects.child_of(place)


def sync_place(place: PlacePage, today: date | None = None) -> SyncStats:
    """After a place changed (closures, country): every one of its activities."""
    stats = SyncStats()
    for activity in activities_of(place):
        stats += sync_activity(activity, today)
    return stats


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    stats: SyncStats


def extend_window(today: date | None = None) -> Iterator[Progress]:
    """Sync every activity, so that each one's sessions reach the window's new end; run daily."""
    ids = list(ActivityPage.objects.order_by("pk").values_list("pk", flat=True))
    stats = SyncStats()
    yield Progress(0, len(ids), stats)
    for done, pk in enumerate(ids, start=1):
        stats += sync_activity(ActivityPage(pk=pk), today)
        yield Progress(done, len(ids), stats)


MANUAL_FIELDS = ["cancelled_manually", "manual_reason", "is_cancelled", "sequence"]


@transaction.atomic
def cancel_occurrence(occurrence: Occurrence, reason: str) -> None:
    """An organiser cancels a session: families registered to it are told, with the reason."""
    was_cancelled = occurrence.is_cancelled
    occurrence.cancelled_manually = True
    occurrence.manual_reason = reason.strip()
    occurrence.refresh_status()
    _save_and_tell(occurrence, None if was_cancelled else SessionChange("session_cancelled"))


@transaction.atomic
def restore_occurrence(occurrence: Occurrence) -> None:
    was_cancelled = occurrence.is_cancelled
    occurrence.cancelled_manually = False
    occurrence.manual_reason = ""
    occurrence.refresh_status()
    back_on = was_cancelled and not occurrence.is_cancelled
    _save_and_tell(occurrence, SessionChange("session_restored") if back_on else None)


def _save_and_tell(occurrence: Occurrence, change: SessionChange | None) -> None:
    if change is not None:
        occurrence.sequence += 1
    occurrence.save(update_fields=MANUAL_FIELDS)
    if change is not None:
        tell_session_change([occurrence.pk], {occurrence.pk: change})
    _changed(occurrence)


def _changed(occurrence: Occurrence) -> None:
    activity_id = occurrence.activity_id
    transaction.on_commit(
        lambda: occurrences_changed.send(sender=Occurrence, activity_ids=[activity_id])
    )
