"""The copies of a freshly filled index: a rebuild fills it with none (each document written once,
not once per copy), then asks for the configured replicas and waits, within a bound, until the
cluster has allocated those it can before searches move to it.

A cluster places at most one copy of a shard per node: with N data nodes, each shard can have
N - 1 replicas at most, so one node never holds a replica and the wait ends at once (the index
then stays yellow, as the cluster can make it no greener).
"""

from __future__ import annotations

import logging
import time

from core.search.transport import Transport

logger = logging.getLogger(__name__)

COPIES_WAIT_SECONDS = 600.0
POLL_SECONDS = 0.5


def add_replicas(
    transport: Transport,
    name: str,
    shards: int,
    replicas: int,
    wait_seconds: float = COPIES_WAIT_SECONDS,
) -> str:
    """Give `name` its `replicas` and wait until every copy the cluster's nodes can hold is
    active, at most `wait_seconds`; what happened, in a sentence for the operator."""
    if replicas == 0:
        return ""
    transport.set_replicas(name, replicas)
    deadline = time.monotonic() + wait_seconds
    while True:
        health = transport.index_health(name)
        data_nodes = max(int(health.get("number_of_data_nodes", 1)), 1)
        possible = min(replicas, data_nodes - 1)
        expected = shards * (1 + possible)
        active = int(health.get("active_shards", 0))
        if active >= expected:
            if possible < replicas:
                return (
                    f"{name}: {replicas} replica(s) asked, {possible} possible on "
                    f"{data_nodes} data node(s); the others wait for more nodes (yellow)."
                )
            return f"{name}: {replicas} replica(s) of {shards} shard(s) active."
        if time.monotonic() >= deadline:
            note = (
                f"{name}: after {wait_seconds:.0f} s, {active} of {expected} shard copies active "
                "(the cluster keeps copying); searches move to it now, its primaries are complete."
            )
            logger.warning("%s", note)
            return note
        time.sleep(POLL_SECONDS)
