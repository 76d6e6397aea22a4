"""At most a few expensive renderings at once per machine, whichever worker asks.

A slot is a file lock (`flock`) on one of `slots` files under the state directory
(RENCONTRES_STATE_DIR, shared by every worker of the host): a worker that takes none is told so
at once and answers "try again in a moment" instead of waiting with the others' requests queued
behind it. The system releases a lock when its holder ends, even killed: a slot is never lost.
No server is needed (the SQLite demo has none), and a shared cache being down changes nothing.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings


@contextmanager
def slot(name: str, slots: int) -> Iterator[bool]:
    """True inside when one of the `slots` slots named `name` was free (and is now held until the
    block ends), False when every one is taken."""
    directory = settings.STATE_DIR / "slots"
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(max(1, slots)):
        descriptor = os.open(directory / f"{name}-{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue
        try:
            yield True
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)
        return
    yield False
