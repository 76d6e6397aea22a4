"""Wagtail's own search (the admin's page and snippet searches) on a configured cluster that does
not answer: the admin answers from the database, never a 500."""

import socket

import pytest
from django.urls import reverse

from tests.factories import PlacePageFactory, programme


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dead_cluster(settings):
    dead = f"http://127.0.0.1:{free_port()}"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "core.search.wagtail_backends.Opensearch2",
            "URLS": [dead],
            "INDEX_PREFIX": "dead-wagtail-",
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    return dead


@pytest.mark.parametrize("flavour", ["Opensearch2", "Opensearch3", "Elasticsearch8"])
def test_admin_page_search_answers_from_the_database(
    dead_cluster, admin_client, db, settings, flavour
):
    settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = (
        f"core.search.wagtail_backends.{flavour}"
    )
    PlacePageFactory(title="Le Nid des Saules")
    PlacePageFactory(title="La Maison Verte")
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "Saules"})
    assert response.status_code == 200
    assert "Le Nid des Saules" in response.content.decode()
    assert "La Maison Verte" not in response.content.decode()
    # Twice: the second one does not even ask the cluster (the breaker is open).
    assert (
        admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "Saules"}).status_code == 200
    )


def test_admin_snippet_search_answers_from_the_database(dead_cluster, admin_client, db):
    programme()
    url = reverse("wagtailsnippets_objectives_programme:list")
    response = admin_client.get(url, {"q": "rencontre"})
    assert response.status_code == 200
    response = admin_client.get(url, {"q": "nothing-like-it"})
    assert response.status_code == 200


def test_admin_autocomplete_search_answers_from_the_database(dead_cluster, db):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    PlacePageFactory(title="Le Nid des Saules")
    backend = get_search_backend()
    found = backend.autocomplete("Saul", Page.objects.live())
    assert [page.title for page in found] == ["Le Nid des Saules"]
    assert backend.search("Saules", Page.objects.all())[:5].count() == 1
