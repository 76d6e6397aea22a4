"""Registration without surprises: by phone alone where the organiser allows it, added by the
organiser for a family who phoned (their own places only), and a confirmation that says where,
when, what to bring and how to cancel (a discreet place as its commune only)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from activities.models import Occurrence, Registration
from core import texting
from tests.activities.conftest import WORKSHOP_DAY
from tests.activities.registering import family, manage_link, post
from tests.discreet import secrets_in
from tests.factories import PlacePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]


@pytest.fixture
def workshop_at(workshop_at):
    """The shared workshop, for one family, who bring their socks."""

    def make(place, **fields):
        return workshop_at(
            place, capacity=1, what_to_bring="Des chaussettes antidérapantes", **fields
        )

    return make


def session_of(activity) -> Occurrence:
    return Occurrence.objects.get(activity=activity, date=WORKSHOP_DAY)


def test_an_email_is_needed_unless_the_organiser_takes_phone_registrations(
    client, clock, place, django_capture_on_commit_callbacks, workshop_at
):
    session = session_of(workshop_at(place))
    response = post(
        client,
        session,
        family(1, email="", phone="0470 12 34 56"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    assert Registration.objects.count() == 0


def test_phone_registration_alone(
    client, clock, place, django_capture_on_commit_callbacks, workshop_at
):
    session = session_of(workshop_at(place, phone_registration=True))
    incomplete = post(
        client, session, family(1, email="", phone="0470"), django_capture_on_commit_callbacks
    )
    assert incomplete.status_code == 400
    assert "incomplet" in incomplete.content.decode()
    neither = post(client, session, family(1, email=""), django_capture_on_commit_callbacks)
    assert neither.status_code == 400
    response = post(
        client,
        session,
        family(1, email="", phone="0470 12 34 56"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert mail.outbox == []  # no address: texts, once the number is confirmed by its code
    assert response.url.endswith("/code/")
    ((number, code_text),) = texting.outbox
    assert number == "+32470123456"
    code = re.search(r"\b(\d{6})\b", code_text).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(response.url, {"code": code})
    page = client.get(confirmed.url).content.decode()
    assert "Un SMS vous a été envoyé ; gardez aussi cette page" in page
    # The same number again finds the registration, without a second seat.
    again = post(
        client,
        session,
        family(2, email="", phone="+32 470 12 34 56"),
        django_capture_on_commit_callbacks,
    )
    assert again.status_code == 200 and "appelez le lieu" in again.content.decode()
    assert Registration.objects.count() == 1


def test_the_confirmation_says_where_when_what_to_bring_and_how_to_cancel(
    client, clock, place, django_capture_on_commit_callbacks, workshop_at
):
    session = session_of(workshop_at(place))
    response = post(client, session, family(1), django_capture_on_commit_callbacks)
    page = client.get(response.url).content.decode()
    assert "mercredi 3 mars 2027, 10:00 – 12:00" in page
    assert place.street_address in page
    assert "Des chaussettes antidérapantes" in page
    assert "Annuler mon inscription" in page
    (message,) = mail.outbox
    assert place.street_address in message.body
    assert "À apporter : Des chaussettes antidérapantes" in message.body
    assert manage_link(message).endswith(response.url)


def test_a_discreet_place_stays_discreet_in_the_confirmation(
    client, clock, discreet_place, django_capture_on_commit_callbacks, workshop_at
):
    session = session_of(workshop_at(discreet_place))
    form = client.get(session.registration_url).content.decode()
    response = post(client, session, family(1), django_capture_on_commit_callbacks)
    page = client.get(response.url).content.decode()
    assert secrets_in(form) == secrets_in(page) == secrets_in(mail.outbox[0].body) == []
    assert "Liège" in page


def test_organisers_add_a_family_who_phoned(
    client, clock, place, organiser, django_capture_on_commit_callbacks, workshop_at
):
    activity = workshop_at(place)
    session = session_of(activity)
    client.force_login(organiser)
    url = reverse("activities_add_family", args=[activity.pk])
    assert client.get(url).status_code == 200
    data = {
        "occurrence": session.pk,
        "name": "Famille Dupont",
        "phone": "0470 12 34 56",
        "email": "",
        "children_count": 1,
        "children_ages": "2 ans",
    }
    assert client.post(url, {**data, "phone": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    (registration,) = Registration.objects.all()
    assert registration.added_by_organiser and registration.status == "confirmed"
    # The same family phoning twice takes no second seat.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "phone": "+32 470/12.34.56"})
    assert Registration.objects.count() == 1
    listing = client.get(reverse("activities_registrations", args=[activity.pk]))
    assert "Famille Dupont" in listing.content.decode()


def test_organisers_cannot_add_to_another_places_activity(
    client, clock, place, commune, organiser, workshop_at
):
    other = PlacePageFactory(title="Ailleurs", commune=commune)
    activity = workshop_at(other)
    client.force_login(organiser)
    url = reverse("activities_add_family", args=[activity.pk])
    # Wagtail's admin turns the refusal into a redirect with a message.
    assert client.get(url).status_code in (302, 403)
    data = {"occurrence": session_of(activity).pk, "name": "X", "phone": "0470123456"}
    refused = client.post(url, {**data, "children_count": 1, "children_ages": "1"})
    assert refused.status_code in (302, 403)
    assert Registration.objects.count() == 0
