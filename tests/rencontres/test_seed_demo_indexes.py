"""`manage.py seed_demo` with the cluster configured: every index is filled once, at the end
(core.search.deferral), and holds every demo place exactly once. A real node
(RENCONTRES_TEST_SEARCH_URL)."""

from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from activities.search.index import SESSIONS
from core import kept
from core.search import indexing
from core.search.transport import Transport
from directory.models import PlacePage
from tests.rencontres.test_seed_demo import communes, demo_places, seed_demo  # noqa: F401
from tests.search_world import (
    delete_indices,
    throwaway_cluster_settings,
    use_cluster,
    wagtail_cluster_backend,
)

pytestmark = pytest.mark.any_database


def document_ids(transport: Transport, alias: str) -> list[int]:
    transport.refresh(alias)
    body = {"query": {"match_all": {}}, "size": 10_000, "_source": False}
    return [int(hit["_id"]) for hit in transport.search(alias, body)["hits"]["hits"]]


@pytest.fixture
def cluster(settings):
    config = throwaway_cluster_settings()
    use_cluster(settings, config)
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": wagtail_cluster_backend(config),
        "database": {"BACKEND": "core.search.database_backend"},
    }
    yield config
    delete_indices(config)


def test_every_index_holds_every_demo_place_once(communes, cluster, monkeypatch):  # noqa: F811
    rebuilt = Counter()
    rebuild = indexing.rebuild

    def counted(transport, index, **options):
        rebuilt[index.name] += 1
        yield from rebuild(transport, index, **options)

    monkeypatch.setattr("core.search.deferral.rebuild", counted)

    seed_demo(24)

    places = sorted(demo_places().values_list("pk", flat=True))
    assert len(places) == 24
    # Each family-search index rebuilt once, at the end, not a batch at a time.
    assert rebuilt == {"places": 1, SESSIONS.name: 1}
    transport = Transport(cluster)
    assert sorted(document_ids(transport, cluster.alias("places"))) == places
    sessions = document_ids(transport, cluster.alias(SESSIONS.name))
    assert sessions
    assert sorted(sessions) == sorted(SESSIONS.public_ids())
    # Wagtail's database index: one entry per place (and per translation of one).
    place_type = ContentType.objects.get_for_model(PlacePage)
    entries = [
        int(pk)
        for pk in IndexEntry.objects.filter(content_type=place_type).values_list(
            "object_id", flat=True
        )
    ]
    assert sorted(pk for pk in entries if pk in set(places)) == places
    assert sorted(entries) == sorted(PlacePage.objects.values_list("pk", flat=True))
    # Wagtail's cluster index: each place found once, by its title.
    wagtail = get_search_backend("default")
    wagtail.get_index_for_model(PlacePage).refresh()
    for place in demo_places().order_by("pk")[:3]:
        found = [page.pk for page in wagtail.search(place.title, PlacePage.objects.live())]
        assert found.count(place.pk) == 1


def test_kept_answers_learn_the_seeding_once(
    communes,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    announced = []
    monkeypatch.setattr(kept, "new_generation", lambda: announced.append(1) or "generation")
    # Today's live rooms come after the indexes, each tap announced as a team's is.
    monkeypatch.setattr(
        "rencontres.management.commands.seed_demo.seed_live_rooms", lambda *args: []
    )

    with django_capture_on_commit_callbacks(execute=True):
        seed_demo(12)

    assert len(announced) == 1
