"""A page of a change feed: the records a search found after the cursor's point (in the order of
their change, `core.search.changes`) and the tombstones after the same point, merged in that one
order and cut at the page's size; the next cursor is the point of the last item given. Both lists
are read `size` long from the same point, so the first `size` of their merge is exact.

A change is given only once it is `SETTLE` old. A change's moment is stamped before its
transaction commits: a publication stamped at t1 that commits after another stamped t2 > t1 was
read would otherwise fall behind a cursor already at t2, and its follower would never see it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from core.cursors import Keyset, keyset_after, microseconds
from core.models import Tombstone
from core.tombstones import removals_after, tombstone_point

# Far longer than a publication's transaction, short enough for a partner following every minute.
SETTLE = timedelta(seconds=10)


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
    horizon = microseconds(timezone.now() - SETTLE)
    settled = [item for item in items if item[0][0] <= horizon]
    kept = settled[:size]
    last = Keyset(*kept[-1][0]) if kept else point
    return FeedPage(
        records=[item for _key, dead, item in kept if not dead],
        tombstones=[item for _key, dead, item in kept if dead],
        next_cursor=last.token(),
    )
