"""Plain HTTP to the cluster's nodes for benchmarks/scale.py: index management with failover
between the nodes (a killed node is the benchmark's own doing, not a reason to stop), bulk loads
of documents already serialised, and one connection per searching client.

Plain REST rather than the site's transport, so that what is measured about the cluster does
not pass through the code being measured (the API side does, in benchmarks/scale_clients.py).
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import urllib3

ADMIN_TIMEOUT = urllib3.Timeout(connect=2, read=120)


class Nodes:
    """The cluster's node URLs; admin requests go to the first that answers."""

    def __init__(self, urls: list[str]):
        self.urls = [url.rstrip("/") for url in urls]
        self.http = urllib3.PoolManager(maxsize=4, retries=False, timeout=ADMIN_TIMEOUT)

    def request(
        self, method: str, path: str, body: dict | bytes | None = None, also: tuple[int, ...] = ()
    ) -> Any:
        """The first answering node's answer; a status of 300 or more stops the benchmark,
        unless among `also`."""
        payload = json.dumps(body).encode() if isinstance(body, dict) else body
        headers = {"Content-Type": "application/json"}
        failures = []
        for url in self.urls:
            try:
                response = self.http.request(method, url + path, body=payload, headers=headers)
            except urllib3.exceptions.HTTPError as error:
                failures.append(f"{url}: {error}")
                continue
            answer = json.loads(response.data or b"{}")
            if response.status >= 300 and response.status not in also:
                raise SystemExit(f"{method} {path} answered {response.status}: {answer}")
            return answer
        raise SystemExit(f"{method} {path}: no node answered ({'; '.join(failures)})")

    def health(self) -> dict:
        return self.request("GET", "/_cluster/health")

    def wait_for(self, status: str, timeout: float) -> float:
        """Seconds until the cluster's health is `status` (green, or yellow); SystemExit after
        `timeout`."""
        started = time.perf_counter()
        while True:
            # 408: not yet, said with the health itself.
            answer = self.request(
                "GET", f"/_cluster/health?wait_for_status={status}&timeout=1s", also=(408,)
            )
            if not answer.get("timed_out"):
                return time.perf_counter() - started
            if time.perf_counter() - started > timeout:
                raise SystemExit(f"the cluster was not {status} after {timeout:.0f} s: {answer}")

    def create(self, name: str, body: dict) -> None:
        self.request("PUT", f"/{name}", body)

    def put_settings(self, name: str, settings: dict) -> None:
        self.request("PUT", f"/{name}/_settings", {"index": settings})

    def behind(self, alias: str) -> list[str]:
        # The cat API answers an empty list for an alias not yet made, where _alias says 404.
        answer = self.request("GET", f"/_cat/aliases/{alias}?format=json")
        return sorted(row["index"] for row in answer)

    def point_alias(self, alias: str, name: str) -> list[str]:
        """`alias` moved to `name` in one step; the indices it left."""
        old = self.behind(alias)
        actions = [{"remove": {"index": index, "alias": alias}} for index in old]
        self.request(
            "POST", "/_aliases", {"actions": [*actions, {"add": {"index": name, "alias": alias}}]}
        )
        return old

    def delete(self, name: str) -> None:
        self.request("DELETE", f"/{name}?ignore_unavailable=true")


def bulk_chunks(path: Path, documents_per_chunk: int) -> Iterator[bytes]:
    """The file's bulk lines (an action and its document per entry) in chunks."""
    with path.open("rb") as lines:
        chunk: list[bytes] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) == 2 * documents_per_chunk:
                yield b"".join(chunk)
                chunk = []
        if chunk:
            yield b"".join(chunk)


def bulk_load(nodes: Nodes, name: str, path: Path, threads: int, per_chunk: int) -> int:
    """The file's documents indexed into `name` by `threads` requests in flight, each thread on
    its node in turn (the coordinating work spread over the nodes); how many. A document the
    cluster refuses stops the benchmark: a figure over missing documents would be a lie."""
    chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=2 * threads)
    done = [0] * threads
    refused: list[str] = []

    def send(slot: int) -> None:
        url = nodes.urls[slot % len(nodes.urls)]
        parts = urlsplit(url)
        pool = urllib3.HTTPConnectionPool(
            parts.hostname, parts.port, maxsize=1, retries=False, timeout=ADMIN_TIMEOUT
        )
        while (chunk := chunks.get()) is not None:
            response = pool.urlopen(
                "POST",
                f"/{name}/_bulk",
                body=chunk,
                headers={"Content-Type": "application/x-ndjson"},
            )
            answer = json.loads(response.data)
            if response.status >= 300 or answer.get("errors"):
                errors = [i for i in answer.get("items", ()) if i["index"].get("error")]
                refused.append(json.dumps(errors[0] if errors else answer)[:500])
            done[slot] += len(answer.get("items", ()))

    workers = [threading.Thread(target=send, args=(slot,)) for slot in range(threads)]
    for worker in workers:
        worker.start()
    for chunk in bulk_chunks(path, per_chunk):
        if refused:
            break
        chunks.put(chunk)
    for _worker in workers:
        chunks.put(None)
    for worker in workers:
        worker.join()
    if refused:
        raise SystemExit(f"the cluster refused documents of {name}: {refused[0]}")
    return sum(done)


def search_pool(url: str) -> urllib3.HTTPConnectionPool:
    """One client's one connection."""
    parts = urlsplit(url)
    return urllib3.HTTPConnectionPool(
        parts.hostname, parts.port, maxsize=1, block=True, retries=False, timeout=10
    )
