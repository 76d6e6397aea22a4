"""A small concurrent load through the reverse proxy, for the production smoke step.

    .venv/bin/python scripts/load.py --origin https://localhost:8443 --connect 127.0.0.1 \
        --clients 12 --label "cluster stopped" [--outage] [--seconds N] PATH...

Each client (a thread with its own keep-alive connection) requests the PATHs in turn, from a
different starting point (a `{n}` in a PATH becomes a number never used before in the run: an
address no kept response answers, core.kept), until --seconds have passed or the process is
sent SIGTERM or SIGINT (the smoke step stops it once it has done what the phase is about). It
then prints one line per phase: requests, statuses, the engines the API answered with,
latencies, failures, and exits 1 if the phase broke its rule:

- by default every answer must be a 200;
- with --outage (the database is stopped during the phase), an answer may also be the
  localized 503 page, with a Retry-After header, and at least one must be;

anything else is a failure: another status (a 500, a 502 from the proxy), a connection refused,
reset or timed out. The first few failures are printed with what was asked.

Only the standard library: it runs from the project's virtualenv without adding a dependency.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import re
import signal
import ssl
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# What the localized 503 page and the API's 503 say (rencontres/errors.py); the API answers JSON.
OUTAGE_MARKERS = (b"Service momentan", b'"detail"')
ENGINE = re.compile(rb'"engine":\s*"([a-z]+)"')
REQUEST_TIMEOUT_SECONDS = 30
FAILURES_SHOWN = 5
# The numbers `{n}` takes: `next` on a count is atomic in CPython, so no two clients share one.
FRESH = itertools.count(1)


@dataclass
class Tally:
    """What every client saw, merged under a lock."""

    statuses: Counter = field(default_factory=Counter)
    engines: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    outage_answers: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: str, latency: float, engine: str | None, failure: str | None) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.latencies.append(latency)
            if engine:
                self.engines[engine] += 1
            if failure:
                self.failures.append(failure)
            elif status == "503":
                self.outage_answers += 1


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    connect: str

    def connection(self) -> http.client.HTTPConnection:
        if self.scheme == "https":
            # The smoke step's certificate is a throwaway, self-signed one.
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection(
                self.connect, self.port, timeout=REQUEST_TIMEOUT_SECONDS, context=context
            )
        return http.client.HTTPConnection(self.connect, self.port, timeout=REQUEST_TIMEOUT_SECONDS)


def judge(status: int, headers: http.client.HTTPMessage, body: bytes, outage: bool) -> str | None:
    """None when the answer keeps the phase's rule, else what is wrong with it."""
    if status == 200:
        return None
    if status == 503 and outage:
        if not (headers.get("Retry-After") or "").isdigit():
            return "503 without a Retry-After in seconds"
        if not any(marker in body for marker in OUTAGE_MARKERS):
            return "503 that is not the site's own outage answer"
        return None
    return f"status {status}"


def client(
    number: int,
    target: Target,
    paths: list[str],
    outage: bool,
    tally: Tally,
    stop: threading.Event,
) -> None:
    connection = target.connection()
    turn = number
    while not stop.is_set():
        path = paths[turn % len(paths)].replace("{n}", str(next(FRESH)))
        turn += 1
        started = time.monotonic()
        engine = None
        try:
            connection.request(
                "GET",
                path,
                headers={"Host": target.host, "Accept": "*/*"},
            )
            response = connection.getresponse()
            body = response.read()
            problem = judge(response.status, response.headers, body, outage)
            status = str(response.status)
            if path.startswith("/api/") and response.status == 200:
                found = ENGINE.search(body)
                engine = found.group(1).decode() if found else None
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            problem = f"{type(error).__name__}: {error}"
            connection.close()
            connection = target.connection()
        elapsed = time.monotonic() - started
        failure = f"GET {path} → {problem} after {elapsed:.1f} s" if problem else None
        tally.add(status, elapsed, engine, failure)
        if not status.isdigit():
            # A refused connection fails at once: do not spin on it.
            stop.wait(0.05)
    connection.close()


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def report(label: str, tally: Tally, seconds: float, outage: bool) -> tuple[str, list[str]]:
    """The phase's summary line, and what breaks its rule."""
    count = sum(tally.statuses.values())
    statuses = ", ".join(f"{status}×{n}" for status, n in sorted(tally.statuses.items()))
    engines = ", ".join(f"{engine}×{n}" for engine, n in sorted(tally.engines.items()))
    line = (
        f"{label}: {count} requests in {seconds:.1f} s ({count / max(seconds, 0.001):.1f}/s); "
        f"{statuses or 'none'}; API engine {engines or 'none'}; "
        f"p50 {percentile(tally.latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(tally.latencies, 0.95) * 1000:.0f} ms, "
        f"max {max(tally.latencies, default=0) * 1000:.0f} ms; "
        f"{len(tally.failures)} failed"
    )
    broken = []
    if count == 0:
        broken.append("no request was answered")
    if tally.failures:
        broken.append(f"{len(tally.failures)} failed request(s)")
    if outage and tally.outage_answers == 0:
        broken.append("no 503 while the database was stopped")
    return line, broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--origin", required=True, help="https://localhost:8443")
    parser.add_argument("--connect", help="the address to connect to (default: the origin's)")
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--seconds", type=float, help="stop after this long (else on a signal)")
    parser.add_argument("--label", default="load")
    parser.add_argument("--outage", action="store_true", help="the localized 503 is allowed")
    parser.add_argument("paths", nargs="+")
    options = parser.parse_args(argv)

    origin = urlsplit(options.origin)
    default_port = 443 if origin.scheme == "https" else 80
    target = Target(
        scheme=origin.scheme,
        host=origin.netloc,
        port=origin.port or default_port,
        connect=options.connect or origin.hostname,
    )
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    tally = Tally()
    started = time.monotonic()
    threads = [
        threading.Thread(
            target=client,
            args=(n, target, options.paths, options.outage, tally, stop),
            daemon=True,
        )
        for n in range(options.clients)
    ]
    for thread in threads:
        thread.start()
    # The main thread only waits: signals are delivered to it.
    deadline = started + options.seconds if options.seconds else None
    while not stop.is_set():
        if deadline is not None and time.monotonic() >= deadline:
            stop.set()
        stop.wait(0.1)
    for thread in threads:
        thread.join(REQUEST_TIMEOUT_SECONDS + 5)
    seconds = time.monotonic() - started

    line, broken = report(options.label, tally, seconds, options.outage)
    print(f"  {'ok  ' if not broken else 'FAIL'}  {line}")
    for failure in tally.failures[:FAILURES_SHOWN]:
        print(f"          {failure}")
    if len(tally.failures) > FAILURES_SHOWN:
        print(f"          … and {len(tally.failures) - FAILURES_SHOWN} more")
    for problem in broken:
        print(f"          {problem}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
