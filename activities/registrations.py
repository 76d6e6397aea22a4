"""Registrations to a session: capacity never exceeded, the overflow on a waiting list, the
first waiting family promoted when someone cancels.

Both changes lock the session's row (`select_for_update`, a real row lock on PostgreSQL; on
SQLite the settings make every transaction take the write lock when it begins) before
counting, so that concurrent submissions are counted one after the other.

Nothing personal is logged: only the ids of registrations and sessions.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.choices import RegistrationStatus
from activities.models import Occurrence, Registration

logger = logging.getLogger(__name__)

LINK_NAMESPACE = "activities.registration"


class RegistrationClosed(Exception):
    """The session takes no registration (cancelled, past, or the activity asks for none)."""


@dataclass(frozen=True)
class Family:
    name: str
    email: str
    phone: str
    children_count: int
    children_ages: str


def token_for(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=LINK_NAMESPACE)


def registration_for_token(token: str) -> Registration | None:
    try:
        data = signing.loads(token, salt=LINK_NAMESPACE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        return None
    return (
        Registration.objects.select_related(
            "occurrence__activity", "occurrence__place", "occurrence__closure"
        )
        .filter(pk=data["r"])
        .first()
    )


def manage_url(registration: Registration, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("registration", kwargs={"token": token_for(registration)})


def accepts_registrations(occurrence: Occurrence) -> bool:
    activity = occurrence.activity
    return (
        activity.registration_required
        and activity.live
        and occurrence.place.live
        and not occurrence.is_cancelled
        and occurrence.start > timezone.now()
    )


def register(occurrence_id: int, family: Family, base_url: str) -> Registration:
    with transaction.atomic():
        occurrence = (
            Occurrence.objects.select_for_update()
            .select_related("activity", "place")
            .get(pk=occurrence_id)
        )
        if not accepts_registrations(occurrence):
            raise RegistrationClosed
        capacity = occurrence.activity.capacity
        confirmed = occurrence.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        status = (
            RegistrationStatus.CONFIRMED
            if capacity is None or confirmed < capacity
            else RegistrationStatus.WAITING
        )
        registration = Registration.objects.create(
            occurrence=occurrence,
            name=family.name,
            email=family.email,
            phone=family.phone,
            children_count=family.children_count,
            children_ages=family.children_ages,
            consent_at=timezone.now(),
            status=status,
        )
        transaction.on_commit(lambda: _send(registration, "registered", base_url))
    logger.info(
        "Registration %s to session %s: %s", registration.pk, occurrence.pk, registration.status
    )
    return registration


def cancel(registration: Registration, base_url: str) -> Registration | None:
    """Cancel a registration; return the waiting one promoted to its place, if any."""
    promoted = None
    with transaction.atomic():
        Occurrence.objects.select_for_update().get(pk=registration.occurrence_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        freed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if freed:
            promoted = promote_waiting(registration.occurrence_id)
        transaction.on_commit(lambda: _send(registration, "cancelled", base_url))
        if promoted is not None:
            transaction.on_commit(lambda: _send(promoted, "promoted", base_url))
    logger.info("Registration %s cancelled", registration.pk)
    if promoted is not None:
        logger.info("Registration %s promoted from the waiting list", promoted.pk)
    return promoted


def promote_waiting(occurrence_id: int) -> Registration | None:
    """The first waiting family takes a freed place. Call with the session's row locked."""
    occurrence = Occurrence.objects.select_related("activity").get(pk=occurrence_id)
    capacity = occurrence.activity.capacity
    confirmed = occurrence.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    if capacity is not None and confirmed >= capacity:
        return None
    first = (
        occurrence.registrations.filter(status=RegistrationStatus.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = RegistrationStatus.CONFIRMED
    first.promoted_at = timezone.now()
    first.save(update_fields=["status", "promoted_at"])
    return first


SUBJECTS = {
    ("registered", RegistrationStatus.CONFIRMED): _("Inscription confirmée : %(title)s, %(date)s"),
    ("registered", RegistrationStatus.WAITING): _("Liste d'attente : %(title)s, %(date)s"),
    ("promoted", RegistrationStatus.CONFIRMED): _("Une place s'est libérée : %(title)s, %(date)s"),
    ("cancelled", RegistrationStatus.CANCELLED): _("Inscription annulée : %(title)s, %(date)s"),
}


def _send(registration: Registration, event: str, base_url: str) -> None:
    registration = Registration.objects.select_related(
        "occurrence__activity", "occurrence__place__commune"
    ).get(pk=registration.pk)
    occurrence = registration.occurrence
    start = occurrence.local_start
    when = start.strftime("%d/%m/%Y %H:%M")
    subject = str(SUBJECTS[(event, registration.status)]) % {
        "title": occurrence.activity.title,
        "date": when,
    }
    body = render_to_string(
        "activities/emails/registration.txt",
        {
            "event": event,
            "registration": registration,
            "occurrence": occurrence,
            "activity": occurrence.activity,
            "place": occurrence.place,
            "start": start,
            "end": occurrence.local_end,
            "manage_url": manage_url(registration, base_url),
            "activity_url": base_url.rstrip("/") + (occurrence.activity.url or ""),
            "retention_days": settings.ACTIVITIES["retention_days"],
        },
    )
    send_mail(subject, body, None, [registration.email])
    logger.info("Registration %s: %s e-mail sent", registration.pk, event)
