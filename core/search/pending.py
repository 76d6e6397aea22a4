"""The live updates the cluster missed, kept in the database until it answers again.

While the cluster is down (or its breaker open) a published, unpublished, moved or deleted page
is noted here instead of being sent; nothing waits and nothing is lost. The notes are sent, in
batches, by the next live update that reaches the cluster (`core.search.signals`) and by
`manage.py catch_up_search_index` (run it from cron, or after an outage); a rebuild makes those
noted before it began pointless and forgets them (`core.search.indexing.rebuild`).
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from core.models import PendingSearchUpdate
from core.search.index import SearchIndex, registered
from core.search.indexing import reindex
from core.search.transport import Transport

BATCH_SIZE = 500


def note(index: SearchIndex, key: str, ids: list[int]) -> None:
    """Remember that these documents must be sent again (a newer note replaces an older one)."""
    now = timezone.now()
    PendingSearchUpdate.objects.bulk_create(
        [PendingSearchUpdate(index=index.name, key=key, object_id=pk, noted_at=now) for pk in ids],
        update_conflicts=True,
        unique_fields=["index", "key", "object_id"],
        update_fields=["noted_at"],
    )


def count() -> int:
    return PendingSearchUpdate.objects.count()


def catch_up(transport: Transport) -> int:
    """Send every noted document again; returns how many. Raises ClusterUnavailable (the
    notes not yet sent stay) when the cluster fails meanwhile."""
    sent = 0
    indexes = {index.name: index for index in registered()}
    while True:
        # What changes after this moment is noted again, with a later time, and kept below.
        begun = timezone.now()
        rows = list(PendingSearchUpdate.objects.filter(noted_at__lte=begun)[:BATCH_SIZE])
        if not rows:
            return sent
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for row in rows:
            groups[(row.index, row.key)].append(row.object_id)
        for (name, key), ids in groups.items():
            # An index no longer declared has nothing to update: its notes just go.
            if name in indexes:
                reindex(transport, indexes[name], key, ids)
        PendingSearchUpdate.objects.filter(
            pk__in=[row.pk for row in rows], noted_at__lte=begun
        ).delete()
        sent += len(rows)
