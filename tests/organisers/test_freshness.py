"""Fresh listings: "Informations vérifiées le …" on every place (page, API, JSON-LD), reminders
to the organisers of stale places with a one-click "still correct" link, ONE staff's stale list,
and a flag on the public page after twice the period."""

import json
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.models import PlacePage
from organisers.freshness import send_reminders
from organisers.models import FreshnessReminder
from tests.factories import publish

pytestmark = pytest.mark.django_db


def age(place, months):
    """Make the place's information `months` months old."""
    moment = timezone.now() - timedelta(days=round(months * 30.44))
    PlacePage.objects.filter(pk=place.pk).update(verified_at=moment)
    place.refresh_from_db()
    return moment


def test_publishing_verifies_and_the_date_is_public(client, place_a):
    publish(place_a)
    place = PlacePage.objects.get(pk=place_a.pk)
    assert place.verified_at is not None
    html = client.get(place.url).content.decode()
    assert "Informations vérifiées le" in html
    assert "pas été confirmées" not in html
    soup = BeautifulSoup(html, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["dateModified"] == place.verified_at.isoformat()
    api = client.get(f"/api/v1/places/{place.pk}/").json()
    assert api["date_modified"] == place.verified_at.isoformat()


def test_a_listing_unconfirmed_for_twice_the_period_is_flagged(client, place_a, settings):
    age(place_a, 2 * settings.FRESHNESS["months"] - 1)
    assert "pas été confirmées" not in client.get(place_a.url).content.decode()
    age(place_a, 2 * settings.FRESHNESS["months"] + 1)
    assert "pas été confirmées" in client.get(place_a.url).content.decode()


def test_organisers_of_a_stale_place_are_reminded_once_and_confirm_in_one_click(
    client, organiser_a, place_a, place_b, settings
):
    age(place_a, settings.FRESHNESS["months"] + 1)
    age(place_b, 1)
    assert send_reminders() == 1
    (message,) = mail.outbox
    assert message.to == ["orga-a@example.org"]
    assert "Lieu A" in message.subject
    assert reverse("wagtailadmin_pages:edit", args=[place_a.pk]) in message.body
    link = urlsplit(re.search(r"https?://\S+/organisateurs/lieux/confirmer/\S+/", message.body)[0])
    assert send_reminders() == 0

    page = client.get(link.path)
    assert page.status_code == 200 and "Lieu A" in page.content.decode()
    before = PlacePage.objects.get(pk=place_a.pk).verified_at
    assert client.post(link.path).status_code == 200
    assert PlacePage.objects.get(pk=place_a.pk).verified_at > before
    assert client.get(link.path[:-2] + "x/").status_code == 404

    # Confirmed now, stale again a period later: reminded again.
    later = timedelta(days=round((settings.FRESHNESS["months"] + 1) * 30.44))
    with time_machine.travel(timezone.now() + later):
        assert send_reminders() == 1


def test_staff_see_stale_places_oldest_first_with_reminders(
    client, staff_member, organiser_a, place_a, place_b, settings
):
    months = settings.FRESHNESS["months"]
    age(place_a, months + 1)
    age(place_b, months + 5)
    send_reminders()
    client.force_login(staff_member)
    html = client.get(reverse("organisers_stale")).content.decode()
    rows = BeautifulSoup(html, "html.parser").select("table[data-stale] tbody tr")
    assert [row.find("a").get_text() for row in rows] == ["Lieu B", "Lieu A"]
    cells = [[td.get_text() for td in row.find_all("td")] for row in rows]
    assert cells[0][3] == "0" and cells[1][3] == "1"
    assert FreshnessReminder.objects.get().place_id == place_a.pk

    client.force_login(organiser_a)
    script = {"X-Requested-With": "XMLHttpRequest"}
    assert client.get(reverse("organisers_stale"), headers=script).status_code == 403


def test_the_dashboard_asks_to_confirm_a_stale_place(client, organiser_a, place_a, settings):
    age(place_a, settings.FRESHNESS["months"] + 1)
    client.force_login(organiser_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    url = reverse("organisers_confirm_place", args=[place_a.pk])
    assert url in html
    assert client.post(url).status_code == 302
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url not in html


def test_the_stale_list_costs_the_same_queries_for_one_place_or_many(
    client, staff_member, place_a, commune, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import PlacePageFactory

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("organisers_stale")).status_code == 200
        return len(captured)

    client.force_login(staff_member)
    age(place_a, settings.FRESHNESS["months"] + 1)
    queries()
    one = queries()
    for n in range(4):
        age(PlacePageFactory(title=f"Vieux lieu {n}", commune=commune), 20 + n)
    assert queries() == one
