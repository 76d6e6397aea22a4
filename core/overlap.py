"""Sending batches to a search cluster while the next ones are made."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Requests in flight at once: the node indexes each bulk request on one core, so several keep
# it busy on all of them while this thread makes the next (3 measured best with 2 cores).
IN_FLIGHT = 3


def sent_while_next_is_made(
    items: Iterable[Item], send: Callable[[Item], Result]
) -> Iterator[Result]:
    """Each item given to `send` in other threads while this one makes the next: the cluster
    indexes while Python reads and shapes rows (each thread waits on the other's socket or GIL).
    Yields what each `send` returned, in order. The items are made in this thread, whose
    database connection it is; `send` must not query the database."""
    with ThreadPoolExecutor(max_workers=IN_FLIGHT) as sender:
        sending: deque[Future] = deque()
        for item in items:
            if len(sending) == IN_FLIGHT:
                yield sending.popleft().result()
            sending.append(sender.submit(send, item))
        while sending:
            yield sending.popleft().result()
