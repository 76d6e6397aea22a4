"""A kept search answer learns of a publication once every engine can find it: once the cluster
has the document (core.search.signals), and once Wagtail's search index, the database engine's
text search, has been updated by its queued task (core.kept, `task_finished`); while the
cluster is down, once the documents are noted for later.

The cluster's is a race, so tried several times: a family's requests run in a thread from the
moment the publication commits, while the cluster is updated; the request after the publication
must find the new title. Real commits (transactional tests): the thread and the task worker read
what was committed."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from core.search.indexing import rebuild
from core.search.transport import ClusterSettings, Transport
from directory.search.index import PLACES
from tests.factories import CommuneFactory, PlacePageFactory
from tests.search_world import use_cluster, use_database

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TRIES = 5
WORDS = ("hiboux", "castors", "loutres", "mesanges", "herissons")


def found(client, word, engine="cluster"):
    body = client.get("/api/v1/places/", {"q": word}).json()
    assert body["engine"] == engine
    return [result["name"] for result in body["results"]]


def cabane():
    return PlacePageFactory(
        title="La Cabane",
        commune=CommuneFactory(),
        latitude=Decimal("50.633000"),
        longitude=Decimal("5.580000"),
    )


class Family(threading.Thread):
    """Asks for `word` again and again until told to stop, as families would meanwhile."""

    def __init__(self, word):
        super().__init__(daemon=True)
        self.word = word
        self.stop = threading.Event()
        self.asked_at: list[float] = []

    def run(self):
        client = Client()
        try:
            while not self.stop.is_set():
                self.asked_at.append(time.monotonic())
                found(client, self.word)
        finally:
            connection.close()


def test_an_answer_computed_before_the_cluster_has_the_document_is_not_kept(
    keeping, client, settings, cluster_config
):
    use_cluster(settings, cluster_config)
    for _progress in rebuild(Transport(cluster_config), PLACES):
        pass
    place = cabane()
    place.save_revision().publish()
    for word in WORDS[:TRIES]:
        assert found(client, word) == []
        family = Family(word)
        place.title = f"La Cabane aux {word}"
        with transaction.atomic():
            # Registered before the publication's own hooks: the family asks from the commit on.
            transaction.on_commit(family.start)
            place.save_revision().publish()
        published = time.monotonic()
        family.stop.set()
        family.join()
        assert family.asked_at and family.asked_at[0] < published
        assert found(client, word) == [place.title]


def test_an_answer_computed_before_wagtail_s_index_task_ran_is_not_kept(keeping, client, settings):
    use_database(settings)
    # As in production: the index update is a row, run by `manage.py db_worker` later.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    place = cabane()
    place.title = "La Cabane aux castors"
    place.save_revision().publish()
    # The publication's own announcement came first: this answer, without it, is kept.
    assert found(client, "castors", engine="database") == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert found(client, "castors", engine="database") == ["La Cabane aux castors"]


def test_a_change_noted_while_the_cluster_is_down_is_announced_all_the_same(
    keeping, client, settings
):
    # A port nothing listens on: a stopped node; the database engine answers meanwhile.
    use_cluster(
        settings,
        ClusterSettings(url="http://127.0.0.1:9", flavour="opensearch3", index_prefix="down"),
    )
    place = cabane()
    place.save_revision().publish()
    assert found(client, "cabane", engine="database") == ["La Cabane"]
    place.title = "La Cabane aux loutres"
    place.save_revision().publish()
    assert found(client, "cabane", engine="database") == ["La Cabane aux loutres"]
