"""Bulk work without the garbage collector walking the whole application again and again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def application_set_aside() -> Iterator[None]:
    """Within it, the cyclic garbage collector leaves alone every object alive on entry: the
    loaded modules, models, URL patterns, templates (a quarter of a million objects).

    Bulk work (a rebuild, the demo seeding) allocates rows by the million, so the collector's
    full passes come often, and each walked all of those again: two thirds of a rebuild's
    Python time at 100,000 places (`benchmarks/indexing.py`). Objects made within are
    collected as usual, and on exit the set-aside ones are watched again (`gc.unfreeze`), so
    that nothing they later leave behind leaks. Nested uses leave it to the outermost."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
