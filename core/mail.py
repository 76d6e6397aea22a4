"""Every e-mail the site sends leaves through the task queue (django-tasks: its database backend
by default, run by `manage.py run_worker`; immediate in tests), so a mail server that is down or
refuses never fails the request that asked for it.

No message is lost and none is sent twice. Each message has a send key (`queue_email`) and a
delivery row (`core.models.MailDelivery`) marked "sending" and committed before the mail server
is asked: an attempt that finds its key sending, sent, failed or resent sends nothing. A
transient failure (the server unreachable, a timeout, an SMTP 4xx reply) queues the next attempt
with `run_after` — 1, 2, 4… minutes, at most 4 hours apart, for 24 hours from the first attempt
(`settings.MAIL_RETRY_*`) — in the transaction that marks the delivery waiting; the worker never
sleeps on it. A permanent failure (an SMTP 5xx reply) or the window's end marks it failed and
keeps the message, recipients included, for ONE staff to resend (`rencontres/mail_admin.py`)
until `purge_mail_deliveries` clears it (30 days). A sent message's row keeps no address.

The message is rendered when it is queued, in the recipient's language, so the worker needs no
request and no model; what it carries is plain JSON. Nothing personal is logged: only the kind
of message.

Messages are plain text: subject and body are rendered without HTML escaping (a title with an
apostrophe or a `<` stays as written), whatever the template says. A context given as a
function is built in the recipient's language too, so that the links it makes — `reverse()`
under the language's prefix, a page's translation (`core.pages.localized_url`) — open the pages
in that language.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation
from django_tasks import task

from core.models import MailDelivery, MailState
from core.text import single_line

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


@dataclass(frozen=True)
class Email:
    """One message to one or more recipients. `kind` names it in the logs (never an address)."""

    kind: str
    to: tuple[str, ...]
    subject: str
    body: str
    headers: Mapping[str, str] = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()


def render_plain_text(template_name: str, context: Mapping) -> str:
    """A template rendered as plain text: no HTML escaping (an e-mail's subject and body)."""
    template = get_template(template_name)
    # The Django engine's template under the backend's wrapper, rendered with its own Context
    # (the wrapper's `render` would turn autoescape back on).
    return template.template.render(Context(dict(context), autoescape=False))


def render_email(
    kind: str,
    *,
    to: str | Iterable[str],
    subject_template: str,
    body_template: str,
    context: Mapping | Callable[[], Mapping],
    language: str | None = None,
    headers: Mapping[str, str] | None = None,
    attachments: Iterable[Attachment] = (),
) -> Email:
    """Subject and body rendered as plain text from two templates in `language` (the site's
    default when None); the subject is kept on one line whatever the context holds. A callable
    `context` is called in `language`: the links it builds are that language's."""
    with translation.override(language):
        values = dict(context() if callable(context) else context)
        subject = render_plain_text(subject_template, values)
        body = render_plain_text(body_template, values)
    recipients = (to,) if isinstance(to, str) else tuple(to)
    return Email(
        kind=kind,
        to=recipients,
        subject=single_line(subject),
        body=body,
        headers=dict(headers or {}),
        attachments=tuple(attachments),
    )


def queue_email(email: Email) -> None:
    """Hand the message to the task queue; call it from `transaction.on_commit` when the message
    speaks of rows the request is still writing. The message gets its send key here: every
    attempt at it carries the same key, and none sends what another sent."""
    enqueue_delivery(uuid.uuid4(), message_payload(email))


def message_payload(email: Email) -> dict:
    """The message as the task carries it (plain JSON)."""
    return {
        "kind": email.kind,
        "to": list(email.to),
        "subject": single_line(email.subject),
        "body": email.body,
        "headers": dict(email.headers),
        "attachments": [[a.filename, a.content, a.mimetype] for a in email.attachments],
    }


def enqueue_delivery(key: uuid.UUID, payload: Mapping, run_after: datetime | None = None) -> None:
    task = deliver_email if run_after is None else deliver_email.using(run_after=run_after)
    task.enqueue(key=str(key), **payload)


# -- Transient or permanent -------------------------------------------------------------------
#
# Transient: the server could not be reached or said "later" (an SMTP 4xx reply); the message
# was not accepted, another attempt may be. Permanent: a 5xx reply (an address refused, a
# message rejected), or any other SMTP error; trying again would get the same answer.

TRANSIENT_NETWORK_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,  # socket.timeout is TimeoutError
    socket.gaierror,  # a name server that does not answer
)


def is_transient(error: BaseException) -> bool:
    if isinstance(error, TRANSIENT_NETWORK_ERRORS):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return False


