"""A drop-in session's live room in HSDS: the service's `capacities`, each a 3.1
`service_capacity` (validated against the vendored 3.1 schema, tests/opendata/hsds_schema_3_1),
while the session lasts; the 3.0 service around it still validates."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from activities.live_room import report
from activities.models import Occurrence
from directory.live_room import RoomState
from opendata.ids import record_id
from tests.factories import passerelle_morning, publish
from tests.opendata.schemas import HERE, validate

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
THREE_ONE = HERE.parent / "hsds_schema_3_1"


def validate_capacity(instance) -> None:
    schemas = {path.name: json.loads(path.read_text()) for path in THREE_ONE.glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items()
    )
    validator = Draft202012Validator(
        schemas["service_capacity.json"],
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(instance)


@pytest.fixture
def session(place):
    with time_machine.travel(datetime(2027, 3, 3, 10, 40, tzinfo=BRUSSELS), tick=False) as clock:
        activity = passerelle_morning(publish(place), weekdays="2")
        yield clock, Occurrence.objects.get(activity=activity, date=date(2027, 3, 3))


def service_of(client, place_id):
    response = client.get(f"/api/hsds/services/{record_id('service', place_id)}")
    assert response.status_code == 200
    return response.json()


def test_a_number_of_places_left_is_a_service_capacity(client, session):
    clock, occurrence = session
    report(occurrence, RoomState.ALMOST_FULL, 2)
    service = service_of(client, occurrence.place_id)
    validate("service", service)
    (capacity,) = service["capacities"]
    validate_capacity(capacity)
    assert capacity["available"] == 2
    assert capacity["updated"] == "2027-03-03T10:40:00+01:00"
    assert capacity["description"] == "Presque complet (2) — signalé à 10:40"
    assert capacity["service_id"] == service["id"]
    # The schema is no formality: without `updated` or with a text for a number, refused.
    for wrong in ({"updated": None}, {"available": "deux"}):
        with pytest.raises(ValidationError):
            validate_capacity({k: v for k, v in {**capacity, **wrong}.items() if v is not None})


def test_full_is_none_available_and_a_state_without_a_number_says_nothing(client, session):
    clock, occurrence = session
    report(occurrence, RoomState.FREE)
    assert "capacities" not in service_of(client, occurrence.place_id)
    report(occurrence, RoomState.FULL)
    (capacity,) = service_of(client, occurrence.place_id)["capacities"]
    validate_capacity(capacity)
    assert capacity["available"] == 0


def test_the_capacity_is_gone_after_the_session_s_end(client, session):
    clock, occurrence = session
    report(occurrence, RoomState.FULL)
    clock.move_to(datetime(2027, 3, 3, 11, 30, 1, tzinfo=BRUSSELS))
    assert "capacities" not in service_of(client, occurrence.place_id)
