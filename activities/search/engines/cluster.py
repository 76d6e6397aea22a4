"""The cluster engine for sessions: the same ActivityQuery answered by OpenSearch or
Elasticsearch; the page of sessions is then read from the database (activities.search.hits)."""

from __future__ import annotations

from elasticsearch.dsl import Q, Search

from activities.search.documents import TEXT_FIELDS
from activities.search.hits import hits
from activities.search.indexing import occurrences_alias
from activities.search.params import ActivityQuery
from activities.search.results import ActivitySearchResult
from directory.search.cluster.transport import Transport
from directory.search.engines.cluster import place_filters, text_query


def build_search(query: ActivityQuery) -> Search:
    where = query.where
    filters = [
        Q(
            "range",
            date={"gte": query.date_from.isoformat(), "lte": query.date_to.isoformat()},
        )
    ]
    filters += place_filters(where, day_field="weekday")
    must = text_query(where.q, TEXT_FIELDS)
    search = (
        Search()
        .query(Q("bool", filter=filters, must=must))
        .extra(track_total_hits=True)
        .source(False)
        .sort("start", "pk")
    )
    return search[query.offset : query.offset + query.page_size]


def search(query: ActivityQuery, transport: Transport) -> ActivitySearchResult:
    response = transport.search(occurrences_alias(transport.config), build_search(query).to_dict())
    ids = [int(raw["_id"]) for raw in response["hits"]["hits"]]
    return ActivitySearchResult(
        count=response["hits"]["total"]["value"], hits=hits(ids, query), engine="cluster"
    )
