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


def build_search(query: ActivityQuery) -> Search:
    where = query.where
    filters = [
        Q(
            "range",
            date={"gte": query.date_from.isoformat(), "lte": query.date_to.isoformat()},
        )
    ]
    if where.programmes:
        filters.append(Q("terms", programmes=list(where.programmes)))
    if where.objectives:
        filters.append(Q("terms", objectives=list(where.objectives)))
    if where.age_months is not None:
        filters.append(Q("range", age_min_months={"lte": where.age_months}))
        filters.append(Q("range", age_max_months={"gte": where.age_months}))
    if where.day is not None:
        filters.append(Q("term", weekday=where.day))
    if where.language:
        filters.append(Q("term", languages=where.language))
    if where.accessible is not None:
        filters.append(Q("term", accessible=where.accessible))
    if where.near is not None:
        filters.append(
            Q(
                "geo_distance",
                distance=f"{where.radius_km}km",
                distance_type="arc",
                location={"lat": where.near.latitude, "lon": where.near.longitude},
            )
        )
    must = []
    if where.q:
        must.append(
            Q("multi_match", query=where.q, fields=TEXT_FIELDS, type="cross_fields", operator="and")
        )
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
