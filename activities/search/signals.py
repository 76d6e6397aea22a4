"""Occurrence documents updated after sessions, activities or places change.

A cluster outage never stops an editor: the update is logged and the next rebuild catches up.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_unpublished

from activities.models import ActivityPage
from activities.occurrences import occurrences_changed
from activities.search.indexing import reindex_activities, reindex_places
from directory.models import PlacePage
from directory.search.cluster.transport import ClusterUnavailable, get_transport

logger = logging.getLogger(__name__)


def _update(reindex, ids: list[int], what: str) -> None:
    transport = get_transport()
    if transport is None:
        return
    try:
        reindex(transport, ids)
    except ClusterUnavailable as error:
        logger.warning("%s %s not updated in the search cluster: %s", what, ids, error)


@receiver(occurrences_changed)
def sessions_changed(sender, activity_ids: list[int], **kwargs) -> None:
    # Sent after the transaction committed.
    _update(reindex_activities, activity_ids, "Sessions of activities")


@receiver(post_delete, sender=ActivityPage)
def activity_deleted(sender, instance: ActivityPage, **kwargs) -> None:
    pk = instance.pk
    transaction.on_commit(lambda: _update(reindex_activities, [pk], "Sessions of activities"))


@receiver(page_unpublished, sender=PlacePage)
def place_unpublished(sender, instance: PlacePage, **kwargs) -> None:
    pk = instance.pk
    transaction.on_commit(lambda: _update(reindex_places, [pk], "Sessions of places"))
