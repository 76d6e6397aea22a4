"""Index updates on publish, unpublish, move and delete.

A cluster outage never stops an editor: the update is logged and the next rebuild catches up.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.models import PlacePage
from directory.search.cluster.indexing import reindex_place_ids
from directory.search.cluster.transport import ClusterUnavailable, get_transport

logger = logging.getLogger(__name__)


def _reindex_after_commit(place_id: int) -> None:
    def reindex():
        transport = get_transport()
        if transport is None:
            return
        try:
            reindex_place_ids(transport, [place_id])
        except ClusterUnavailable as error:
            logger.warning("Place %s not updated in the search cluster: %s", place_id, error)

    transaction.on_commit(reindex)


@receiver(page_published, sender=PlacePage)
@receiver(page_unpublished, sender=PlacePage)
def place_changed(sender, instance: PlacePage, **kwargs) -> None:
    _reindex_after_commit(instance.pk)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs) -> None:
    if isinstance(instance.specific_deferred, PlacePage):
        _reindex_after_commit(instance.pk)


@receiver(post_delete, sender=PlacePage)
def place_deleted(sender, instance: PlacePage, **kwargs) -> None:
    _reindex_after_commit(instance.pk)
