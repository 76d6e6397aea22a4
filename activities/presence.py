"""Presence, ticked by the organiser: one row per registration and session (`Presence`), so that
a cycle's one registration has a presence at each of its sessions. Ticked on the activity's
register (a checkbox a family, phone-friendly) or on a cycle's session's register
(activities.presence_views). The session's head-count starts from it (`presence_counts`, read by
the organisers' head-count form), so that nothing is typed twice."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone

from activities.choices import RegistrationStatus
from activities.cycles import anchor_of
from activities.models import Occurrence, Presence, Registration


def note_presence(registration: Registration, occurrence: Occurrence, present: bool) -> Presence:
    """The organiser ticks (or unticks) a family on one session's register."""
    presence, _created = Presence.objects.update_or_create(
        registration=registration,
        occurrence=occurrence,
        defaults={"present": present, "noted_at": timezone.now()},
    )
    return presence


def expected_families(occurrence: Occurrence):
    """The confirmed families of a session: its own, or its cycle's (made to the first)."""
    return anchor_of(occurrence).registrations.filter(status=RegistrationStatus.CONFIRMED)


def mark_presence(occurrence: Occurrence, present_ids: set[int]) -> int:
    """The session's confirmed families ticked present, the others not; how many are."""
    families = list(expected_families(occurrence))
    for registration in families:
        note_presence(registration, occurrence, registration.pk in present_ids)
    return sum(1 for registration in families if registration.pk in present_ids)


def ticked_present():
    """Annotates a registration with whether it was ticked present at its own session."""
    return Exists(
        Presence.objects.filter(
            registration=OuterRef("pk"), occurrence=OuterRef("occurrence_id"), present=True
        )
    )


@dataclass(frozen=True)
class PresenceCounts:
    families: int
    children: int
    adults: int


def presence_counts(occurrence_id: int) -> PresenceCounts | None:
    """The children and adults of the families ticked present; None when nobody is (the
    session's presence was not taken on a register)."""
    counts = Presence.objects.filter(
        occurrence_id=occurrence_id,
        present=True,
        registration__status=RegistrationStatus.CONFIRMED,
    ).aggregate(
        families=Count("pk"),
        children=Sum("registration__children_count"),
        adults=Sum("registration__adults_count"),
    )
    if not counts["families"]:
        return None
    return PresenceCounts(counts["families"], counts["children"] or 0, counts["adults"] or 0)
