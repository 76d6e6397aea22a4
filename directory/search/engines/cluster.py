"""The cluster engine: the same PlaceQuery answered by OpenSearch or Elasticsearch."""

from __future__ import annotations

from elasticsearch.dsl import A, Q, Search

from directory.search.cluster.documents import TEXT_FIELDS
from directory.search.cluster.transport import Transport
from directory.search.params import PlaceQuery
from directory.search.results import Facets, PlaceHit, PlaceSearchResult

FACET_SIZE = 200


def place_filters(query: PlaceQuery, day_field: str = "days") -> list[Q]:
    """The family's place criteria as cluster filters; the activities engine applies them to
    session documents too, whose opening day is `weekday`."""
    filters = []
    if query.programmes:
        filters.append(Q("terms", programmes=list(query.programmes)))
    if query.objectives:
        filters.append(Q("terms", objectives=list(query.objectives)))
    if query.age_months is not None:
        filters.append(Q("range", age_min_months={"lte": query.age_months}))
        filters.append(Q("range", age_max_months={"gte": query.age_months}))
    if query.day is not None:
        filters.append(Q("term", **{day_field: query.day}))
    if query.language:
        filters.append(Q("term", languages=query.language))
    if query.accessible is not None:
        filters.append(Q("term", accessible=query.accessible))
    if query.near is not None:
        filters.append(
            Q(
                "geo_distance",
                distance=f"{query.radius_km}km",
                distance_type="arc",
                location={"lat": query.near.latitude, "lon": query.near.longitude},
            )
        )
    return filters


def text_query(text: str, fields: list[str]) -> list[Q]:
    """Every word must be found, in any of the fields."""
    if not text:
        return []
    return [Q("multi_match", query=text, fields=fields, type="cross_fields", operator="and")]


def build_search(query: PlaceQuery) -> Search:
    filters = place_filters(query)
    must = text_query(query.q, TEXT_FIELDS)
    search = Search().query(Q("bool", filter=filters, must=must)).extra(track_total_hits=True)
    if query.near is not None:
        search = search.sort(
            {
                "_geo_distance": {
                    "location": {"lat": query.near.latitude, "lon": query.near.longitude},
                    "order": "asc",
                    "unit": "km",
                    "distance_type": "arc",
                }
            },
            "name.sort",
            "pk",
        )
    else:
        search = search.sort("name.sort", "pk")
    search.aggs.bucket("objectives", A("terms", field="objectives", size=FACET_SIZE))
    search.aggs.bucket("programmes", A("terms", field="programmes", size=FACET_SIZE))
    return search[query.offset : query.offset + query.page_size]


def _hit(raw: dict, query: PlaceQuery) -> PlaceHit:
    source = raw["_source"]
    distance = None
    if query.near is not None:
        distance = round(raw["sort"][0], 2)
    return PlaceHit(
        id=int(raw["_id"]),
        name=source["name"],
        url=source["url"],
        programmes=tuple(source["programmes"]),
        objectives=tuple(source["objectives"]),
        commune=source["commune_name"],
        postcode=source["postcode"],
        latitude=source["location"]["lat"],
        longitude=source["location"]["lon"],
        approximate=source["approximate"],
        distance_km=distance,
    )


def _buckets(response: dict, name: str) -> dict[str, int]:
    return dict(
        sorted((b["key"], b["doc_count"]) for b in response["aggregations"][name]["buckets"])
    )


def search(query: PlaceQuery, transport: Transport) -> PlaceSearchResult:
    response = transport.search(transport.config.index_alias, build_search(query).to_dict())
    return PlaceSearchResult(
        count=response["hits"]["total"]["value"],
        hits=[_hit(raw, query) for raw in response["hits"]["hits"]],
        facets=Facets(
            objectives=_buckets(response, "objectives"),
            programmes=_buckets(response, "programmes"),
        ),
        engine="cluster",
    )
