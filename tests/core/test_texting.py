"""core.texting: texts through the task queue to the SMS centre (the local SMPP server), retried
when it says « later », capped per programme and month and per number and hour, never a
number in the logs or the delivery rows."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import texting
from core.models import TextDelivery, TextState
from core.phones import fingerprint
from core.sms import as_text
from core.texting import Sender, forget_registrations, queue_text
from tests.core.test_mail_delivery import run_ready_tasks
from tests.worker_connections import keep_the_test_connection

pytestmark = pytest.mark.django_db

NUMBER = "+32470123456"


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """Queues a text as a request would: the task handed to the queue once the transaction
    commits (here: the test's callbacks run at the block's end)."""

    def queue(body="Séance confirmée", *, programme=1, kind="registration-registered"):
        with django_capture_on_commit_callbacks(execute=True):
            delivery = queue_text(kind, NUMBER, as_text(body), Sender(programme, 7, 42))
        delivery.refresh_from_db()
        return delivery

    return queue


def test_a_text_reaches_the_centre_and_its_receipt_marks_it_delivered(queue, sms_centre, caplog):
    caplog.set_level(logging.DEBUG)
    delivery = queue()
    (message,) = sms_centre.wait_for(1)
    assert (message.destination, message.text) == ("32470123456", "Séance confirmée")
    delivery.refresh_from_db()
    assert delivery.state == TextState.DELIVERED
    assert delivery.message_id == sms_centre.submitted[0].message_id
    assert (delivery.recipient, delivery.parts, delivery.gsm7) == (fingerprint(NUMBER), 1, True)
    assert (delivery.programme_id, delivery.place_id, delivery.registration_id) == (1, 7, 42)
    # Not even smpplib's PDUs in hexadecimal (its wire logger says nothing below ERROR).
    assert "470" not in caplog.text and "3437303132" not in caplog.text
    assert "Text sent: registration-registered" in caplog.text


def test_a_failed_receipt_marks_it_failed(queue, sms_centre):
    sms_centre.receipts = "UNDELIV"
    delivery = queue()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_error) == (TextState.FAILED, "receipt UNDELIV")


def test_a_throttled_text_waits_for_its_next_attempt_then_goes(
    queue, sms_centre, settings, monkeypatch
):
    keep_the_test_connection(monkeypatch)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sms_centre.mode = "throttled"
    queue()
    run_ready_tasks()
    delivery = TextDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == (TextState.WAITING, 1)
    assert "0x58" in delivery.last_error
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.run_after - timezone.now() > timedelta(seconds=50)

    sms_centre.mode = "ok"
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())
    run_ready_tasks()
    delivery.refresh_from_db()
    assert delivery.state == TextState.DELIVERED and delivery.attempts == 2
    assert len(sms_centre.wait_for(1)) == 1


def test_a_refused_text_fails_at_once(queue, sms_centre, caplog):
    sms_centre.mode = "rejected"
    delivery = queue()
    delivery.refresh_from_db()
    assert delivery.state == TextState.FAILED and delivery.attempts == 1
    assert "470" not in caplog.text


def test_the_monthly_cap_counts_parts_per_programme(queue, settings):
    from objectives.models import Programme

    settings.SMS = {**settings.SMS, "per_number_hourly": 50}
    Programme.objects.filter(pk=1).update(sms_monthly_cap=3)
    queue("a" * 200, kind="a")  # two parts
    queue("b", kind="b")
    capped = queue("c", kind="c")
    other_programme = queue("d", programme=2, kind="d")
    assert capped.state == TextState.CAPPED
    assert other_programme.state == TextState.SENT
    assert [body for _n, body in texting.outbox] == ["a" * 200, "b", "d"]


def test_each_programme_has_its_own_monthly_cap(queue, settings):
    from objectives.models import Programme

    settings.SMS = {**settings.SMS, "monthly_cap": 100, "per_number_hourly": 50}
    small = Programme.objects.order_by("pk").first()
    small.sms_monthly_cap = 2
    small.save()
    large = Programme.objects.exclude(pk=small.pk).order_by("pk").first()
    states = [queue(f"Texte {n}", programme=small.pk, kind=f"k{n}").state for n in range(3)]
    assert states == [TextState.SENT, TextState.SENT, TextState.CAPPED]
    # Another programme's own figure (2000 by default), not the small one's.
    assert queue("Autre", programme=large.pk, kind="k9").state == TextState.SENT
    assert texting.monthly_cap_of(large.pk) == large.sms_monthly_cap == 2000
    # A text of no programme: the setting's figure.
    assert texting.monthly_cap_of(None) == 100


def test_a_number_gets_a_kind_of_text_a_few_times_an_hour(queue, settings):
    settings.SMS = {**settings.SMS, "per_number_hourly": 2}
    states = [queue(f"Code {n}", kind="registration-code").state for n in range(3)]
    assert states == [TextState.SENT, TextState.SENT, TextState.CAPPED]
    assert queue("Rappel", kind="registration-reminder").state == TextState.SENT


def test_the_registration_gone_its_texts_forget_the_number(queue):
    queue()
    assert forget_registrations([42]) == 1
    assert TextDelivery.objects.get().recipient == ""


def test_without_a_centre_texts_are_printed(queue, settings, capsys):
    settings.SMS = {**settings.SMS, "backend": "console"}
    queue("Bonjour")
    assert f"-- SMS to {NUMBER} --\nBonjour" in capsys.readouterr().out


def test_or_written_to_a_file(queue, settings, tmp_path):
    settings.SMS = {**settings.SMS, "backend": "file", "file_path": tmp_path / "sms.txt"}
    queue("Bonjour")
    assert (tmp_path / "sms.txt").read_text() == f"To: {NUMBER}\nBonjour\n\n"
