"""A merged place's id, asked of the places API: a 301 to the kept place, named in the body as
`replaced_by` (directory/replacements.py; docs/duplicates.md says why not a 410)."""

import pytest

from directory.merging import merge_places
from tests.factories import PlacePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged_pair(commune):
    kept = publish(PlacePageFactory(title="Les Petits Pas", commune=commune))
    merged = publish(PlacePageFactory(title="Petits Pas", slug="petits-pas", commune=commune))
    kept_url = kept.full_url
    merge_places(kept, merged)
    return kept, merged, kept_url


def test_the_api_says_the_place_was_replaced_and_where(client, merged_pair):
    kept, merged, kept_url = merged_pair
    response = client.get(f"/api/v1/places/{merged.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"http://testserver/api/v1/places/{kept.pk}/"
    assert response.json() == {
        "replaced_by": {
            "id": kept.pk,
            "url": f"http://testserver/api/v1/places/{kept.pk}/",
            "page_url": kept_url,
        }
    }
    followed = client.get(f"/api/v1/places/{merged.pk}/", follow=True)
    assert followed.status_code == 200
    assert followed.json()["id"] == kept.pk


def test_a_place_merged_into_a_place_no_longer_public_is_a_404(client, merged_pair):
    kept, merged, _url = merged_pair
    kept.unpublish()
    assert client.get(f"/api/v1/places/{merged.pk}/").status_code == 404


def test_the_openapi_description_documents_the_301(client):
    schema = client.get("/api/v1/schema/").json()
    responses = schema["paths"]["/api/v1/places/{place_id}/"]["get"]["responses"]
    assert "301" in responses
