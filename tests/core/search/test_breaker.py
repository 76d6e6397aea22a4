"""The circuit breaker in front of the search cluster: a hung cluster (it accepts connections and
never answers) costs one timeout per breaker period, not one per search."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache import caches

from core.search import breaker
from core.search.transport import SEARCH_TIMEOUT_SECONDS
from rencontres.settings import caches_for

pytestmark = pytest.mark.any_database


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
    # One timeout, not six: the cluster was asked once. (The number of connections proves it;
    # an upper bound on the time would only measure how busy the machine is.)
    assert len(hung_cluster.connections) == 1
    assert elapsed >= SEARCH_TIMEOUT_SECONDS

    # The period is over: one search probes the cluster (one more timeout), the breaker opens
    # again, and the following searches do not wait.
    caches["search-breaker"].delete(breaker.OPEN_KEY)
    elapsed, engines = timed_searches(client, 4)
    assert engines == ["database"] * 4
    assert len(hung_cluster.connections) == 2
    assert elapsed >= SEARCH_TIMEOUT_SECONDS


def test_half_open_lets_one_search_probe_at_a_time(settings):
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "breaker_seconds": 30}
    assert breaker.may_ask()
    breaker.failed()
    assert not breaker.may_ask()
    caches["search-breaker"].delete(breaker.OPEN_KEY)  # the period is over
    assert breaker.may_ask()  # the probe
    assert not breaker.may_ask()  # others meanwhile: the database
    breaker.succeeded()
    assert breaker.may_ask() and breaker.may_ask()


def test_the_breaker_state_lives_in_the_cache():
    """What one worker learns, the others read from the (shared) cache."""
    breaker.failed()
    assert caches["search-breaker"].get(breaker.OPEN_KEY) is not None
    caches["search-breaker"].delete(breaker.OPEN_KEY)
    caches["search-breaker"].delete(breaker.PROBE_KEY)
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


def other_worker(tmp_path, code: str) -> str:
    """Runs `code` after `django.setup()` in another process with the same settings and state
    directory and no cache server, as another gunicorn worker of the host would; its output."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "RENCONTRES_STATE_DIR": str(tmp_path),
    }
    env.pop("RENCONTRES_CACHE_URL", None)
    script = f"import django\ndjango.setup()\nfrom core.search import breaker\n{code}"
    done = subprocess.run(  # noqa: S603 (this interpreter, our code)
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip()


def test_the_breaker_is_shared_by_the_workers_without_a_cache_server(tmp_path, settings):
    """Without RENCONTRES_CACHE_URL each worker's cache is its own memory, but the breaker lives
    in files under RENCONTRES_STATE_DIR: what one worker learns, the others know."""
    settings.CACHES = caches_for(None, tmp_path)
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "breaker_seconds": 60}
    assert other_worker(tmp_path, "print(breaker.may_ask())") == "True"
    breaker.failed()
    assert other_worker(tmp_path, "print(breaker.may_ask(), breaker.is_open())") == "False True"

    breaker.reset()
    other_worker(tmp_path, "breaker.failed()")
    assert breaker.is_open()
    assert not breaker.may_ask()
