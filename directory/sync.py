"""The places' change feed, as the APIs give it (`/api/v1/places/`, HSDS's lists): a search
with `cursor` (core.search.changes) becomes a page of places and tombstones in the order of
their change (core.change_feed), read from the places' records."""

from __future__ import annotations

from core.change_feed import FeedPage, feed_page
from core.models import Tombstone
from core.search.query import SearchQuery

PLACE = "place"


def _changed_at(hit) -> tuple:
    return hit.record.last_published_at, hit.record.id


def place_feed(query: SearchQuery, hits: list) -> FeedPage | None:
    """The feed's page when the query has a `cursor`, else None; `hits` (with their `record`)
    are the search's page in the order of changes."""
    point = query.get("cursor")
    if point is None:
        return None
    return feed_page(
        PLACE, point, query.page_size, hits, _changed_at, since=query.get("modified_after")
    )


def tombstone_out(tombstone: Tombstone) -> dict:
    return {
        "id": tombstone.object_id,
        "deleted_at": tombstone.deleted_at.isoformat(),
        "replaced_by": tombstone.replaced_by,
    }
