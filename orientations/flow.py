"""An orientation's life: sent (the place told), answered — accepted, refused with a reason, or
put on the waiting list — (the professional told each time, the family when they agreed to be
contacted), reminded then expired when the place does not answer, and its family's fields cleared
after the retention period. Logs name orientations by id only."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from orientations.mails import tell_family, tell_place, tell_professional
from orientations.models import ANSWERED_STATUSES, Orientation, Status

logger = logging.getLogger(__name__)

# The family's fields, cleared by `anonymise`; what stays is the place, the professional, the
# reason, the statuses and their dates: the counts.
FAMILY_FIELDS = {
    "family_name": "",
    "family_email": "",
    "family_phone": "",
    "children_ages": "",
    "languages_spoken": "",
    "note": "",
    "answer_note": "",
}


def send(orientation: Orientation) -> Orientation:
    with transaction.atomic():
        orientation.save()
        tell_place(orientation, "orientation_new")
    logger.info("orientation %s sent to place %s", orientation.pk, orientation.place_id)
    return orientation


def answer(orientation: Orientation, status: str, *, refusal_reason: str = "", note: str = ""):
    """The place's answer. An orientation on the waiting list may still be accepted or
    refused; an accepted, refused or expired one is over."""
    with transaction.atomic():
        locked = Orientation.objects.select_for_update().get(pk=orientation.pk)
        if not locked.is_open or status == locked.status:
            return False
        locked.status = status
        locked.refusal_reason = refusal_reason if status == Status.REFUSED else ""
        locked.answer_note = note
        locked.answered_at = timezone.now()
        locked.save(update_fields=["status", "refusal_reason", "answer_note", "answered_at"])
        tell_professional(locked)
        tell_family(locked)
    logger.info("orientation %s answered: %s", locked.pk, status)
    return True


def remind_and_expire(now=None) -> tuple[int, int]:
    """The places reminded of orientations unanswered for a while, and the orientations left
    unanswered past the delay expired (their professional told). Returns (reminded, expired)."""
    now = now or timezone.now()
    days = settings.ORIENTATIONS["expiry_days"]
    before = settings.ORIENTATIONS["reminder_days_before"]
    reminded = 0
    due = Orientation.objects.unanswered().filter(
        reminded_at__isnull=True, created_at__lte=now - timedelta(days=days - before)
    )
    for orientation in due.select_related("place"):
        with transaction.atomic():
            tell_place(orientation, "orientation_reminder")
            Orientation.objects.filter(pk=orientation.pk).update(reminded_at=now)
        reminded += 1
    expired = 0
    late = Orientation.objects.unanswered().filter(created_at__lte=now - timedelta(days=days))
    for orientation in late.select_related("place", "professional"):
        with transaction.atomic():
            orientation.status = Status.EXPIRED
            orientation.expired_at = now
            orientation.save(update_fields=["status", "expired_at"])
            tell_professional(orientation)
        expired += 1
    return reminded, expired


def anonymise(now=None) -> int:
    """Clear the family's fields of orientations answered or expired more than the retention
    period ago; how many. An orientation on the waiting list is still open: kept whole."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.ORIENTATIONS["retention_days"])
    over = Orientation.objects.filter(anonymised_at__isnull=True).filter(
        status__in=ANSWERED_STATUSES, answered_at__lte=since
    ) | Orientation.objects.filter(
        anonymised_at__isnull=True, status=Status.EXPIRED, expired_at__lte=since
    )
    count = over.update(**FAMILY_FIELDS, anonymised_at=now)
    return count
