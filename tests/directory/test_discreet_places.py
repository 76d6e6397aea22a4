"""A discreet place never shows its street address or exact position to the public."""

import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from wagtail.search.backends import get_search_backend

from tests.factories import OpeningHoursFactory, PlacePageFactory, objective, programme

STREET = "Chemin Secret 77"
LATITUDE = Decimal("50.612345")
LONGITUDE = Decimal("5.598765")
EMAIL = "accueil@cache.example"


@pytest.fixture
def discreet_place(commune):
    place = PlacePageFactory(
        title="Espace de rencontre Le Passage",
        commune=commune,
        street_address=STREET,
        postcode="4020",
        latitude=LATITUDE,
        longitude=LONGITUDE,
        email=EMAIL,
        phone="+32 4 123 45 67",
        is_discreet=True,
        programmes=[programme("espaces-de-rencontre")],
        objectives=[objective("maintien-du-lien")],
    )
    OpeningHoursFactory(place=place)
    return place


def secrets_in(text: str) -> list[str]:
    found = [s for s in (STREET, EMAIL, "4020", str(LATITUDE), str(LONGITUDE)) if s in text]
    # Coordinates may be printed with fewer decimals or as floats.
    found += [s for s in ("50.6123", "5.5987") if s in text]
    return found


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
