"""A circuit breaker in front of the search cluster, its state in Django's cache so that every
worker (and host, with a shared cache) sees it.

- closed (the usual state): every search asks the cluster;
- open, for `BREAKER_SECONDS` after a failure: nobody asks, the database answers;
- then half-open until the cluster answers again: one search at a time (the one that takes the
  probe) asks the cluster, the others go to the database. A success closes the breaker, a
  failure opens it again.

A hung cluster (it accepts connections and never answers) thus costs one timeout per period,
not one per request.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache

from core.search.transport import SEARCH_TIMEOUT_SECONDS

logger = logging.getLogger(__name__)

OPEN_KEY = "search-cluster:breaker-open"
FAILED_KEY = "search-cluster:breaker-failed"
PROBE_KEY = "search-cluster:breaker-probe"
# How long the last failure is remembered: the half-open state lasts at most this long.
FAILED_MEMORY_SECONDS = 24 * 3600


def breaker_seconds() -> int:
    return int(settings.SEARCH_CLUSTER.get("breaker_seconds", 30))


def may_ask() -> bool:
    """True when this search may ask the cluster."""
    if cache.get(OPEN_KEY) is not None:
        return False
    if cache.get(FAILED_KEY) is None:
        return True
    # Half-open: one probe at a time, for as long as a search may take.
    return cache.add(PROBE_KEY, 1, timeout=int(SEARCH_TIMEOUT_SECONDS) + 1)


def succeeded() -> None:
    if cache.get(FAILED_KEY) is not None:
        cache.delete_many([FAILED_KEY, PROBE_KEY])
        logger.info("Search cluster answering again")


def failed() -> None:
    seconds = breaker_seconds()
    cache.set(OPEN_KEY, time.time(), timeout=seconds)
    cache.set(FAILED_KEY, time.time(), timeout=FAILED_MEMORY_SECONDS)
    cache.delete(PROBE_KEY)
    logger.warning("Search cluster not asked for %d s", seconds)


def reset() -> None:
    cache.delete_many([OPEN_KEY, FAILED_KEY, PROBE_KEY])
