"""Registration e-mails leave through the task queue: a mail server that refuses never fails
the request that saved the registration; the same family (e-mail or phone) never takes a
second seat."""

import socket
import socketserver
import threading
from datetime import timedelta

import pytest
from django.core import mail

from activities.models import Occurrence, Registration
from activities.registration_links import registration_for_token
from tests.activities.conftest import WORKSHOP_DAY
from tests.activities.registering import family, manage_link, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]


@pytest.fixture
def session(clock, place, workshop_at):
    workshop = workshop_at(place, capacity=10)
    return Occurrence.objects.get(activity=workshop, date=WORKSHOP_DAY)


class RefusingSMTP(socketserver.StreamRequestHandler):
    """An SMTP server that answers every connection "554 no service" and hangs up."""

    def handle(self):
        self.wfile.write(b"554 5.3.2 No SMTP service here\r\n")


@pytest.fixture
def refusing_smtp(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), RefusingSMTP)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.server_address[1]
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.shutdown()
    server.server_close()


def test_a_refusing_mail_server_never_fails_a_saved_registration(
    client, session, refusing_smtp, django_capture_on_commit_callbacks, caplog
):
    response = post(client, session, family(1), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Registration.objects.filter(email="famille1@example.org").count() == 1
    assert "Votre inscription est confirmée" in client.get(response.url).content.decode()
    # The refused e-mail is the task's failure, recorded by the queue, not the family's.
    with socket.create_connection(refusing_smtp.server_address) as probe:
        assert probe.recv(3) == b"554"


def test_a_closed_mail_port_never_fails_a_saved_registration(
    client, session, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 9, False
    response = post(client, session, family(1), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_the_database_queue_keeps_the_email_for_the_worker(
    client, session, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = post(client, session, family(1), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert mail.outbox == []  # not sent by the request
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "core.mail.deliver_email"
    assert queued.args_kwargs["kwargs"]["kind"] == "registration-registered"
    assert queued.args_kwargs["kwargs"]["to"] == ["famille1@example.org"]


def test_the_same_email_finds_the_registration_instead_of_another_seat(
    client, clock, session, django_capture_on_commit_callbacks
):
    first = post(client, session, family(1), django_capture_on_commit_callbacks)
    assert first.status_code == 302
    mail.outbox.clear()
    # Past the hour in which one message reaches an address (tests/activities/
    # test_registration_caps.py): the first retry sends the link again, the others nothing.
    clock.shift(timedelta(hours=1, minutes=1))
    codes = []
    for attempt in range(12):
        data = family(100 + attempt, email="FAMILLE1@example.org ")
        response = post(client, session, data, django_capture_on_commit_callbacks)
        codes.append(response.status_code)
    assert set(codes) <= {200, 429}
    assert Registration.objects.count() == 1
    assert session.remaining_places() == 9
    # The link went again to the address the registration was made with, never elsewhere.
    assert [m.to[0] for m in mail.outbox] == ["famille1@example.org"]
    # The same registration's link (signed an hour later: not the same characters).
    token = manage_link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert registration_for_token(token) == Registration.objects.get()
    assert "existe déjà" in mail.outbox[0].body


def test_the_same_phone_finds_the_registration(
    client, clock, session, django_capture_on_commit_callbacks
):
    post(client, session, family(1, phone="+32 470 12 34 56"), django_capture_on_commit_callbacks)
    clock.shift(timedelta(hours=1, minutes=1))
    response = post(
        client,
        session,
        family(2, phone="0470/12.34.56"),
        django_capture_on_commit_callbacks,
        address="198.51.100.3",
    )
    assert response.status_code == 200
    assert "existe déjà" in response.content.decode()
    assert "Famille 1" not in response.content.decode()
    assert Registration.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["famille1@example.org"]] * 2


def test_a_cancelled_registration_frees_the_address(
    client, session, django_capture_on_commit_callbacks
):
    post(client, session, family(1), django_capture_on_commit_callbacks)
    link = manage_link(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    again = post(client, session, family(1), django_capture_on_commit_callbacks)
    assert again.status_code == 302
    assert Registration.objects.filter(status="confirmed").count() == 1
