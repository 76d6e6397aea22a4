"""The shared cache is Django's Redis backend, made soft: while its server does not answer, it
behaves as an empty cache, pages are served and /healthz says so; with the server, it shares."""

import json

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from django.test import RequestFactory

from core import cache as core_cache
from core.cache import cache_status
from core.clients import rate_limited
from rencontres.settings import caches_for

# A closed local port: the connection is refused at once, as with a stopped server.
UNREACHABLE_URL = "redis://127.0.0.1:9/0"


@pytest.fixture(autouse=True)
def _breakers_closed():
    """Each test starts with every server's breaker closed and no local count."""
    core_cache._away_until.clear()
    core_cache.local_counts.clear()
    yield
    core_cache._away_until.clear()
    core_cache.local_counts.clear()


@pytest.fixture
def unreachable_cache(settings):
    settings.CACHES = caches_for(UNREACHABLE_URL)


def test_an_unreachable_server_answers_as_an_empty_cache(unreachable_cache):
    assert cache.get("clé", "absente") == "absente"
    cache.set("clé", 1)
    assert cache.add("clé", 1) is True
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("clé") is False
    with pytest.raises(ValueError):
        cache.incr("clé")
    cache.delete("clé")
    assert cache_status() == "unavailable"


@pytest.mark.django_db
def test_pages_rate_limits_and_healthz_while_the_cache_is_down(client, unreachable_cache):
    assert client.get("/").status_code == 200
    assert client.get("/lieux/").status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    assert json.loads(health.content)["cache"] == "unavailable"


def test_a_running_server_is_shared(settings, redis_url):
    settings.CACHES = caches_for(redis_url)
    cache.set("partagé", 41)
    assert cache.incr("partagé") == 42
    assert cache_status() == "ok"
    cache.delete("partagé")


def test_without_a_url_each_process_keeps_its_own(settings):
    settings.CACHES = caches_for(None)
    assert cache_status() == "local memory"


def test_the_timeouts_are_short():
    options = caches_for("redis://127.0.0.1:6379/0")["default"]["OPTIONS"]
    assert options["socket_connect_timeout"] <= 0.25
    assert options["socket_timeout"] <= 0.25


def test_a_dead_server_is_asked_once_per_few_seconds(unreachable_cache, monkeypatch):
    asked = []
    original = RedisCacheClient.get_client

    def counting(self, key=None, *, write=False):
        asked.append(key)
        return original(self, key, write=write)

    monkeypatch.setattr(RedisCacheClient, "get_client", counting)
    for _ in range(20):
        assert cache.get("clé") is None
        cache.set("clé", 1)
    # The first call failed and opened the breaker: the 39 others did not ask the server.
    assert len(asked) == 1
    assert cache_status() == "unavailable"
    # Once the breaker's seconds have passed, the server is asked again.
    now = core_cache.time.monotonic()
    monkeypatch.setattr(core_cache.time, "monotonic", lambda: now + core_cache.BREAKER_SECONDS + 1)
    cache.get("clé")
    assert len(asked) == 2


def _from(address):
    request = RequestFactory().post("/alertes/", REMOTE_ADDR=address)
    return request


@pytest.mark.parametrize("down", ["closed port", "stopped breaker"])
def test_limits_count_in_local_memory_while_the_server_is_unreachable(
    settings, redis_url, down, monkeypatch
):
    """The limits hold while the shared cache is down: each worker counts in its memory."""
    settings.CACHES = caches_for(UNREACHABLE_URL if down == "closed port" else redis_url)
    if down == "stopped breaker":
        # A server that answered a moment ago, then failed: the breaker is open.
        monkeypatch.setitem(
            core_cache._away_until,
            tuple(cache._cache._servers),
            core_cache.time.monotonic() + 60,
        )
    stranger, neighbour = _from("203.0.113.9"), _from("203.0.113.10")
    answers = [rate_limited(stranger, "alerts", (3, 600)) for _ in range(5)]
    assert answers == [False, False, False, True, True]
    # Another client and another form have their own counts.
    assert rate_limited(neighbour, "alerts", (3, 600)) is False
    assert rate_limited(stranger, "reports", (3, 600)) is False


def test_limits_are_shared_while_the_server_answers(settings, redis_url):
    settings.CACHES = caches_for(redis_url)
    cache.clear()
    stranger = _from("203.0.113.11")
    answers = [rate_limited(stranger, "alerts", (2, 600)) for _ in range(3)]
    assert answers == [False, False, True]
    # Counted in the shared server, none in this process's memory.
    assert not core_cache.local_counts._cache
    cache.clear()


def test_a_hung_server_costs_one_short_timeout_then_nothing(settings):
    """A server that accepts and never answers: one read timeout (a quarter of a second), then
    the breaker answers at once, and the limits still count."""
    import time

    from tests.conftest import HungServer

    server = HungServer()
    try:
        settings.CACHES = caches_for(f"redis://127.0.0.1:{server.port}/0")
        started = time.monotonic()
        assert cache.get("clé") is None
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(50):
            cache.get("clé")
            cache.set("clé", 1)
        rest = time.monotonic() - started
        answers = [rate_limited(_from("203.0.113.12"), "reports", (1, 600)) for _ in range(2)]
    finally:
        server.close()
    assert first < 1.0
    assert rest < 0.5
    assert answers == [False, True]
