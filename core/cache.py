"""The shared cache (Django's Redis backend), soft when its server does not answer.

A cache is an optimisation: while the Redis-protocol server is down or unreachable, every
operation answers as an empty cache would (a miss, nothing stored) instead of raising, so pages
keep being served from the database, and the outage is logged (once a minute per process).

A dead server costs little: the settings give it short connect and socket timeouts, and each
process keeps a breaker per server: after a failure, the server is not asked again for
`BREAKER_SECONDS` (every operation answers as an empty cache at once), so a stopped or hung
server costs one timeout per few seconds per worker, not one per call.

Rate limits (`core.clients`) do not fail open: they count with `count()`, which says when the
server did not answer, and then count in this process's memory (`local_counts`) instead.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
LOG_EVERY_SECONDS = 60
# After a failure, the server is not asked again for this long (per process).
BREAKER_SECONDS = 5.0


class ServerAway(Exception):
    """The breaker is open: the server failed less than `BREAKER_SECONDS` ago."""


SOFT = (*UNREACHABLE, ServerAway)

# Until when each server (by its locations) is not asked, in this process.
_away_until: dict[tuple[str, ...], float] = {}


class SoftRedisCacheClient(RedisCacheClient):
    _last_logged = 0.0

    def _unreachable(self, error: Exception) -> None:
        now = time.monotonic()
        if not isinstance(error, ServerAway):
            _away_until[tuple(self._servers)] = now + BREAKER_SECONDS
        if now - SoftRedisCacheClient._last_logged >= LOG_EVERY_SECONDS:
            SoftRedisCacheClient._last_logged = now
            logger.warning("Shared cache unreachable, answering as an empty cache: %s", error)

    def away(self) -> bool:
        """True while the breaker is open: the server failed a moment ago."""
        return time.monotonic() < _away_until.get(tuple(self._servers), 0.0)

    def get_client(self, key=None, *, write=False):
        if self.away():
            raise ServerAway("the shared cache failed less than a few seconds ago")
        return super().get_client(key, write=write)

    def count(self, key: str, window: int) -> int | None:
        """Adds one to `key`'s count, which starts a window of `window` seconds; None when the
        server did not answer (or failed a moment ago)."""
        try:
            client = self.get_client(key, write=True)
            with client.pipeline() as pipe:
                pipe.set(key, 0, ex=window, nx=True)
                pipe.incr(key)
                _created, attempts = pipe.execute()
        except SOFT as error:
            self._unreachable(error)
            return None
        return int(attempts)

    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except SOFT as error:
            self._unreachable(error)
            return True

    def get(self, key, default):
        try:
            return super().get(key, default)
        except SOFT as error:
            self._unreachable(error)
            return default

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except SOFT as error:
            self._unreachable(error)

    def touch(self, key, timeout):
        try:
            return super().touch(key, timeout)
        except SOFT as error:
            self._unreachable(error)
            return False

    def delete(self, key):
        try:
            return super().delete(key)
        except SOFT as error:
            self._unreachable(error)
            return False

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except SOFT as error:
            self._unreachable(error)
            return {}

    def has_key(self, key):
        try:
            return super().has_key(key)
        except SOFT as error:
            self._unreachable(error)
            return False

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except SOFT as error:
            self._unreachable(error)
            # What the cache says of a key it does not hold.
            raise ValueError(f"Key '{key}' not found.") from error

    def set_many(self, data, timeout):
        try:
            return super().set_many(data, timeout)
        except SOFT as error:
            self._unreachable(error)
            return list(data)

    def delete_many(self, keys):
        try:
            return super().delete_many(keys)
        except SOFT as error:
            self._unreachable(error)

    def clear(self):
        try:
            return super().clear()
        except SOFT as error:
            self._unreachable(error)
            return False


class SoftRedisCache(RedisCache):
    """Django's RedisCache with `SoftRedisCacheClient`: a miss, never an error, while the server
    is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SoftRedisCacheClient

    def count(self, key: str, window: int) -> int | None:
        return self._cache.count(self.make_and_validate_key(key), window)


# Each process's own counts, for the rate limits while the shared cache does not answer.
local_counts = LocMemCache("rencontres-local-counts", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def _count_in(store: Any, key: str, window: int) -> int:
    if store.add(key, 1, timeout=window):
        return 1
    try:
        return store.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): this attempt starts a new window.
        store.add(key, 1, timeout=window)
        return 1


def count_attempt(key: str, window: int) -> int:
    """Adds one to the attempts counted under `key` in the default cache (a window of `window`
    seconds starts with the first); this process's memory counts while the shared cache does not
    answer, so that a limit still holds, per worker, instead of letting everything through."""
    from django.core.cache import caches

    shared = caches["default"]
    if isinstance(shared, SoftRedisCache):
        attempts = shared.count(key, window)
        if attempts is not None:
            return attempts
        return _count_in(local_counts, key, window)
    return _count_in(shared, key, window)


def cache_status() -> str:
    """For /healthz: "ok", "unavailable", or "local memory" without a shared cache."""
    from django.core.cache import cache

    client = getattr(cache, "_cache", None)
    if not isinstance(client, RedisCacheClient):
        return "local memory"
    try:
        client.get_client(write=False).ping()
    except SOFT:
        return "unavailable"
    return "ok"
