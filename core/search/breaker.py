"""A circuit breaker in front of the search cluster, its state in Django's cache alias
"search-breaker" so that every worker sees it: the shared Redis cache when there is one (every
host then), else files every worker of the host reads (`rencontres.settings.caches_for`).

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
from django.core.cache import caches

from core.search.transport import SEARCH_TIMEOUT_SECONDS

logger = logging.getLogger(__name__)

OPEN_KEY = "search-cluster:breaker-open"
FAILED_KEY = "search-cluster:breaker-failed"
PROBE_KEY = "search-cluster:breaker-probe"
# How long the last failure is remembered: the half-open state lasts at most this long.
FAILED_MEMORY_SECONDS = 24 * 3600


def _store():
    return caches["search-breaker"]


def breaker_seconds() -> int:
    return int(settings.SEARCH_CLUSTER.get("breaker_seconds", 30))


def may_ask() -> bool:
    """True when this search may ask the cluster."""
    store = _store()
    if store.get(OPEN_KEY) is not None:
        return False
    if store.get(FAILED_KEY) is None:
        return True
    # Half-open: one probe at a time, for as long as a search may take (the file store's `add`
    # is not atomic across processes: two workers may rarely probe together).
    return store.add(PROBE_KEY, 1, timeout=int(SEARCH_TIMEOUT_SECONDS) + 1)


def is_open() -> bool:
    """True while nobody may ask the cluster (for /healthz: no network call)."""
    return _store().get(OPEN_KEY) is not None


def succeeded() -> None:
    store = _store()
    if store.get(FAILED_KEY) is not None:
        store.delete_many([FAILED_KEY, PROBE_KEY])
        logger.info("Search cluster answering again")


def failed() -> None:
    seconds = breaker_seconds()
    store = _store()
    store.set(OPEN_KEY, time.time(), timeout=seconds)
    store.set(FAILED_KEY, time.time(), timeout=FAILED_MEMORY_SECONDS)
    store.delete(PROBE_KEY)
    logger.warning("Search cluster not asked for %d s", seconds)


def reset() -> None:
    _store().delete_many([OPEN_KEY, FAILED_KEY, PROBE_KEY])
