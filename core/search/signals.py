"""One handler for every index: documents updated after the pages they follow are published,
unpublished, moved or deleted (or after an app's own signal).

The update runs after the transaction commits, and a cluster outage never stops an editor: it
is logged, and the next rebuild catches up.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.search.indexing import reindex
from core.search.transport import ClusterUnavailable, get_transport

if TYPE_CHECKING:
    from core.search.index import Follows, SearchIndex

logger = logging.getLogger(__name__)

PAGE_SIGNALS = {"publish": page_published, "unpublish": page_unpublished, "delete": post_delete}


def _update(index: SearchIndex, key: str, ids: list[int]) -> None:
    transport = get_transport()
    if transport is None:
        return
    try:
        reindex(transport, index, key, ids)
    except ClusterUnavailable as error:
        logger.warning(
            "%s %s %s not updated in the search cluster: %s", index.unit, key, ids, error
        )


def changed(index: SearchIndex, key: str, ids: list[int]) -> None:
    transaction.on_commit(partial(_update, index, key, list(ids)))


def _page_changed(index: SearchIndex, follows: Follows, sender, instance, **kwargs) -> None:
    # A move is sent for every kind of page.
    if not isinstance(getattr(instance, "specific_deferred", instance), follows.model):
        return
    changed(index, follows.key, [instance.pk])


def _signalled(index: SearchIndex, follows: Follows, sender, **kwargs) -> None:
    changed(index, follows.key, kwargs[follows.ids])


def follow(index: SearchIndex) -> None:
    for number, follows in enumerate(index.follows):
        uid = f"search-{index.name}-{number}"
        if follows.signal is not None:
            handler = partial(_signalled, index, follows)
            follows.signal.connect(handler, weak=False, dispatch_uid=uid)
            continue
        handler = partial(_page_changed, index, follows)
        for event in follows.events:
            if event == "move":
                post_page_move.connect(handler, weak=False, dispatch_uid=f"{uid}-move")
            else:
                PAGE_SIGNALS[event].connect(
                    handler, sender=follows.model, weak=False, dispatch_uid=f"{uid}-{event}"
                )
