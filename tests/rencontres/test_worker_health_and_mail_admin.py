"""/healthz reports the task worker's heartbeat and the oldest ready task; ONE staff see the
undelivered e-mails and resend them, nobody else does."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.mail import Email, queue_email
from core.models import MailDelivery, MailState, WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_without_a_worker(client):
    body = client.get("/healthz").json()
    assert (body["worker"], body["oldest_ready_task_seconds"]) == ("not seen", None)


def test_healthz_reports_a_live_worker_and_the_oldest_ready_task(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    WorkerHeartbeat.objects.create(worker_id="w", beat_at=timezone.now())
    queue_email(Email(kind="test", to=("a@example.org",), subject="s", body="b"))
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(seconds=90))
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["worker"] == "ok"
    assert 89 <= body["oldest_ready_task_seconds"] <= 100


def test_healthz_says_a_late_worker_still_200(client):
    WorkerHeartbeat.objects.create(worker_id="w", beat_at=timezone.now() - timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] == "late"


@pytest.fixture
def failed_email(monkeypatch):
    def refuse(message, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({"parent@example.org": (550, b"unknown")})

    with monkeypatch.context() as patched:
        patched.setattr(mail.EmailMessage, "send", refuse)
        queue_email(Email(kind="registration", to=("parent@example.org",), subject="s", body="b"))
    return MailDelivery.objects.get(state=MailState.FAILED)


def test_staff_see_and_resend_a_failed_email(client, staff_member, failed_email):
    client.force_login(staff_member)
    listing = client.get(reverse("rencontres_undelivered_mail"))
    assert listing.status_code == 200
    assert b"parent@example.org" in listing.content
    assert b"SMTPRecipientsRefused 550" in listing.content
    assert reverse("rencontres_undelivered_mail") in client.get(reverse("wagtailadmin_home")).text

    resend_url = reverse("rencontres_undelivered_mail_resend", args=[failed_email.pk])
    assert client.post(resend_url).status_code == 302
    assert [m.to for m in mail.outbox] == [["parent@example.org"]]
    failed_email.refresh_from_db()
    assert (failed_email.state, failed_email.message) == (MailState.RESENT, None)
    # Gone from the list; a second resend sends nothing.
    assert b"parent@example.org" not in client.get(reverse("rencontres_undelivered_mail")).content
    client.post(resend_url)
    assert len(mail.outbox) == 1


def test_others_may_not_see_nor_resend(client, organiser_a, failed_email):
    client.force_login(organiser_a)
    # Wagtail's admin answers a refusal by sending back to its home page.
    listing = client.get(reverse("rencontres_undelivered_mail"))
    assert listing.status_code == 302
    assert (
        reverse("rencontres_undelivered_mail") not in client.get(reverse("wagtailadmin_home")).text
    )
    resend_url = reverse("rencontres_undelivered_mail_resend", args=[failed_email.pk])
    assert client.post(resend_url).status_code == 302
    assert mail.outbox == []
    failed_email.refresh_from_db()
    assert failed_email.state == MailState.FAILED
