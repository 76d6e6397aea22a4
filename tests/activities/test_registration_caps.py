"""Nobody is e-mailed against their will through the registration form, and one mailbox takes
one seat: a family's resubmission is answered « déjà envoyé » without a second e-mail, whoever
sends it (another browser, another network); at most one registration e-mail an hour and three
a day reach one mailbox; `Name+1@gmail.com` and `n.ame@gmail.com` are one family."""

from datetime import timedelta

import pytest
from django.core import mail

from activities.models import Occurrence, Registration
from tests.activities.conftest import WORKSHOP_DAY
from tests.activities.registering import family, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]


@pytest.fixture
def workshop(clock, place, workshop_at):
    return workshop_at(place, capacity=10)


def sessions(workshop) -> list[Occurrence]:
    return list(Occurrence.objects.filter(activity=workshop).order_by("start")[:5])


def test_resubmitting_from_another_address_says_already_sent(
    client, clock, workshop, django_capture_on_commit_callbacks
):
    session = sessions(workshop)[0]
    post(client, session, family(1), django_capture_on_commit_callbacks, address="192.0.2.1")
    again = post(client, session, family(1), django_capture_on_commit_callbacks, "198.51.100.7")
    assert again.status_code == 200
    assert "Déjà envoyé" in again.content.decode()
    assert len(mail.outbox) == 1
    assert Registration.objects.count() == 1

    # An hour later, the same resubmission sends the link again, once.
    clock.shift(timedelta(hours=1, minutes=1))
    later = post(client, session, family(1), django_capture_on_commit_callbacks, "203.0.113.9")
    assert "vient d'être renvoyé" in later.content.decode()
    assert len(mail.outbox) == 2


def test_a_second_session_within_the_hour_is_registered_without_a_second_email(
    client, workshop, django_capture_on_commit_callbacks
):
    first, second = sessions(workshop)[:2]
    post(client, first, family(1), django_capture_on_commit_callbacks, address="192.0.2.1")
    response = post(client, second, family(1), django_capture_on_commit_callbacks, "198.51.100.7")
    assert response.status_code == 302
    assert Registration.objects.count() == 2
    assert len(mail.outbox) == 1
    page = client.get(response.url).content.decode()
    assert "Déjà envoyé" in page
    assert "Un courriel vous a été envoyé" not in page


def test_three_registration_emails_a_day_to_one_mailbox(
    client, clock, workshop, django_capture_on_commit_callbacks
):
    addresses = ["192.0.2.1", "198.51.100.7", "203.0.113.9", "192.0.2.77"]
    for session, address in zip(sessions(workshop)[:4], addresses, strict=True):
        post(client, session, family(1), django_capture_on_commit_callbacks, address=address)
        clock.shift(timedelta(hours=1, minutes=1))
    assert Registration.objects.count() == 4
    assert len(mail.outbox) == 3
    # The next day, a message may leave again.
    clock.shift(timedelta(days=1))
    post(client, sessions(workshop)[4], family(1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 4


def test_sub_addresses_and_gmail_dots_are_one_family(
    client, clock, workshop, django_capture_on_commit_callbacks
):
    session = Occurrence.objects.get(activity=workshop, date=WORKSHOP_DAY)
    post(client, session, family(1, email="Name+1@gmail.com"), django_capture_on_commit_callbacks)
    for n, email in enumerate(("n.ame@gmail.com", "name+2@googlemail.com", "NAME@gmail.com"), 2):
        clock.shift(timedelta(hours=1, minutes=1))
        response = post(client, session, family(n, email=email), django_capture_on_commit_callbacks)
        assert response.status_code == 200
        assert "existe déjà" in response.content.decode()
    assert Registration.objects.count() == 1
    # The link goes back to the address the registration was made with, never the new one.
    assert {message.to[0] for message in mail.outbox} == {"Name+1@gmail.com"}
    # Dots elsewhere may part two people: a second seat.
    post(client, session, family(9, email="jean.dupont@one.be"), django_capture_on_commit_callbacks)
    post(client, session, family(10, email="jeandupont@one.be"), django_capture_on_commit_callbacks)
    assert Registration.objects.count() == 3
