"""Wagtail's own index on a cluster where `manage.py update_index` never ran: made with its
analysers and mappings by the first document, not guessed by the node from that document."""

import pytest

from directory.models import PlacePage
from tests.directory.search.conftest import cluster_url, throwaway_cluster_settings
from tests.factories import PlacePageFactory


@pytest.fixture
def wagtail_cluster(settings):
    cluster_url()
    config = throwaway_cluster_settings()
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"core.search.wagtail_backends.{config.flavour.capitalize()}",
            "URLS": [config.url],
            "INDEX_PREFIX": f"{config.index_prefix}-wagtail-",
            # Only the test's own calls send documents: each way in is tried alone.
            "AUTO_UPDATE": False,
        },
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
