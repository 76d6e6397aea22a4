"""`near` in the family search: stable keys, the alternatives of an ambiguous name, the nearest
places beyond an empty radius, and street addresses through geopy's real clients against local
servers that speak Nominatim and the Base adresse nationale (`tests.geocoders`)."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from gazetteer.geocoding import reset_geocoder
from gazetteer.models import GeocodedAddress
from tests.factories import CommuneFactory, PlacePageFactory, PostalCodeFactory, programme
from tests.geocoders import BANFranceStandIn, NominatimStandIn

PLACES = "/api/v1/places/"


def commune(country, code, name, lat, lon, population, province, postcode):
    row = CommuneFactory(
        country=country,
        code=code,
        name_fr=name,
        province=province,
        population=population,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        search_names="",
    )
    PostalCodeFactory(
        country=country,
        code=postcode,
        locality=name,
        commune=row,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )
    return row


@pytest.fixture
def geography(db):
    lille_be = commune(
        "BE", "13019", "Lille", "51.242", "4.823", 16000, "Province d’Anvers", "2275"
    )
    lille_fr = commune("FR", "59350", "Lille", "50.6309", "3.0709", 232787, "Nord", "59000")
    liege = commune(
        "BE", "62063", "Liège", "50.6337", "5.5675", 195000, "Province de Liège", "4000"
    )
    paris = commune("FR", "75056", "Paris", "48.8566", "2.3429", 2103778, "Paris", "75002")
    # 12 km east of Lille's town hall.
    far = PlacePageFactory(
        title="Espace de rencontre de Tourcoing",
        commune=lille_fr,
        latitude=Decimal("50.6309"),
        longitude=Decimal("3.2414"),
        programmes=[programme("espaces-de-rencontre")],
    )
    at_liege = PlacePageFactory(
        title="Maison verte",
        commune=liege,
        latitude=Decimal("50.6450"),
        longitude=Decimal("5.5760"),
    )
    at_paris = PlacePageFactory(
        title="Point rencontre Paris 2",
        commune=paris,
        latitude=Decimal("48.8690"),
        longitude=Decimal("2.3320"),
        programmes=[programme("espaces-de-rencontre")],
    )
    return {
        "lille_be": lille_be,
        "lille_fr": lille_fr,
        "far": far,
        "at_liege": at_liege,
        "at_paris": at_paris,
    }


def test_a_name_several_places_bear_answers_with_its_alternatives(client, geography):
    body = client.get(PLACES, {"near": "Lille"}).json()
    assert body["near"]["key"] == "FR-59350" and body["near"]["kind"] == "commune"
    assert not body["near"]["ambiguous"]
    assert body["near_alternatives"] == [{"value": "BE-13019", "label": "Lille (Anvers, Belgique)"}]
    # The alternative's value is a `near` of its own.
    belgian = client.get(PLACES, {"near": "BE-13019"}).json()
    assert belgian["near"]["key"] == "BE-13019" and belgian["near_alternatives"] == []
    french = client.get(PLACES, {"near": "FR-59350", "radius_km": "20"}).json()
    assert french["near"]["key"] == "FR-59350" and french["near_alternatives"] == []
    assert [r["id"] for r in french["results"]] == [geography["far"].pk]
    assert 11 < french["results"][0]["distance_km"] < 13


def test_nothing_within_the_radius_offers_the_nearest_beyond(client, geography):
    body = client.get(PLACES, {"near": "FR-59350", "radius_km": "5"}).json()
    assert body["count"] == 0 and body["results"] == []
    beyond = body["nearest_beyond"]
    assert beyond["radius_km"] == 20
    assert [r["id"] for r in beyond["results"]][0] == geography["far"].pk
    assert 11 < beyond["results"][0]["distance_km"] < 13
    # One tap: the same search at that radius finds it.
    wider = client.get(PLACES, {"near": "FR-59350", "radius_km": beyond["radius_km"]}).json()
    assert [r["id"] for r in wider["results"]] == [geography["far"].pk]


def test_the_nearest_beyond_keeps_the_other_filters(client, geography):
    body = client.get(
        PLACES,
        {"near": "FR-59350", "radius_km": "5", "programme": "lieux-rencontre-enfants-parents"},
    ).json()
    assert body["count"] == 0
    assert [r["id"] for r in body["nearest_beyond"]["results"]] == [geography["at_liege"].pk]


def test_found_results_or_no_near_have_no_beyond(client, geography):
    assert client.get(PLACES, {"near": "4000"}).json()["nearest_beyond"] is None
    body = client.get(PLACES, {}).json()
    assert body["nearest_beyond"] is None and body["near"] is None
    assert body["near_alternatives"] == []


def test_the_map_page_offers_alternatives_and_widening(client, geography):
    page = client.get("/lieux/", {"near": "Lille"}).content.decode()
    assert "Vous cherchiez un autre Lille ?" in page and "near=BE-13019" in page
    assert "Autour de Lille (Nord, France)" in page
    page = client.get("/lieux/", {"near": "FR-59350", "radius_km": "5"}).content.decode()
    assert "Espace de rencontre de Tourcoing" in page
    assert "Élargir à 20 km" in page and "radius_km=20" in page


# Street addresses ---------------------------------------------------------------------------


@pytest.fixture
def geocoders(settings):
    nominatim, ban = NominatimStandIn(), BANFranceStandIn()
    settings.GEOCODER = {
        "name": "nominatim",
        "url": nominatim.url,
        "user_agent": "rencontres-tests",
        "min_delay_seconds": 0.0,
        "timeout_seconds": 5.0,
    }
    settings.GEOCODER_FRANCE = {"name": "banfrance", "url": ban.url}
    reset_geocoder()
    yield nominatim, ban
    nominatim.stop()
    ban.stop()
    reset_geocoder()


def test_a_belgian_address_is_placed_by_nominatim(client, geography, geocoders):
    nominatim, ban = geocoders
    body = client.get(PLACES, {"near": "Rue Féronstrée 1, 4000 Liège", "radius_km": "2"}).json()
    assert body["near"]["kind"] == "address" and body["near"]["key"] == ""
    assert (body["near"]["lat"], body["near"]["lon"]) == (50.645124, 5.576543)
    assert [r["id"] for r in body["results"]] == [geography["at_liege"].pk]
    [request] = nominatim.searches
    assert request["params"]["countrycodes"] == "be"
    assert ban.requests == []


def test_a_french_address_is_placed_by_the_base_adresse_nationale(client, geography, geocoders):
    nominatim, ban = geocoders
    body = client.get(PLACES, {"near": "12 rue de la Paix, 75002 Paris", "radius_km": "1"}).json()
    assert (body["near"]["lat"], body["near"]["lon"]) == (48.869152, 2.331447)
    assert [r["id"] for r in body["results"]] == [geography["at_paris"].pk]
    [request] = ban.searches
    assert request["params"]["q"] == "12 rue de la Paix, 75002 Paris"
    assert nominatim.requests == []
    # Asked once: the next search reads the cache, which keeps no address in clear.
    client.get(PLACES, {"near": "12 rue de la Paix, 75002 Paris"})
    assert len(ban.searches) == 1
    assert not GeocodedAddress.objects.filter(key__icontains="paix").exists()


def test_an_unknown_address_is_a_400_on_near_with_the_communes_it_names(
    client, geography, geocoders
):
    response = client.get(PLACES, {"near": "Rue Inconnue 99, 4000 Liège"})
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["near"] == [
        "Adresse introuvable : vérifiez-la, ou cherchez près de sa commune."
    ]
    assert body["suggestions"]["near"][0] == {
        "value": "BE-62063",
        "label": "Liège (Liège, Belgique)",
    }


@pytest.mark.parametrize("outage", ["stopped", "error", "slow"])
def test_an_unreachable_geocoder_is_a_400_within_two_seconds(client, geography, geocoders, outage):
    nominatim, _ban = geocoders
    if outage == "stopped":
        nominatim.stop()
    elif outage == "error":
        nominatim.mode = "error"
    else:
        nominatim.mode, nominatim.delay = "slow", 4.0
    started = time.monotonic()
    response = client.get(PLACES, {"near": "Place Saint-Lambert 1, Liège"})
    assert time.monotonic() - started < 3.0
    assert response.status_code == 400
    body = response.json()
    assert "ne répond pas" in body["errors"]["near"][0]
    assert [s["value"] for s in body["suggestions"]["near"]] == ["BE-62063"]
    assert not GeocodedAddress.objects.exists()


def test_a_busy_geocoder_refuses_rather_than_queues(client, geography, geocoders, settings):
    from gazetteer.geocoding import _get_service

    settings.GEOCODER = {**settings.GEOCODER, "min_delay_seconds": 5.0}
    service = _get_service("BE")
    assert service.turn() == 0.0
    # The next slot is 5 s away: more than a family waits.
    assert service.turn() is None
    response = client.get(PLACES, {"near": "Place Saint-Lambert 1, Liège"})
    assert response.status_code == 400 and "ne répond pas" in response.json()["errors"]["near"][0]


def test_an_unknown_word_is_no_address_and_offers_names_that_start_alike(client, geography):
    response = client.get(PLACES, {"near": "Lilleke"})
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["near"][0].startswith("Lieu inconnu")
    assert {s["value"] for s in body["suggestions"]["near"]} == {"BE-13019", "FR-59350"}


def test_the_map_page_shows_the_suggestions_of_a_bad_near(client, geography):
    response = client.get("/lieux/", {"near": "Rue Inconnue 99, 4000 Liège"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chercher plutôt près de" in page and "near=BE-62063" in page
