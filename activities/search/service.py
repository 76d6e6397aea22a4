"""The one entry point of the sessions search: the cluster when configured and answering, else
the database, as for places."""

from __future__ import annotations

import logging

from activities.search.engines import cluster, database
from activities.search.params import ActivityQuery
from activities.search.results import ActivitySearchResult
from directory.search.cluster.transport import ClusterUnavailable, get_transport

logger = logging.getLogger(__name__)


def search_activities(query: ActivityQuery) -> ActivitySearchResult:
    transport = get_transport()
    if transport is not None:
        try:
            return cluster.search(query, transport)
        except ClusterUnavailable as error:
            # The error names the cluster and the failure, never the family's query.
            logger.warning("Search cluster unavailable, answering from the database: %s", error)
    return database.search(query)
