"""What families who chose text messages are told by SMS, beside the e-mails of
activities.notifications: their registration confirmed (once their number is confirmed by its
code), on the waiting list, promoted, the day-before reminder, and their session cancelled,
moved, changed or back on. A family's own cancellation and « found again » are not texted: the
page says them, and a stranger's typing must not reach someone's phone.

Each text is written in the family's language (`Registration.language`), in GSM-7 where nothing
is lost, in one 160-character part where possible: the activity's title is cut, the link
dropped, before the facts (core.sms.fit_one_part). Sent through core.texting's queue once the
transaction commits, billed to the place's first programme.

Nothing personal is logged: the registration's id and the kind of text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Protocol

from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _

from activities.choices import EXPECTING, RegistrationStatus
from activities.cycles import anchors_of
from activities.models import Occurrence, Registration
from activities.registration_links import manage_url, offer_url
from core.sms import Text, fit_one_part
from core.texting import Sender, queue_text

logger = logging.getLogger(__name__)

TEXTED_EVENTS = {
    "registered",
    "offered",
    "offer_expired",
    "promoted",
    "reminder",
    "session_cancelled",
    "session_moved",
    "session_changed",
    "session_restored",
}


def _template(event: str, status: str) -> str:
    """The text's words; %(title)s is the piece cut to fit."""
    if event == "registered" and status == RegistrationStatus.WAITING:
        return _(
            "Liste d'attente : %(title)s, %(when)s. Si une place se libère, elle est pour vous "
            "et nous vous prévenons."
        )
    return {
        "registered": _("Inscription confirmée : %(title)s, %(when)s, %(place)s."),
        "offered": _("Place libre pour vous : %(title)s, %(when)s. Répondez avant le %(until)s :"),
        "offer_expired": _(
            "Sans réponse à temps, la place est allée à la famille suivante : %(title)s, %(when)s."
        ),
        "promoted": _(
            "Une place s'est libérée, inscription confirmée : %(title)s, %(when)s, %(place)s."
        ),
        "reminder": _("Rappel : demain %(when)s, %(title)s, %(place)s."),
        "session_cancelled": _("Séance annulée : %(title)s, %(when)s."),
        "session_moved": _("Séance déplacée : %(title)s, maintenant %(when)s, %(place)s."),
        "session_moved_from": _(
            "Séance déplacée : %(title)s, avant %(before)s, maintenant %(when)s, %(place)s."
        ),
        "session_changed": _("Séance modifiée (lieu ou détails) : %(title)s, %(when)s."),
        "session_restored": _("La séance a bien lieu : %(title)s, %(when)s, %(place)s."),
    }[event]


def fit_template(template: str, values: Mapping[str, str], optional: str = "") -> Text:
    before, after = template.split("%(title)s", 1)
    return fit_one_part(before % values, values["title"], after % values, optional)


class Change(Protocol):
    """What changed in a session (activities.notifications.SessionChange)."""

    event: str
    previous_start: datetime | None


def registration_text(
    registration: Registration,
    event: str,
    base_url: str,
    occurrence: Occurrence | None = None,
    previous_start: datetime | None = None,
) -> Text:
    """The text, written now in the family's language; `occurrence` the session it is about when
    it is not the registration's own (another session of its cycle), `previous_start` where a
    moved session was."""
    occurrence = occurrence or registration.occurrence
    tz = occurrence.place.time_zone
    with translation.override(registration.language or None):
        values = {
            "title": occurrence.activity.title,
            "when": formats.date_format(occurrence.local_start, "D d/m H:i"),
            "place": occurrence.place.title[:40],
            "until": "",
        }
        template = _template(event, registration.status)
        if event == "session_moved" and previous_start is not None:
            values["before"] = formats.date_format(previous_start.astimezone(tz), "D d/m H:i")
            template = _template("session_moved_from", registration.status)
        if event == "offered":
            values["until"] = formats.date_format(
                registration.offer_expires_at.astimezone(tz), "d/m H:i"
            )
            # The answer's link is the text's point: never the piece dropped to fit.
            link = " " + offer_url(registration, base_url)
            return fit_template(template + link, values)
        link = ""
        if event in {"registered", "promoted", "session_changed"}:
            link = " " + manage_url(registration, base_url)
        return fit_template(template, values, link)


def code_text(code: str, minutes: int, language: str | None) -> Text:
    with translation.override(language or None):
        return fit_one_part(
            _("Votre code Rencontres : %(code)s. Tapez-le dans les %(minutes)d minutes.")
            % {"code": code, "minutes": minutes},
            "",
        )


def programme_of(registration: Registration) -> int | None:
    """The programme billed: the place's first."""
    return (
        registration.occurrence.place.programmes.order_by("pk").values_list("pk", flat=True).first()
    )


def sender_of(registration: Registration) -> Sender:
    return Sender(
        programme_id=programme_of(registration),
        place_id=registration.occurrence.place_id,
        registration_id=registration.pk,
    )


def send_text(registration: Registration, kind: str, text: Text) -> None:
    queue_text(kind, registration.phone, text, sender_of(registration))
    logger.info("Registration %s: %s text queued", registration.pk, kind)


def wants_texts(registration: Registration) -> bool:
    """Texts go to a number the family confirmed: none while its code waits."""
    if not (registration.texts and registration.phone):
        return False
    return (
        not type(registration)
        .objects.filter(pk=registration.pk, phone_check__isnull=False)
        .exists()
    )


def _current(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related(
            "occurrence__activity", "occurrence__place", "occurrence__closure"
        )
        .filter(pk=registration_id)
        .first()
    )


def text_registration(
    registration: Registration,
    event: str,
    base_url: str,
    occurrence: Occurrence | None = None,
) -> None:
    """Queue the text once the transaction that wrote the registration commits; `occurrence` as
    `registration_text` takes it."""
    if event not in TEXTED_EVENTS or not registration.texts:
        return
    registration_id = registration.pk

    def queue() -> None:
        current = _current(registration_id)
        if current is None or not wants_texts(current):
            return
        text = registration_text(current, event, base_url, occurrence)
        send_text(current, f"registration-{event}", text)

    transaction.on_commit(queue)


def text_session_change(
    occurrence_ids: Iterable[int], changes: Mapping[int, Change], base_url: str
):
    """Every family registered to the sessions (confirmed and waiting) who chose texts; for a
    session of a cycle, the families registered to the cycle."""
    ids = list(occurrence_ids)

    def queue() -> None:
        anchors = anchors_of(ids)
        sessions = Occurrence.objects.select_related("activity", "place").in_bulk(ids)
        registrations = (
            Registration.objects.filter(
                occurrence_id__in=set(anchors.values()),
                texts=True,
                phone_check__isnull=True,
                status__in=EXPECTING,
            )
            .exclude(phone="")
            .select_related("occurrence__activity", "occurrence__place", "occurrence__closure")
            .order_by("occurrence_id", "pk")
        )
        families: dict[int, list[Registration]] = {}
        for registration in registrations:
            families.setdefault(registration.occurrence_id, []).append(registration)
        for pk in ids:
            change = changes[pk]
            for registration in families.get(anchors[pk], []):
                text = registration_text(
                    registration, change.event, base_url, sessions[pk], change.previous_start
                )
                send_text(registration, f"registration-{change.event}", text)

    if ids:
        transaction.on_commit(queue)
