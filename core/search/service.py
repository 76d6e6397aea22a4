"""The one entry point of family search, whatever the index: the cluster when configured and
answering, else the database. The site never goes down because the search cluster did, and a
failing cluster is left alone for a while (`core.search.breaker`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from core.search import breaker
from core.search.engines import cluster, database
from core.search.results import SearchResult
from core.search.transport import ClusterUnavailable, get_transport

if TYPE_CHECKING:
    from core.search.index import SearchIndex
    from core.search.query import SearchQuery

logger = logging.getLogger(__name__)


def _answer(
    index: SearchIndex, query: SearchQuery, from_database: Callable, records: bool = False
) -> tuple[Any, str]:
    """The cluster's matches (with the page's records when `records`) when it is configured
    and answering, else `from_database`'s; the one place where a failing cluster is noted and
    left alone (`core.search.breaker`)."""
    transport = get_transport()
    if transport is not None and breaker.may_ask():
        try:
            found = cluster.matches(index, query, transport, records=records)
        except ClusterUnavailable as error:
            # The error names the cluster and the failure, never the family's query.
            logger.warning("Search cluster unavailable, answering from the database: %s", error)
            breaker.failed()
        else:
            breaker.succeeded()
            return found, "cluster"
    return from_database(index, query), "database"


def search(index: SearchIndex, query: SearchQuery) -> SearchResult:
    found, engine = _answer(index, query, database.matches, records=True)
    return SearchResult(found.count, index.page(found, query), found.facets, engine)


def matching_ids(index: SearchIndex, query: SearchQuery, limit: int) -> list[int]:
    """The ids of every match in the search's order, up to `limit`: for what shows all of them
    at once (the map page's map), whatever page the list is at."""
    everything = replace(query, page=1, page_size=limit)
    found, engine = _answer(index, everything, database.matching_ids)
    return found.ids if engine == "cluster" else found


# The radii a search can be widened to, in one tap: the map page's choices up to `near`'s limit.
WIDER_RADII_KM = (2, 5, 10, 20, 50, 100, 200)


@dataclass(frozen=True)
class Beyond:
    """The nearest matches outside the radius asked: the radius that would take in the nearest
    (`radius_km`), and those matches (hits with their `distance_km`)."""

    radius_km: float
    hits: list


def nearest_beyond(
    index: SearchIndex, query: SearchQuery, result: SearchResult, limit: int = 3
) -> Beyond | None:
    """When a search around a place found nothing, the `limit` nearest matches of the same
    query as far as `near` allows; None when there is no `near`, something was found, or
    nothing matches even that far."""
    circle = query.get("near")
    if circle is None or result.count:
        return None
    criterion = index.criterion("near")
    widest = float(criterion.max_radius_km)
    if circle.radius_km >= widest:
        return None
    wider = replace(circle, radius_km=widest)
    values = tuple((name, wider if name == "near" else value) for name, value in query.values)
    found = search(index, replace(query, values=values, page=1, page_size=limit))
    if not found.hits:
        return None
    nearest = min(hit.distance_km for hit in found.hits)
    radius = next((r for r in WIDER_RADII_KM if r >= nearest and r > circle.radius_km), widest)
    return Beyond(radius_km=radius, hits=found.hits)
