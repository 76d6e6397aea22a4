"""Invitations are limited per organiser (a day's worth, ONE staff apart) and per address
(three a day, whoever sends them): past either, nothing is sent and the organiser is told why."""

import pytest
from django.core import mail
from django.urls import reverse

from organisers.models import Invitation

pytestmark = pytest.mark.django_db


def invite(client, place, email, capture):
    with capture(execute=True):
        return client.post(reverse("organisers_place", args=[place.pk]), {"email": email})


def told(client, response) -> list[str]:
    return [str(message) for message in client.get(response["Location"]).context["messages"]]


def test_one_address_is_sent_three_invitations_a_day_whoever_sends_them(
    client, staff_member, organiser_a, place_a, place_b, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    client.force_login(organiser_a)
    for _ in range(2):
        invite(client, place_a, "colleague@example.org", capture)
    client.force_login(staff_member)
    invite(client, place_b, "Colleague+b@example.org", capture)
    refused = invite(client, place_b, "colleague@example.org", capture)
    assert len(mail.outbox) == 3
    assert any("a déjà reçu plusieurs invitations aujourd'hui" in m for m in told(client, refused))
    # A fourth address is still invited.
    invite(client, place_b, "other@example.org", capture)
    assert len(mail.outbox) == 4


def test_an_organiser_sends_a_days_worth_of_invitations(
    client, organiser_a, staff_member, place_a, settings, django_capture_on_commit_callbacks
):
    settings.ORGANISERS = {**settings.ORGANISERS, "invitation_rate": (2, 86400)}
    capture = django_capture_on_commit_callbacks
    client.force_login(organiser_a)
    invite(client, place_a, "one@example.org", capture)
    invite(client, place_a, "two@example.org", capture)
    refused = invite(client, place_a, "three@example.org", capture)
    assert len(mail.outbox) == 2
    assert not Invitation.objects.filter(email="three@example.org").exists()
    assert any("autant d'invitations" in m for m in told(client, refused))
    # ONE staff, who import whole lists, are not counted.
    client.force_login(staff_member)
    for n in range(3):
        invite(client, place_a, f"staff{n}@example.org", capture)
    assert len(mail.outbox) == 5


def test_the_import_says_what_was_not_sent(
    organiser_a, place_a, settings, django_capture_on_commit_callbacks
):
    from organisers.invitations import invite_imported

    settings.ORGANISERS = {**settings.ORGANISERS, "invitation_rate": (1, 86400)}
    with django_capture_on_commit_callbacks(execute=True):
        notes = invite_imported(place_a.pk, ["a@example.org", "b@example.org"], organiser_a)
    assert notes == [
        "1 invitation envoyée",
        "1 invitation non envoyée (trop d'invitations aujourd'hui)",
    ]
