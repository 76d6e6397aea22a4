"""Database engine at scale (not a test): near searches with facets on PostgreSQL, p50/p95 per
size and their ratio to the floor, to say where an operator should switch to the cluster.

It keeps a PostgreSQL cluster of its own (scripts/lib.sh's throwaway cluster, made in `--work`
and stopped, not removed, at the end) holding one database of demo places per size
(`places_1000`, …): built once by seeding a working database up to each size in turn and
copying it (`CREATE DATABASE … TEMPLATE`), so 100,000 places are seeded once, not 161,000 times;
an interrupted build starts again from the last complete copy.
`--database-url` (repeated) measures existing databases instead, whatever they hold.

Then, per size, in one process on the database engine (no cluster configured, kept responses
off), it runs benchmarks/search.py's query mix through the API in-process (Django's test
client) and, interleaved with it, the floor (`/api/v1/programmes/`, the cheapest API route, as
in benchmarks/throughput.py), and prints p50/p95 of the mix, of its near searches without words
(`q` has its own benchmark, text_search.py), and of the floor, each ratio to the floor, and the
load averages before and after: every figure from this one run.

    .venv/bin/python benchmarks/database_scale.py --sizes 1000,10000,50000,100000

`--sizes 50 --rounds 1` is a quick check that it runs.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.search import QUERIES, percentile  # noqa: E402
from benchmarks.throughput import manage, postgresql  # noqa: E402

FLOOR = "/api/v1/programmes/"
WORKING = "rencontres"


def database_url(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


def databases(server: str) -> set[str]:
    import psycopg

    with psycopg.connect(server) as connection:
        rows = connection.execute("SELECT datname FROM pg_database").fetchall()
    return {name for (name,) in rows}


def copy_database(server: str, name: str, template: str) -> None:
    """`name`, a whole copy of `template` (which must have no open connection), replacing it."""
    import psycopg

    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def analyze(url: str) -> None:
    """Fresh statistics, as autovacuum keeps them on a live database: a database just copied
    or bulk-written has none yet, and PostgreSQL then plans the near search's union as a few
    hundred rows and joins it to every page (5x slower at 10,000 places)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("ANALYZE")


def build(server: str, sizes: list[int], env: dict) -> None:
    """`places_N` for every size missing, the smallest first: the working database starts again
    from the largest complete copy below N (or empty), is seeded up to N (seed_demo only adds
    the places missing), then copied. Starting again from a copy matters: a build stopped
    halfway leaves places written but not indexed, which seed_demo would not index later."""
    complete = sorted(
        int(name.removeprefix("places_"))
        for name in databases(server)
        if name.startswith("places_") and name.removeprefix("places_").isdigit()
    )
    env = {**env, "RENCONTRES_DATABASE_URL": server}
    for size in sorted(set(sizes) - set(complete)):
        started = time.perf_counter()
        below = [done for done in complete if done < size]
        copy_database(server, WORKING, f"places_{below[-1]}" if below else "template0")
        manage(env, "migrate", "-v0")
        if not below:
            manage(env, "load_gazetteer", "-v0")
        manage(env, "seed_demo", "--count", str(size), "-v0")
        copy_database(server, f"places_{size}", WORKING)
        complete = sorted([*complete, size])
        seconds = time.perf_counter() - started
        print(f"places_{size}: seeded and copied in {seconds:.0f} s", file=sys.stderr, flush=True)


def measure(rounds: int) -> dict:
    """Runs inside the configured Django process: milliseconds per query of the mix, and of
    the floor asked after each of them (so both see the same load on a shared machine)."""
    import django

    django.setup()
    import logging

    # One line per request on the terminal would bury the figures (throughput.py's gunicorn
    # writes them to /dev/null): the line is still formatted, only not shown.
    logging.getLogger("rencontres.access_log").addFilter(lambda record: False)
    from django.conf import settings
    from django.test import Client

    from directory.models import PlacePage

    assert not settings.SEARCH_CLUSTER.get("url"), "the database engine is measured"
    client = Client()

    def get(path: str, params: dict | None = None):
        response = client.get(path, params or {})
        # A page beyond the last (page 2 of fewer than 20 places, at small sizes) is a 400
        # after the whole search, which is what is timed.
        beyond = response.status_code == 400 and "page" in response.json()["errors"]
        assert response.status_code == 200 or beyond, response.content[:300]
        return response

    for params in QUERIES:  # warm-up: the gazetteer's names, the first plans, the caches
        assert get("/api/v1/places/", params).json().get("engine", "database") == "database"
        get(FLOOR)
    timings: dict[str, list[float]] = {"floor": [], **{str(n): [] for n in range(len(QUERIES))}}
    for _round in range(rounds):
        for number, params in enumerate(QUERIES):
            for name, path, asked in (
                (str(number), "/api/v1/places/", params),
                ("floor", FLOOR, {}),
            ):
                started = time.perf_counter()
                get(path, asked)
                timings[name].append((time.perf_counter() - started) * 1000)
    return {"timings": timings, "places": PlacePage.objects.live().count()}


