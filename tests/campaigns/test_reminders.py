"""Reminders inside a campaign: once, a week before its end, to the places without an answer;
at its end date the campaign ends."""

import io

import pytest
from django.core.management import call_command

from campaigns.answers import confirmed
from campaigns.models import Campaign, CampaignRequest
from campaigns.reminders import end_past, send_reminders
from tests.campaigns.conftest import link_of

pytestmark = pytest.mark.django_db


def test_one_reminder_a_week_before_the_end_to_the_places_without_an_answer(
    clock, started, place_a, place_b, organiser_a, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed(CampaignRequest.objects.get(place=place_a), organiser_a)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
    clock.move_to("2027-03-24 09:00+01:00")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1
    (reminder,) = mailoutbox
    assert reminder.to == ["orga-b@example.org"]
    assert "Rappel" in reminder.subject and "Lieu B" in reminder.subject
    assert link_of(reminder)
    assert CampaignRequest.objects.get(place=place_b).reminded_at is not None
    clock.move_to("2027-03-28 09:00+02:00")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
    assert len(mailoutbox) == 1


def test_a_campaign_ends_after_its_end_date(clock, started):
    assert end_past() == 0
    clock.move_to("2027-04-01 09:00+02:00")
    assert end_past() == 1
    started.refresh_from_db()
    assert started.ended_at is not None and not started.is_open()
    assert Campaign.objects.open_on(started.ends_on).count() == 0


def test_the_command_reminds_and_ends(clock, started, mailoutbox):
    clock.move_to("2027-04-01 09:00+02:00")
    out = io.StringIO()
    call_command("remind_campaigns", stdout=out)
    assert out.getvalue().strip() == "0 places reminded, 1 campaigns ended"
