"""The one entry point of family search: the cluster when configured and answering, else the
database. The site never goes down because the search cluster did."""

from __future__ import annotations

import logging

from directory.search.cluster.transport import ClusterUnavailable, get_transport
from directory.search.engines import cluster, database
from directory.search.params import PlaceQuery
from directory.search.results import PlaceSearchResult

logger = logging.getLogger(__name__)


def search_places(query: PlaceQuery) -> PlaceSearchResult:
    transport = get_transport()
    if transport is not None:
        try:
            return cluster.search(query, transport)
        except ClusterUnavailable as error:
            # The error names the cluster and the failure, never the family's query.
            logger.warning("Search cluster unavailable, answering from the database: %s", error)
    return database.search(query)
