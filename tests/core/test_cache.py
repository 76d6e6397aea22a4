"""The shared cache is Django's Redis backend, made soft: while its server does not answer, it
behaves as an empty cache, pages are served and /healthz says so; with the server, it shares."""

import json

import pytest
from django.core.cache import cache

from core.cache import cache_status
from rencontres.settings import caches_for

# A closed local port: the connection is refused at once, as with a stopped server.
UNREACHABLE_URL = "redis://127.0.0.1:9/0"


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
