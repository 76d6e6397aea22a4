"""The map page's cards and map: what each result says, the map's every match (points, or a
grid's cells when there are many), the discreet rule on the map, and the folded form."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from directory.search import map_points
from tests.discreet import secrets_in
from tests.factories import OpeningHoursFactory, PlacePageFactory, programme
from tests.map_features import map_features
from tests.search_world import translate

pytestmark = pytest.mark.django_db


def test_a_card_says_kind_access_ages_and_opening(client, commune):
    place = PlacePageFactory(
        title="Le Jardin des Bambins",
        commune=commune,
        age_min_months=0,
        age_max_months=36,
        access_modes=["accueil-libre"],
        programmes=[programme()],
    )
    for weekday in range(7):
        OpeningHoursFactory(place=place, weekday=weekday, opens="00:00", closes="23:59")
    supervised = PlacePageFactory(
        title="Espace Parenthèse",
        commune=commune,
        access_modes=["decision-du-juge", "accord-des-parents"],
        programmes=[programme("espaces-de-rencontre")],
    )
    with translation.override("fr"):
        html = client.get("/lieux/").content.decode()
        kind = programme().name
    start = html.index("Le Jardin des Bambins")
    card = html[start : html.index("</ol>", start)]
    assert kind in card
    assert "Accueil libre et anonyme, gratuit" in card
    assert "Enfants de 0 à 3 ans" in card
    assert "Ouvert aujourd&#x27;hui" in card or "Ouvre demain" in card
    other = html[html.index(supervised.title) :]
    assert "Sur décision du juge ou par accord des parents" in other


def test_the_map_page_does_not_carry_its_points(client, commune):
    """Every match's point is the API's answer with the same search, which the page names: the
    page's weight does not grow with the matches."""
    PlacePageFactory(title="Lieu 00", commune=commune)
    few = client.get("/lieux/?near=50.64,5.57&radius_km=20&page=1&view=places")
    url = few.context["map_points_url"]
    assert url.startswith("/api/v1/places/map.geojson?")
    assert "near=50.64%2C5.57" in url and "radius_km=20" in url and "lang=fr" in url
    assert "page=" not in url and "view=" not in url
    assert "map-features" in few.content.decode()
    assert '"lat":' not in few.content.decode()
    for n in range(1, 25):
        PlacePageFactory(title=f"Lieu {n:02d}", commune=commune)
    many = client.get("/lieux/?near=50.64,5.57&radius_km=20")
    assert '"lat":' not in many.content.decode()
    assert many.context["map_points_url"] == url
    answer = client.get(url)
    assert answer["Content-Type"] == "application/geo+json"
    assert answer.json()["count"] == 25 and len(answer.json()["features"]) == 25


def test_the_map_shows_every_match_not_only_the_page(client, commune):
    for n in range(25):
        PlacePageFactory(title=f"Lieu {n:02d}", commune=commune)
    response = client.get("/lieux/")
    assert len(response.context["search"].result.hits) == 20
    assert len(map_features(response)) == 25
    assert {f["name"] for f in map_features(response)} == {f"Lieu {n:02d}" for n in range(25)}
    second = client.get("/lieux/?page=2")
    assert len(map_features(second)) == 25


def test_many_matches_become_grid_cells(client, commune, monkeypatch):
    monkeypatch.setattr(map_points, "POINTS_LIMIT", 3)
    for n in range(6):
        PlacePageFactory(commune=commune, latitude=Decimal("50.6") + n, longitude=Decimal("5.5"))
    cells = map_features(client.get("/lieux/"))
    assert sum(cell["count"] for cell in cells) == 6
    assert all("url" not in cell for cell in cells)


def test_grid_cells_count_points_and_place_them_at_their_mean():
    cells = map_points.grid_cells([(50.0, 4.0), (50.0, 4.0001), (51.0, 5.0)], cells=4)
    assert [(c["lat"], c["lon"], c["count"]) for c in cells] == [
        (50.0, 4.00005, 2),
        (51.0, 5.0, 1),
    ]
    assert map_points.grid_cells([]) == []


def test_a_discreet_place_is_on_the_map_at_its_communes_point(client, commune, discreet_place):
    for _n in range(21):
        PlacePageFactory(commune=commune)
    response = client.get("/lieux/?page=2")
    shown = next(f for f in map_features(response) if f["id"] == discreet_place.pk)
    assert (shown["lat"], shown["lon"]) == (float(commune.latitude), float(commune.longitude))
    assert shown["approximate"]
    assert not secrets_in(response.content.decode())


def test_many_discreet_places_stay_at_their_communes_point_in_the_grid(
    client, commune, discreet_place, monkeypatch
):
    monkeypatch.setattr(map_points, "POINTS_LIMIT", 0)
    cells = map_features(client.get("/lieux/"))
    assert cells == [
        {
            "lat": round(float(commune.latitude), 5),
            "lon": round(float(commune.longitude), 5),
            "count": 1,
            "name": "1 lieu",
        }
    ]


def test_the_form_folds_to_a_summary_after_a_search(client, place):
    first = client.get("/lieux/").content.decode()
    assert "data-search-panel open" in first
    searched = client.get("/lieux/?near=50.64,5.57&radius_km=5&free=true&q=jeux")
    html = searched.content.decode()
    assert "data-search-panel open" not in html
    assert "Près de 50.64,5.57 · 5 km · « jeux » · 1 filtre" in html


def test_a_bad_search_keeps_the_form_open(client, place):
    response = client.get("/lieux/?age_months=abc")
    assert response.status_code == 400
    assert "data-search-panel open" in response.content.decode()


def test_the_map_points_are_the_places_records_read_at_once(commune):
    ids = [PlacePageFactory(title=f"Lieu {n:02d}", commune=commune).pk for n in range(12)]
    with CaptureQueriesContext(connection) as two:
        assert len(map_points.place_features(ids[:2])) == 2
    with CaptureQueriesContext(connection) as twelve:
        assert len(map_points.place_features(ids)) == 12
    assert len(twelve) == len(two)


def test_a_translated_place_is_named_alike_on_the_map_and_in_the_list(client, place):
    translate(place, "nl", "Het Huis van de Kleine Stapjes", "<p>Een speelhoek.</p>")
    with translation.override("nl"):
        (point,) = map_points.place_features([place.pk])
    assert (point["name"], point["commune"]) == ("Het Huis van de Kleine Stapjes", "Luik")
    (marker,) = map_features(client.get("/nl/lieux/"))
    assert marker["name"] == point["name"]
