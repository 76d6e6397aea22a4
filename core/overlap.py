"""Sending batches to a search cluster while the next one is made."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import chain
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_END = object()


def sent_while_next_is_made(
    items: Iterable[Item], send: Callable[[Item], Result]
) -> Iterator[Result]:
    """Each item given to `send` in a second thread while this one makes the next: the cluster
    indexes while Python reads and shapes rows (each thread waits on the other's socket or GIL).
    Yields what each `send` returned, in order. The items are made in this thread, whose
    database connection it is; `send` must not query the database."""
    with ThreadPoolExecutor(max_workers=1) as sender:
        sending: Future | None = None
        for item in chain(items, [_END]):
            if sending is not None:
                yield sending.result()
            if item is not _END:
                sending = sender.submit(send, item)
