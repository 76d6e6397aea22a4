"""The e-mails an orientation sends, through the site's one delivery (core.mail: the task queue,
retries, never twice). The place and the professional are sent a link into the admin and the
status, never the family's details, which stay behind the sign-in. The family is written to in
the language they chose, only if they agreed to be contacted and gave an address, and at most
`ORIENTATIONS["family_messages_per_day"]` times a day per address, whoever sent the orientation."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from core.mail import queue_email, render_email
from core.recipients import may_send
from organisers.freshness import organiser_addresses
from orientations.address import address_given_after_acceptance
from orientations.models import Orientation, RefusalReason, Status

logger = logging.getLogger(__name__)


def admin_url(name: str, *args) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse(name, args=args)


def _queue(kind: str, to: str, language: str, context: dict) -> None:
    message = render_email(
        kind,
        to=to,
        subject_template=f"orientations/emails/{kind}_subject.txt",
        body_template=f"orientations/emails/{kind}.txt",
        context=context,
        language=language,
    )
    transaction.on_commit(lambda: queue_email(message))


def tell_place(orientation: Orientation, kind: str) -> int:
    """`orientation_new` or `orientation_reminder` to the place's organisers (their admin's
    language), else to the place's own address; how many were written to."""
    place = orientation.place
    addresses = organiser_addresses([place.pk]).get(place.pk) or (
        [(place.email, settings.LANGUAGE_CODE)] if place.email else []
    )
    context = {
        "place": place.title,
        "url": admin_url("orientations_received_one", orientation.pk),
        "expiry_days": settings.ORIENTATIONS["expiry_days"],
    }
    for email, language in addresses:
        _queue(kind, email, language, context)
    return len(addresses)


def tell_professional(orientation: Orientation) -> None:
    """Every answer (and the expiry), with the address of a place that accepted."""
    professional = orientation.professional
    if professional is None or not professional.email:
        return
    context = {
        "place": orientation.place.title,
        "status": orientation.status,
        "status_label": Status(orientation.status).label,
        # Lazy labels, read in the professional's language when the e-mail is rendered.
        "refusal_reason": (
            RefusalReason(orientation.refusal_reason).label if orientation.refusal_reason else ""
        ),
        "answer_note": orientation.answer_note,
        "address": address_given_after_acceptance(orientation),
        "url": admin_url("orientations_sent_one", orientation.pk),
    }
    _queue("orientation_answered", professional.email, orientation.professional_language, context)


def family_may_be_written_to(email: str) -> bool:
    """Counts one message to the family's address by the one per-recipient cap
    (core.recipients), under the orientations' daily limit: whoever sent the orientation."""
    day = ((settings.ORIENTATIONS["family_messages_per_day"], 24 * 60 * 60),)
    return may_send("orientation", email, limits=day)


def tell_family(orientation: Orientation) -> bool:
    """The place's answer, in the family's language; False when not sent (no consent, no
    address, or the day's cap for that address reached)."""
    if not orientation.family_may_be_told:
        return False
    email = orientation.family_email
    if not family_may_be_written_to(email):
        # The id only: the address is personal.
        logger.info("orientation %s: family message over the daily cap", orientation.pk)
        return False
    place = orientation.place
    context = {
        "name": orientation.family_name,
        "place": place.title,
        "status": orientation.status,
        "address": address_given_after_acceptance(orientation),
        "phone": place.phone,
        "answer_note": orientation.answer_note,
    }
    _queue("orientation_family", email, orientation.family_language, context)
    return True
