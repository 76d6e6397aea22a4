"""Registrations to a session: capacity never exceeded, counted in the activity's unit (a family
takes its children, or its children and adults: `activities.models.seats`), the overflow on a
waiting list, a freed seat offered to the next waiting family that fits (`activities.offers`).

Both changes lock the session's row (`select_for_update`, a real row lock on PostgreSQL; on
SQLite the settings make every transaction take the write lock when it begins) before
counting, so that concurrent submissions are counted one after the other.

Nothing personal is logged: only the ids of registrations and sessions.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation

from activities.choices import HOLDING_SEATS, OfferAnswer, RegistrationStatus
from activities.cycles import anchors_of
from activities.models import Occurrence, Registration
from activities.models.seats import seats_of
from activities.notifications import tell
from activities.offers import free_seats, offer_freed_seats, settle
from core.recipients import may_send, same_mailbox

logger = logging.getLogger(__name__)


class RegistrationClosed(Exception):
    """The session takes no registration (cancelled, past, or the activity asks for none)."""


@dataclass(frozen=True)
class Family:
    name: str
    email: str
    phone: str
    children_count: int
    children_ages: str
    # The language e-mails to the family are written in; the active one when None.
    language: str | None = None
    adults_count: int = 1
    # Each child's age in months, as read from `children_ages` (activities.child_ages).
    children_months: tuple[int, ...] = ()

    @classmethod
    def from_form(cls, data: Mapping) -> Family:
        """From a registration form's cleaned data (the family's or the organiser's)."""
        return cls(
            name=data["name"].strip(),
            email=data["email"] or "",
            phone=data["phone"].strip(),
            children_count=data["children_count"],
            children_ages=data["children_ages"].strip(),
            adults_count=data.get("adults_count", 1),
            children_months=tuple(data.get("children_months") or ()),
        )

    def seats(self, unit: str) -> int:
        return seats_of(unit, self.children_count, self.adults_count)


def accepts_registrations(occurrence: Occurrence) -> bool:
    """For a cycle, `occurrence` is its first session (`activities.cycles.anchor_of`): the
    cycle takes registrations until it begins, even when its first session is cancelled."""
    activity = occurrence.activity
    return (
        activity.registration_required
        and activity.live
        and occurrence.place.live
        and (activity.is_cycle or not occurrence.is_cancelled)
        and occurrence.start > timezone.now()
    )


@dataclass(frozen=True)
class Registered:
    registration: Registration
    # False when the family was already registered to the session (nothing was taken).
    created: bool
    # False when no e-mail left because one went to this address less than an hour ago (or
    # too many today: `core.recipients`), whoever asked.
    told: bool = True


def _phone_digits(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    # The last nine digits: "+32 470 12 34 56" and "0470/12.34.56" are one number.
    return digits[-9:] if len(digits) >= 6 else ""


def existing_registration(occurrence: Occurrence, family: Family) -> Registration | None:
    """The session's live registration made with the same mailbox (`core.recipients.mailbox`:
    `Name+1@gmail.com` is `n.ame@gmail.com`) or phone number."""
    phone = _phone_digits(family.phone)
    live = occurrence.registrations.exclude(status=RegistrationStatus.CANCELLED).order_by("pk")
    for registration in live.only("pk", "email", "phone", "status", "occurrence_id"):
        if same_mailbox(family.email, registration.email):
            return registration
        if phone and _phone_digits(registration.phone) == phone:
            return registration
    return None


def register(
    occurrence_id: int, family: Family, base_url: str, *, by_organiser: bool = False
) -> Registered:
    """One registration per mailbox or phone number and session. `by_organiser`: a family who
    phoned, added from the admin (the public form's checks were the organiser's, and no cap on
    messages applies: the organiser is not a stranger to the family). A registration to any
    session of a cycle is the cycle's, kept on its first session."""
    occurrence_id = anchors_of([occurrence_id])[occurrence_id]
    with transaction.atomic():
        occurrence = (
            Occurrence.objects.select_for_update()
            .select_related("activity", "place")
            .get(pk=occurrence_id)
        )
        if not accepts_registrations(occurrence):
            raise RegistrationClosed
        # Offers past their time go to the next waiting families before this one is counted.
        settle(occurrence, base_url)
        existing = existing_registration(occurrence, family)
        if existing is not None:
            # The same family again (a retry, a double click, or someone else's address): no
            # second seat; the link goes again to the address the registration was made with,
            # unless a message went there a moment ago.
            told = _may_tell(existing, by_organiser)
            if told:
                tell(existing, "reminded", base_url)
            logger.info("Registration %s found again for session %s", existing.pk, occurrence.pk)
            return Registered(existing, created=False, told=told)
        free = free_seats(occurrence)
        status = (
            RegistrationStatus.CONFIRMED
            if free is None or family.seats(occurrence.activity.capacity_unit) <= free
            else RegistrationStatus.WAITING
        )
        registration = Registration.objects.create(
            occurrence=occurrence,
            name=family.name,
            email=family.email,
            phone=family.phone,
            children_count=family.children_count,
            children_ages=family.children_ages,
            children_months=list(family.children_months),
            adults_count=family.adults_count,
            consent_at=timezone.now(),
            status=status,
            language=family.language or translation.get_language() or "",
            added_by_organiser=by_organiser,
        )
        told = _may_tell(registration, by_organiser)
        if told:
            tell(registration, "registered", base_url)
    logger.info(
        "Registration %s to session %s: %s", registration.pk, occurrence.pk, registration.status
    )
    return Registered(registration, created=True, told=told)


def _may_tell(registration: Registration, by_organiser: bool) -> bool:
    """Whether the public form may e-mail this registration's address now (`core.recipients`)."""
    if by_organiser or not registration.email:
        return True
    return may_send("registration", registration.email)


def cancel(registration: Registration, base_url: str) -> list[Registration]:
    """Cancel a registration (an offered seat's family saying no, too); return the waiting
    families the freed seats are offered to."""
    offered: list[Registration] = []
    with transaction.atomic():
        occurrence = (
            Occurrence.objects.select_for_update()
            .select_related("activity")
            .get(pk=registration.occurrence_id)
        )
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            return []
        freed = registration.status in HOLDING_SEATS
        if registration.status == RegistrationStatus.OFFERED:
            registration.offer_answer = OfferAnswer.DECLINED
            registration.offer_answered_at = timezone.now()
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(
            update_fields=["status", "cancelled_at", "offer_answer", "offer_answered_at"]
        )
        if freed:
            offered = offer_freed_seats(occurrence, base_url)
        tell(registration, "cancelled", base_url)
    logger.info("Registration %s cancelled", registration.pk)
    return offered
