"""Keeping the cluster's place index true: per-page updates and zero-downtime rebuilds.

Searches read through an alias. A rebuild fills a fresh index, then moves the alias to it in
one atomic step, so searches keep answering from the old index until the new one is complete.
Page updates are written to every index of the family (the live one and any being built),
so that nothing published during a rebuild is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import QuerySet

from directory.models import PlacePage
from directory.search.cluster.documents import index_body, index_operations, places_to_index
from directory.search.cluster.transport import Transport

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


def _family(transport: Transport) -> list[str]:
    return transport.indices_matching(f"{transport.config.index_alias}-*")


def index_places(transport: Transport, places: list[PlacePage]) -> None:
    for index in _family(transport):
        transport.bulk(list(index_operations(index, places)), refresh=True)


def remove_places(transport: Transport, ids: list[int]) -> None:
    for index in _family(transport):
        transport.bulk([{"delete": {"_index": index, "_id": str(pk)}} for pk in ids], refresh=True)


def reindex_place_ids(transport: Transport, ids: list[int]) -> None:
    """Index the public ones among `ids`, remove the others (unpublished, private, deleted)."""
    public = list(places_to_index().filter(pk__in=ids))
    index_places(transport, public)
    hidden = sorted(set(ids) - {place.pk for place in public})
    if hidden:
        remove_places(transport, hidden)


@dataclass(frozen=True)
class RebuildProgress:
    done: int
    total: int


def rebuild_behind_alias(
    transport: Transport,
    alias: str,
    body: dict,
    rows: QuerySet,
    operations: Callable[[str, list], Iterable[dict]],
) -> Iterator[RebuildProgress]:
    """Fill a new `<alias>-<timestamp>` index from `rows` in bulk batches, then move `alias` to
    it in one step and drop the older indices; yields progress. Places and sessions both."""
    new_index = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    transport.create_index(new_index, body)
    total = rows.count()
    yield RebuildProgress(0, total)
    done = 0
    batch: list = []
    for row in rows.iterator(chunk_size=BATCH_SIZE):
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            transport.bulk(list(operations(new_index, batch)))
            done += len(batch)
            batch = []
            yield RebuildProgress(done, total)
    if batch:
        transport.bulk(list(operations(new_index, batch)))
        done += len(batch)
    transport.refresh(new_index)
    previous = transport.indices_behind(alias)
    transport.point_alias(alias, new_index)
    for old in previous:
        transport.delete_index(old)
    # Leftovers of an interrupted rebuild would otherwise receive page updates forever.
    for stray in set(transport.indices_matching(f"{alias}-*")) - {new_index}:
        transport.delete_index(stray)
    yield RebuildProgress(done, total)


def rebuild(transport: Transport, shards: int = 1, replicas: int = 0) -> Iterator[RebuildProgress]:
    """Build a new place index from the database and swap the alias to it; yields progress."""
    return rebuild_behind_alias(
        transport,
        transport.config.index_alias,
        index_body(shards=shards, replicas=replicas),
        places_to_index(),
        index_operations,
    )
