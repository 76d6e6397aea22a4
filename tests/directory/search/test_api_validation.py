"""/api/v1/places/ and its GeoJSON answer 400 (never 500) naming the parameter for bad input;
every parameter, `free` included, is described in the OpenAPI schema as the FilterSet checks it."""

from datetime import UTC, datetime

import pytest

from core.search.fields import IsoDateTimeField

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/places/", "/api/v1/places.geojson"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"free": "peut-être"}, "free"),
        ({"free": "2"}, "free"),
        ({"accessible": "maybe"}, "accessible"),
        ({"near": "nulle-part-xyz"}, "near"),
        ({"radius_km": "500", "near": "50.6,5.5"}, "radius_km"),
        ({"objective": "inconnu"}, "objective"),
        ({"day": "lundi"}, "day"),
        ({"age_months": "2.5"}, "age_months"),
        ({"age_months": "+0.0"}, "age_months"),
        ({"age_months": "12."}, "age_months"),
        ({"age_months": "1_2"}, "age_months"),
        ({"modified_after": "hier"}, "modified_after"),
        ({"modified_after": "2026-13-01"}, "modified_after"),
        ({"modified_after": "9999-12-31T23:59:59-23:59"}, "modified_after"),
    ],
)
def test_bad_parameters_answer_400_naming_them(client, params, parameter):
    for url in URLS:
        response = client.get(url, params)
        assert response.status_code == 400, (url, response.content)
        assert list(response.json()["errors"]) == [parameter]


def test_a_whole_number_may_be_written_as_json_writes_it(client):
    for url in URLS:
        assert client.get(url, {"age_months": "12.0"}).status_code == 200


def test_free_says_why(client):
    errors = client.get(URLS[0], {"free": "peut-être"}).json()["errors"]
    assert errors == {"free": ["Valeur attendue : true ou false."]}


@pytest.mark.parametrize("path", [*URLS, "/api/v1/activities/", "/api/v1/activities/calendar.ics"])
def test_free_is_in_the_openapi_schema(client, path):
    schema = client.get("/api/v1/schema/").json()
    parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
    assert parameters["free"]["schema"] == {"type": "boolean"}
    assert parameters["free"]["in"] == "query"


@pytest.mark.parametrize("path", [*URLS, "/api/v1/activities/"])
def test_modified_after_is_in_the_openapi_schema(client, path):
    schema = client.get("/api/v1/schema/").json()
    parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
    assert parameters["modified_after"]["schema"] == {
        "type": "string",
        "format": "date-time",
        "pattern": "^20[0-9]{2}-",
    }


@pytest.mark.parametrize("path", [*URLS, "/api/v1/activities/"])
def test_a_moment_with_an_offset_postgresql_cannot_hold_is_searched_in_utc(client, path):
    # ISO 8601 allows "+19:05"; PostgreSQL refuses offsets past 15:59 (a DataError, a 500
    # before the moment was held in UTC).
    response = client.get(path, {"modified_after": "2000-01-15T00:41:01+19:05"})
    assert response.status_code == 200, response.content


def test_a_moment_is_held_in_utc():
    moment = IsoDateTimeField().clean("2000-01-15T00:41:01+19:05")
    assert moment.utcoffset().total_seconds() == 0
    assert moment == datetime(2000, 1, 14, 5, 36, 1, tzinfo=UTC)
