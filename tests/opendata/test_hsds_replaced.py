"""HSDS records of a place merged into another: a 301 to the kept place's record of the same
kind, named in the body as `replaced_by` (opendata/hsds/api.py, docs/duplicates.md)."""

import pytest

from directory.merging import merge_places
from opendata.ids import record_id
from tests.factories import PlacePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("service", "services"),
        ("organization", "organizations"),
        ("service_at_location", "service_at_locations"),
    ],
)
def test_hsds_says_the_merged_place_was_replaced(client, commune, kind, path):
    kept = publish(PlacePageFactory(title="Les Petits Pas", commune=commune))
    merged = publish(PlacePageFactory(title="Petits Pas", slug="petits-pas", commune=commune))
    merge_places(kept, merged)
    response = client.get(f"/api/hsds/{path}/{record_id(kind, merged.pk)}")
    assert response.status_code == 301
    kept_url = f"http://testserver/api/hsds/{path}/{record_id(kind, kept.pk)}"
    assert response["Location"] == kept_url
    replaced_by = response.json()["replaced_by"]
    assert replaced_by["id"] == record_id(kind, kept.pk)
    assert replaced_by["url"] == kept_url
    assert replaced_by["page_url"].endswith(kept.url)
    assert client.get(response["Location"]).status_code == 200


def test_hsds_openapi_documents_the_301(client):
    paths = client.get("/api/hsds/openapi.json").json()["paths"]
    assert "301" in paths["/api/hsds/services/{id}"]["get"]["responses"]
    assert "301" not in paths["/api/hsds/taxonomies/{id}"]["get"]["responses"]
