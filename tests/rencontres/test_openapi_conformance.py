"""The OpenAPI description and the API agree: schemathesis, with its default checks, over every
operation of `/api/v1/schema/`, in positive and negative modes, against the Django WSGI
application (bounded examples).

One check is narrowed, not dropped: a schema-valid request may still be refused (400) when
what it asks depends on data or on another parameter, which no JSON Schema says: a `near`
that names no known place, a page past the last, a `to` before `from` (or before today), a
period over 366 days, a child's age given twice (`age`, `age_years`, `age_months`: one of
them), or a `cursor` of the right shape whose signature this site did not make. Any other 400
to a schema-valid request fails the test."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.failures import FailureGroup

# Run once, on PostgreSQL (scripts/test): the API's views run on both engines in the other tests
# (tests/directory/search/test_api_fuzz.py throws the text searches' own syntax at both).
pytestmark = pytest.mark.production_database

MAX_EXAMPLES = 60
# Parameters whose valid values depend on data or on another parameter.
BEYOND_THE_SCHEMA = {"near", "page", "to", "cursor"}
# One of them only: refused when two are given, whatever their values.
ONE_OF = {"age", "age_years", "age_months"}


@pytest.fixture
def api_schema(db, commune, settings):
    from django.core.wsgi import get_wsgi_application

    from tests.factories import PlacePageFactory, objective

    PlacePageFactory(title="Le Nid", commune=commune, objectives=[objective("passerelles")])
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    # As Django's test client does: the requests run inside the test's transaction, so the
    # end of a request must not close the database connection (PostgreSQL would lose it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def refused_beyond_the_schema(response, query: dict | None) -> bool:
    if response.status_code != 400:
        return False
    errors = json.loads(response.content)["errors"]
    given = {name for name, value in (query or {}).items() if value not in ("", None, [])}
    excused = BEYOND_THE_SCHEMA | (ONE_OF & given if len(ONE_OF & given) > 1 else set())
    return bool(errors) and set(errors) <= excused


def conformance_check(operation, mode):
    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def conforms(case):
        response = case.call()
        beyond = mode == GenerationMode.POSITIVE and refused_beyond_the_schema(response, case.query)
        case.validate_response(
            response, excluded_checks=[positive_data_acceptance] if beyond else []
        )

    return conforms


def test_every_operation_conforms_to_its_description(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.label for op in operations} >= {
        "GET /api/v1/places/",
        "GET /api/v1/places.geojson",
        "GET /api/v1/activities/",
        "GET /api/v1/activities/calendar.ics",
        "GET /api/v1/suggest/",
        "GET /api/v1/programmes/",
        "GET /api/v1/objectives/",
        "GET /api/v1/access-modes/",
    }
    problems = []
    for operation, mode in [(o, m) for o in operations for m in GenerationMode]:
        conforms = conformance_check(operation, mode)
        try:
            conforms()
        except Unsatisfiable:
            # No parameter to break: nothing to try in negative mode.
            assert mode == GenerationMode.NEGATIVE, operation.label
        except FailureGroup as failures:
            problems.append(f"{operation.label} {mode}: {failures}")
    assert not problems, "\n\n".join(problems)
