"""A family who registered in Dutch or English gets its e-mails' links in that language: the
activity (its translation when it has one) and the registration's own page under /nl/ or /en/,
which open in that language."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from activities.choices import RegistrationStatus
from activities.models import Occurrence, Registration
from activities.notifications import registration_email
from tests.activities.conftest import WORKSHOP_DAY
from tests.activities.registering import family, post
from tests.directory.test_translations import translate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

BASE = "https://rencontres.example"


@pytest.fixture
def session(clock, place, workshop_at):
    workshop = workshop_at(place, capacity=10)
    return Occurrence.objects.get(activity=workshop, date=WORKSHOP_DAY)


def links(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


def registration(session, language):
    return Registration.objects.create(
        occurrence=session,
        name="Famille Peeters",
        email="peeters@example.org",
        children_count=1,
        children_ages="2 jaar",
        consent_at=timezone.now(),
        status=RegistrationStatus.CONFIRMED,
        language=language,
    )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("event", ["registered", "reminder", "promoted", "session_cancelled"])
def test_every_link_is_in_the_familys_language(client, session, language, event):
    email = registration_email(registration(session, language), event, BASE)
    found = links(email.body)
    assert len(found) == 2
    assert all(link.startswith(f"{BASE}/{language}/") for link in found), found
    for link in found:
        response = client.get(link.removeprefix(BASE))
        assert response.status_code == 200, link
        assert f'<html lang="{language}">' in response.content.decode()


def test_a_french_registration_links_to_the_french_pages(session):
    email = registration_email(registration(session, "fr"), "registered", BASE)
    assert all(not re.match(rf"{BASE}/(nl|en)/", link) for link in links(email.body))


def test_the_activitys_translation_is_linked_when_it_has_one(client, session):
    translate(session.activity, "nl", title="Draagdoekatelier")
    email = registration_email(registration(session, "nl"), "registered", BASE)
    activity_link = next(link for link in links(email.body) if "/inscriptions/" not in link)
    assert activity_link.startswith(f"{BASE}/nl/")
    assert "Draagdoekatelier" in client.get(activity_link.removeprefix(BASE)).content.decode()


def test_registering_on_a_dutch_page_sends_dutch_links(
    client, session, django_capture_on_commit_callbacks
):
    client.get("/nl/")  # the visitor's choice, as on the site
    post(client, session, family(1), django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert all(link.startswith("http") and "/nl/" in link for link in links(message.body))
