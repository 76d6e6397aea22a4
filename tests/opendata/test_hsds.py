"""`/api/hsds/`: every response kind validates against the vendored HSDS 3.0 schemas, on both
engines where a search is involved; discreet places show their commune's point only."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import ClosurePeriod, OpeningHours
from opendata.ids import keys_of, record_id
from tests.factories import PlacePageFactory
from tests.opendata.schemas import validate
from tests.search_world import SECRET_POINT

pytestmark = pytest.mark.django_db

PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page"}


def get(client, path, **params):
    response = client.get(f"/api/hsds{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def check_page(body, schema):
    assert PAGE_FIELDS | {"empty", "contents"} <= set(body)
    for item in body["contents"]:
        validate(schema, item)
    return body


def no_secret(body) -> None:
    text = json.dumps(body)
    assert "Rue Cachée" not in text
    assert str(SECRET_POINT[0]).rstrip("0") not in text
    assert str(SECRET_POINT[1]).rstrip("0") not in text


def test_root(client, db):
    body = get(client, "/")
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/hsds/openapi.json")
    assert client.get("/api/hsds/openapi.json").status_code == 200


def test_service_at_locations_search_on_both_engines(client, engine):
    body = check_page(
        get(client, "/service_at_locations", postcode="4000", proximity="1500"),
        "service_at_location_list",
    )
    assert body["total_items"] == 3
    names = [item["location"]["name"] for item in body["contents"]]
    assert names == ["Le Passage", "Consultation ONE Liège-Centre", "Le Nid"]
    no_secret(body)
    full = get(client, "/service_at_locations", postcode="4000", full="true", per_page="2")
    assert full["size"] == 2 and full["total_pages"] == 3 and not full["last_page"]
    check_page(full, "service_at_location")


def test_services_search_and_terms_on_both_engines(client, engine, world):
    term = record_id("objective_term", world["nid"].objectives.get(slug="passerelles").pk)
    body = check_page(get(client, "/services", taxonomy_term_id=term), "service_list")
    assert [s["name"] for s in body["contents"]] == [
        "La Maison des Petits Pas",
        "Le Nid",
        "Les Petits Bouts",
    ]
    modified = get(client, "/services", modified_after="2026-01-01")
    assert [s["name"] for s in modified["contents"]] == ["Bulle d'Air", "Le Nid"]
    check_page(get(client, "/services", full="true", search="Passage"), "service")
    minimal = get(client, "/services", minimal="true")
    assert set(minimal["contents"][0]) <= {"id", "name", "status", "last_modified"}


def test_every_item_kind_validates(client, world):
    for key, place in world.items():
        service = get(client, f"/services/{record_id('service', place.pk)}")
        validate("service", service)
        link = get(client, f"/service_at_locations/{record_id('service_at_location', place.pk)}")
        validate("service", link)
        organization = get(client, f"/organizations/{record_id('organization', place.pk)}")
        validate("organization", organization)
        if key == "passage":
            no_secret(service)
            no_secret(organization)
    check_page(get(client, "/organizations", full_service="true"), "organization")
    check_page(get(client, "/organizations"), "organization_list")


def test_nid_in_detail(client, world):
    nid = world["nid"]
    today = date.today()
    ClosurePeriod.objects.create(
        place=nid, start_date=today, end_date=today + timedelta(days=7), reason="Congés"
    )
    service = get(client, f"/services/{record_id('service', nid.pk)}")
    # A closure covers today: HSDS's status says so (its schedule says until when).
    assert service["status"] == "temporarily closed"
    assert service["minimum_age"] == 0 and service["maximum_age"] == 3
    assert {lang["code"] for lang in service["languages"]} == {"fr", "ar"}
    regular, closure = service["schedules"]
    assert (regular["freq"], regular["byday"]) == ("WEEKLY", "MO")
    assert closure["valid_from"] == today.isoformat() and "Congés" in closure["description"]
    # Closed on those dates: a period without hours nor recurrence, beside the weekly slots.
    assert closure["valid_to"] == (today + timedelta(days=7)).isoformat()
    assert not {"opens_at", "closes_at", "freq", "byday"} & set(closure)
    validate("service", service)
    assert service["cost_options"][0]["amount"] == 0
    # How to get in: the place's access modes, by name.
    assert service["application_process"] == "Accueil libre et anonyme"
    codes = {a["taxonomy_term"]["code"] for a in service["attributes"]}
    assert {"passerelles", "integration-culturelle", "lieux-rencontre-enfants-parents"} <= codes
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "4000"
    assert location["accessibility"]


def test_discreet_place_is_at_its_commune(client, world):
    passage = world["passage"]
    link = get(client, f"/service_at_locations/{record_id('service_at_location', passage.pk)}")
    location = link["service_at_locations"][0]["location"]
    assert location["addresses"] == []
    assert (location["latitude"], location["longitude"]) == (50.6326, 5.5797)
    assert "email" not in link
    no_secret(link)


def test_taxonomies_and_terms(client, world):
    taxonomies = check_page(get(client, "/taxonomies"), "taxonomy")
    assert taxonomies["total_items"] == 2
    for taxonomy in taxonomies["contents"]:
        validate("taxonomy", get(client, f"/taxonomies/{taxonomy['id']}"))
    terms = check_page(get(client, "/taxonomy_terms", per_page="100"), "taxonomy_term")
    top = get(client, "/taxonomy_terms", top_only="true", per_page="100")
    assert 0 < top["total_items"] < terms["total_items"]
    parent = top["contents"][0]["id"]
    children = get(client, "/taxonomy_terms", parent_id=parent, per_page="100")
    assert all(t["parent_id"] == parent for t in children["contents"])
    validate("taxonomy_term", get(client, f"/taxonomy_terms/{children['contents'][0]['id']}"))


def test_ids_round_trip():
    assert keys_of("service", record_id("service", 42)) == (42,)
    assert keys_of("organization", record_id("service", 42)) is None
    assert keys_of("language", record_id("language", 3, 7), pair=True) == (3, 7)
    assert keys_of("service", record_id("service", 2**40)) is None


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/service_at_locations", {"postcode": "nulle-part-xyz"}, "postcode"),
        ("/service_at_locations", {"postcode": "4000", "proximity": "5"}, "proximity"),
        ("/service_at_locations", {"taxonomy_term_id": "x"}, "taxonomy_term_id"),
        ("/services", {"per_page": "1000"}, "per_page"),
        ("/services", {"format": "xml"}, "format"),
        ("/services", {"full": "maybe"}, "full"),
        ("/services", {"modified_after": "hier"}, "modified_after"),
        ("/services", {"organization_id": "nope"}, "organization_id"),
        ("/organizations", {"page": "0"}, "page"),
        ("/taxonomy_terms", {"top_only": "peut-être"}, "top_only"),
        ("/taxonomy_terms", {"taxonomy_id": "x"}, "taxonomy_id"),
    ],
)
def test_bad_input_is_400_naming_it(client, world, path, params, parameter):
    response = client.get(f"/api/hsds{path}", params)
    assert response.status_code == 400, response.content
    assert parameter in response.json()["errors"]


def test_unknown_ids_are_404(client, world):
    for path in (
        "services",
        "service_at_locations",
        "organizations",
        "taxonomies",
        "taxonomy_terms",
    ):
        assert client.get(f"/api/hsds/{path}/nope").status_code == 404
    world["passage"].refresh_from_db()
    hidden = record_id("service", 10**9)
    assert client.get(f"/api/hsds/services/{hidden}").status_code == 404


def test_a_description_keeps_its_paragraphs_apart(client, commune):
    place = PlacePageFactory(
        title="Le Coin",
        commune=commune,
        description="<p>Sans se croiser.</p><ul><li>Jeux</li><li>Livres</li></ul>",
    )
    service = get(client, f"/services/{record_id('service', place.pk)}")
    assert service["description"] == "Sans se croiser.\nJeux\nLivres"


def test_a_list_costs_the_same_queries_whatever_its_length(client, world):
    counts = []
    for per_page in (1, 8):
        with CaptureQueriesContext(connection) as queries:
            body = get(client, "/services", full="true", per_page=per_page)
        assert len(body["contents"]) == per_page
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_two_alike_slots_or_closures_keep_their_own_ids(client, world):
    nid = world["nid"]
    today = date.today()
    slot = nid.opening_hours.get()
    twin = OpeningHours.objects.create(
        place=nid, weekday=slot.weekday, opens=slot.opens, closes=slot.closes
    )
    closures = [
        ClosurePeriod.objects.create(place=nid, start_date=today, end_date=today) for _ in "ab"
    ]
    service = get(client, f"/services/{record_id('service', nid.pk)}")
    assert sorted(schedule["id"] for schedule in service["schedules"]) == sorted(
        [record_id("schedule", pk) for pk in (slot.pk, twin.pk)]
        + [record_id("closure", closure.pk) for closure in closures]
    )


def test_a_place_is_told_in_french_whatever_the_requests_language(client, world):
    # The records HSDS reads are French (its source language), and so are its own texts: the
    # unprefixed /api/hsds/ is never served in another language, so they cannot disagree.
    nid = world["nid"]
    path = f"/api/hsds/services/{record_id('service', nid.pk)}"
    french = client.get(path).json()
    assert french["eligibility_description"] == "Enfants de 0 à 3 ans."
    assert client.get(path, HTTP_ACCEPT_LANGUAGE="nl").json() == french
