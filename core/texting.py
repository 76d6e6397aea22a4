"""Every text message leaves through the task queue, as e-mails do (core.mail): a delivery row
(`core.models.TextDelivery`) with a send key, committed as "sending" before the SMS centre is
asked, so that no attempt sends what another sent; a transient failure (the centre unreachable,
throttling, a full queue) tried again with `run_after` on core.mail's schedule (1, 2, 4…
minutes, for 24 hours); a permanent one marked failed, which the organisers of the place see on
their home (activities.text_failures).

Where it goes (`settings.SMS["backend"]`): "smpp", the SMS centre of `settings.SMS["url"]`
(core.smpp); "console", printed on the standard output (development: no centre configured, as
Django's console e-mail backend); "file", appended to `settings.SMS["file_path"]`; "memory",
kept in `outbox` (tests).

Caps, counted when the text is queued: a programme's texts (parts) in the calendar month at
most its own cap (`objectives.Programme.sms_monthly_cap`, given through `monthly_cap_of`, which
the objectives layer fills), else `settings.SMS["monthly_cap"]` (a text of no programme); past
it the text is recorded "capped" and not sent. And per
number (`number_allows`, through core.recipients' cap): a number gets at most
`settings.SMS["per_number_hourly"]` texts of one kind an hour, whatever asks.

No number in the logs, nor in the delivery row: its fingerprint (core.phones). The task's
arguments carry the number until the worker's finished tasks are purged.
"""

from __future__ import annotations

import logging
import sys
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django_tasks import task

from core.mail import next_attempt_at
from core.models import TextDelivery, TextState
from core.phones import fingerprint
from core.recipients import may_send
from core.smpp import Receipt, SmppCentre, SmppFailure
from core.smpp import send as smpp_send
from core.sms import Text

logger = logging.getLogger(__name__)

# The texts the memory backend kept (tests): (number, body) in sending order.
outbox: list[tuple[str, str]] = []


@dataclass(frozen=True)
class Sender:
    """Whom a text is billed to and told about: ids of higher layers' rows."""

    programme_id: int | None = None
    place_id: int | None = None
    registration_id: int | None = None


# programme id → its monthly cap (None: the default); filled by the layer that owns programmes
# (objectives.apps), which this one may not import.
_MONTHLY_CAPS: list[Callable[[int], int | None]] = []


def register_monthly_cap(lookup: Callable[[int], int | None]) -> None:
    _MONTHLY_CAPS.append(lookup)


def monthly_cap_of(programme_id: int | None) -> int:
    """The parts a programme may send in a calendar month: its own figure, else the setting."""
    if programme_id is not None:
        for lookup in _MONTHLY_CAPS:
            cap = lookup(programme_id)
            if cap is not None:
                return cap
    return settings.SMS["monthly_cap"]


