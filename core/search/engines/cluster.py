"""The cluster engine: the same query answered by OpenSearch or Elasticsearch, from the index's
documents, through the alias of the index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from elasticsearch import dsl

from core.search.results import Matches

if TYPE_CHECKING:
    from core.search.index import SearchIndex
    from core.search.query import SearchQuery
    from core.search.transport import Transport

FACET_SIZE = 200


def build_search(index: SearchIndex, query: SearchQuery) -> dsl.Search:
    given = [(c, query.get(c.name)) for c in index.criteria if query.get(c.name) is not None]
    filters = [clause for criterion, value in given for clause in criterion.clauses(value)]
    search = (
        dsl.Search().query(dsl.Q("bool", filter=filters)).extra(track_total_hits=True).source(False)
    )
    ranks = [c.sort(v) for c, v in given if c.ranks and index.nearest_first]
    search = search.sort(*ranks, *(sort.field for sort in index.order_by), "pk")
    for criterion in index.facet_criteria():
        search.aggs.bucket(criterion.field, dsl.A("terms", field=criterion.field, size=FACET_SIZE))
    return search[query.offset : query.offset + query.page_size]


def matches(index: SearchIndex, query: SearchQuery, transport: Transport) -> Matches:
    response = transport.search(
        transport.config.alias(index.name), build_search(index, query).to_dict()
    )
    facets = {
        name: dict(sorted((b["key"], b["doc_count"]) for b in aggregation["buckets"]))
        for name, aggregation in response.get("aggregations", {}).items()
    }
    return Matches(
        count=response["hits"]["total"]["value"],
        ids=[int(raw["_id"]) for raw in response["hits"]["hits"]],
        facets=facets,
    )
