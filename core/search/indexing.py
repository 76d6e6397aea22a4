"""Keeping an index's documents true: updates after a page changed, and zero-downtime rebuilds.

Searches read through an alias. A rebuild fills a fresh index, then moves the alias to it in
one atomic step, so searches keep answering from the old index until the new one is complete.
Updates are written to every index of the family (the live one and any being built), so that
nothing published during a rebuild is lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils import timezone

from core import kept
from core.heap import application_set_aside
from core.models import PendingSearchUpdate
from core.overlap import sent_while_next_is_made
from core.search.copies import add_replicas
from core.search.index import SearchIndex
from core.search.transport import Transport

BATCH_SIZE = 1000

# While a new index fills nobody searches it, and a failed fill is started again from the
# database: no periodic refresh, and the translog written to disk in the background rather
# than at every bulk request, and flushed seldom. Restored to the node's defaults once full.
FILLING = {
    "refresh_interval": "-1",
    "translog.durability": "async",
    "translog.flush_threshold_size": "1gb",
}


def reindex(transport: Transport, index: SearchIndex, key: str, ids: list[int]) -> None:
    """Documents whose `key` is among `ids` replaced by those of the public rows: the others
    (unpublished, private, deleted) go, without a moment where the kept ones are missing."""
    # The first call gives up as fast as a search: a hung cluster costs an editor 2 s, not 60.
    family = transport.indices_matching(f"{transport.config.alias(index.name)}-*", quick=True)
    if not family:
        return
    kept = index.public_ids(**{f"{key}__in": ids})
    documents = list(index.documents(kept))
    stale = {
        "bool": {
            "filter": [{"terms": {key: ids}}],
            "must_not": [{"ids": {"values": [pk for pk, _document in documents]}}],
        }
    }
    for name in family:
        transport.delete_by_query(name, stale)
        operations = []
        for pk, document in documents:
            operations += [{"index": {"_index": name, "_id": pk}}, document]
        transport.bulk(operations, refresh=True)


@dataclass(frozen=True)
class RebuildProgress:
    done: int
    total: int
    # A sentence for the operator (the new index's copies), on the last progress only.
    note: str = ""


def rebuild(
    transport: Transport, index: SearchIndex, shards: int | None = None, replicas: int | None = None
) -> Iterator[RebuildProgress]:
    """Fill a new `<alias>-<timestamp>` index from the database, several bulk requests in
    flight while the next batch is read (core.overlap), with the node's settings for a fill
    (`FILLING`) and no replica (nobody searches it yet), then restore them, give it its replicas
    (`core.search.copies`), move the alias to it in one step and drop the older indices; yields
    progress. Shards and replicas: the configured ones (RENCONTRES_SEARCH_SHARDS, _REPLICAS)
    unless given."""
    shards = transport.config.shards if shards is None else shards
    replicas = transport.config.replicas if replicas is None else replicas
    begun = timezone.now()
    alias = transport.config.alias(index.name)
    new_index = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    transport.create_index(new_index, index.index_body(shards=shards, replicas=0))
    transport.put_settings(new_index, FILLING)
    ids = index.public_ids()
    total = len(ids)
    yield RebuildProgress(0, total)
    done = 0
    # Each batch's documents come from a fixed number of queries (SearchIndex.documents).
    batches = (
        list(index.documents(ids[start : start + BATCH_SIZE]))
        for start in range(0, total, BATCH_SIZE)
    )
    with application_set_aside():
        for sent in sent_while_next_is_made(
            batches, lambda batch: transport.stream(new_index, batch, chunk_size=BATCH_SIZE)
        ):
            done += sent
            yield RebuildProgress(done, total)
    transport.put_settings(new_index, dict.fromkeys(FILLING))
    transport.refresh(new_index)
    note = add_replicas(transport, new_index, shards, replicas)
    previous = transport.indices_behind(alias)
    transport.point_alias(alias, new_index)
    kept.changed()
    for old in previous:
        transport.delete_index(old)
    # Leftovers of an interrupted rebuild would otherwise receive page updates forever.
    for stray in set(transport.indices_matching(f"{alias}-*")) - {new_index}:
        transport.delete_index(stray)
    # Updates noted (core.search.pending) before the rows were read are in the new index.
    PendingSearchUpdate.objects.filter(index=index.name, noted_at__lt=begun).delete()
    yield RebuildProgress(done, total, note)