def base_environment() -> dict:
    env = {
        **os.environ,
        "RENCONTRES_DEBUG": "0",
        "RENCONTRES_SECRET_KEY": "benchmark-only-" + "x" * 40,
        "RENCONTRES_ALLOWED_HOSTS": "testserver",
        "RENCONTRES_KEPT_RESPONSES_SECONDS": "0",
        "DJANGO_SETTINGS_MODULE": "rencontres.settings",
    }
    for name in ("RENCONTRES_SEARCH_URL", "RENCONTRES_CACHE_URL", "RENCONTRES_DATABASE_URL"):
        env.pop(name, None)
    return env


def run(env: dict, url: str, rounds: int) -> dict:
    """measure() in a process of its own on the database at `url`."""
    import json

    output = subprocess.run(
        [sys.executable, __file__, "--measure-only", "--rounds", str(rounds)],
        cwd=ROOT,
        env={**env, "RENCONTRES_DATABASE_URL": url},
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output.split("TIMINGS ", 1)[1])


def summary(measured: dict) -> dict[str, tuple[float, float]]:
    """p50 and p95 of the mix, of its near searches without words and of the floor, in ms."""
    timings = measured["timings"]
    near = [n for n, params in enumerate(QUERIES) if "near" in params and "q" not in params]
    paths = {
        "mix": [ms for n in range(len(QUERIES)) for ms in timings[str(n)]],
        "near": [ms for n in near for ms in timings[str(n)]],
        "floor": timings["floor"],
    }
    return {
        name: (statistics.median(values), percentile(values, 0.95))
        for name, values in paths.items()
    }


def report(rows: list, rounds: int) -> None:
    near = sum(1 for params in QUERIES if "near" in params and "q" not in params)
    print()
    print(
        f"database engine on PostgreSQL, through the API in-process: {len(QUERIES)} searches of "
        f"benchmarks/search.py ({near} near without words) x {rounds} rounds per size, each "
        f"followed by the floor ({FLOOR})"
    )
    header = (
        f"{'places':>8} {'path':<6} {'p50 ms':>8} {'p95 ms':>8} {'p50/floor':>10} {'p95/floor':>10}"
    )
    print(header)
    for places, figures, before, after in rows:
        floor_p50, floor_p95 = figures["floor"]
        for name, (p50, p95) in figures.items():
            print(
                f"{places:>8} {name:<6} {p50:>8.1f} {p95:>8.1f} "
                f"{p50 / floor_p50:>10.1f} {p95 / floor_p95:>10.1f}"
            )
        print(
            f"{'':>8} load average before {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
            f"after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000,100000")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--database-url",
        action="append",
        help="measure this database instead, whatever it holds (repeat it for several)",
    )
    parser.add_argument("--build-only", action="store_true", help="build the databases, stop")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "rencontres-database-scale",
        help="where the PostgreSQL cluster and its databases are kept between runs",
    )
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure_only:
        import json

        print("TIMINGS " + json.dumps(measure(options.rounds)), flush=True)
        return
    print("command: " + shlex.join([sys.argv[0], *sys.argv[1:]]), flush=True)
    env = base_environment()
    rows = []

    def measured(url: str) -> None:
        # A database kept from an earlier run is brought up to the code's migrations first.
        manage({**env, "RENCONTRES_DATABASE_URL": url}, "migrate", "-v0")
        analyze(url)
        before = os.getloadavg()
        result = run(env, url, options.rounds)
        rows.append((result["places"], summary(result), before, os.getloadavg()))

    if options.database_url:
        for url in options.database_url:
            measured(url)
    else:
        sizes = sorted(int(size) for size in options.sizes.split(","))
        options.work.mkdir(parents=True, exist_ok=True)
        with postgresql(options.work) as server:
            build(server, sizes, env)
            if options.build_only:
                return
            for size in sizes:
                measured(database_url(server, f"places_{size}"))
    report(rows, options.rounds)


if __name__ == "__main__":
    main()
