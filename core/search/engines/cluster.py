"""The cluster engine: the same query answered by OpenSearch or Elasticsearch, from the index's
documents, through the alias of the index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from elasticsearch import dsl

from core.pages import visitor_language
from core.search.results import Matches

if TYPE_CHECKING:
    from core.search.index import SearchIndex
    from core.search.query import SearchQuery
    from core.search.transport import Transport

FACET_SIZE = 200


def build_search(index: SearchIndex, query: SearchQuery, language: str | None = None) -> dsl.Search:
    """The request for `query`'s page; with the documents' `record`s in `language` when one is
    given (a page of results to show, not only ids)."""
    given = [(c, query.get(c.name)) for c in index.criteria if query.get(c.name) is not None]
    facets = index.facet_criteria()
    # A facet's own selection filters the hits after the aggregations (post_filter), so that
    # each facet counts as if it were not ticked: disjunctive facets, as the database engine.
    filters = [clause for c, value in given if c not in facets for clause in c.clauses(value)]
    if query.among is not None:
        filters.append(dsl.Q("ids", values=[str(pk) for pk in query.among]))
    selected = {c: c.clauses(value) for c, value in given if c in facets}
    search = (
        dsl.Search()
        .query(dsl.Q("bool", filter=filters))
        .extra(track_total_hits=True)
        .source([f"record.{language}"] if language else False)
    )
    if selected:
        post = [clause for clauses in selected.values() for clause in clauses]
        search = search.post_filter(dsl.Q("bool", filter=post))
    ordering = [c.sort(v) for c, v in given if c.orders]
    ranks = [c.sort(v) for c, v in given if c.ranks and index.nearest_first]
    if ordering:
        search = search.sort(*ordering, "pk")
    else:
        search = search.sort(*ranks, *(sort.field for sort in index.order_by), "pk")
    for criterion in facets:
        others = [
            clause for c, clauses in selected.items() if c is not criterion for clause in clauses
        ]
        terms = dsl.A("terms", field=criterion.field, size=FACET_SIZE)
        search.aggs.bucket(criterion.field, "filter", filter=dsl.Q("bool", filter=others)).bucket(
            "values", terms
        )
    return search[query.offset : query.offset + query.page_size]


def matches(
    index: SearchIndex, query: SearchQuery, transport: Transport, records: bool = False
) -> Matches:
    """The page's ids and the facets; the page's records too, in the visitor's language, when
    `records` and the index's documents carry them."""
    language = visitor_language() if records and index.records is not None else None
    response = transport.search(
        transport.config.alias(index.name), build_search(index, query, language).to_dict()
    )
    facets = {
        name: dict(sorted((b["key"], b["doc_count"]) for b in aggregation["values"]["buckets"]))
        for name, aggregation in response.get("aggregations", {}).items()
    }
    hits = response["hits"]["hits"]
    records = [raw.get("_source", {}).get("record", {}).get(language) for raw in hits]
    return Matches(
        count=response["hits"]["total"]["value"],
        ids=[int(raw["_id"]) for raw in hits],
        facets=facets,
        # Documents written before the index carried records (until its rebuild) have none:
        # their page is read from the database.
        records=records if language and None not in records else None,
    )
