"""Wagtail's own index on a cluster where `manage.py update_index` never ran: made with its
analysers and mappings by the first document, not guessed by the node from that document."""

import pytest

from directory.models import PlacePage
from tests.factories import PlacePageFactory
from tests.search_world import (
    cluster_url,
    throwaway_cluster_settings,
    wagtail_cluster_backend,
)


@pytest.fixture
def wagtail_cluster(settings):
    cluster_url()
    config = throwaway_cluster_settings()
    # Only the test's own calls send documents: each way in is tried alone.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": wagtail_cluster_backend(config, AUTO_UPDATE=False)
    }
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    index = backend.get_index_for_model(PlacePage)
    assert not index.exists()
    yield backend
    index.delete()


@pytest.mark.parametrize("how", ["one page", "a batch"])
def test_the_first_document_makes_the_index_with_its_analysers(wagtail_cluster, db, how):
    place = PlacePageFactory(title="La Cabane aux Hiboux")
    index = wagtail_cluster.get_index_for_model(PlacePage)
    if how == "one page":
        wagtail_cluster.add(place)
    else:
        wagtail_cluster.add_bulk(PlacePage, [place])
    index.refresh()
    analysis = next(iter(index.es.indices.get_settings(index=index.name).values()))
    assert "edgengram_analyzer" in analysis["settings"]["index"]["analysis"]["analyzer"]
    # The admin's choosers search as one types: edge n-grams of the title.
    found = wagtail_cluster.autocomplete("Hib", PlacePage.objects.all())
    assert [page.pk for page in found] == [place.pk]


@pytest.mark.parametrize("flavour", ["Opensearch2", "Opensearch3", "Elasticsearch8"])
def test_every_flavour_asks_for_its_index_in_words_its_client_takes(settings, flavour):
    """Against a port where nothing listens, making the index ready fails as the cluster
    being away (which Wagtail logs, and the breaker counts), never as a call its client refuses."""
    from wagtail.search.backends import get_search_backend

    from core.search.wagtail_backends import CLUSTER_ERRORS
    from tests.core.search.test_wagtail_fallback import free_port

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"core.search.wagtail_backends.{flavour}",
            "URLS": [f"http://127.0.0.1:{free_port()}"],
            "INDEX_PREFIX": "away-wagtail-",
        },
    }
    index = get_search_backend("default").get_index_for_model(PlacePage)
    with pytest.raises(CLUSTER_ERRORS):
        index.add_items(PlacePage, [])
