"""What only the cluster engine does: French analysis, live index updates, zero-downtime
rebuilds, and answering from the database when the cluster is gone."""

import logging
import os
import socket
import threading

import pytest
from django.core.cache import caches

from core.search import breaker
from core.search.indexing import rebuild
from core.search.query import SearchQuery
from core.search.service import search
from core.search.transport import ClusterSettings, Transport
from directory.search.index import PLACES
from tests.search_world import cluster_url, publish_the_owls_cabin, use_cluster


@pytest.fixture
def on_cluster(world, db, settings, cluster_config, indexed_world):
    use_cluster(settings, cluster_config)
    return Transport(cluster_config)


def names(client, **params):
    body = client.get("/api/v1/places/", params).json()
    assert body["engine"] == "cluster"
    return [r["name"] for r in body["results"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("liege centre", ["Consultation ONE Liège-Centre"]),
        ("LIÈGE CENTRE", ["Consultation ONE Liège-Centre"]),
        ("creche", ["Espace Parenthèse"]),
        ("crèches", ["Espace Parenthèse"]),
        ("l'atelier", ["Espace Parenthèse"]),
        ("parenthese", ["Espace Parenthèse"]),
        ("luik nid", ["Le Nid"]),
    ],
)
def test_french_analysis_folds_accents_elisions_and_plurals(client, on_cluster, text, expected):
    assert names(client, q=text) == expected


