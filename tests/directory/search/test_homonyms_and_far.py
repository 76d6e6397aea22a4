"""Issue 27: a name that places far apart bear (the page asks « Quel Saint-Denis ? », the API
says `ambiguous`), a name one of them dominates (Lille, Nord), and a search that finds nothing
even at the widest radius (the nearest place in the same territory, or « Pas encore de lieu en
Corse »). On both engines, on a tiny world of this module's own."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

import pytest

from gazetteer.names import search_names_for
from tests.factories import CommuneFactory, PlacePageFactory, PostalCodeFactory
from tests.search_world import remove_world

PLACES = "/api/v1/places/"
MAP = "/lieux/"


def commune(code, name, lat, lon, population, province, postcode, country="FR"):
    row = CommuneFactory(
        country=country,
        code=code,
        name_fr=name,
        province=province,
        population=population,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        search_names=search_names_for(name, ""),
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


def place(title, at, lat, lon):
    return PlacePageFactory(
        title=title,
        commune=at,
        postcode=at.postal_codes.first().code,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Overrides tests.search_world's: the `engine` fixture builds and indexes this one."""
    with django_db_blocker.unblock():
        remove_world()
        st_denis_93 = commune(
            "93066", "Saint-Denis", "48.9362", "2.3574", 113000, "Seine-Saint-Denis", "93200"
        )
        st_denis_974 = commune(
            "97411", "Saint-Denis", "-20.8821", "55.4507", 153000, "La Réunion", "97400"
        )
        lille = commune("59350", "Lille", "50.6309", "3.0709", 232787, "Nord", "59000")
        commune("13019", "Lille", "51.242", "4.823", 16000, "Province d’Anvers", "2275", "BE")
        commune("2A004", "Ajaccio", "41.9192", "8.7386", 70000, "Corse-du-Sud", "20000")
        nice = commune("06088", "Nice", "43.7034", "7.2663", 340000, "Alpes-Maritimes", "06000")
        commune("97356", "Camopi", "3.1667", "-52.3333", 1800, "Guyane", "97330")
        st_laurent = commune(
            "97311", "Saint-Laurent-du-Maroni", "5.4976", "-54.0325", 45000, "Guyane", "97320"
        )
        places = {
            "st_denis": place("Maison des familles de Saint-Denis", st_denis_93, "48.936", "2.36"),
            "reunion": place("Case des parents", st_denis_974, "-20.88", "55.45"),
            "lille": place("Espace de rencontre de Lille", lille, "50.63", "3.07"),
            # 222 km from Ajaccio, across the sea.
            "nice": place("Lieu d'accueil de Nice", nice, "43.70", "7.27"),
            # 320 km from Camopi, in Guyane too.
            "maroni": place("Lieu d'accueil du Maroni", st_laurent, "5.50", "-54.03"),
        }
    yield places
    with django_db_blocker.unblock():
        remove_world()


def page_of(client, **params) -> str:
    return unescape(client.get(MAP, params).content.decode())


# Ambiguous names ---------------------------------------------------------------------------


def test_an_ambiguous_name_asks_which_before_searching(client, engine, world):
    page = page_of(client, near="Saint-Denis")
    assert "Quel Saint-Denis ?" in page
    assert '<a href="?near=FR-93066">Saint-Denis (Seine-Saint-Denis, France)</a>' in page
    assert '<a href="?near=FR-97411">Saint-Denis (La Réunion, France)</a>' in page
    # No results yet, neither listed nor counted nor drawn.
    assert "Maison des familles" not in page and "Case des parents" not in page
    assert "lieu trouvé" not in page and "Prévenez-moi" not in page
    # A choice is a search around that one.
    chosen = page_of(client, near="FR-97411")
    assert "Autour de Saint-Denis (La Réunion, France)" in chosen
    assert "Case des parents" in chosen and "Quel Saint-Denis" not in chosen


def test_a_dominant_name_is_chosen_named_and_the_others_one_tap_away(client, engine, world):
    page = page_of(client, near="Lille")
    assert "Autour de Lille (Nord, France)" in page
    assert "Vous cherchiez un autre Lille ?" in page
    assert '<a href="?near=BE-13019">Lille (Anvers, Belgique)</a>' in page
    assert "Espace de rencontre de Lille" in page and "Quel Lille" not in page


