"""Where families look: each family search (the map page, the places API) leaves one anonymous
event, and nothing in it tells who searched or what they typed (core.search.events,
directory.search.events, gazetteer.areas)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.models import SearchEvent
from gazetteer.geocoding import reset_geocoder
from tests.factories import CommuneFactory, PlacePageFactory, PostalCodeFactory, objective
from tests.geocoders import NominatimStandIn

PLACES = "/api/v1/places/"
CLIENT_IP = "203.0.113.77"
COOKIE = "tracking-7f3a9c"
# What the searches below type, and where the family is: none of it may be stored.
PERSONAL = (
    "Féronstrée",
    "feronstree",
    "maison verte",
    "secret",
    "50.6451",
    "5.5765",
    "50.64",
    "5.57",
    CLIENT_IP,
    "203.0.113",
    COOKIE,
    "famille",
)
# Every column a search event has: a new one must be added here, after asking whether it can
# tell who searched.
COLUMNS = {"id", "day", "index", "area", "radius_km", "filters", "results", "engine"}


@pytest.fixture
def geography(no_search_events):
    liege = CommuneFactory(
        code="62063",
        name_fr="Liège",
        search_names="liege",
        latitude=Decimal("50.6337"),
        longitude=Decimal("5.5675"),
    )
    PostalCodeFactory(commune=liege, code="4000", locality="Liège")
    lille = CommuneFactory(
        country="FR",
        code="59350",
        name_fr="Lille",
        search_names="lille",
        province="Nord",
        region="Hauts-de-France",
        latitude=Decimal("50.6309"),
        longitude=Decimal("3.0709"),
    )
    PostalCodeFactory(commune=lille, country="FR", code="59000", locality="Lille")
    PlacePageFactory(
        title="Maison verte",
        commune=liege,
        latitude=Decimal("50.6450"),
        longitude=Decimal("5.5760"),
        objectives=[objective("passerelles")],
    )
    return {"liege": liege, "lille": lille}


@pytest.fixture
def nominatim(settings):
    stand_in = NominatimStandIn()
    settings.GEOCODER = {
        "name": "nominatim",
        "url": stand_in.url,
        "user_agent": "rencontres-tests",
        "min_delay_seconds": 0.0,
        "timeout_seconds": 5.0,
    }
    reset_geocoder()
    yield stand_in
    stand_in.stop()
    reset_geocoder()


def stored() -> list[dict]:
    return list(SearchEvent.objects.order_by("pk").values())


def test_search_events_hold_nothing_personal(
    client, geography, nominatim, django_user_model, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    client.cookies["tracking"] = COOKIE
    user = django_user_model.objects.create_user("famille", email="famille@example.org")
    asked = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": CLIENT_IP}
    searches = [
        # A postcode, a text and a filter, from the API.
        (PLACES, {"near": "4000", "q": "maison verte", "objective": "passerelles"}),
        # The phone's position.
        (PLACES, {"near": "50.64512,5.57654", "radius_km": "2"}),
        # A street address, placed by the geocoder.
        (PLACES, {"near": "Rue Féronstrée 1, 4000 Liège", "radius_km": "5"}),
        # The map page, with a text; and a French postcode where nothing is within 2 km.
        ("/lieux/", {"near": "Liège", "q": "secret"}),
        ("/lieux/", {"near": "59000", "radius_km": "2"}),
    ]
    for path, params in searches:
        assert client.get(path, params, **asked).status_code == 200
    client.force_login(user)
    assert client.get("/lieux/", {"near": "4000", "radius_km": "20"}, **asked).status_code == 200

    rows = stored()
    assert len(rows) == 6
    for row in rows:
        assert set(row) == COLUMNS
        for name, value in row.items():
            assert isinstance(value, int | str | date), name
            for secret in PERSONAL:
                assert secret.lower() not in str(value).lower(), (name, value)
    assert [row["area"] for row in rows] == ["BE-62063"] * 4 + ["FR-59350", "BE-62063"]
    assert [row["radius_km"] for row in rows] == [10, 2, 5, 10, 2, 20]
    # The criteria's names, never their text.
    assert rows[0]["filters"] == "objective,q" and rows[3]["filters"] == "q"
    assert [row["results"] for row in rows] == [1, 1, 1, 0, 0, 1]
    assert {row["engine"] for row in rows} == {"database"}
    assert {row["index"] for row in rows} == {"places"}


def test_what_is_not_a_family_search_leaves_nothing(client, geography):
    assert client.get(PLACES, {"near": "4000", "page": "2"}).status_code == 400
    assert client.get(PLACES, {"near": "nowhere-at-all"}).status_code == 400
    assert client.get("/lieux/", {"radius_km": "999"}).status_code == 400
    # The map page's points of a search already counted by its page.
    assert client.get(f"{PLACES}map.geojson", {"near": "4000"}).status_code == 200
    assert client.head(PLACES, {"near": "4000"}).status_code == 200
    assert stored() == []


def test_a_second_page_of_a_search_is_the_same_search(client, geography):
    for index in range(3):
        PlacePageFactory(title=f"Lieu {index}", commune=geography["liege"])
    client.get(PLACES, {"near": "4000", "page_size": "2"})
    client.get(PLACES, {"near": "4000", "page_size": "2", "page": "2"})
    assert [row["results"] for row in stored()] == [4]


def test_a_kept_answer_counts_with_one_insert_and_no_other_query(
    client, geography, keeping, django_assert_num_queries
):
    params = {"near": "4000", "radius_km": "5"}
    first = client.get(PLACES, params)
    with django_assert_num_queries(1) as context:
        again = client.get(PLACES, params)
    assert again.content == first.content
    assert context.captured_queries[0]["sql"].startswith("INSERT")
    assert client.get("/lieux/", params).status_code == 200
    client.get("/lieux/", params)
    assert [row["area"] for row in stored()] == ["BE-62063"] * 4


def test_the_geojson_answer_counts_too(client, geography):
    client.get(f"{PLACES[:-1]}.geojson", {"near": "59000", "radius_km": "2"})
    assert [(row["area"], row["results"]) for row in stored()] == [("FR-59350", 0)]


def test_a_failed_insert_never_fails_the_search(client, geography, monkeypatch):
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SearchEvent.objects, "bulk_create", refuse)
    response = client.get(PLACES, {"near": "4000"})
    assert response.status_code == 200 and response.json()["count"] == 1


def test_events_are_gathered_and_written_together(client, geography, settings, monkeypatch):
    from core.search import events

    settings.SEARCH_STATISTICS = {**settings.SEARCH_STATISTICS, "buffer_events": 3}
    for near in ("4000", "Liège"):
        client.get(PLACES, {"near": near})
    assert stored() == []
    client.get(PLACES, {"near": "59000"})
    assert [row["area"] for row in stored()] == ["BE-62063", "BE-62063", "FR-59350"]
    # A lone search waits no longer than `buffer_seconds` for the next one, or the process's end.
    client.get(PLACES, {"near": "4000"})
    assert len(stored()) == 3
    clock = events.monotonic() + settings.SEARCH_STATISTICS["buffer_seconds"]
    monkeypatch.setattr(events, "monotonic", lambda: clock)
    client.get(PLACES, {"near": "4000"})
    assert len(stored()) == 5
    client.get(PLACES, {"near": "4000"})
    assert events.flush() == 1 and len(stored()) == 6
