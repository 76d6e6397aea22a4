"""Partners' webhooks: every publication, change and removal of a public record is POSTed to each
active endpoint ONE staff registered in the admin (`WebhookEndpoint`), signed as the Standard
Webhooks specification says (https://www.standardwebhooks.com/): headers `webhook-id`,
`webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`
with the endpoint's secret (the base64 after "whsec_"). The body says what changed, not the
record: the partner reads it from the API, through the public record.

Each POST leaves through the task queue once the transaction commits; a failure (no answer in
10 s, a refused connection, any status but 2xx) is tried again later with `run_after`, after 1,
5, 30 minutes, 2, 8 and 24 hours (the same event id and body: a partner may receive one twice,
and keeps the first), then dropped: the change feed (`cursor`) is what a partner catches up
with. Only the kind of event and the endpoint's outcome are logged."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import uuid
from datetime import timedelta

import requests
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.models import WebhookEndpoint

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=8),
    timedelta(hours=24),
)


def signature(secret: str, event_id: str, timestamp: int, body: str) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{event_id}.{timestamp}.{body}".encode()
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def event_body(kind: str, data: dict) -> tuple[str, str]:
    """(event id, JSON body) of an event of `kind` ("place.changed")."""
    event_id = f"evt_{uuid.uuid4().hex}"
    body = {"type": kind, "timestamp": timezone.now().isoformat(), "data": data}
    return event_id, json.dumps(body, separators=(",", ":"), ensure_ascii=False)


def announce(kind: str, data: dict) -> None:
    """Tell every active endpoint, once the transaction commits (nothing if it rolls back)."""
    event_id, body = event_body(kind, data)

    def enqueue() -> None:
        for endpoint in WebhookEndpoint.objects.filter(active=True).only("pk"):
            deliver_webhook.enqueue(endpoint_id=endpoint.pk, event_id=event_id, body=body)

    transaction.on_commit(enqueue)


def post(endpoint: WebhookEndpoint, event_id: str, body: str) -> str | None:
    """None when the endpoint took it (2xx), else what went wrong, in a few words."""
    timestamp = int(timezone.now().timestamp())
    headers = {
        "content-type": "application/json",
        "webhook-id": event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(endpoint.secret, event_id, timestamp, body),
    }
    try:
        response = requests.post(
            endpoint.url,
            data=body.encode(),
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            allow_redirects=False,
        )
    except requests.RequestException as error:
        return type(error).__name__
    return None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"


@task()
def deliver_webhook(endpoint_id: int, event_id: str, body: str, attempt: int = 1) -> str:
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id, active=True).first()
    if endpoint is None:
        return "skipped"
    failure = post(endpoint, event_id, body)
    endpoint.last_attempt_at = timezone.now()
    endpoint.last_outcome = failure or "OK"
    endpoint.save(update_fields=["last_attempt_at", "last_outcome"])
    kind = json.loads(body)["type"]
    if failure is None:
        logger.info("Webhook sent: %s to endpoint %d", kind, endpoint_id)
        return "sent"
    if attempt > len(RETRY_DELAYS) or not deliver_webhook.get_backend().supports_defer:
        logger.error("Webhook dropped: %s to endpoint %d (%s)", kind, endpoint_id, failure)
        return "failed"
    when = timezone.now() + RETRY_DELAYS[attempt - 1]
    deliver_webhook.using(run_after=when).enqueue(
        endpoint_id=endpoint_id, event_id=event_id, body=body, attempt=attempt + 1
    )
    logger.warning(
        "Webhook not sent: %s to endpoint %d, attempt %d (%s)", kind, endpoint_id, attempt, failure
    )
    return "retrying"