def test_the_api_resolves_the_same_way_and_says_a_guess(client, engine, world):
    body = client.get(PLACES, {"near": "Saint-Denis"}).json()
    near = body["near"]
    assert near["ambiguous"] is True and near["key"] == "FR-93066"
    assert near["label"] == "Saint-Denis (Seine-Saint-Denis, France)"
    assert body["near_alternatives"] == [
        {"value": "FR-97411", "label": "Saint-Denis (La Réunion, France)"}
    ]
    # Answered all the same: the guess's places.
    assert [r["name"] for r in body["results"]] == ["Maison des familles de Saint-Denis"]
    lille = client.get(PLACES, {"near": "Lille"}).json()
    assert (lille["near"]["key"], lille["near"]["ambiguous"]) == ("FR-59350", False)
    assert lille["near"]["label"] == "Lille (Nord, France)"
    assert lille["near_alternatives"] == [
        {"value": "BE-13019", "label": "Lille (Anvers, Belgique)"}
    ]


# Nothing near --------------------------------------------------------------------------------


def test_a_territory_without_a_place_says_so_and_never_to_widen(client, engine, world):
    page = page_of(client, near="Ajaccio", radius_km="200")
    assert "Pas encore de lieu en Corse." in page
    assert "Élargi" not in page
    # Nice, 222 km away across the sea, is not offered; being told of a new one is.
    assert "Lieu d'accueil de Nice" not in page
    assert 'href="#alert-signup-title"' in page and 'id="alert-signup-title"' in page
    body = client.get(PLACES, {"near": "Ajaccio", "radius_km": "200"}).json()
    assert body["nearest_beyond"] is None
    assert body["nearest_in_territory"] == {
        "territory": "Corse",
        "radius_km": 200.0,
        "nearest_km": None,
        "no_place_yet": True,
        "results": [],
    }


def test_at_the_widest_radius_the_nearest_in_the_territory_at_any_distance(client, engine, world):
    page = page_of(client, near="Camopi", radius_km="200")
    assert "Aucun lieu dans un rayon de 200 km : le lieu le plus proche est à 3" in page
    assert "Lieu d'accueil du Maroni</a>." in page
    assert "Élargi" not in page
    far = client.get(PLACES, {"near": "Camopi", "radius_km": "200"}).json()
    far = far["nearest_in_territory"]
    assert (far["territory"], far["no_place_yet"]) == ("Guyane", False)
    assert [r["name"] for r in far["results"]] == ["Lieu d'accueil du Maroni"]
    assert 300 < far["nearest_km"] < 340 and far["results"][0]["distance_km"] == far["nearest_km"]


def test_filters_that_exclude_every_place_of_the_territory_say_to_remove_one(client, engine, world):
    params = {"near": "Camopi", "radius_km": "200", "programme": "consultations-enfants"}
    page = page_of(client, **params)
    assert "Aucun lieu en Guyane ne correspond à ces critères. Retirez un filtre" in page
    assert "Élargi" not in page


def test_below_the_widest_radius_when_widening_finds_nothing_it_is_not_advised(
    client, engine, world
):
    body = client.get(PLACES, {"near": "Ajaccio", "radius_km": "100"}).json()
    assert body["nearest_beyond"] is None
    assert body["nearest_in_territory"]["no_place_yet"] is True
    assert body["nearest_in_territory"]["radius_km"] == 200
    page = page_of(client, near="Ajaccio", radius_km="20")
    assert "Pas encore de lieu en Corse." in page and "Élargi" not in page
    # Widening helps: the page offers it, and no territory's answer is given.
    # 15 km south of Saint-Denis's place.
    south = client.get(PLACES, {"near": "48.80,2.3574", "radius_km": "2"}).json()
    assert south["nearest_beyond"]["radius_km"] == 20
    assert south["nearest_in_territory"] is None
    found = client.get(PLACES, {"near": "Lille", "radius_km": "200"}).json()
    assert found["nearest_in_territory"] is None


def test_nothing_anywhere_near_an_unknown_territory_advises_no_radius(client, engine, world):
    """At sea, far from any commune: no territory, nothing within 200 km."""
    page = page_of(client, near="45.0,-30.0", radius_km="50")
    assert "Aucun lieu ne correspond." in page and "Élargi" not in page
    assert "Retirez un filtre" not in page
    page = page_of(client, near="45.0,-30.0", radius_km="50", q="jeux")
    assert "Aucun lieu ne correspond. Retirez un filtre ou des mots-clés." in page