def test_publish_unpublish_and_delete_update_the_index(
    client, on_cluster, commune_liege, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place = publish_the_owls_cabin(commune_liege)
    assert names(client, q="hiboux") == ["La Cabane aux Hiboux"]
    assert names(client, near="4000", radius_km="1")[:2] == ["Le Passage", "La Cabane aux Hiboux"]

    with django_capture_on_commit_callbacks(execute=True):
        place.unpublish()
    assert names(client, q="hiboux") == []

    with django_capture_on_commit_callbacks(execute=True):
        place.save_revision().publish()
    assert names(client, q="hiboux") == ["La Cabane aux Hiboux"]

    with django_capture_on_commit_callbacks(execute=True):
        place.delete()
    assert names(client, q="hiboux") == []


def test_rebuild_while_searching_loses_no_search(on_cluster, django_db_blocker):
    query = SearchQuery.of(page_size=100)
    outcomes = []
    stop = threading.Event()

    def keep_searching():
        with django_db_blocker.unblock():
            while not stop.is_set():
                result = search(PLACES, query)
                outcomes.append((result.engine, result.count))

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        for _round in range(3):
            for _progress in rebuild(on_cluster, PLACES):
                pass
    finally:
        stop.set()
        searcher.join()
    assert len(outcomes) > 3
    assert set(outcomes) == {("cluster", 8)}


def test_a_rebuild_in_small_batches_sends_them_side_by_side_each_on_its_connection(
    on_cluster, monkeypatch, caplog
):
    monkeypatch.setattr("core.search.indexing.BATCH_SIZE", 2)
    with caplog.at_level(logging.WARNING, logger="urllib3"):
        progress = [p.done for p in rebuild(on_cluster, PLACES)]
    assert progress[-1] == 8
    assert progress[1:-1] == [2, 4, 6, 8]
    # opensearch-py keeps a single connection unless told: the other sends' were thrown away.
    assert not [r for r in caplog.records if "pool is full" in r.getMessage()]
    query = SearchQuery.of(page_size=100)
    assert search(PLACES, query).count == 8


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Relay:
    """A TCP relay in front of the real node: closing it is, for the client, the node going
    away (connection refused), and reopening it is the node coming back."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self.server = None
        self.threads = []
        self.connections = []

    def open(self):
        self.server = socket.create_server(("127.0.0.1", self.port))
        self.server.settimeout(0.2)
        self.running = True
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self.threads.append(thread)

    def close(self):
        self.running = False
        self.server.close()
        for thread in self.threads:
            thread.join()
        self.threads = []
        # Kept-alive connections die with the node too.
        for connection in self.connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            connection.close()
        self.connections = []

    def _accept(self):
        while self.running:
            try:
                client, _address = self.server.accept()
            except OSError:
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def test_node_gone_then_back(client, settings, cluster_config, indexed_world, db, caplog):
    relay = Relay(int(cluster_config.url.rsplit(":", 1)[1].rstrip("/")))
    relay.open()
    via_relay = ClusterSettings(
        url=f"http://127.0.0.1:{relay.port}",
        flavour=cluster_config.flavour,
        index_prefix=cluster_config.index_prefix,
    )
    use_cluster(settings, via_relay)

    def ask():
        response = client.get("/api/v1/places/", {"near": "4000"})
        assert response.status_code == 200
        body = response.json()
        assert [r["name"] for r in body["results"]][0] == "Le Passage"
        return body["engine"]

    assert ask() == "cluster"
    relay.close()
    with caplog.at_level(logging.WARNING, logger="core.search.service"):
        assert [ask() for _ in range(3)] == ["database"] * 3
    assert "Search cluster unavailable" in caplog.text
    assert "4000" not in caplog.text  # the family's query is never logged
    relay.open()
    # The breaker keeps the cluster out of the way for its period; once it is over, the next
    # search probes the cluster and finds it back.
    assert ask() == "database"
    caches["search-breaker"].delete(breaker.OPEN_KEY)
    assert ask() == "cluster"
    relay.close()


def test_unreachable_cluster_answers_from_database(client, settings, world, db):
    use_cluster(
        settings,
        ClusterSettings(
            url=f"http://127.0.0.1:{free_port()}", flavour="opensearch2", index_prefix="nowhere"
        ),
    )
    body = client.get("/api/v1/places/", {"near": "4000"}).json()
    assert body["engine"] == "database"
    assert body["count"] == 5


def test_fallback_text_search_does_not_need_the_cluster(client, settings, world, db):
    dead = f"http://127.0.0.1:{free_port()}"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.opensearch2", "URLS": [dead]},
        "database": {"BACKEND": "core.search.database_backend"},
    }
    use_cluster(settings, ClusterSettings(url=dead, flavour="opensearch2", index_prefix="nowhere"))
    body = client.get("/api/v1/places/", {"q": "Nid", "near": "4000"}).json()
    assert body["engine"] == "database"
    assert [r["name"] for r in body["results"]] == ["Le Nid"]


def test_real_node_stopped_while_families_search(settings, world, db, tmp_path, django_db_blocker):
    """A node of our own (not the suite's), stopped mid-run: no search fails."""
    import subprocess
    import time
    from pathlib import Path

    from django.test import Client

    script = Path(__file__).resolve().parents[3] / "scripts" / "search-cluster"
    cluster_url()  # the same requirement as the suite's node: Java and the runner
    port = next(p for p in range(9231, 9299, 7) if all(free(p + k) for k in (0, 100)))
    env = {**os.environ, "SEARCH_CLUSTER_HOME": str(tmp_path / "node")}
    subprocess.run([script, "start", "--port", str(port)], env=env, check=True, capture_output=True)
    try:
        config = ClusterSettings(
            url=f"http://127.0.0.1:{port}",
            flavour=os.environ.get("RENCONTRES_TEST_SEARCH_FLAVOUR", "opensearch2"),
            index_prefix="stopped",
        )
        for _progress in rebuild(Transport(config), PLACES):
            pass
        use_cluster(settings, config)
        answers = []
        stop = threading.Event()

        def keep_searching():
            client = Client()
            with django_db_blocker.unblock():
                while not stop.is_set():
                    response = client.get("/api/v1/places/", {"near": "4000"})
                    answers.append((response.status_code, response.json().get("engine")))

        searcher = threading.Thread(target=keep_searching)
        searcher.start()
        try:
            deadline = time.monotonic() + 30
            while not any(engine == "cluster" for _s, engine in answers):
                assert time.monotonic() < deadline, answers[-5:]
                time.sleep(0.05)
            subprocess.run([script, "stop"], env=env, check=True, capture_output=True)
            seen = len(answers)
            while len(answers) < seen + 5:
                time.sleep(0.05)
        finally:
            stop.set()
            searcher.join()
    finally:
        subprocess.run([script, "stop"], env=env, check=False, capture_output=True)
    assert {status for status, _engine in answers} == {200}
    engines = [engine for _status, engine in answers]
    assert engines[0] == "cluster" and engines[-1] == "database"
    # Once the node is gone, every answer comes from the database.
    assert "cluster" not in engines[engines.index("database") :]


def free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0
