"""The circuit breaker in front of the search cluster: a hung cluster (it accepts connections and
never answers) costs one timeout per breaker period, not one per search."""

import socket
import threading
import time

import pytest
from django.core.cache import cache

from core.search import breaker
from core.search.transport import SEARCH_TIMEOUT_SECONDS, ClusterSettings
from tests.directory.search.conftest import use_cluster


class HungServer:
    """Accepts TCP connections, reads what it is sent, never answers."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.socket.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def hung_cluster(settings):
    server = HungServer()
    use_cluster(
        settings,
        ClusterSettings(
            url=f"http://127.0.0.1:{server.port}", flavour="opensearch2", index_prefix="hung"
        ),
    )
    yield server
    server.close()


def timed_searches(client, count: int) -> tuple[float, list[str]]:
    started = time.monotonic()
    engines = []
    for _ in range(count):
        response = client.get("/api/v1/places/")
        assert response.status_code == 200
        engines.append(response.json()["engine"])
    return time.monotonic() - started, engines


def test_a_hung_cluster_costs_one_timeout_per_period(hung_cluster, client, db):
    elapsed, engines = timed_searches(client, 6)
    assert engines == ["database"] * 6
    assert len(hung_cluster.connections) == 1
    assert SEARCH_TIMEOUT_SECONDS <= elapsed < 2 * SEARCH_TIMEOUT_SECONDS

    # The period is over: one search probes the cluster (one more timeout), the breaker opens
    # again, and the following searches do not wait.
    cache.delete(breaker.OPEN_KEY)
    elapsed, engines = timed_searches(client, 4)
    assert engines == ["database"] * 4
    assert len(hung_cluster.connections) == 2
    assert SEARCH_TIMEOUT_SECONDS <= elapsed < 2 * SEARCH_TIMEOUT_SECONDS


def test_half_open_lets_one_search_probe_at_a_time(settings):
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "breaker_seconds": 30}
    assert breaker.may_ask()
    breaker.failed()
    assert not breaker.may_ask()
    cache.delete(breaker.OPEN_KEY)  # the period is over
    assert breaker.may_ask()  # the probe
    assert not breaker.may_ask()  # others meanwhile: the database
    breaker.succeeded()
    assert breaker.may_ask() and breaker.may_ask()


def test_the_breaker_state_lives_in_the_cache():
    """What one worker learns, the others read from the (shared) cache."""
    breaker.failed()
    assert cache.get(breaker.OPEN_KEY) is not None
    cache.delete(breaker.OPEN_KEY)
    cache.delete(breaker.PROBE_KEY)
    assert breaker.may_ask()


def test_the_breaker_on_each_cache(shared_cache, settings):
    """The same states on each process's memory and on the shared Redis cache."""
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "breaker_seconds": 1}
    breaker.reset()
    assert breaker.may_ask()
    breaker.failed()
    assert not breaker.may_ask()
    time.sleep(1.2)  # the period is over (the cache expires the key)
    assert breaker.may_ask()  # the probe
    assert not breaker.may_ask()
    breaker.succeeded()
    assert breaker.may_ask()
