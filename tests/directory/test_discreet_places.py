"""A discreet place never shows its street address or exact position to the public."""

import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from wagtail.search.backends import get_search_backend

from activities.models import Occurrence
from tests.discreet import STREET, secrets_in
from tests.factories import (
    ActivityPageFactory,
    PlacePageFactory,
    publish,
)


def json_ld(html: str) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_place_page_shows_commune_and_phone_only(client, discreet_place):
    html = client.get(discreet_place.url).content.decode()
    assert secrets_in(html) == []
    assert "Liège" in html
    assert "+32 4 123 45 67" in html


def test_json_ld_has_no_street_nor_geo(client, discreet_place):
    soup = BeautifulSoup(client.get(discreet_place.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Liège",
        "addressCountry": "BE",
    }
    assert "geo" not in data


def map_points(client, place) -> list[dict]:
    soup = BeautifulSoup(client.get(place.url).content, "html.parser")
    return json.loads(soup.find(id="place-map-config").string)["points"]


def test_map_point_is_the_commune(client, discreet_place, commune):
    assert map_points(client, discreet_place) == [
        {
            "lat": float(commune.latitude),
            "lon": float(commune.longitude),
            "approximate": True,
            "name": discreet_place.title,
        }
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/lieux/",
        "/programmes/espaces-de-rencontre/",
        "/objectifs/maintien-du-lien/",
        "/sitemap.xml",
    ],
)
def test_listings_and_sitemap_do_not_leak(client, discreet_place, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert secrets_in(body) == []
    if url != "/":
        assert discreet_place.url in body


def test_site_search_index_holds_no_address(discreet_place):
    backend = get_search_backend()
    assert list(backend.search(STREET, type(discreet_place))) == []
    assert [p.pk for p in backend.search("Passage", type(discreet_place))] == [discreet_place.pk]


def test_an_ordinary_place_shows_its_address(client, place):
    html = client.get(place.url).content.decode()
    assert place.street_address in html
    assert "4000" in html


def test_a_place_without_coordinates_says_its_position_is_approximate(client, commune):
    # Not discreet, but not placed either: drawn at its commune, so the page must not call that
    # point the place's position. Its address stays public.
    place = PlacePageFactory(
        title="La Cabane", commune=commune, street_address="Rue Haute 3", postcode="4000"
    )
    place.latitude = place.longitude = None
    place.save()
    html = client.get(place.url).content.decode()
    assert "Position approximative : la commune." in html
    assert "Position du lieu." not in html
    assert "Carte de la commune de Liège" in html
    assert map_points(client, place) == [
        {
            "lat": float(commune.latitude),
            "lon": float(commune.longitude),
            "approximate": True,
            "name": "La Cabane",
        }
    ]
    assert "Rue Haute 3" in html
    data = json_ld(html)
    assert data["address"]["streetAddress"] == "Rue Haute 3"
    assert data["address"]["postalCode"] == "4000"
    assert "geo" not in data


def test_a_placed_place_shows_its_own_position(client, place):
    html = client.get(place.url).content.decode()
    assert "Position du lieu." in html
    assert "Position approximative" not in html
    assert map_points(client, place) == [
        {
            "lat": float(place.latitude),
            "lon": float(place.longitude),
            "approximate": False,
            "name": place.title,
        }
    ]
    assert json_ld(html)["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": float(place.latitude),
        "longitude": float(place.longitude),
    }


@pytest.fixture
def discreet_session(discreet_place):
    # A fixed clock: the feeds' time stamps must not spell a secret by chance ("T040201Z").
    with time_machine.travel(
        datetime(2027, 3, 1, 8, tzinfo=ZoneInfo("Europe/Brussels")), tick=False
    ):
        activity = publish(
            ActivityPageFactory(
                parent=discreet_place,
                title="Moment parents-enfants",
                start_date=date(2027, 3, 3),
                start_time=time(10, 0),
                weekdays="2",
                capacity=4,
                registration_required=True,
            )
        )
        yield Occurrence.objects.get(activity=activity, date=date(2027, 3, 3))


def test_a_discreet_place_leaks_nothing_through_its_activities(client, discreet_session):
    activity = discreet_session.activity
    place = discreet_session.place
    html = client.get(activity.url).content.decode()
    assert secrets_in(html) == []
    assert "Liège" in html
    location = json_ld(html)["location"]
    assert location["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Liège",
        "addressCountry": "BE",
    }
    assert "geo" not in location
    for url in (
        place.url + "calendar.ics",
        activity.url + "calendar.ics",
        discreet_session.calendar_url,
        "/lieux/?view=activities&when=month",
        "/objectifs/maintien-du-lien/",
    ):
        body = client.get(url).content.decode()
        assert secrets_in(body) == [], url
        assert "Liège" in body, url


def test_a_discreet_place_leaks_nothing_through_the_registration_email(
    client, discreet_session, django_capture_on_commit_callbacks
):
    cache.clear()  # the registration form's rate limit
    family = {
        "name": "Famille Martin",
        "email": "martin@example.org",
        "phone": "",
        "children_count": "1",
        "children_ages": "18 mois",
        "consent": "on",
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(discreet_session.registration_url, family)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert secrets_in(message.body) == []
    assert "Liège" in message.body
