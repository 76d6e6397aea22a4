"""Whatever a client sends to the search endpoints, the answer is a 200 or a 400 naming the
parameter, never a 500. Parameters and their types come from the OpenAPI description."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.place_detail import PlaceDetailOut

SEARCH_PATHS = ["/api/v1/places/", "/api/v1/places.geojson", "/api/v1/activities/"]
# Operations with path parameters: each is thrown arbitrary path values as well.
DETAIL_PATHS = ["/api/v1/places/{place_id}/"]
NASTY = [
    '"',
    "'",
    "\"';--",
    "*",
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    ")",
    "^",
    "-",
    "+",
    ":",
    "\\",
    "%",
    "_",
    "Liège",
    "é",
    "\u202e",
    "🙂",
    "1e400",
    "nan",
    "-0",
    " ",
    # The gazetteer's keys, well- and ill-formed, and street addresses (the tests' geocoders
    # point at a closed port: an address is a 400 saying the service does not answer).
    "FR-59350",
    "BE-92094-jambes",
    "FR-00000",
    "FR-59350-Z",
    "be-1-x",
    "Rue de la Loi 16, 1000 Bruxelles",
    "12 rue de la Paix, 75002 Paris",
    "\x00",
    "li\x00ege",
]


@pytest.fixture(scope="module")
def openapi(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/v1/schema/").json()


def value_strategy(schema: dict):
    by_type = {
        "integer": st.one_of(st.integers(-(10**12), 10**12).map(str), st.just("2.5")),
        "number": st.one_of(
            st.floats(allow_nan=True, allow_infinity=True).map(str), st.integers().map(str)
        ),
        "boolean": st.sampled_from(["true", "false", "1", "0", "yes", "maybe"]),
    }
    # Arbitrary text, and the texts that break parsers: quotes, full-text operators, SQL.
    wild = st.one_of(
        st.text(max_size=300),
        st.sampled_from(NASTY),
        st.lists(st.sampled_from(NASTY), max_size=4).map(" ".join),
    )
    if schema.get("format") == "date":
        return st.one_of(st.dates().map(lambda day: day.isoformat()), wild)
    if schema.get("format") == "date-time":
        moments = st.datetimes(timezones=st.one_of(st.none(), st.timezones()))
        return st.one_of(moments.map(lambda moment: moment.isoformat()), wild)
    if "enum" in schema:
        return st.one_of(st.sampled_from(schema["enum"]), wild)
    if schema.get("type") == "array":
        return st.lists(value_strategy(schema["items"]), max_size=3)
    return st.one_of(by_type.get(schema.get("type"), wild), wild)


def query_strategy(parameters: list[dict]):
    return st.fixed_dictionaries(
        {},
        optional={p["name"]: value_strategy(p["schema"]) for p in parameters},
    )


@pytest.mark.parametrize("path", SEARCH_PATHS)
def test_no_input_gives_a_server_error(openapi, world, db, client, path):
    parameters = openapi["paths"][path]["get"]["parameters"]
    assert {p["name"] for p in parameters} >= {"near", "radius_km", "objective", "page"}

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=query_strategy(parameters))
    def check(query):
        # NUL characters included: refused with a 400 like any other bad value.
        response = client.get(path, query)
        assert response.status_code in (200, 400), (query, response.content[:300])
        if response.status_code == 400:
            errors = response.json()["errors"]
            assert errors and set(errors) <= set(query)

    check()


@pytest.mark.parametrize("path", DETAIL_PATHS)
def test_no_path_value_gives_a_server_error(openapi, world, db, client, path):
    operation = openapi["paths"][path]["get"]
    assert [p["name"] for p in operation["parameters"] if p["in"] == "path"] == ["place_id"]
    known = sorted(world[key].pk for key in world)

    @settings(
        max_examples=100,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        value=st.one_of(
            st.sampled_from(known).map(str),
            st.integers(-(10**20), 10**20).map(str),
            st.text(
                alphabet=st.characters(
                    blacklist_categories=("Cs",), blacklist_characters="/?#\x00"
                ),
                max_size=30,
            ),
            st.sampled_from(NASTY),
        )
    )
    def check(value):
        response = client.get(path.replace("{place_id}", quote(value, safe="")))
        assert response.status_code in (200, 400, 404), (value, response.content[:300])
        if response.status_code == 200:
            PlaceDetailOut.model_validate(response.json())
        elif response.status_code == 400:
            assert list(response.json()["errors"]) == ["place_id"]

    check()


@pytest.fixture(scope="module")
def hsds_openapi(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        client = Client()
        paths = {}
        for url in ("/api/hsds/openapi.json", "/api/data-inclusion/v1/openapi.json"):
            paths.update(client.get(url).json()["paths"])
        return {"paths": paths}


HSDS_PATHS = [
    "/api/hsds/",
    "/api/hsds/services",
    "/api/hsds/services/{id}",
    "/api/hsds/service_at_locations",
    "/api/hsds/service_at_locations/{id}",
    "/api/hsds/organizations",
    "/api/hsds/organizations/{id}",
    "/api/hsds/taxonomies",
    "/api/hsds/taxonomies/{id}",
    "/api/hsds/taxonomy_terms",
    "/api/hsds/taxonomy_terms/{id}",
    "/api/data-inclusion/v1/structures",
    "/api/data-inclusion/v1/services",
]


@pytest.mark.parametrize("path", HSDS_PATHS)
def test_no_hsds_input_gives_a_server_error(hsds_openapi, world, db, client, path):
    from opendata.ids import KINDS, record_id

    operation = hsds_openapi["paths"][path]["get"]
    query = [p for p in operation.get("parameters", []) if p["in"] == "query"]
    ids = st.one_of(
        st.builds(record_id, st.sampled_from(list(KINDS)), st.integers(0, 40)),
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#\x00"),
            max_size=40,
        ),
    )

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(params=query_strategy(query), value=ids)
    def check(params, value):
        cleaned = {k: v.replace("\x00", "") for k, v in params.items() if isinstance(v, str)}
        url = path.replace("{id}", quote(value, safe="") or "x")
        response = client.get(url, cleaned)
        assert response.status_code in (200, 400, 404), (url, params, response.content[:300])
        if response.status_code == 400:
            assert set(response.json()["errors"]) <= set(params)

    check()
