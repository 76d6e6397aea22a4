"""Families are told when their session changes: cancelled, moved, changed or back on, each
registered family (confirmed and waiting) receives an e-mail in their language with the session
as a calendar attachment (METHOD:CANCEL or REQUEST, stable UID, raised SEQUENCE); the feeds
follow; a reminder goes out the day before, once."""

from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from icalendar import Calendar

from activities.models import Occurrence, Registration
from activities.occurrences import cancel_occurrence, restore_occurrence
from activities.registrations import Family, register
from directory.models import ClosurePeriod
from tests.factories import publish

pytestmark = pytest.mark.django_db

BASE = "http://testserver/"


@pytest.fixture
def workshop(clock, place, workshop_at):
    return workshop_at(place, capacity=3, what_to_bring="Des chaussettes")


def session_of(workshop, day=date(2027, 3, 10)) -> Occurrence:
    return Occurrence.objects.get(activity=workshop, date=day)


def families(session, capture, count=4, language=None) -> list[Registration]:
    """`count` families registered (three confirmed, then waiting), e-mails already sent."""
    registrations = []
    with capture(execute=True), translation.override(language or "fr"):
        for n in range(count):
            family = Family(f"Famille {n}", f"famille{n}@example.org", "", 1, "2 ans")
            registrations.append(register(session.pk, family, BASE).registration)
    mail.outbox.clear()
    return registrations


def invitation(message) -> Calendar:
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_cancelling_tells_confirmed_and_waiting_families(
    workshop, django_capture_on_commit_callbacks
):
    session = session_of(workshop)
    registered = families(session, django_capture_on_commit_callbacks)
    assert [r.status for r in registered] == ["confirmed"] * 3 + ["waiting"]
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(session, "Animatrice malade")
    assert sorted(m.to[0] for m in mail.outbox) == [f"famille{n}@example.org" for n in range(4)]
    message = mail.outbox[0]
    assert message.subject.startswith("Séance annulée : Atelier portage")
    assert "Animatrice malade" in message.body
    calendar = invitation(message)
    assert calendar["METHOD"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert str(event["UID"]).startswith(f"seance-{session.pk}@")
    assert event["SEQUENCE"] == 1


def test_cancelling_twice_tells_once_and_restoring_sends_a_request(
    workshop, django_capture_on_commit_callbacks
):
    session = session_of(workshop)
    families(session, django_capture_on_commit_callbacks, count=1)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(session, "Animatrice malade")
        cancel_occurrence(session, "Toujours malade")
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        restore_occurrence(session)
    assert len(mail.outbox) == 2
    calendar = invitation(mail.outbox[1])
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] == 2


def test_a_session_without_families_sends_nothing(workshop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(session_of(workshop), "Animatrice malade")
    assert mail.outbox == []


def test_moving_the_time_tells_the_old_and_new_time(workshop, django_capture_on_commit_callbacks):
    session = session_of(workshop)
    families(session, django_capture_on_commit_callbacks, count=1)
    workshop.start_time = time(14, 0)
    with django_capture_on_commit_callbacks(execute=True):
        publish(workshop)
    (message,) = mail.outbox
    assert message.subject.startswith("Séance déplacée : Atelier portage")
    assert "10:00" in message.body and "14:00 – 16:00" in message.body
    (event,) = invitation(message).walk("VEVENT")
    assert event.decoded("DTSTART").hour == 14
    session.refresh_from_db()
    assert session.sequence == 1
    # The activity's feed moves the series and raises its sequence.
    feed = Calendar.from_ical(client_get_feed(workshop))
    series = next(e for e in feed.walk("VEVENT") if "RECURRENCE-ID" not in e)
    assert series["SEQUENCE"] >= 1


def client_get_feed(activity) -> bytes:
    from django.test import Client

    return Client().get(f"{activity.url}calendar.ics").content


def test_changing_what_to_bring_tells_families(workshop, django_capture_on_commit_callbacks):
    families(session_of(workshop), django_capture_on_commit_callbacks, count=2)
    workshop.what_to_bring = "Une gourde"
    with django_capture_on_commit_callbacks(execute=True):
        publish(workshop)
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.startswith("Séance modifiée")
    assert "Une gourde" in mail.outbox[0].body
    # Only the session with families is written to; every changed session's sequence rises.
    assert set(
        Occurrence.objects.filter(date__gt=date(2027, 3, 1)).values_list("sequence", flat=True)
    ) == {1}


def test_publishing_without_a_change_tells_nobody(workshop, django_capture_on_commit_callbacks):
    families(session_of(workshop), django_capture_on_commit_callbacks, count=1)
    with django_capture_on_commit_callbacks(execute=True):
        publish(workshop)
    assert mail.outbox == []


def test_a_closure_over_the_session_cancels_it_for_the_families(
    workshop, place, django_capture_on_commit_callbacks
):
    families(session_of(workshop), django_capture_on_commit_callbacks, count=1)
    ClosurePeriod.objects.create(
        place=place, start_date=date(2027, 3, 8), end_date=date(2027, 3, 12), reason="Congé"
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(place)
    (message,) = mail.outbox
    assert "Congé" in message.body
    assert invitation(message)["METHOD"] == "CANCEL"


def test_the_email_is_in_the_familys_language(workshop, django_capture_on_commit_callbacks):
    session = session_of(workshop)
    (registration,) = families(session, django_capture_on_commit_callbacks, 1, language="nl")
    assert registration.language == "nl"
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(session, "Ziek")
    assert "woensdag 10 maart 2027" in mail.outbox[0].body


def test_the_reminder_goes_the_day_before_once(workshop, clock, django_capture_on_commit_callbacks):
    session = session_of(workshop, date(2027, 3, 3))
    registered = families(session, django_capture_on_commit_callbacks)
    clock.move_to(session.start - timedelta(hours=20))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_registrations", stdout=open("/dev/null", "w"))
        call_command("remind_registrations", stdout=open("/dev/null", "w"))
    # The three confirmed families, once; not the one waiting.
    assert sorted(m.to[0] for m in mail.outbox) == [r.email for r in registered[:3]]
    assert mail.outbox[0].subject.startswith("Demain : Atelier portage")
    assert "Des chaussettes" in mail.outbox[0].body


def test_the_feeds_carry_the_cancellation_and_the_raised_sequence(
    client, workshop, django_capture_on_commit_callbacks
):
    session = session_of(workshop)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(session, "Animatrice malade")
    feed = Calendar.from_ical(client.get(f"{workshop.url}calendar.ics").content)
    (override,) = [e for e in feed.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert override["STATUS"] == "CANCELLED" and override["SEQUENCE"] == 1
    single = Calendar.from_ical(client.get(session.calendar_url).content)
    (event,) = single.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1
    assert str(event["UID"]).startswith(f"seance-{session.pk}@")
