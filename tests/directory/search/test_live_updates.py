"""Live index updates through the search breaker (core.search.signals, core.search.pending): an
editor neither fails nor waits while the cluster is stopped (a closed port) or hung, and the
cluster is caught up once it answers again; nothing published meanwhile is lost."""

import io
import time
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from core.models import PendingSearchUpdate
from core.search import breaker, pending
from core.search.indexing import rebuild
from core.search.transport import SEARCH_TIMEOUT_SECONDS, Transport
from directory.search.index import PLACES
from tests.factories import PlacePageFactory, objective
from tests.search_world import use_cluster

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture
def on_cluster(world, db, settings, cluster_config, indexed_world):
    use_cluster(settings, cluster_config)
    return Transport(cluster_config)


@pytest.fixture
def stop_cluster(settings, cluster_config):
    """The same cluster settings, on a port nothing listens on: a stopped node."""

    def stop():
        use_cluster(settings, replace(cluster_config, url=CLOSED_PORT))

    return stop


def publish(title, commune, callbacks):
    with callbacks(execute=True):
        place = PlacePageFactory(
            title=title,
            commune=commune,
            latitude=Decimal("50.633000"),
            longitude=Decimal("5.580000"),
            objectives=[objective("passerelles")],
        )
        place.save_revision().publish()
    return place


def names(client, text):
    body = client.get("/api/v1/places/", {"q": text}).json()
    assert body["engine"] == "cluster"
    return [r["name"] for r in body["results"]]


def noted_places():
    rows = PendingSearchUpdate.objects.filter(index="places")
    return set(rows.values_list("object_id", flat=True))


def test_a_stopped_cluster_is_caught_up_by_the_next_update(
    client,
    on_cluster,
    stop_cluster,
    settings,
    cluster_config,
    commune_liege,
    django_capture_on_commit_callbacks,
):
    stop_cluster()
    started = time.monotonic()
    hiboux = publish("La Cabane aux Hiboux", commune_liege, django_capture_on_commit_callbacks)
    assert time.monotonic() - started < SEARCH_TIMEOUT_SECONDS
    assert noted_places() == {hiboux.pk}
    assert breaker.is_open()
    # While the breaker is open, an update is noted without asking the cluster.
    with django_capture_on_commit_callbacks(execute=True):
        hiboux.title = "La Cabane aux Hiboux et aux Chouettes"
        hiboux.save_revision().publish()
    assert noted_places() == {hiboux.pk}

    # The node is back and the breaker's period over: the next update sends both.
    use_cluster(settings, cluster_config)
    assert names(client, "hiboux") == []
    terrier = publish("Le Terrier", commune_liege, django_capture_on_commit_callbacks)
    assert names(client, "terrier") == ["Le Terrier"]
    assert names(client, "hiboux") == ["La Cabane aux Hiboux et aux Chouettes"]
    assert pending.count() == 0
    assert not breaker.is_open()

    with django_capture_on_commit_callbacks(execute=True):
        terrier.delete()
        hiboux.delete()


def test_catch_up_search_index_sends_what_was_noted(
    client,
    on_cluster,
    stop_cluster,
    settings,
    cluster_config,
    commune_liege,
    django_capture_on_commit_callbacks,
):
    stop_cluster()
    renard = publish("Le Coin du Renard", commune_liege, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        renard.unpublish()
        renard.save_revision().publish()
    assert noted_places() == {renard.pk}
    # The unpublication also noted the place's sessions (the sessions index follows it).
    noted = pending.count()
    assert noted == 2

    use_cluster(settings, cluster_config)
    out = io.StringIO()
    call_command("catch_up_search_index", stdout=out)
    assert f"{noted} documents sent" in out.getvalue()
    assert names(client, "renard") == ["Le Coin du Renard"]
    assert pending.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        renard.delete()


def test_a_failed_catch_up_keeps_the_notes(on_cluster, stop_cluster, db):
    pending.note(PLACES, "pk", [424242])
    stop_cluster()
    with pytest.raises(CommandError, match="1 documents still noted"):
        call_command("catch_up_search_index")
    assert pending.count() == 1
    assert breaker.is_open()


def test_a_rebuild_forgets_what_was_noted_before_it(on_cluster, db):
    pending.note(PLACES, "pk", [424242])
    for _progress in rebuild(on_cluster, PLACES):
        pass
    assert pending.count() == 0


def test_a_hung_cluster_costs_one_editor_one_search_timeout(
    world, db, commune_liege, hung_cluster, django_capture_on_commit_callbacks
):
    place = PlacePageFactory(title="La Tanière", commune=commune_liege)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        place.save_revision().publish()
    first = time.monotonic() - started
    started = time.monotonic()
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            place.save_revision().publish()
    others = time.monotonic() - started
    # The first waits a search's timeout (not indexing's 60 s); without the breaker each of the
    # others would have waited as long again.
    assert SEARCH_TIMEOUT_SECONDS <= first < 20
    assert others < 5 * SEARCH_TIMEOUT_SECONDS
    assert len(hung_cluster.connections) == 1
    assert noted_places() == {place.pk}
