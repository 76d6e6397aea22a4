"""HSDS lists read as a whole or by changes: `cursor` (a page of records and tombstones in the
order of their change, directory/sync.py), `minimal` (every id with its modification date, in one
call) and `format=ndjson` (every record, one JSON object a line, streamed). The whole list is read
by the same keyset as the cursor, a batch at a time: a place published meanwhile is not read
twice, nor one left out for another's removal."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace

from django.http import JsonResponse, StreamingHttpResponse

from core.cursors import Keyset, keyset_after
from core.models import Tombstone
from core.search.query import MAX_PAGE_SIZE, SearchQuery
from core.search.service import search
from directory.search.index import PLACES
from directory.sync import place_feed
from opendata.hsds import records
from opendata.hsds.search import HsdsSearch, page_fields
from opendata.ids import record_id

NDJSON = "application/x-ndjson"


def _at(query: SearchQuery, point: Keyset) -> SearchQuery:
    values = dict(query.values)
    values["cursor"] = point
    return SearchQuery.of(page=1, page_size=MAX_PAGE_SIZE, **values)


def every_hit(query: SearchQuery) -> Iterator:
    """Every place the query finds (after its cursor's point, if any), in the order of changes."""
    point = query.get("cursor") or Keyset()
    while True:
        result = search(PLACES, _at(query, point))
        if not result.hits:
            return
        yield from result.hits
        if result.count <= MAX_PAGE_SIZE:
            return
        last = result.hits[-1].record
        point = keyset_after(last.last_published_at, last.id)


def _places(hits: list) -> list[records.HsdsPlace]:
    public = set(
        records.public_places().filter(pk__in=[h.id for h in hits]).values_list("pk", flat=True)
    )
    return records.hsds_places(hit.id for hit in hits if hit.id in public)


def _batches(hits: Iterator, size: int = MAX_PAGE_SIZE) -> Iterator[list]:
    batch = []
    for hit in hits:
        batch.append(hit)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def minimal(found: HsdsSearch, kind: str) -> JsonResponse:
    """Every id the search finds with its modification date, in one call (one page)."""
    contents = []
    for hit in every_hit(found.query):
        modified = hit.record.last_published_at
        contents.append(
            {
                "id": record_id(kind, hit.id),
                "last_modified": modified.isoformat() if modified else None,
            }
        )
    one_page = replace(found.query, page=1, page_size=max(1, len(contents)))
    return JsonResponse(
        {**page_fields(len(contents), one_page, len(contents)), "contents": contents}
    )


def ndjson(found: HsdsSearch, render: Callable) -> StreamingHttpResponse:
    """Every record the search finds, a line each, read and sent a batch at a time."""

    def lines() -> Iterator[str]:
        for batch in _batches(every_hit(found.query)):
            for place in _places(batch):
                yield json.dumps(render(place, found.options), ensure_ascii=False) + "\n"

    return StreamingHttpResponse(lines(), content_type=NDJSON)


def tombstone_out(tombstone: Tombstone, kind: str) -> dict:
    replaced = tombstone.replaced_by
    return {
        "id": record_id(kind, tombstone.object_id),
        "deleted_at": tombstone.deleted_at.isoformat(),
        "replaced_by": record_id(kind, replaced) if replaced is not None else None,
    }


def changes(found: HsdsSearch, render: Callable, kind: str) -> JsonResponse | None:
    """The page of changes when the search has a `cursor`, else None."""
    feed = place_feed(found.query, found.result.hits)
    if feed is None:
        return None
    contents = [render(place, found.options) for place in _places(feed.records)]
    return JsonResponse(
        {
            **page_fields(found.result.count, found.query, len(contents)),
            "contents": contents,
            "next_cursor": feed.next_cursor,
            "tombstones": [tombstone_out(t, kind) for t in feed.tombstones],
        }
    )
