"""`/api/hsds/` in the version the client asks for (`?version=3.1`, 3.0 without it): every
response kind validates against that version's vendored schemas (tests/opendata/hsds_schema,
hsds_schema_3_1, with their licence and commit), and 3.1 adds its URLs and live-room
capacities."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from activities.live_room import report
from activities.models import Occurrence
from directory.live_room import RoomState
from opendata.ids import record_id
from tests.factories import PlacePageFactory, passerelle_morning, publish
from tests.opendata.schemas import validate

pytestmark = pytest.mark.django_db

VERSIONS = ("3.0", "3.1")


def get(client, path, **params):
    response = client.get(f"/api/hsds{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def check_page(body, schema, version):
    for item in body["contents"]:
        validate(schema, item, version)
    return body


@pytest.mark.parametrize("version", VERSIONS)
def test_every_response_kind_validates_in_each_version(client, world, version):
    asked = {"version": version}
    assert get(client, "/", **asked)["version"] == version
    for place in world.values():
        service = get(client, f"/services/{record_id('service', place.pk)}", **asked)
        validate("service", service, version)
        link_id = record_id("service_at_location", place.pk)
        validate("service", get(client, f"/service_at_locations/{link_id}", **asked), version)
        organization_id = record_id("organization", place.pk)
        validate("organization", get(client, f"/organizations/{organization_id}", **asked), version)
        assert ("additional_urls" in service) is (version == "3.1")
    check_page(get(client, "/services", **asked), "service_list", version)
    check_page(get(client, "/services", full="true", **asked), "service", version)
    check_page(get(client, "/service_at_locations", **asked), "service_at_location_list", version)
    links = get(client, "/service_at_locations", full="true", **asked)
    check_page(links, "service_at_location", version)
    check_page(get(client, "/organizations", full_service="true", **asked), "organization", version)
    check_page(get(client, "/organizations", **asked), "organization_list", version)
    taxonomies = check_page(get(client, "/taxonomies", **asked), "taxonomy", version)
    validate(
        "taxonomy", get(client, f"/taxonomies/{taxonomies['contents'][0]['id']}", **asked), version
    )
    terms = check_page(get(client, "/taxonomy_terms", **asked), "taxonomy_term", version)
    term_id = terms["contents"][0]["id"]
    validate("taxonomy_term", get(client, f"/taxonomy_terms/{term_id}", **asked), version)


def test_3_1_adds_the_places_calendar_and_website(client, world):
    nid = world["nid"]
    service = get(client, f"/services/{record_id('service', nid.pk)}", version="3.1")
    urls = {item["url"] for item in service["additional_urls"]}
    assert f"{service['url']}calendar.ics" in urls
    assert all(item["service_id"] == service["id"] for item in service["additional_urls"])
    organization = get(client, f"/organizations/{record_id('organization', nid.pk)}", version="3.1")
    assert {item["url"] for item in organization["additional_websites"]} == urls


@pytest.mark.parametrize("value", ["3.2", "2", "", "3.1;drop"])
def test_an_unknown_version_is_a_400_naming_it(client, world, value):
    for path in ("/", "/services", f"/services/{record_id('service', world['nid'].pk)}"):
        response = client.get(f"/api/hsds{path}", {"version": value})
        assert response.status_code == 400, path
        assert "3.0, 3.1" in response.json()["errors"]["version"][0]


def test_a_live_room_in_3_1_validates(client, commune):
    # Not the `place` fixture: the search world of the tests above may hold its slug.
    place = PlacePageFactory(title="Lieu du direct", commune=commune)
    brussels = ZoneInfo("Europe/Brussels")
    with time_machine.travel(datetime(2027, 3, 3, 10, 40, tzinfo=brussels), tick=False):
        activity = passerelle_morning(publish(place), weekdays="2")
        occurrence = Occurrence.objects.get(activity=activity, date=date(2027, 3, 3))
        report(occurrence, RoomState.ALMOST_FULL, 2)
        service = get(client, f"/services/{record_id('service', place.pk)}", version="3.1")
    validate("service", service, "3.1")
    (capacity,) = service["capacities"]
    assert capacity["available"] == 2