def error_summary(error: BaseException) -> str:
    """The error's class and the server's reply code: never its text, which may name the
    recipient."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = ",".join(sorted({str(c) for c, _reply in error.recipients.values()}))
    name = type(error).__name__
    return f"{name} {code}" if code else name


def retry_delay(attempts: int) -> timedelta:
    """The wait before attempt `attempts + 1`: the first delay (settings.MAIL_RETRY_FIRST_DELAY,
    a minute), doubled at each attempt, at most settings.MAIL_RETRY_MAX_DELAY (4 hours)."""
    first = settings.MAIL_RETRY_FIRST_DELAY
    return min(first * 2 ** max(attempts - 1, 0), settings.MAIL_RETRY_MAX_DELAY)


def next_attempt_at(delivery: MailDelivery, now: datetime) -> datetime | None:
    """When to try again, or None when the next attempt would come after the retry window
    (settings.MAIL_RETRY_WINDOW, 24 hours from the first attempt): the message has failed."""
    when = now + retry_delay(delivery.attempts)
    if when > delivery.first_attempt_at + settings.MAIL_RETRY_WINDOW:
        return None
    return when


# -- The task ---------------------------------------------------------------------------------


def start_attempt(key: str, kind: str) -> MailDelivery | None:
    """The delivery, marked as being sent (committed before anything goes to the mail server),
    or None when this key was already sent, is being sent, failed or was resent: an attempt
    never sends a message twice. A "sending" left by an attempt that never finished (the worker
    lost mid-send) stays as it is: whether the server took it is unknown, and the staff list of
    undelivered messages shows it after a while."""
    with transaction.atomic():
        delivery, _created = MailDelivery.objects.select_for_update().get_or_create(
            key=key, defaults={"kind": kind, "attempts": 0}
        )
        if not _created and delivery.state != MailState.WAITING:
            return None
        delivery.state = MailState.SENDING
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        delivery.save(update_fields=["state", "attempts", "last_attempt_at"])
    return delivery


def finish_attempt(delivery: MailDelivery, payload: Mapping, error: BaseException) -> None:
    """After a failed attempt, in one transaction: the next attempt queued with its `run_after`
    (never a sleep in the worker) and the delivery waiting for it; or, when the error is
    permanent, the retry window is over or the queue cannot defer a task, the delivery failed,
    with the message kept for ONE staff to resend."""
    now = timezone.now()
    when = next_attempt_at(delivery, now) if is_transient(error) else None
    if when is not None and not deliver_email.get_backend().supports_defer:
        when = None
    delivery.last_error = error_summary(error)[:200]
    with transaction.atomic():
        if when is not None:
            delivery.state = MailState.WAITING
            delivery.save(update_fields=["state", "last_error"])
            enqueue_delivery(delivery.key, payload, run_after=when)
        else:
            delivery.state = MailState.FAILED
            delivery.message = dict(payload)
            delivery.save(update_fields=["state", "last_error", "message"])
    if when is not None:
        logger.warning(
            "E-mail not sent: %s, attempt %d (%s); next attempt in %d s",
            payload["kind"],
            delivery.attempts,
            delivery.last_error,
            (when - now).total_seconds(),
        )
    else:
        logger.error(
            "E-mail failed: %s, after %d attempt(s) (%s); ONE staff may resend it",
            payload["kind"],
            delivery.attempts,
            delivery.last_error,
        )


@task()
def deliver_email(
    kind: str,
    to: list[str],
    subject: str,
    body: str,
    headers: dict[str, str],
    attachments: list[list[str]],
    key: str,
) -> str:
    delivery = start_attempt(key, kind)
    if delivery is None:
        logger.info("E-mail not sent again: %s (already handled)", kind)
        return "skipped"
    payload = {
        "kind": kind,
        "to": to,
        "subject": subject,
        "body": body,
        "headers": headers,
        "attachments": attachments,
    }
    message = EmailMessage(subject, body, to=to, headers=headers)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    try:
        message.send()
    except (smtplib.SMTPException, *TRANSIENT_NETWORK_ERRORS) as error:
        finish_attempt(delivery, payload, error)
        return delivery.state
    delivery.state = MailState.SENT
    delivery.last_error = ""
    delivery.save(update_fields=["state", "last_error"])
    logger.info("E-mail sent: %s", kind)
    return delivery.state


def resend(delivery: MailDelivery) -> bool:
    """ONE staff's resend of a failed message: a new send (a new key, a new retry window) of
    the message kept; the failed delivery forgets it. False when it is no longer failed."""
    with transaction.atomic():
        locked = MailDelivery.objects.select_for_update().filter(pk=delivery.pk).first()
        if locked is None or locked.state != MailState.FAILED or not locked.message:
            return False
        payload = locked.message
        locked.state = MailState.RESENT
        locked.message = None
        locked.save(update_fields=["state", "message"])
        enqueue_delivery(uuid.uuid4(), payload)
    logger.info("E-mail resent by staff: %s", payload["kind"])
    return True


def purge_deliveries(now: datetime | None = None) -> tuple[int, int]:
    """What the deliveries keep, kept no longer than needed: the failed messages' content (their
    recipients) cleared after settings.MAIL_FAILED_RETENTION (30 days), the rows of handled
    deliveries (sent, failed, resent) deleted after twice that. Returns (cleared, deleted)."""
    now = now or timezone.now()
    retention = settings.MAIL_FAILED_RETENTION
    cleared = MailDelivery.objects.filter(
        message__isnull=False, last_attempt_at__lt=now - retention
    ).update(message=None)
    deleted, _by_model = MailDelivery.objects.filter(
        state__in=[MailState.SENT, MailState.FAILED, MailState.RESENT],
        last_attempt_at__lt=now - 2 * retention,
    ).delete()
    return cleared, deleted
