"""core.mail's delivery: transient failures retried later through the queue (run_after, never a
sleep), permanent ones failed at once and kept for ONE staff, and no message sent twice."""

from __future__ import annotations

import smtplib
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.mail import (
    Email,
    deliver_email,
    is_transient,
    message_payload,
    purge_deliveries,
    queue_email,
    resend,
    retry_delay,
)
from core.models import MailDelivery, MailState
from core.worker import ResilientWorker
from tests.worker_connections import keep_the_test_connection

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def test_connection_kept(monkeypatch):
    keep_the_test_connection(monkeypatch)


EMAIL = Email(kind="test", to=("parent@example.org",), subject="Sujet", body="Corps")


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_ready_tasks() -> None:
    """What the worker does with the tasks due now (then it exits: batch)."""
    ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def failing_send(monkeypatch):
    """The mail server's answer to the next sends: an exception, or None to accept."""
    answers: list[BaseException | None] = []
    accept = mail.EmailMessage.send

    def send(message, fail_silently=False):
        error = answers.pop(0) if answers else None
        if error is not None:
            raise error
        return accept(message, fail_silently)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    return answers


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError("timed out"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        smtplib.SMTPConnectError(421, b"busy"),
        smtplib.SMTPResponseException(451, b"try later"),
        smtplib.SMTPDataError(452, b"insufficient storage"),
        smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"mailbox busy")}),
    ],
)
def test_transient_failures(error):
    assert is_transient(error)


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPResponseException(554, b"rejected"),
        smtplib.SMTPSenderRefused(550, b"no", "site@example.org"),
        smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}),
        smtplib.SMTPRecipientsRefused(
            {"a@example.org": (450, b"busy"), "b@example.org": (550, b"no such user")}
        ),
        smtplib.SMTPNotSupportedError("no STARTTLS"),
    ],
)
def test_permanent_failures(error):
    assert not is_transient(error)


def test_retry_delays_double_from_a_minute_up_to_four_hours():
    minutes = [retry_delay(n).total_seconds() / 60 for n in range(1, 12)]
    assert minutes[:5] == [1, 2, 4, 8, 16]
    assert max(minutes) == 240


def test_a_transient_failure_queues_the_next_attempt_then_it_is_sent(
    database_queue, failing_send, caplog
):
    failing_send.append(ConnectionRefusedError(111, "Connection refused"))
    queue_email(EMAIL)
    run_ready_tasks()

    delivery = MailDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == (MailState.WAITING, 1)
    assert delivery.message is None  # the address travels in the queued task only
    assert "ConnectionRefusedError" in delivery.last_error
    (waiting,) = DBTaskResult.objects.ready() | DBTaskResult.objects.filter(
        status="READY", run_after__gt=timezone.now()
    )
    assert timedelta(seconds=55) < waiting.run_after - timezone.now() <= timedelta(seconds=60)
    assert mail.outbox == []
    assert "parent@example.org" not in caplog.text

    # Not due yet: the worker leaves it; due: it is sent, under the same key.
    run_ready_tasks()
    assert mail.outbox == []
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())
    run_ready_tasks()
    assert [m.to for m in mail.outbox] == [["parent@example.org"]]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.message) == (MailState.SENT, 2, None)


def test_a_permanent_refusal_fails_at_once_kept_for_staff(database_queue, failing_send):
    failing_send.append(smtplib.SMTPRecipientsRefused({"parent@example.org": (550, b"unknown")}))
    queue_email(EMAIL)
    run_ready_tasks()
    delivery = MailDelivery.objects.get()
    assert delivery.state == MailState.FAILED
    assert delivery.last_error == "SMTPRecipientsRefused 550"
    assert delivery.message["to"] == ["parent@example.org"]
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_transient_failures_past_the_window_fail(database_queue, failing_send):
    key = uuid.uuid4()
    MailDelivery.objects.create(
        key=key,
        kind="test",
        state=MailState.WAITING,
        attempts=12,
        first_attempt_at=timezone.now() - timedelta(hours=23),
    )
    failing_send.append(smtplib.SMTPResponseException(421, b"busy"))
    deliver_email.call(key=str(key), **message_payload(EMAIL))
    delivery = MailDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == (MailState.FAILED, 13)
    assert not DBTaskResult.objects.exists()


def test_a_key_is_never_sent_twice():
    key = str(uuid.uuid4())
    assert deliver_email.call(key=key, **message_payload(EMAIL)) == MailState.SENT
    assert deliver_email.call(key=key, **message_payload(EMAIL)) == "skipped"
    assert len(mail.outbox) == 1


def test_an_attempt_cut_short_mid_send_is_not_sent_again():
    """A worker lost between "sending" and "sent": the server may have taken the message."""
    key = uuid.uuid4()
    MailDelivery.objects.create(key=key, kind="test", state=MailState.SENDING, attempts=1)
    assert deliver_email.call(key=str(key), **message_payload(EMAIL)) == "skipped"
    assert mail.outbox == []


def test_a_failed_message_is_resent_once(failing_send):
    failing_send.append(smtplib.SMTPResponseException(554, b"rejected"))
    queue_email(EMAIL)
    delivery = MailDelivery.objects.get()
    assert delivery.state == MailState.FAILED
    assert resend(delivery)
    assert not resend(delivery)
    assert [m.to for m in mail.outbox] == [["parent@example.org"]]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.message) == (MailState.RESENT, None)
    assert MailDelivery.objects.filter(state=MailState.SENT).count() == 1


def test_a_failed_message_is_forgotten_after_its_retention():
    old = timezone.now() - timedelta(days=31)
    kept = {"kind": "test", "to": ["a@example.org"]}
    MailDelivery.objects.create(
        key=uuid.uuid4(), kind="test", state=MailState.FAILED, message=kept, last_attempt_at=old
    )
    MailDelivery.objects.create(key=uuid.uuid4(), kind="test", state=MailState.FAILED, message=kept)
    MailDelivery.objects.create(
        key=uuid.uuid4(), kind="test", state=MailState.SENT, last_attempt_at=old - timedelta(30)
    )
    assert purge_deliveries() == (1, 1)
    assert MailDelivery.objects.filter(message__isnull=False).count() == 1
