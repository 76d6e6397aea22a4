"""Fair waiting lists: a freed seat is offered to the next waiting family, for a time the
activity sets (`ActivityPage.offer_hours`, shorter when the session is near: `offer_deadline`),
by e-mail or text with signed accept and decline links; declined or expired, the seats go to the
next. A family too large for the seats freed is skipped for now and keeps its place.

An offered seat is held (`HOLDING_SEATS`): nobody registering meanwhile takes it. Every change
is made with the session's row locked, as registrations are (`activities.registrations`).
Offers past their time expire every five minutes (`manage.py expire_seat_offers`,
rencontres/periodic.py) and before each registration or answer for the session, so that a seat
is never held past its time even between two runs.

Nothing personal is logged: only the ids of registrations and sessions.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from enum import StrEnum

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from activities.choices import OfferAnswer, RegistrationStatus
from activities.models import Occurrence, Registration
from activities.models.seats import seats_taken
from activities.notifications import tell

logger = logging.getLogger(__name__)

# However near the session, a family has this long to answer.
SHORTEST_OFFER = timedelta(minutes=30)


def offer_deadline(now: datetime, start: datetime, hours: int) -> datetime:
    """The one rule of how long an offer lasts: the activity's hours, but never more than half
    the time left before the session (a seat freed the evening before a morning session is
    not held all night), nor less than half an hour; never past the session's start."""
    window = min(timedelta(hours=hours), (start - now) / 2)
    return min(now + max(window, SHORTEST_OFFER), start)


def free_seats(occurrence: Occurrence) -> int | None:
    """Seats neither confirmed nor offered, in the activity's unit; None without a limit."""
    capacity = occurrence.activity.capacity
    if not capacity:
        return None
    taken = Occurrence.objects.filter(pk=occurrence.pk).aggregate(taken=seats_taken())["taken"]
    return capacity - taken


def _offering(occurrence: Occurrence, now: datetime) -> bool:
    return not occurrence.is_cancelled and occurrence.start > now


def offer_freed_seats(occurrence: Occurrence, base_url: str | None = None) -> list[Registration]:
    """Offer the free seats to the waiting families in order, skipping those too large for
    what is left. Call with the session's row locked (`select_for_update`)."""
    now = timezone.now()
    free = free_seats(occurrence)
    if free is None or free <= 0 or not _offering(occurrence, now):
        return []
    activity = occurrence.activity
    until = offer_deadline(now, occurrence.start, activity.offer_hours)
    offered = []
    waiting = occurrence.registrations.filter(status=RegistrationStatus.WAITING).order_by(
        "created_at", "pk"
    )
    for registration in waiting:
        need = registration.seats(activity.capacity_unit)
        if need > free:
            continue
        registration.status = RegistrationStatus.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = until
        registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
        tell(registration, "offered", base_url)
        logger.info("Registration %s offered a seat of session %s", registration.pk, occurrence.pk)
        offered.append(registration)
        free -= need
        if free <= 0:
            break
    return offered


def expire_offers_of(occurrence: Occurrence, base_url: str | None = None) -> int:
    """The session's offers past their time: their families leave the list, the seats go to
    the next (`settle`). Call with the session's row locked; how many expired."""
    now = timezone.now()
    late = list(
        occurrence.registrations.filter(
            status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
        )
    )
    for registration in late:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.offer_answer = OfferAnswer.EXPIRED
        registration.offer_answered_at = now
        registration.save(
            update_fields=["status", "cancelled_at", "offer_answer", "offer_answered_at"]
        )
        tell(registration, "offer_expired", base_url)
        logger.info("Registration %s: offer expired", registration.pk)
    return len(late)


def settle(occurrence: Occurrence, base_url: str | None = None) -> list[Registration]:
    """Offers past their time expired, and the free seats offered. Call with the session's row
    locked; the families offered a seat."""
    expire_offers_of(occurrence, base_url)
    return offer_freed_seats(occurrence, base_url)


class Answer(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TOO_LATE = "too_late"
    # Not (or no longer) an offer: answered already, cancelled, or the session has gone.
    NOT_OFFERED = "not_offered"


def answer_offer(registration: Registration, accept: bool, base_url: str) -> Answer:
    """The family's answer through its signed link."""
    with transaction.atomic():
        occurrence = (
            Occurrence.objects.select_for_update()
            .select_related("activity")
            .get(pk=registration.occurrence_id)
        )
        registration.refresh_from_db()
        if registration.status != RegistrationStatus.OFFERED:
            return Answer.NOT_OFFERED
        now = timezone.now()
        if registration.offer_expires_at <= now:
            settle(occurrence, base_url)
            return Answer.TOO_LATE
        registration.offer_answered_at = now
        if accept:
            registration.status = RegistrationStatus.CONFIRMED
            registration.promoted_at = now
            registration.offer_answer = OfferAnswer.ACCEPTED
        else:
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = now
            registration.offer_answer = OfferAnswer.DECLINED
        registration.save(
            update_fields=[
                "status",
                "promoted_at",
                "cancelled_at",
                "offer_answer",
                "offer_answered_at",
            ]
        )
        if accept:
            tell(registration, "promoted", base_url)
        else:
            offer_freed_seats(occurrence, base_url)
    logger.info("Registration %s: offer %s", registration.pk, registration.offer_answer)
    return Answer.ACCEPTED if accept else Answer.DECLINED


def sessions_to_offer(now: datetime | None = None):
    """Sessions ahead with an offer past its time or a waiting family (a seat may have freed
    without a cancellation: a larger capacity, a held seat released)."""
    now = now or timezone.now()
    due = Registration.objects.filter(occurrence=OuterRef("pk")).filter(
        status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
    ) | Registration.objects.filter(occurrence=OuterRef("pk"), status=RegistrationStatus.WAITING)
    return Occurrence.objects.filter(Exists(due), start__gt=now, is_cancelled=False)


def run_offers(base_url: str | None = None) -> tuple[int, int]:
    """Every due offer expired and every free seat offered, a session at a time; (expired,
    offered)."""
    expired = offered = 0
    for occurrence_id in list(sessions_to_offer().values_list("pk", flat=True)):
        with transaction.atomic():
            occurrence = (
                Occurrence.objects.select_for_update()
                .select_related("activity")
                .get(pk=occurrence_id)
            )
            expired += expire_offers_of(occurrence, base_url)
            offered += len(offer_freed_seats(occurrence, base_url))
    return expired, offered
