"""Whatever a client sends to the search endpoints, the answer is a 200 or a 400 naming the
parameter, never a 500. Parameters and their types come from the OpenAPI description."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SEARCH_PATHS = ["/api/v1/places/", "/api/v1/places.geojson", "/api/v1/activities/"]
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
