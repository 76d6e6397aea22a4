"""Wagtail's own search index (admin, site text) never holds where a discreet place is: no
street address, postcode or coordinates in what a cluster backend would store, nor in what a
real cluster node stores."""

import json
import os
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.search import wagtail_backends
from core.search.wagtail_bulk import parental_related_search_fields
from directory.models import PlacePage
from tests.factories import PlacePageFactory, objective

SECRETS = ("Rue du Refuge 17", "4031", "50.61234", "5.58765")


@pytest.fixture
def discreet_place(db):
    return PlacePageFactory(
        title="Espace Rencontre Discret",
        is_discreet=True,
        street_address=SECRETS[0],
        postcode=SECRETS[1],
        latitude=Decimal(SECRETS[2]),
        longitude=Decimal(SECRETS[3]),
    )


def test_no_address_field_is_declared():
    names = {field.field_name for field in PlacePage.search_fields}
    assert not names & {"street_address", "postcode", "latitude", "longitude", "email", "phone"}


@pytest.mark.parametrize("flavour", ["Opensearch2", "Opensearch3", "Elasticsearch8"])
def test_the_cluster_document_holds_no_address(discreet_place, flavour):
    backend_class = getattr(wagtail_backends, flavour)
    document = backend_class.mapping_class(PlacePage).get_document(discreet_place)
    stored = json.dumps(document, default=str)
    assert "Espace Rencontre Discret" in stored
    for secret in SECRETS:
        assert secret not in stored, (secret, document)


def test_a_real_node_stores_no_address(discreet_place, settings):
    url = os.environ.get("RENCONTRES_TEST_SEARCH_URL")
    if not url:
        pytest.skip("RENCONTRES_TEST_SEARCH_URL is unset: no search cluster")
    from wagtail.search.backends import get_search_backend

    flavour = os.environ.get("RENCONTRES_TEST_SEARCH_FLAVOUR", "opensearch2")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"core.search.wagtail_backends.{flavour.capitalize()}",
            "URLS": [url],
            "INDEX_PREFIX": f"test-{uuid.uuid4().hex[:8]}-wagtail-",
        }
    }
    backend = get_search_backend()
    index = backend.get_index_for_model(PlacePage)
    index.put()
    try:
        index.add_model(PlacePage)
        backend.add(discreet_place)  # as when an editor saves the page
        index.refresh()
        mapping = backend.mapping_class(PlacePage)
        stored = backend.es.get(index=index.name, id=mapping.get_document_id(discreet_place))
        text = json.dumps(stored["_source"])
        assert "Espace Rencontre Discret" in text
        for secret in SECRETS:
            assert secret not in text, (secret, stored["_source"])
        found = backend.search("Discret", PlacePage.objects.all())
        assert [page.pk for page in found] == [discreet_place.pk]
    finally:
        index.delete()


@pytest.mark.parametrize("flavour", ["Opensearch3", "Elasticsearch8"])
def test_cluster_documents_cost_no_query_per_place(db, flavour):
    """Wagtail's cluster backends read a filter field on a many-to-many with one query per
    place: places declare none, so a batch of documents costs the same at 2 places and at 6."""
    places = [
        PlacePageFactory(objectives=[objective("promotion-sante-bientraitance")]) for _ in range(6)
    ]
    mapping = getattr(wagtail_backends, flavour).mapping_class(PlacePage)
    counts = []
    for size in (2, 6):
        with CaptureQueriesContext(connection) as captured:
            pages = list(
                PlacePage.get_indexed_objects()
                .prefetch_related(*parental_related_search_fields(PlacePage))
                .filter(pk__in=[place.pk for place in places[:size]])
            )
            documents = [mapping.get_document(page) for page in pages]
        assert len(documents) == size
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
