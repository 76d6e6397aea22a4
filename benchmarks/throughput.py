"""Throughput benchmark (not a test): requests/s under gunicorn, the family search against the
floor, interleaved in one run.

For each database (SQLite, and PostgreSQL on a throwaway cluster from scripts/lib.sh) it builds
a database of demo places (reused by later runs), starts gunicorn with gunicorn.conf.py (DEBUG
off, `--workers` workers), then measures, in turns of `--seconds` each repeated `--rounds`
times so that a busy neighbour weighs on every path alike:
  - floor: `/api/v1/programmes/` (the cheapest API route: one small query);
  - near: `/api/v1/places/?near=4000&radius_km=20&objective=…` (near search with a facet ticked),
    asked again and again: answered from the kept answers (`core.kept`) but for
    the first time after a change;
  - near-new: the same search at an address never asked before (its radius one metre wider
    each time): every answer computed, as for a family whose search nobody made in the last
    minute;
  - place: a place page (rotating over the places that search finds), kept after its first
    visit as for the search;
  - place-new: the same pages at addresses never asked before (a query string the page
    ignores, `?visit=N`): every page built;
at `--concurrency` connections, and prints each path's requests/s, p50/p95 latency and its ratio
to the floor (targets: near ≥ 25 %, place ≥ 40 %), with the load average.

    .venv/bin/python benchmarks/throughput.py --places 10000 --databases sqlite,postgresql

`--places 50 --seconds 1 --rounds 1 --databases sqlite` is a quick check that it runs.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager, nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = "/api/v1/programmes/"
NEAR = "/api/v1/places/?near=4000&radius_km=20&objective={objective}"
TARGETS = {"near": 0.25, "near-new": 0.25, "place": 0.40, "place-new": 0.40}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def seed(env: dict, places: int, marker: Path) -> None:
    """The demo database, once: later runs reuse it (the marker says it is complete), migrated."""
    manage(env, "migrate", "-v0")
    if marker.exists():
        return
    manage(env, "load_gazetteer", "-v0")
    started = time.perf_counter()
    manage(env, "seed_demo", "--count", str(places), "-v0")
    print(f"seed_demo --count {places}: {time.perf_counter() - started:.1f} s", flush=True)
    marker.touch()


def lib_sh(script: str, **env: str) -> str:
    """Runs `script` after sourcing scripts/lib.sh; returns its standard output."""
    command = f"source scripts/lib.sh; find_pg_bin; {script}"
    return subprocess.run(  # noqa: S603 (our own script)
        ["/bin/bash", "-c", command],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@contextmanager
def postgresql(work: Path):
    """A throwaway PostgreSQL cluster (scripts/lib.sh) made in `work` and kept there between
    runs: stopped, not removed, at the end."""
    kept = sorted(work.glob("rencontres-pg.*"))
    if kept:
        data = kept[0]
        port = free_port()
        with (data / "data" / "postgresql.conf").open("a") as config:
            config.write(f"port = {port}\n")
        lib_sh('pg_ctl_throwaway -l "$PG_TMP/server.log" -w -t 60 start >&2', PG_TMP=str(data))
    else:
        out = lib_sh('start_throwaway_postgres >&2; echo "$PG_TMP $PG_PORT"', TMPDIR=str(work))
        made, port = out.split()
        data = Path(made)
    try:
        yield f"postgres://rencontres@127.0.0.1:{port}/rencontres"
    finally:
        lib_sh("pg_ctl_throwaway -m fast -w stop >&2", PG_TMP=str(data))


@contextmanager
def gunicorn(env: dict, workers: int):
    port = free_port()
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "/dev/null",
        "--max-requests",
        "0",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            try:
                urllib.request.urlopen(base + FLOOR, timeout=5).read()  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not answer")
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


async def fetch(port: int, path: str) -> float:
    """One GET over a new connection (gunicorn's sync workers close it); its latency, in s."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    answer = await reader.read()
    writer.close()
    status = answer[9:12]
    if status != b"200":
        raise RuntimeError(f"{path}: {answer[:300]!r}")
    return time.perf_counter() - started


async def load(port: int, next_path, seconds: float, concurrency: int) -> list[float]:
    """Latencies of the requests completed in `seconds` by `concurrency` loops, each asking
    `next_path()`."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []

    async def loop() -> None:
        while time.perf_counter() < deadline:
            latencies.append(await fetch(port, next_path()))

    await asyncio.gather(*(loop() for _ in range(concurrency)))
    return latencies


def measure(port: int, options) -> dict[str, dict]:
    base = f"http://127.0.0.1:{port}"
    objective = options.objective
    near = NEAR.format(objective=objective)
    with urllib.request.urlopen(base + near) as answer:  # noqa: S310 (loopback)
        found = json.load(answer)
    place_urls = [hit["url"] for hit in found["results"]] or [
        hit["url"] for hit in (found.get("nearest_beyond") or {}).get("results", [])
    ]
    if not place_urls:
        raise RuntimeError(f"{near} found no place to visit")
    widths = itertools.count(1)
    visits = itertools.count(1)

    def fresh() -> str:
        return near.replace("radius_km=20", f"radius_km={20 + next(widths) / 1000:.3f}")

    paths = {
        "floor": itertools.cycle([FLOOR]).__next__,
        "near": itertools.cycle([near]).__next__,
        "near-new": fresh,
        "place": itertools.cycle(place_urls).__next__,
        "place-new": lambda: f"{place_urls[0]}?visit={next(visits)}",
    }
    latencies: dict[str, list[float]] = {name: [] for name in paths}
    elapsed = dict.fromkeys(paths, 0.0)
    for next_path in paths.values():  # warm-up: every worker's first request
        asyncio.run(load(port, next_path, min(1.0, options.seconds), options.concurrency))
    for _round in range(options.rounds):
        for name, next_path in paths.items():
            started = time.perf_counter()
            latencies[name] += asyncio.run(
                load(port, next_path, options.seconds, options.concurrency)
            )
            elapsed[name] += time.perf_counter() - started
    return {
        name: {
            "rps": len(latencies[name]) / elapsed[name],
            "p50": percentile(latencies[name], 0.5) * 1000,
            "p95": percentile(latencies[name], 0.95) * 1000,
            "count": found["count"] if name == "near" else None,
        }
        for name in paths
    }


def report(database: str, places: int, figures: dict, load_before, load_after) -> bool:
    floor = figures["floor"]["rps"]
    print(
        f"\n{database}, {places} places; load average before {load_before[0]:.2f} "
        f"{load_before[1]:.2f} {load_before[2]:.2f}, after {load_after[0]:.2f} "
        f"{load_after[1]:.2f} {load_after[2]:.2f}"
    )
    print(f"{'path':<10} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'/floor':>8} {'target':>8}")
    met = True
    for name, row in figures.items():
        ratio = row["rps"] / floor
        target = TARGETS.get(name)
        met = met and (target is None or ratio >= target)
        print(
            f"{name:<10} {row['rps']:>8.1f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{ratio:>7.0%} {'' if target is None else f'≥ {target:.0%}':>8}"
        )
    print(f"(near found {figures['near']['count']} places)", flush=True)
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one turn")
    parser.add_argument("--rounds", type=int, default=3, help="turns per path")
    parser.add_argument("--objective", default="passerelles", help="the facet ticked")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "rencontres-throughput",
        help="where the databases are kept between runs",
    )
    options = parser.parse_args()
    base_env = {
        **os.environ,
        "RENCONTRES_DEBUG": "0",
        "RENCONTRES_SECRET_KEY": "benchmark-only-" + "x" * 40,
        "RENCONTRES_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "rencontres.settings",
        "RENCONTRES_STATIC_ROOT": str(options.work / "static"),
    }
    for name in ("RENCONTRES_SEARCH_URL", "RENCONTRES_CACHE_URL", "RENCONTRES_DATABASE_URL"):
        base_env.pop(name, None)
    print(
        f"gunicorn -c gunicorn.conf.py --workers {options.workers}; "
        f"{options.concurrency} connections; {options.rounds} x {options.seconds:g} s per path"
    )
    print("command: " + shlex.join([sys.argv[0], *sys.argv[1:]]), flush=True)
    # DEBUG off serves the collected, hashed files (pages name them through the manifest).
    manage(base_env, "collectstatic", "--noinput", "-v0")
    all_met = True
    for database in options.databases.split(","):
        work = options.work / f"{database}-{options.places}"
        work.mkdir(parents=True, exist_ok=True)
        if database == "sqlite":
            server = nullcontext(f"sqlite:///{work / 'db.sqlite3'}")
        elif database == "postgresql":
            server = postgresql(work)
        else:
            parser.error(f"unknown database {database!r}")
        with server as url:
            env = {**base_env, "RENCONTRES_DATABASE_URL": url}
            seed(env, options.places, work / "seeded")
            with gunicorn(env, options.workers) as port:
                load_before = os.getloadavg()
                figures = measure(port, options)
                load_after = os.getloadavg()
        all_met = report(database, options.places, figures, load_before, load_after) and all_met
    print("\nall targets met" if all_met else "\nsome targets not met")


if __name__ == "__main__":
    main()
