"""core.mail: rendered in the recipient's language, sent by the task, never failing the caller."""

from __future__ import annotations

import pytest
from django.core import mail

from core.mail import Attachment, Email, queue_email, render_email

pytestmark = pytest.mark.django_db


def test_queued_email_is_sent_with_its_headers_and_attachment():
    queue_email(
        Email(
            kind="test",
            to=("parent@example.org",),
            subject="Bonjour\nà vous",
            body="Corps",
            headers={"List-Unsubscribe": "<https://example.org/u/1>"},
            attachments=(Attachment("session.ics", "BEGIN:VCALENDAR", "text/calendar"),),
        )
    )
    (sent,) = mail.outbox
    assert sent.to == ["parent@example.org"]
    assert sent.subject == "Bonjour à vous"
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.org/u/1>"
    assert sent.attachments[0][0] == "session.ics"


def test_render_email_uses_the_language_asked(tmp_path, settings):
    (tmp_path / "s.txt").write_text("{% load i18n %}{% get_current_language as l %}{{ l }}")
    (tmp_path / "b.txt").write_text("{{ who }}")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    email = render_email(
        "test",
        to="a@example.org",
        subject_template="s.txt",
        body_template="b.txt",
        context={"who": "Anna"},
        language="nl",
    )
    assert (email.subject, email.body, email.to) == ("nl", "Anna", ("a@example.org",))


def test_a_refusing_mail_server_does_not_fail_the_caller(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    queue_email(Email(kind="test", to=("a@example.org",), subject="s", body="b"))
    assert mail.outbox == []
