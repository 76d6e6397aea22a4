"""A page of a change feed: the records a search found after the cursor's point (in the order of
their change, `core.search.changes`) and the tombstones after the same point, merged in that one
order and cut at the page's size; the next cursor is the point of the last item given. Both lists
are read `size` long from the same point, so the first `size` of their merge is exact."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.cursors import Keyset, keyset_after
from core.models import Tombstone
from core.tombstones import removals_after, tombstone_point


@dataclass(frozen=True)
class FeedPage:
    records: list
    tombstones: list[Tombstone]
    next_cursor: str


def feed_page(
    kind: str,
    point: Keyset,
    size: int,
    hits: Sequence[Any],
    changed_at: Callable[[Any], tuple[datetime, int]],
    since: datetime | None = None,
) -> FeedPage:
    """`hits` are the search's page after `point`, in order; `changed_at(hit)` gives its
    (moment changed, id); `since` is the feed's `modified_after`, if any."""
    items: list[tuple[tuple[int, int], bool, Any]] = []
    for hit in hits:
        point_of = keyset_after(*changed_at(hit))
        items.append(((point_of.micros, point_of.pk), False, hit))
    for tombstone in removals_after(kind, point, since, size):
        point_of = tombstone_point(tombstone)
        items.append(((point_of.micros, point_of.pk), True, tombstone))
    items.sort(key=lambda item: item[0])
    kept = items[:size]
    last = Keyset(*kept[-1][0]) if kept else point
    return FeedPage(
        records=[item for _key, dead, item in kept if not dead],
        tombstones=[item for _key, dead, item in kept if dead],
        next_cursor=last.token(),
    )
