"""The partners' widget (`/widget/?near=…`): the places near a commune or postcode and their
sessions of the next seven days, from the public records (a discreet place at its commune,
never its address), in the snippet's language, framable by any site and by nothing else of
ours; and the page that gives the snippet."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.discreet import secrets_in
from tests.factories import PlacePageFactory, PostalCodeFactory, passerelle_morning, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def near_liege(commune, place, discreet_place):
    # The activities' clock: the usual activity starts on Monday 1 March 2027.
    with time_machine.travel(datetime(2027, 3, 3, 8, 0, tzinfo=ZoneInfo("Europe/Brussels"))):
        PostalCodeFactory(commune=commune)
        passerelle_morning(publish(place), weekdays="0,2,4")
        yield commune


def test_the_widget_lists_places_and_this_weeks_sessions(client, near_liege, place, discreet_place):
    response = client.get("/widget/", {"near": "4000"})
    assert response.status_code == 200
    text = response.content.decode()
    assert place.title in text and discreet_place.title in text
    # Wednesday 3, Friday 5 and Monday 8 March: the next seven days, not the Wednesday after.
    assert text.count("<time") == 3
    assert secrets_in(text) == []
    assert '<html lang="fr">' in text
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert "<script" not in text


def test_the_widget_speaks_the_language_of_its_address(client, near_liege):
    text = client.get("/nl/widget/", {"near": "4000"}).content.decode()
    assert '<html lang="nl">' in text
    assert "Alle plaatsen" in text


@pytest.mark.parametrize("near", ["", "Zzzyxw", "9" * 300])
def test_a_near_it_cannot_read_is_a_400_naming_it(client, near_liege, near):
    response = client.get("/widget/", {"near": near})
    assert response.status_code == 400
    assert "near :" in response.content.decode()


def test_every_other_page_still_refuses_to_be_framed(client, near_liege):
    response = client.get("/donnees-ouvertes/widget/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_widget_costs_the_same_queries_whatever_the_places(client, near_liege, commune):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/widget/", {"near": "4000"}).status_code == 200
        return len(captured)

    before = queries()
    for number in range(3):
        PlacePageFactory(title=f"Lieu voisin {number}", commune=commune)
    assert queries() == before


def test_the_snippet_page_gives_an_iframe_from_the_base_url(client, near_liege, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://rencontres.example.org"
    response = client.get("/donnees-ouvertes/widget/", {"near": "4000", "language": "nl"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "&lt;iframe src=&quot;https://rencontres.example.org/nl/widget/?near=4000&quot;" in text
    assert 'src="/nl/widget/?near=4000"' in text
    refused = client.get("/donnees-ouvertes/widget/", {"near": "Zzzyxw", "language": "fr"})
    assert refused.status_code == 400
    assert 'aria-invalid="true"' in refused.content.decode()
