"""Search benchmark (not a test): p50/p95 of a fixed mix of family searches, per engine and size.

For each size it builds a database of demo places (SQLite by default), indexes them in the
search cluster, then runs the same searches
  - through the API in-process (Django's test client: URL routing, FilterSet validation,
    gazetteer, engine, JSON), once on the database engine and once on the cluster engine, and
  - straight against the cluster (the request body the cluster engine sends, via the transport),
and prints p50 and p95 in milliseconds and the ratio API time / raw cluster time.

    .venv/bin/python benchmarks/search.py --sizes 10000,100000 --cluster-url http://127.0.0.1:9201

Without --cluster-url it starts and stops a node with scripts/search-cluster.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    {"near": "4000"},
    {"near": "4000", "objective": "passerelles"},
    {"near": "1000", "radius_km": "5"},
    {"near": "Namur", "day": "wed"},
    {"near": "charleroi", "radius_km": "25", "age_months": "18"},
    {"near": "Luik", "language": "ar"},
    {"near": "50.8466,4.3517", "accessible": "true"},
    {"near": "7000", "programme": "lieux-rencontre-enfants-parents", "page": "2"},
    {"near": "6700", "radius_km": "50"},
    {"objective": "integration-culturelle"},
    {"programme": "consultations-enfants", "page_size": "50"},
    {"q": "petits"},
    {"q": "maison", "near": "5000", "radius_km": "30"},
    {"near": "1348", "objective": ["passerelles", "education-permanente"]},
    {"age_months": "30", "day": "mon"},
    {"near": "59000"},
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def run_manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare(size: int, env: dict, fresh: bool) -> None:
    database = Path(env["RENCONTRES_DATABASE_URL"].removeprefix("sqlite:///"))
    if fresh and database.exists():
        database.unlink()
    run_manage(env, "migrate", "-v0")
    run_manage(env, "load_gazetteer")
    started = time.perf_counter()
    # Written without the cluster: the rebuild below indexes everything once, in bulk.
    run_manage(
        {k: v for k, v in env.items() if k != "RENCONTRES_SEARCH_URL"},
        "seed_demo",
        "--count",
        str(size),
    )
    print(f"seed_demo --count {size}: {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    run_manage(env, "rebuild_search_index")
    print(f"rebuild_search_index ({size}): {time.perf_counter() - started:.1f} s", flush=True)


def measure(rounds: int) -> dict[str, list[float]]:
    """Runs inside the configured Django process; returns milliseconds per path."""
    import django
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    django.setup()
    from django.http import QueryDict

    from core.search.engines.cluster import build_search
    from core.search.query import filterset_for
    from core.search.transport import get_transport
    from directory.search.index import PLACES

    client = Client()
    timings: dict[str, list[float]] = {"database": [], "cluster": [], "raw": []}
    cluster_config = dict(settings.SEARCH_CLUSTER)
    transport = get_transport()
    bodies = []
    for params in QUERIES:
        query_dict = QueryDict(mutable=True)
        for key, value in params.items():
            query_dict.setlist(key, value if isinstance(value, list) else [value])
        filterset = filterset_for(PLACES)(query_dict)
        assert filterset.is_valid(), filterset.errors
        bodies.append(build_search(PLACES, filterset.to_query()).to_dict())

    def timed(path: str, call) -> None:
        started = time.perf_counter()
        call()
        timings[path].append((time.perf_counter() - started) * 1000)

    for engine in ("database", "cluster"):
        config = {**cluster_config, "url": cluster_config["url"] if engine == "cluster" else None}
        with override_settings(SEARCH_CLUSTER=config):
            for params in QUERIES:  # warm-up
                client.get("/api/v1/places/", params)
            for _round in range(rounds):
                for params in QUERIES:

                    def call(params=params, engine=engine):
                        response = client.get("/api/v1/places/", params)
                        assert response.status_code == 200, response.content[:200]
                        assert response.json()["engine"] == engine

                    timed(engine, call)
    for body in bodies:
        transport.search(transport.config.alias(PLACES.name), body)
    for _round in range(rounds):
        for body in bodies:
            timed(
                "raw", lambda body=body: transport.search(transport.config.alias(PLACES.name), body)
            )
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--cluster-url", default=os.environ.get("RENCONTRES_SEARCH_URL"))
    parser.add_argument("--flavour", default="opensearch3")
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure_only:
        import json

        print("TIMINGS " + json.dumps(measure(args.rounds)), flush=True)
        return

    started_cluster = False
    url = args.cluster_url
    if not url:
        subprocess.run([str(ROOT / "scripts/search-cluster"), "start"], check=True)
        url = subprocess.run(
            [str(ROOT / "scripts/search-cluster"), "url"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        started_cluster = True
    rows = []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            env = {
                **os.environ,
                "RENCONTRES_DEBUG": "0",
                "RENCONTRES_SECRET_KEY": "benchmark-only",
                "RENCONTRES_ALLOWED_HOSTS": "testserver",
                # Every answer computed: the same searches asked each round would otherwise be
                # answered from the kept responses (core.kept).
                "RENCONTRES_KEPT_RESPONSES_SECONDS": "0",
                "RENCONTRES_DATABASE_URL": f"sqlite:///{ROOT / 'var' / f'bench-{size}.sqlite3'}",
                "RENCONTRES_SEARCH_URL": url,
                "RENCONTRES_SEARCH_FLAVOUR": args.flavour,
                "RENCONTRES_SEARCH_INDEX_PREFIX": f"bench-{size}",
                "DJANGO_SETTINGS_MODULE": "rencontres.settings",
            }
            (ROOT / "var").mkdir(exist_ok=True)
            prepare(size, env, fresh=not args.reuse)
            output = subprocess.run(
                [sys.executable, __file__, "--measure-only", "--rounds", str(args.rounds)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            import json

            timings = json.loads(output.split("TIMINGS ", 1)[1])
            raw_p50 = statistics.median(timings["raw"])
            raw_p95 = percentile(timings["raw"], 0.95)
            for engine in ("database", "cluster"):
                p50 = statistics.median(timings[engine])
                p95 = percentile(timings[engine], 0.95)
                rows.append((engine, size, p50, p95, p50 / raw_p50, p95 / raw_p95))
            rows.append(("raw cluster", size, raw_p50, raw_p95, 1.0, 1.0))
    finally:
        if started_cluster:
            subprocess.run([str(ROOT / "scripts/search-cluster"), "stop"], check=False)

    print()
    print(f"{len(QUERIES)} searches x {args.rounds} rounds per engine and size (SQLite)")
    print(f"{'engine':<12} {'places':>8} {'p50 ms':>8} {'p95 ms':>8} {'p50/raw':>8} {'p95/raw':>8}")
    for engine, size, p50, p95, r50, r95 in rows:
        print(f"{engine:<12} {size:>8} {p50:>8.1f} {p95:>8.1f} {r50:>8.2f} {r95:>8.2f}")


if __name__ == "__main__":
    main()
