"""Indexing benchmark (not a test): documents per second of a full rebuild into a cluster.

Builds (once, reused afterwards, shared with benchmarks/search.py: `demo_database`) a SQLite
database of demo places in the temporary directory, then rebuilds every registered index into
the cluster at `--cluster-url` (behind an alias of its own prefix) `--rounds` times, and prints
documents/s per index (target for places: 5,000 at 100,000 places) with the load averages
before and after each rebuild, and where the time went: the CPU seconds this process spent
(reading rows, building and serialising documents) and those the node spent, per 1,000
documents: on a busy machine the wall clock says little, these say which side to make faster.

With `--seed`, it first times `seed_demo --count <places>` with the cluster configured, into a
copy of a database that holds the gazetteer and nothing else (target: 30 s for 10,000 places),
and prints the command's own split (writing; then, once, Wagtail's indexes and the cluster's).
`--rounds 0` times the seeding alone.

    .venv/bin/python benchmarks/indexing.py --places 10000 --cluster-url http://127.0.0.1:9241
    .venv/bin/python benchmarks/indexing.py --places 100000 --rounds 1 --index places \
        --cluster-url http://127.0.0.1:9241
    .venv/bin/python benchmarks/indexing.py --seed --rounds 0 --places 10000 \
        --cluster-url http://127.0.0.1:9241
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.demo_database import demo_database, migrate  # noqa: E402


def seeding(places: int, cluster_url: str, flavour: str) -> None:
    """Times seed_demo with the cluster configured, on a copy of a gazetteer-only database."""
    empty = Path(tempfile.gettempdir()) / "rencontres-seed-bench-empty.sqlite3"
    env = {**os.environ, "RENCONTRES_DEBUG": "1"}
    env.pop("RENCONTRES_SEARCH_URL", None)
    # Kept from an earlier run, it is brought up to the code's migrations (quick when it is).
    fresh = not empty.exists()
    migrate(empty)
    if fresh:
        subprocess.run(
            [sys.executable, "manage.py", "load_gazetteer", "-v0"],
            cwd=ROOT,
            env={**env, "RENCONTRES_DATABASE_URL": f"sqlite:///{empty}"},
            check=True,
        )
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / "seeded.sqlite3"
        shutil.copyfile(empty, database)
        env.update(
            RENCONTRES_DATABASE_URL=f"sqlite:///{database}",
            RENCONTRES_SEARCH_URL=cluster_url,
            RENCONTRES_SEARCH_FLAVOUR=flavour,
            RENCONTRES_SEARCH_INDEX_PREFIX=f"bench-seed-{places}",
        )
        load_before = os.getloadavg()
        started = time.perf_counter()
        finished = subprocess.run(
            [sys.executable, "manage.py", "seed_demo", "--count", str(places), "-v1"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        load_after = os.getloadavg()
    summary = [line for line in finished.stdout.splitlines() if line.startswith("Created")]
    print(
        f"seed_demo --count {places} with the cluster: {seconds:.1f} s (target ≤ 30 s at 10,000); "
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}"
    )
    print("  " + (summary[-1] if summary else finished.stdout.strip()[-300:]), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cluster-url", required=True)
    parser.add_argument("--flavour", default="opensearch3")
    parser.add_argument("--database", type=Path, help="a SQLite file, built if missing")
    parser.add_argument("--seed", action="store_true", help="also time seed_demo")
    parser.add_argument("--index", action="append", help="only this index (repeatable)")
    options = parser.parse_args()
    if options.seed:
        seeding(options.places, options.cluster_url, options.flavour)
    if not options.rounds:
        return
    database = demo_database(options.places, options.database)
    os.environ.update(
        RENCONTRES_DEBUG="1",
        RENCONTRES_DATABASE_URL=f"sqlite:///{database}",
        RENCONTRES_SEARCH_URL=options.cluster_url,
        RENCONTRES_SEARCH_FLAVOUR=options.flavour,
        RENCONTRES_SEARCH_INDEX_PREFIX=f"bench-indexing-{options.places}",
        DJANGO_SETTINGS_MODULE="rencontres.settings",
    )
    import django

    django.setup()
    from core.search.index import registered
    from core.search.indexing import rebuild
    from core.search.transport import get_transport

    transport = get_transport()
    indices = [i for i in registered() if not options.index or i.name in options.index]
    rows = []
    for index in indices:
        for _round in range(options.rounds):
            load_before = os.getloadavg()[0]
            node_before = node_cpu_seconds(transport)
            python_before = time.process_time()
            started = time.perf_counter()
            done = 0
            for progress in rebuild(transport, index):
                done = progress.done
            seconds = time.perf_counter() - started
            python = time.process_time() - python_before
            node = node_cpu_seconds(transport) - node_before
            rows.append((index.name, done, seconds, python, node, load_before, os.getloadavg()[0]))
    for index in indices:
        for name in transport.indices_behind(transport.config.alias(index.name)):
            transport.delete_index(name)
    print(f"{options.places} demo places, {os.cpu_count()} cores")
    print(
        f"{'index':<12} {'documents':>9} {'seconds':>8} {'docs/s':>7} {'python s/1k':>11} "
        f"{'node s/1k':>9} {'load before':>11} {'after':>6}"
    )
    for name, done, seconds, python, node, before, after in rows:
        per = 1000 / max(done, 1)
        print(
            f"{name:<12} {done:>9} {seconds:>8.1f} {done / seconds:>7.0f} {python * per:>11.3f} "
            f"{node * per:>9.3f} {before:>11.2f} {after:>6.2f}"
        )


def node_cpu_seconds(transport) -> float:
    """The CPU time the cluster's nodes have spent since they started."""
    stats = transport.admin.nodes.stats(metric="process")
    return sum(node["process"]["cpu"]["total_in_millis"] for node in stats["nodes"].values()) / 1000


if __name__ == "__main__":
    main()
