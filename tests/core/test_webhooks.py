"""Partners' webhooks (core.webhooks), against a real HTTP server on this machine (the standard
library's, in a thread) that checks each signature as a partner would: a place's publication,
change, removal and merge are POSTed once the transaction commits, signed with the endpoint's
secret; a failure is tried again later through the task queue (`run_after`, growing delays),
then dropped."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from django_tasks import task_backends

from core.models import WebhookEndpoint
from core.tombstones import record_removal
from core.webhooks import RETRY_DELAYS, deliver_webhook, event_body
from tests.factories import PlacePageFactory, publish


def verified(secret: str, headers, body: bytes) -> bool:
    """What a partner does: the HMAC-SHA256 of "id.timestamp.body" with the secret's bytes."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    given = [part.split(",", 1)[1] for part in headers["webhook-signature"].split()]
    return any(hmac.compare_digest(expected, one) for one in given)


class Partner:
    """A partner's endpoint: keeps the events whose signature verifies, refuses the others
    (401), and answers 503 to the first `failures` requests."""

    def __init__(self, secret: str):
        self.secret = secret
        self.events: list[dict] = []
        self.ids: list[str] = []
        self.refused = 0
        self.failures = 0
        partner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["content-length"]))
                if partner.failures:
                    partner.failures -= 1
                    status = 503
                elif verified(partner.secret, self.headers, body):
                    partner.events.append(json.loads(body))
                    partner.ids.append(self.headers["webhook-id"])
                    status = 204
                else:
                    partner.refused += 1
                    status = 401
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/rencontres"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def partner(db):
    endpoint = WebhookEndpoint.objects.create(name="Commune de Liège", url="http://invalid/")
    listening = Partner(endpoint.secret)
    endpoint.url = listening.url
    endpoint.save()
    listening.endpoint = endpoint
    yield listening
    listening.stop()


def test_publication_change_removal_and_merge_are_signed_posts(
    partner, commune, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place = publish(PlacePageFactory(commune=commune))
        kept = publish(PlacePageFactory(commune=commune))
    with django_capture_on_commit_callbacks(execute=True):
        publish(place)
    with django_capture_on_commit_callbacks(execute=True):
        place.unpublish()
        record_removal(place, replaced_by=kept)
    assert partner.refused == 0
    kinds = [(event["type"], event["data"]["id"]) for event in partner.events]
    assert kinds == [
        ("place.published", place.pk),
        ("place.published", kept.pk),
        ("place.changed", place.pk),
        ("place.removed", place.pk),
        ("place.removed", place.pk),
    ]
    assert partner.events[-1]["data"]["replaced_by"] == kept.pk
    assert partner.events[0]["data"]["url"].endswith(f"/api/v1/places/{place.pk}/")
    assert len(set(partner.ids)) == len(partner.ids)
    partner.endpoint.refresh_from_db()
    assert partner.endpoint.last_outcome == "OK"


def test_nothing_leaves_when_the_transaction_rolls_back(partner, commune):
    # Without the commit (the test's transaction is rolled back), nothing is enqueued.
    publish(PlacePageFactory(commune=commune))
    assert partner.events == []


def test_a_wrong_secret_does_not_verify(partner, commune, django_capture_on_commit_callbacks):
    partner.secret = "whsec_" + base64.b64encode(b"another partner's secret bytes!!").decode()
    with django_capture_on_commit_callbacks(execute=True):
        publish(PlacePageFactory(commune=commune))
    assert partner.events == [] and partner.refused == 1


@pytest.fixture
def deferred_queue(settings):
    """A queue that can defer (the immediate one of the tests cannot): tasks are kept, not run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    yield backend
    backend.clear()


def test_a_failure_is_tried_again_later_with_the_same_event(partner, deferred_queue):
    partner.failures = 2
    event_id, body = event_body("place.changed", {"id": 7})
    endpoint = partner.endpoint.pk
    before = timezone.now()
    assert deliver_webhook.call(endpoint, event_id, body) == "retrying"
    assert deliver_webhook.call(endpoint, event_id, body, attempt=2) == "retrying"
    first, second = deferred_queue.results
    assert first.kwargs["attempt"] == 2 and second.kwargs["attempt"] == 3
    assert first.task.run_after >= before + RETRY_DELAYS[0]
    assert second.task.run_after >= before + RETRY_DELAYS[1] > before + RETRY_DELAYS[0]
    assert second.task.run_after < before + RETRY_DELAYS[1] + timedelta(minutes=1)
    partner.endpoint.refresh_from_db()
    assert partner.endpoint.last_outcome == "HTTP 503"
    assert deliver_webhook.call(**second.kwargs) == "sent"
    assert partner.ids == [event_id] and partner.events[0]["data"] == {"id": 7}


def test_after_the_last_delay_the_event_is_dropped(partner, deferred_queue):
    partner.failures = 1
    event_id, body = event_body("place.removed", {"id": 7})
    last = len(RETRY_DELAYS) + 1
    assert deliver_webhook.call(partner.endpoint.pk, event_id, body, attempt=last) == "failed"
    assert deferred_queue.results == []


def test_an_inactive_endpoint_is_not_told(partner, commune, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.filter(pk=partner.endpoint.pk).update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish(PlacePageFactory(commune=commune))
    assert partner.events == []
