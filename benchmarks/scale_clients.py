"""The families of benchmarks/scale.py: concurrent clients, each a thread with its own
connection, asking near searches with facets until told to stop.

A client asks through the API's own path (`core.search.engines.cluster.matches`, in-process:
the cluster engine's request, its transport with failover between the nodes, the answer turned
into ids, facets and the page's records), or the same request body posted raw on its own
connection, or both in turn (the API/raw ratio: each pair asked under the same load). What the
clients themselves cost is measured (their threads' CPU time), so that a figure limited by the
load generator says so.
"""

from __future__ import annotations

import json
import random
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import urllib3
from django.conf import settings
from django.utils import translation

from benchmarks.scale_http import search_pool
from benchmarks.scale_values import COMMUNES, LANGUAGES, OBJECTIVES, PROGRAMMES
from core.search.engines.cluster import build_search, matches
from core.search.near import Circle
from core.search.query import SearchQuery
from core.search.transport import ClusterSettings, ClusterUnavailable, Transport


def near_queries(count: int, seed: int = 33) -> list[SearchQuery]:
    """Near searches around the made-up places' communes, a third of them with an objective,
    a quarter with a programme, some with a language or on page 2: every one with the facets
    (the places' index counts objectives and programmes on every search)."""
    rng = random.Random(seed)  # noqa: S311 (a fixed sample, not a secret)
    queries = []
    for _ in range(count):
        _code, _fr, _nl, latitude, longitude, _country = rng.choice(COMMUNES)
        values = {
            "near": Circle(
                latitude + rng.uniform(-0.05, 0.05),
                longitude + rng.uniform(-0.05, 0.05),
                rng.choice((5, 10, 10, 20, 50)),
            )
        }
        if rng.random() < 1 / 3:
            values["objective"] = (rng.choice(OBJECTIVES)[0],)
        if rng.random() < 1 / 4:
            values["programme"] = (rng.choice(PROGRAMMES)[0],)
        if rng.random() < 1 / 6:
            values["language"] = (rng.choice(LANGUAGES[2:]),)
        queries.append(SearchQuery.of(page=rng.choice((1, 1, 1, 2)), **values))
    return queries


@dataclass
class Tally:
    """What the clients measured, in milliseconds."""

    api: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    # The clients' own CPU time per request (building, sending, reading the answer).
    client_cpu: list[float] = field(default_factory=list)
    failed: int = 0
    # Failed requests by kind (a timeout, a refused connection, an HTTP status), and the first.
    kinds: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    # (seconds since the start, failed or not) of every request, to count those in a window.
    moments: list[tuple[float, bool]] = field(default_factory=list)
    seconds: float = 0.0
    # CPU seconds of the whole benchmark process while the clients ran, per second.
    process_cores: float = 0.0


class Clients:
    """`count` clients asking `queries` on `alias` until `stop()`; `mode` "api", "raw" or
    "both" (API then raw, in turn)."""

    def __init__(self, config: ClusterSettings, urls: list[str], queries, mode: str, count=16):
        self.config, self.urls, self.mode, self.count = config, urls, mode, count
        self.queries = queries
        from directory.search.index import PLACES

        self.index = PLACES
        self.alias = config.alias(PLACES.name)
        # The raw side posts the request the API sends, in the site's language.
        self.bodies = [
            json.dumps(build_search(PLACES, q, settings.LANGUAGE_CODE).to_dict()).encode()
            for q in queries
        ]
        self.tally = Tally()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(n,)) for n in range(count)]

    def start(self) -> Clients:
        self.began = time.perf_counter()
        self.cpu_began = time.process_time()
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> Tally:
        self.stopping.set()
        for thread in self.threads:
            thread.join()
        self.tally.seconds = time.perf_counter() - self.began
        self.tally.process_cores = (time.process_time() - self.cpu_began) / self.tally.seconds
        return self.tally

    def _note(self, path: str, started: float, cpu: float, error: str | None) -> None:
        ended = time.perf_counter()
        with self.lock:
            self.tally.moments.append((ended - self.began, error is not None))
            if error is not None:
                self.tally.failed += 1
                self.tally.kinds[error.split(":", 1)[0]] += 1
                if len(self.tally.errors) < 5:
                    self.tally.errors.append(error[:300])
                return
            getattr(self.tally, path).append((ended - started) * 1000)
            self.tally.client_cpu.append((time.thread_time() - cpu) * 1000)

    def _run(self, client: int) -> None:
        transport = Transport(self.config)
        pool = search_pool(self.urls[client % len(self.urls)])
        path = f"/{self.alias}/_search"
        asked = client * 7
        translation.activate(settings.LANGUAGE_CODE)
        while not self.stopping.is_set():
            at = asked % len(self.queries)
            asked += 1
            if self.mode in ("api", "both"):
                started, cpu, error = time.perf_counter(), time.thread_time(), None
                try:
                    matches(self.index, self.queries[at], transport, records=True)
                except ClusterUnavailable as failure:
                    error = str(failure)
                self._note("api", started, cpu, error)
            if self.mode in ("raw", "both"):
                started, cpu, error = time.perf_counter(), time.thread_time(), None
                try:
                    response = pool.urlopen(
                        "POST",
                        path,
                        body=self.bodies[at],
                        headers={"Content-Type": "application/json"},
                    )
                    if response.status != 200:
                        error = f"HTTP {response.status}: {response.data[:200]!r}"
                except urllib3.exceptions.HTTPError as failure:
                    error = f"{type(failure).__name__}: {failure}"
                self._note("raw", started, cpu, error)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def summary(values: list[float]) -> tuple[float, float]:
    """p50 and p95."""
    return (statistics.median(values) if values else float("nan"), percentile(values, 0.95))
