"""What families are told by e-mail, and when: their registration (confirmed, waiting, found
again, promoted, cancelled), a change to their session (cancelled, moved, changed, back on),
and a reminder the day before.

Every message goes through `core.mail`: rendered when it is queued, in the language the family
registered in (`Registration.language`), and delivered by the task queue from
`transaction.on_commit`, so that a mail server that is down never fails the request or the
publication that caused it; its links too are in that language (/nl/, /en/: the activity's
translation when it has one). A change to a session carries the session as an iCalendar
attachment (`calendars.session_invitation`: METHOD:CANCEL or REQUEST, same UID, raised
SEQUENCE) so that calendar applications update the event families added.

Nothing personal is logged: only registration and session ids and the kind of message.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import translation

from activities.calendars import session_invitation
from activities.choices import EXPECTING, RegistrationStatus
from activities.cycles import anchors_of, cycle_dates, cycle_sessions
from activities.models import Occurrence, Registration
from activities.registration_links import manage_url, offer_url
from activities.texts import text_registration, text_session_change
from core.mail import Attachment, queue_email, render_email
from core.pages import localized_url

logger = logging.getLogger(__name__)

# A registration's own events, and what can happen to its session.
REGISTRATION_EVENTS = {
    "registered",
    "reminded",
    "offered",
    "offer_expired",
    "promoted",
    "cancelled",
    "reminder",
}
SESSION_EVENTS = {"session_cancelled", "session_moved", "session_changed", "session_restored"}


@dataclass(frozen=True)
class SessionChange:
    """What changed in a session, as families are told: `event` is one of SESSION_EVENTS."""

    event: str
    previous_start: datetime | None = None
    previous_end: datetime | None = None
    # The place as families were told it before a move to another place (`where_text`).
    previous_where: str = ""


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL


def _context(
    registration: Registration,
    event: str,
    base_url: str,
    change: SessionChange | None,
    occurrence: Occurrence,
):
    tz = occurrence.place.time_zone
    previous_start = previous_end = None
    offered = registration.status == RegistrationStatus.OFFERED
    if change is not None and change.previous_start is not None:
        previous_start = change.previous_start.astimezone(tz)
        previous_end = change.previous_end.astimezone(tz) if change.previous_end else None
    return {
        "event": event,
        "status": registration.status,
        "registration": registration,
        "occurrence": occurrence,
        "activity": occurrence.activity,
        "place": occurrence.place,
        "start": occurrence.local_start,
        "end": occurrence.local_end,
        "previous_start": previous_start,
        "previous_end": previous_end,
        "previous_where": change.previous_where if change is not None else "",
        # A cycle's registration is on its first session; a change may be of another one.
        "cycle_session": occurrence.pk != registration.occurrence_id,
        "manage_url": manage_url(registration, base_url),
        "accept_url": offer_url(registration, base_url, "accepter") if offered else "",
        "decline_url": offer_url(registration, base_url, "refuser") if offered else "",
        "offer_until": (
            registration.offer_expires_at.astimezone(tz) if registration.offer_expires_at else None
        ),
        "activity_url": localized_url(occurrence.activity, base_url),
        "retention_days": settings.ACTIVITIES["retention_days"],
        # A cycle's dates, first to last, in the family's words of its registration.
        "cycle": _cycle_starts(occurrence) if event in REGISTRATION_EVENTS else [],
    }


def _cycle_starts(occurrence: Occurrence) -> list:
    if not occurrence.activity.is_cycle:
        return []
    sessions = cycle_sessions(occurrence.activity_id).select_related("place")
    return [session for session in cycle_dates(sessions) if not session.is_cancelled]


def registration_email(
    registration: Registration,
    event: str,
    base_url: str,
    change: SessionChange | None = None,
    occurrence: Occurrence | None = None,
):
    """The message, rendered now in the family's language; `occurrence` the session it is about
    when it is not the registration's own (another session of its cycle)."""
    occurrence = occurrence or registration.occurrence
    attachments = []
    if event in SESSION_EVENTS:
        # The calendar's words too are in the family's language.
        with translation.override(registration.language or None):
            invitation = session_invitation(
                occurrence,
                previous_start=change.previous_start if change else None,
                previous_where=change.previous_where if change else "",
            )
        attachments.append(
            Attachment(
                f"seance-{occurrence.pk}.ics",
                invitation.decode(),
                "text/calendar; method=%s" % ("CANCEL" if occurrence.is_cancelled else "REQUEST"),
            )
        )
    return render_email(
        f"registration-{event}",
        to=registration.email,
        subject_template="activities/emails/registration_subject.txt",
        body_template="activities/emails/registration.txt",
        # Built in the family's language: the links open the pages in it.
        context=lambda: _context(registration, event, base_url, change, occurrence),
        language=registration.language or None,
        attachments=attachments,
    )


def _registration(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related(
            "occurrence__activity", "occurrence__place__commune", "occurrence__closure"
        )
        .filter(pk=registration_id)
        .first()
    )


def tell(
    registration: Registration,
    event: str,
    base_url: str | None = None,
    occurrence: Occurrence | None = None,
) -> None:
    """Queue the e-mail once the transaction that wrote the registration commits; `occurrence`
    the session it is about when it is not the registration's own (another of its cycle). A
    family registered by phone alone has no address: texts, if they chose them
    (activities.texts)."""
    text_registration(registration, event, base_url or site_url(), occurrence)
    if not registration.email:
        return
    registration_id = registration.pk
    base_url = base_url or site_url()

    def queue() -> None:
        current = _registration(registration_id)
        if current is None:  # deleted meanwhile (retention): nothing to say
            return
        queue_email(registration_email(current, event, base_url, occurrence=occurrence))
        logger.info("Registration %s: %s e-mail queued", registration_id, event)

    transaction.on_commit(queue)


def tell_session_change(occurrence_ids: Iterable[int], changes: dict[int, SessionChange]) -> None:
    """Every family registered to the sessions (confirmed and waiting) with an address, once the
    change is committed; for a session of a cycle, the families registered to the cycle."""
    ids = list(occurrence_ids)
    if not ids:
        return
    base_url = site_url()
    text_session_change(ids, changes, base_url)

    def queue() -> None:
        anchors = anchors_of(ids)
        sessions = Occurrence.objects.select_related(
            "activity", "place__commune", "closure"
        ).in_bulk(ids)
        registrations = (
            Registration.objects.filter(
                occurrence_id__in=set(anchors.values()),
                status__in=EXPECTING,
            )
            .exclude(email="")
            .select_related(
                "occurrence__activity", "occurrence__place__commune", "occurrence__closure"
            )
            .order_by("occurrence_id", "pk")
        )
        families: dict[int, list[Registration]] = {}
        for registration in registrations:
            families.setdefault(registration.occurrence_id, []).append(registration)
        for pk in ids:
            change = changes[pk]
            for registration in families.get(anchors[pk], []):
                queue_email(
                    registration_email(registration, change.event, base_url, change, sessions[pk])
                )
                logger.info(
                    "Registration %s: %s e-mail queued (session %s)",
                    registration.pk,
                    change.event,
                    pk,
                )

    transaction.on_commit(queue)
