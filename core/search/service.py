"""The one entry point of family search, whatever the index: the cluster when configured and
answering, else the database. The site never goes down because the search cluster did, and a
failing cluster is left alone for a while (`core.search.breaker`)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from core.search import breaker
from core.search.engines import cluster, database
from core.search.results import SearchResult
from core.search.transport import ClusterUnavailable, get_transport

if TYPE_CHECKING:
    from core.search.index import SearchIndex
    from core.search.query import SearchQuery

logger = logging.getLogger(__name__)


def search(index: SearchIndex, query: SearchQuery) -> SearchResult:
    transport = get_transport()
    if transport is not None and breaker.may_ask():
        try:
            found = cluster.matches(index, query, transport)
        except ClusterUnavailable as error:
            # The error names the cluster and the failure, never the family's query.
            logger.warning("Search cluster unavailable, answering from the database: %s", error)
            breaker.failed()
        else:
            breaker.succeeded()
            return SearchResult(found.count, index.hits(found.ids, query), found.facets, "cluster")
    found = database.matches(index, query)
    return SearchResult(found.count, index.hits(found.ids, query), found.facets, "database")
