"""One handler for every index: documents updated after the pages they follow are published,
unpublished, moved or deleted (or after an app's own signal). Wired by `follow_registered`, from
the core app's `ready()` once every app has registered its indexes, as django-modelsearch wires
its own handlers.

The update runs after the transaction commits, through the search breaker
(`core.search.breaker`): while the cluster is down or the breaker open, an editor neither fails
nor waits; the documents are noted in the database (`core.search.pending`) and sent with the next
update that reaches the cluster, or by `manage.py catch_up_search_index`. Kept public responses
are dropped after it (`core.kept.changed`), once the cluster has the documents or they are
noted: nothing computed before is kept under the new generation. While bulk work holds the
indexing (`core.search.deferral`), nothing: its end rebuilds every index once.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import kept
from core.search import breaker, deferral, pending
from core.search.index import Follows, SearchIndex, registered
from core.search.indexing import reindex
from core.search.transport import ClusterUnavailable, get_transport

logger = logging.getLogger(__name__)

PAGE_SIGNALS = {"publish": page_published, "unpublish": page_unpublished, "delete": post_delete}


def _update(index: SearchIndex, key: str, ids: list[int]) -> None:
    transport = get_transport()
    if transport is None:
        return
    if not breaker.may_ask():
        pending.note(index, key, ids)
        logger.info("%s %s %s noted for the search cluster (breaker open)", index.unit, key, ids)
        return
    try:
        reindex(transport, index, key, ids)
        caught_up = pending.catch_up(transport)
    except ClusterUnavailable as error:
        breaker.failed()
        pending.note(index, key, ids)
        logger.warning(
            "%s %s %s not updated in the search cluster, noted for later: %s",
            index.unit,
            key,
            ids,
            error,
        )
        return
    breaker.succeeded()
    if caught_up:
        logger.info("Search cluster caught up with %d noted documents", caught_up)


def changed(index: SearchIndex, key: str, ids: list[int]) -> None:
    if deferral.held_back():
        # The hold's end rebuilds every index, these documents among them.
        return
    kept.changed(before=partial(_update, index, key, list(ids)))


def _page_changed(index: SearchIndex, follows: Follows, sender, instance, **kwargs) -> None:
    # A move is sent for every kind of page.
    if not isinstance(getattr(instance, "specific_deferred", instance), follows.model):
        return
    changed(index, follows.key, [instance.pk])


def _signalled(index: SearchIndex, follows: Follows, sender, **kwargs) -> None:
    changed(index, follows.key, kwargs[follows.ids])


def follow_registered() -> None:
    for index in registered():
        _follow(index)


def _follow(index: SearchIndex) -> None:
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
