"""Indexing held while bulk work writes, and done once at its end (the demo's seeding).

Bulk writing skips the signals that keep the indexes true (nothing is published page by page),
and what it does send (a batch of listings' quality scores, a translation published) would
update the cluster a batch at a time for documents a rebuild writes again anyway. Inside
`indexing_held()`:

- the search signal handler (`core.search.signals`) sends nothing to the cluster and notes
  nothing, and kept answers learn nothing (`core.kept.held`);
- the work names the rows Wagtail's search backends must add (`Held.add`).

At the end, once, with the same functions as the commands: the named rows are added to Wagtail's
backends in bulk (`core.search.wagtail_bulk.index_pages`, `manage.py update_index` for those
rows), every registered index is rebuilt behind its alias (`core.search.indexing.rebuild`,
`manage.py rebuild_search_index`), then kept answers learn the change. A run that fails inside
indexes nothing: `manage.py rebuild_search_index` and `update_index` do it afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from core import kept
from core.search.index import registered
from core.search.indexing import rebuild
from core.search.transport import ClusterUnavailable, get_transport
from core.search.wagtail_bulk import index_pages

# The hold is the writing thread's, as its transactions are.
_local = threading.local()


@dataclass
class Held:
    """What a hold indexes at its end, and how that went."""

    rows: list[tuple[type, list[int], Callable[[list], None] | None]] = field(default_factory=list)
    # How many changes the signal handler left to the end (`held_back`).
    changes: int = 0
    # Why the cluster was not rebuilt, when it did not answer (the writing is kept).
    cluster_error: ClusterUnavailable | None = None

    def add(self, model: type, ids: list[int], prepare: Callable[[list], None] | None = None):
        """These rows of `model` go into Wagtail's search backends at the end, in bulk;
        `prepare(rows)` may fetch in bulk what the index reads of each."""
        self.rows.append((model, list(ids), prepare))

    def total(self) -> int:
        return sum(len(ids) for _model, ids, _prepare in self.rows)


def holding() -> bool:
    """Whether this thread's indexing is held."""
    return getattr(_local, "held", None) is not None


def held_back() -> bool:
    """Whether this thread's indexing is held: then the change the signal handler was told of
    is counted, and left to the hold's end."""
    held = getattr(_local, "held", None)
    if held is None:
        return False
    held.changes += 1
    return True


@contextmanager
def indexing_held(
    index: bool = True,
    progress: Callable[[int], None] | None = None,
    lap: Callable[[str], None] | None = None,
) -> Iterator[Held]:
    """Holds this thread's indexing while the body writes; at its end (unless `index` is
    false, the body failed, or nothing was named nor changed) indexes once. `progress(n)`
    hears of each batch done and `lap(label)` of each step's end: Wagtail's rows of each
    model, then the cluster."""
    if holding():
        raise RuntimeError("indexing is already held in this thread")
    held = Held()
    with kept.held():
        _local.held = held
        try:
            yield held
        finally:
            _local.held = None
        if index:
            _index(held, progress or (lambda done: None), lap or (lambda label: None))


def _index(held: Held, progress: Callable[[int], None], lap: Callable[[str], None]) -> None:
    if not held.total() and not held.changes:
        # Nothing written that a search shows (a run that found every demo row there).
        return
    for model, ids, prepare in held.rows:
        for done in index_pages(model, ids, prepare=prepare):
            progress(done)
        lap(f"Wagtail {model.__name__}")
    transport = get_transport()
    if transport is None:
        return
    try:
        for search_index in registered():
            done = 0
            for step in rebuild(transport, search_index):
                progress(step.done - done)
                done = step.done
    except ClusterUnavailable as error:
        held.cluster_error = error
    lap("cluster")
