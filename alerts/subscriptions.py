"""Setting an alert, confirming it (double opt-in) and ending it.

The confirmation link is signed and expires after `ALERTS["confirm_hours"]`, as the unconfirmed
address itself (`manage.py purge_alerts`). Unsubscribing deletes the row: the address is gone.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from alerts.models import Alert
from core.mail import queue_email, render_email
from core.recipients import may_send

logger = logging.getLogger(__name__)

CONFIRM_SALT = "alerts.confirm"


def confirm_hours() -> int:
    return settings.ALERTS["confirm_hours"]


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def confirm_url(alert: Alert, base_url: str) -> str:
    """In the alert's language, as every link its e-mails carry (/nl/…, /en/…)."""
    token = signing.dumps(alert.key, salt=CONFIRM_SALT, compress=True)
    with translation.override(alert.language or None):
        return absolute(base_url, reverse("alerts:confirm", args=[token]))


def unsubscribe_url(alert: Alert, base_url: str) -> str:
    with translation.override(alert.language or None):
        return absolute(base_url, reverse("alerts:unsubscribe", args=[alert.key]))


def unsubscribe_headers(alert: Alert, base_url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail clients offer "unsubscribe", and a POST to the link ends
    the alert without opening a page."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(alert, base_url)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@dataclass(frozen=True)
class Subscribed:
    """What became of a subscription: `alert` (None when nothing was kept), and `held` when the
    confirmation was not sent because one went to this address a moment ago (`core.recipients`:
    the page then says it was already sent)."""

    alert: Alert | None
    held: bool = False


def subscribe(email: str, view: str, query: str, language: str, base_url: str) -> Subscribed:
    """The alert for this address and search, new or found again; unless already confirmed, a
    confirmation e-mail is queued (again), after the row is committed, if the address may be
    written to now (`core.recipients.may_send`, whoever asks); if not, nothing is kept or sent."""
    email = email.strip().lower()
    with transaction.atomic():
        alert = Alert.objects.filter(email=email, view=view, query=query).first()
        if alert is not None and alert.confirmed_at is not None:
            logger.info("Alert %s set (confirmed: True)", alert.pk)
            return Subscribed(alert)
        if not may_send("alert", email):
            logger.info("Alert confirmation held back: one was sent to this address a moment ago")
            return Subscribed(alert, held=True)
        if alert is None:
            try:
                with transaction.atomic():
                    alert = Alert.objects.create(
                        email=email, view=view, query=query, language=language
                    )
            except IntegrityError:
                # The same form sent twice at once: the other request made it.
                alert = Alert.objects.get(email=email, view=view, query=query)
        if alert.confirmed_at is None:
            Alert.objects.filter(pk=alert.pk).update(language=language)
            alert.language = language
            transaction.on_commit(lambda: send_confirmation(alert, base_url))
    logger.info("Alert %s set (confirmed: %s)", alert.pk, alert.confirmed_at is not None)
    return Subscribed(alert)


def send_confirmation(alert: Alert, base_url: str) -> None:
    queue_email(
        render_email(
            "alert-confirm",
            to=alert.email,
            subject_template="alerts/emails/confirm_subject.txt",
            body_template="alerts/emails/confirm.txt",
            context={
                "confirm_url": confirm_url(alert, base_url),
                "unsubscribe_url": unsubscribe_url(alert, base_url),
                "hours": confirm_hours(),
            },
            language=alert.language,
            headers=unsubscribe_headers(alert, base_url),
        )
    )


def alert_for_confirmation(token: str) -> Alert | None:
    """The alert a confirmation link names, if the link is genuine and not expired."""
    try:
        key = signing.loads(token, salt=CONFIRM_SALT, max_age=timedelta(hours=confirm_hours()))
    except signing.BadSignature:
        return None
    if not isinstance(key, str):
        return None
    return Alert.objects.filter(key=key).first()


def confirm(alert: Alert) -> None:
    """Confirmed from now: the first digest tells what is published after this moment."""
    if alert.confirmed_at is None:
        alert.confirmed_at = timezone.now()
        Alert.objects.filter(pk=alert.pk, confirmed_at=None).update(confirmed_at=alert.confirmed_at)
        logger.info("Alert %s confirmed", alert.pk)


# What `new_key` makes (secrets.token_urlsafe): anything else names no alert, and is never sent
# to the database (PostgreSQL refuses a NUL in text).
KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")


def keyed(key: str) -> QuerySet[Alert]:
    """The alert an unsubscribe link names, if any."""
    if not KEY.fullmatch(key):
        return Alert.objects.none()
    return Alert.objects.filter(key=key)


def unsubscribe(key: str) -> bool:
    """Deletes the alert, address and all; False when there was none (already gone)."""
    deleted, _ = keyed(key).delete()
    if deleted:
        logger.info("An alert was deleted by its unsubscribe link")
    return bool(deleted)


def purge_unconfirmed(now=None) -> int:
    """Deletes the addresses never confirmed within the delay; returns how many."""
    limit = (now or timezone.now()) - timedelta(hours=confirm_hours())
    deleted, _ = Alert.objects.filter(confirmed_at=None, created_at__lt=limit).delete()
    return deleted
