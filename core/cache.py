"""The shared cache (Django's Redis backend), soft when its server does not answer.

A cache is an optimisation: while the Redis-protocol server is down or unreachable, every
operation answers as an empty cache would (a miss, nothing stored) instead of raising, so pages
keep being served from the database. Rate limits then let requests through: they fail open,
and the outage is logged (once a minute per process).
"""

from __future__ import annotations

import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
LOG_EVERY_SECONDS = 60


class SoftRedisCacheClient(RedisCacheClient):
    _last_logged = 0.0

    def _unreachable(self, error: Exception) -> None:
        now = time.monotonic()
        if now - SoftRedisCacheClient._last_logged >= LOG_EVERY_SECONDS:
            SoftRedisCacheClient._last_logged = now
            logger.warning("Shared cache unreachable, answering as an empty cache: %s", error)

    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except UNREACHABLE as error:
            self._unreachable(error)
            return True

    def get(self, key, default):
        try:
            return super().get(key, default)
        except UNREACHABLE as error:
            self._unreachable(error)
            return default

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except UNREACHABLE as error:
            self._unreachable(error)

    def touch(self, key, timeout):
        try:
            return super().touch(key, timeout)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def delete(self, key):
        try:
            return super().delete(key)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except UNREACHABLE as error:
            self._unreachable(error)
            return {}

    def has_key(self, key):
        try:
            return super().has_key(key)
        except UNREACHABLE as error:
            self._unreachable(error)
            return False

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except UNREACHABLE as error:
            self._unreachable(error)
            # What the cache says of a key it does not hold.
            raise ValueError(f"Key '{key}' not found.") from error

    def set_many(self, data, timeout):
        try:
            return super().set_many(data, timeout)
        except UNREACHABLE as error:
            self._unreachable(error)
            return list(data)

    def delete_many(self, keys):
        try:
            return super().delete_many(keys)
        except UNREACHABLE as error:
            self._unreachable(error)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as error:
            self._unreachable(error)
            return False


class SoftRedisCache(RedisCache):
    """Django's RedisCache with `SoftRedisCacheClient`: a miss, never an error, while the server
    is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SoftRedisCacheClient


def cache_status() -> str:
    """For /healthz: "ok", "unavailable", or "local memory" without a shared cache."""
    from django.core.cache import cache

    client = getattr(cache, "_cache", None)
    if not isinstance(client, RedisCacheClient):
        return "local memory"
    try:
        client.get_client(write=False).ping()
    except UNREACHABLE:
        return "unavailable"
    return "ok"
