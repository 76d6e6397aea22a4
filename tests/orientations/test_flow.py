"""An orientation's life: the place told on new (no family detail in the e-mail), the
professional on every answer, the family in its language if it agreed, the discreet place's
address only after acceptance, the daily cap per family address, the reminder and the expiry."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from orientations.address import address_given_after_acceptance
from orientations.flow import answer, remind_and_expire, send
from orientations.models import Orientation, Status
from tests.orientations.conftest import orientation_to

pytestmark = pytest.mark.django_db


def test_the_place_is_told_without_the_family_details(
    place_a, organiser_a, professional_a, django_capture_on_commit_callbacks
):
    from orientations.models import Orientation

    unsaved = Orientation(
        place=place_a,
        professional=professional_a,
        family_name="Awa",
        family_email="famille@example.org",
        family_language="nl",
        reason="Reprise de contact",
        consent=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        send(unsaved)
    (told,) = mail.outbox
    assert told.to == [organiser_a.email]
    assert "Espace A" in told.subject
    assert "Awa" not in told.body and "famille@example.org" not in told.body
    assert f"/admin/orientations/recues/{unsaved.pk}/" in told.body


def test_acceptance_tells_the_professional_and_the_family_in_dutch_with_the_address(
    place_a, professional_a, django_capture_on_commit_callbacks
):
    orientation = orientation_to(place_a, professional_a)
    assert address_given_after_acceptance(orientation) is None
    with django_capture_on_commit_callbacks(execute=True):
        assert answer(orientation, Status.ACCEPTED, note="Venez mardi.")
    by_address = {message.to[0]: message for message in mail.outbox}
    professional_mail = by_address[professional_a.email]
    assert "Acceptée" in professional_mail.subject
    assert "12 rue Secrète" in professional_mail.body
    family = by_address["famille@example.org"]
    assert family.subject == "Uw aanvraag bij « Espace A »"
    assert "12 rue Secrète" in family.body and "Venez mardi." in family.body
    orientation.refresh_from_db()
    assert orientation.status == Status.ACCEPTED and orientation.answered_at is not None
    # Over: a second answer changes nothing and tells nobody.
    mail.outbox.clear()
    assert not answer(orientation, Status.REFUSED, refusal_reason="full")
    assert mail.outbox == []


def test_a_discreet_place_gives_its_address_only_once_it_accepted(
    place_a, professional_a, django_capture_on_commit_callbacks
):
    place_a.is_discreet = True
    place_a.save()
    orientation = orientation_to(place_a, professional_a, family_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        answer(orientation, Status.WAITING)
    assert all("12 rue Secrète" not in message.body for message in mail.outbox)
    assert address_given_after_acceptance(Orientation.objects.get()) is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer(orientation, Status.ACCEPTED)
    assert all("12 rue Secrète" in message.body for message in mail.outbox)
    assert len(mail.outbox) == 2


def test_no_consent_to_contact_no_message_to_the_family(
    place_a, professional_a, django_capture_on_commit_callbacks
):
    orientation = orientation_to(place_a, professional_a, contact_consent=False)
    with django_capture_on_commit_callbacks(execute=True):
        answer(orientation, Status.REFUSED, refusal_reason="full")
    assert [message.to for message in mail.outbox] == [[professional_a.email]]
    assert "Plus de place pour l'instant" in mail.outbox[0].body


def test_at_most_a_few_messages_a_day_to_one_family_address(
    settings, place_a, place_b, professional_a, professional_b, django_capture_on_commit_callbacks
):
    settings.ORIENTATIONS = {**settings.ORIENTATIONS, "family_messages_per_day": 2}
    orientations = [
        orientation_to(place_a, professional_a),
        orientation_to(place_b, professional_b, family_email="FAMILLE@example.org"),
        orientation_to(place_a, professional_b),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for orientation in orientations:
            answer(orientation, Status.WAITING)
    to_family = [m for m in mail.outbox if m.to[0].lower() == "famille@example.org"]
    assert len(to_family) == 2
    # The professionals are all told.
    assert len(mail.outbox) - len(to_family) == 3
    # The next day, the family may be told again.
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        with django_capture_on_commit_callbacks(execute=True):
            answer(orientations[2], Status.ACCEPTED)
    assert any(m.to == ["famille@example.org"] for m in mail.outbox)


def test_unanswered_orientations_are_reminded_then_expire(
    settings, place_a, organiser_a, professional_a, django_capture_on_commit_callbacks
):
    settings.ORIENTATIONS = {**settings.ORIENTATIONS, "expiry_days": 10, "reminder_days_before": 3}
    orientation = orientation_to(place_a, professional_a)
    waiting = orientation_to(place_a, professional_a, status=Status.WAITING)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_and_expire(now + timedelta(days=6)) == (0, 0)
        assert remind_and_expire(now + timedelta(days=8)) == (1, 0)
        assert remind_and_expire(now + timedelta(days=9)) == (0, 0)
    (reminder,) = mail.outbox
    assert reminder.to == [organiser_a.email] and "attend" in reminder.subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_and_expire(now + timedelta(days=11)) == (0, 1)
    orientation.refresh_from_db()
    assert orientation.status == Status.EXPIRED and orientation.expired_at is not None
    (told,) = mail.outbox
    assert told.to == [professional_a.email] and "expiré" in told.body
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING


def test_logs_name_orientations_by_id_only(
    caplog, place_a, professional_a, django_capture_on_commit_callbacks
):
    orientation = orientation_to(place_a, professional_a)
    with caplog.at_level("DEBUG"), django_capture_on_commit_callbacks(execute=True):
        answer(orientation, Status.ACCEPTED)
    text = caplog.text + str(orientation)
    for personal in ("Awa", "famille@example.org", "samedi", "wolof"):
        assert personal not in text


def test_the_professional_is_told_in_their_language_whoever_answers(
    place_a, professional_a, django_capture_on_commit_callbacks
):
    from django.utils import translation

    orientation = orientation_to(place_a, professional_a, professional_language="en")
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        answer(orientation, Status.REFUSED, refusal_reason="full")
    (told,) = [m for m in mail.outbox if m.to == [professional_a.email]]
    assert told.subject == "Referral to « Espace A »: Refused"
    assert "No room for now" in told.body