def month_start(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def parts_this_month(programme_id: int | None, now: datetime | None = None) -> int:
    now = now or timezone.now()
    sent = TextDelivery.objects.filter(
        programme_id=programme_id, created_at__gte=month_start(now)
    ).exclude(state=TextState.CAPPED)
    return sent.aggregate(total=Sum("parts"))["total"] or 0


def number_allows(kind: str, number: str) -> bool:
    """At most `per_number_hourly` texts of a kind to one number an hour, counted by the one
    per-recipient cap (core.recipients) under the texts' own limit."""
    hourly = ((settings.SMS["per_number_hourly"], 3600),)
    return may_send(f"sms-{kind}", number, limits=hourly)


def queue_text(kind: str, number: str, text: Text, sender: Sender) -> TextDelivery:
    """Record the delivery and hand the text to the queue once the transaction commits; a text
    past a cap is recorded "capped" and never sent."""
    recipient = fingerprint(number)
    delivery = TextDelivery(
        key=uuid.uuid4(),
        kind=kind,
        parts=text.parts,
        gsm7=text.gsm7,
        recipient=recipient,
        programme_id=sender.programme_id,
        place_id=sender.place_id,
        registration_id=sender.registration_id,
        state=TextState.WAITING,
    )
    cap = monthly_cap_of(sender.programme_id)
    if parts_this_month(sender.programme_id) + text.parts > cap:
        delivery.state = TextState.CAPPED
        delivery.save()
        logger.warning("Text not sent: %s, the programme's monthly cap (%d) is reached", kind, cap)
        return delivery
    if not number_allows(kind, number):
        delivery.state = TextState.CAPPED
        delivery.last_error = "per number cap"
        delivery.save()
        logger.warning("Text not sent: %s, already sent to this number this hour", kind)
        return delivery
    delivery.save()
    payload = {"kind": kind, "to": number, "body": text.body, "key": str(delivery.key)}
    transaction.on_commit(lambda: deliver_text.enqueue(**payload))
    return delivery


# -- Backends ---------------------------------------------------------------------------------


def smpp_configured() -> bool:
    return settings.SMS["backend"] == "smpp"


def centre() -> SmppCentre:
    return SmppCentre.from_url(settings.SMS["url"], source=settings.SMS["source"])


def record_receipt(receipt: Receipt) -> None:
    """A delivery receipt: the text delivered, or failed (its place's organisers see it)."""
    state = TextState.DELIVERED if receipt.delivered else TextState.FAILED
    changed = TextDelivery.objects.filter(message_id=receipt.message_id).exclude(
        state=TextState.FAILED
    )
    fields = {"state": state}
    if not receipt.delivered:
        fields["last_error"] = f"receipt {receipt.state}"
    if changed.update(**fields):
        logger.info("Text receipt: %s", receipt.state)


def send_now(number: str, body: str, on_receipt=None) -> list[str]:
    """The text handed to the configured backend; the SMS centre's ids (SMPP only)."""
    backend = settings.SMS["backend"]
    if backend == "smpp":
        return smpp_send(
            centre(), number, body, on_receipt=on_receipt, listen=settings.SMS["listen_seconds"]
        )
    if backend == "memory":
        outbox.append((number, body))
    elif backend == "file":
        with open(settings.SMS["file_path"], "a", encoding="utf-8") as file:
            file.write(f"To: {number}\n{body}\n\n")
    else:
        sys.stdout.write(f"-- SMS to {number} --\n{body}\n\n")
        sys.stdout.flush()
    return []


def _start_attempt(key: str) -> TextDelivery | None:
    with transaction.atomic():
        delivery = TextDelivery.objects.select_for_update().filter(key=key).first()
        if delivery is None or delivery.state != TextState.WAITING:
            return None
        delivery.state = TextState.SENDING
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        if delivery.attempts == 1:
            delivery.first_attempt_at = delivery.last_attempt_at
        delivery.save(update_fields=["state", "attempts", "last_attempt_at", "first_attempt_at"])
    return delivery


def _failed(delivery: TextDelivery, payload: Mapping, failure: SmppFailure) -> None:
    now = timezone.now()
    when = next_attempt_at(delivery, now) if failure.transient else None
    if when is not None and not deliver_text.get_backend().supports_defer:
        when = None
    delivery.last_error = failure.summary[:200]
    with transaction.atomic():
        delivery.state = TextState.WAITING if when is not None else TextState.FAILED
        delivery.save(update_fields=["state", "last_error"])
        if when is not None:
            deliver_text.using(run_after=when).enqueue(**payload)
    if when is not None:
        logger.warning("Text not sent: %s (%s), tried again later", payload["kind"], failure)
    else:
        logger.error("Text failed: %s (%s)", payload["kind"], failure)


@task()
def deliver_text(kind: str, to: str, body: str, key: str) -> str:
    delivery = _start_attempt(key)
    if delivery is None:
        logger.info("Text not sent again: %s (already handled)", kind)
        return "skipped"
    payload = {"kind": kind, "to": to, "body": body, "key": key}
    # Receipts read on the same bind are recorded once the row knows its message id.
    receipts: list[Receipt] = []
    try:
        ids = send_now(to, body, receipts.append)
    except SmppFailure as failure:
        _failed(delivery, payload, failure)
        return delivery.state
    TextDelivery.objects.filter(pk=delivery.pk, state=TextState.SENDING).update(
        state=TextState.SENT, last_error="", message_id=(ids[0] if ids else "")[:64]
    )
    logger.info("Text sent: %s", kind)
    for receipt in receipts:
        record_receipt(receipt)
    return TextState.SENT


def forget_registrations(registration_ids) -> int:
    """The registrations' texts forget their number's fingerprint (the registrations go)."""
    return TextDelivery.objects.filter(registration_id__in=list(registration_ids)).update(
        recipient=""
    )
