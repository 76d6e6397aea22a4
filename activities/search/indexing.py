"""Keeping the cluster's occurrence index true: per-activity and per-place updates, and
zero-downtime rebuilds (a new index, then the alias moved in one step), as for places."""

from __future__ import annotations

from collections.abc import Iterator

from activities.search.documents import index_body, index_operations, occurrences_to_index
from directory.search.cluster.indexing import RebuildProgress, rebuild_behind_alias
from directory.search.cluster.transport import ClusterSettings, Transport


def occurrences_alias(config: ClusterSettings) -> str:
    """`<prefix>-occurrences` beside `<prefix>-places`: one prefix names both."""
    return config.index_alias.removesuffix("-places") + "-occurrences"


def _family(transport: Transport) -> list[str]:
    return transport.indices_matching(f"{occurrences_alias(transport.config)}-*")


def _replace(transport: Transport, field: str, ids: list[int], occurrences) -> None:
    for index in _family(transport):
        transport.delete_by_query(index, {"terms": {field: ids}})
        transport.bulk(list(index_operations(index, occurrences)), refresh=True)


def reindex_activities(transport: Transport, activity_ids: list[int]) -> None:
    """The public sessions of these activities, in place of what the index held of them."""
    occurrences = list(occurrences_to_index().filter(activity_id__in=activity_ids))
    _replace(transport, "activity_id", activity_ids, occurrences)


def reindex_places(transport: Transport, place_ids: list[int]) -> None:
    occurrences = list(occurrences_to_index().filter(place_id__in=place_ids))
    _replace(transport, "place_id", place_ids, occurrences)


def rebuild(transport: Transport, shards: int = 1, replicas: int = 0) -> Iterator[RebuildProgress]:
    return rebuild_behind_alias(
        transport,
        occurrences_alias(transport.config),
        index_body(shards=shards, replicas=replicas),
        occurrences_to_index(),
        index_operations,
    )
