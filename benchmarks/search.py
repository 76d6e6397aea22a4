"""Search benchmark (not a test): p50/p95 of a fixed mix of family searches, per engine and size.

For each size it takes the SQLite database of demo places shared with benchmarks/indexing.py
(`demo_database`: built once, kept in the temporary directory), indexes its places in the search
cluster (once per size and cluster, `--reindex` to rebuild), then runs the same searches
  - through the API in-process (Django's test client: URL routing, FilterSet validation,
    gazetteer, engine, JSON), once on the database engine and once on the cluster engine, and
  - straight against the cluster (the request body the cluster engine sends, via the transport),
and prints p50 and p95 in milliseconds and the ratio API time / raw cluster time, then where
the cluster engine's API call spends its time (each step timed apart after each call:
validation, the engine's search, the page's hits with their next sessions, and the rest). Kept
responses (core.kept) are off: every call searches.

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

from benchmarks.demo_database import demo_database  # noqa: E402

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


# The steps of the cluster engine's API call, timed apart (the rest: routing, middleware, the
# answer's JSON): where its time over the raw search goes.
PARTS = ("validate", "engine", "hits")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def index_places(reindex: bool) -> None:
    """The places in the cluster, under the benchmark's alias: rebuilt when asked or missing."""
    from core.search.indexing import rebuild
    from core.search.transport import get_transport
    from directory.search.index import PLACES

    transport = get_transport()
    if transport.indices_behind(transport.config.alias(PLACES.name)) and not reindex:
        return
    started = time.perf_counter()
    for progress in rebuild(transport, PLACES):
        done = progress.done
    seconds = time.perf_counter() - started
    print(f"indexed {done} places in {seconds:.1f} s", file=sys.stderr, flush=True)


def measure(rounds: int, reindex: bool, engines: list[str]) -> dict[str, list[float]]:
    """Runs inside the configured Django process; returns milliseconds per path."""
    import django
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    django.setup()
    index_places(reindex)
    from django.http import QueryDict

    from core.search.engines.cluster import build_search, matches
    from core.search.query import filterset_for
    from core.search.transport import get_transport
    from directory.search.index import PLACES

    client = Client()
    timings: dict[str, list[float]] = {name: [] for name in ("database", "cluster", "raw", *PARTS)}
    cluster_config = dict(settings.SEARCH_CLUSTER)
    transport = get_transport()
    bodies = []
    query_dicts = []
    for params in QUERIES:
        query_dict = QueryDict(mutable=True)
        for key, value in params.items():
            query_dict.setlist(key, value if isinstance(value, list) else [value])
        filterset = filterset_for(PLACES)(query_dict)
        assert filterset.is_valid(), filterset.errors
        # The request the cluster engine sends for the API's page: with the documents' records
        # in the visitor's language (the client's default, French).
        query = filterset.to_query()
        bodies.append(build_search(PLACES, query, settings.LANGUAGE_CODE).to_dict())
        query_dicts.append(query_dict)

    def timed(path: str, call):
        started = time.perf_counter()
        answer = call()
        timings[path].append((time.perf_counter() - started) * 1000)
        return answer

    def in_parts(query_dict) -> None:
        """What the cluster engine's API call does, step by step, outside the request."""

        def validated():
            filterset = filterset_for(PLACES)(query_dict)
            assert filterset.is_valid(), filterset.errors
            return filterset.to_query()

        query = timed("validate", validated)
        found = timed("engine", lambda: matches(PLACES, query, transport, records=True))
        timed("hits", lambda: PLACES.page(found, query))

    alias = transport.config.alias(PLACES.name)
    for body in bodies:  # warm-up
        transport.search(alias, body)
    # Each API call is followed by the same search straight against the cluster, so that the
    # ratio compares calls made under the same load (the machine is shared).
    for engine in engines:
        config = {**cluster_config, "url": cluster_config["url"] if engine == "cluster" else None}
        with override_settings(SEARCH_CLUSTER=config):
            for params in QUERIES:  # warm-up
                client.get("/api/v1/places/", params)
            for _round in range(rounds):
                for params, body, query_dict in zip(QUERIES, bodies, query_dicts, strict=True):

                    def call(params=params, engine=engine):
                        response = client.get("/api/v1/places/", params)
                        assert response.status_code == 200, response.content[:200]
                        assert response.json()["engine"] == engine

                    timed(engine, call)
                    timed("raw", lambda body=body: transport.search(alias, body))
                    if engine == "cluster":
                        in_parts(query_dict)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--cluster-url", default=os.environ.get("RENCONTRES_SEARCH_URL"))
    parser.add_argument("--flavour", default="opensearch3")
    parser.add_argument(
        "--engines", default="database,cluster", help="through the API: database, cluster or both"
    )
    parser.add_argument("--reindex", action="store_true", help="rebuild the cluster's index")
    parser.add_argument(
        "--index-prefix",
        default="bench",
        help="the indices' prefix (and the size): benchmarks of other branches on a shared cluster",
    )
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure_only:
        import json

        timings = measure(args.rounds, args.reindex, args.engines.split(","))
        print("TIMINGS " + json.dumps(timings), flush=True)
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
    loads = []
    splits = []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            env = {
                **os.environ,
                "RENCONTRES_DEBUG": "0",
                "RENCONTRES_SECRET_KEY": "benchmark-only",
                "RENCONTRES_ALLOWED_HOSTS": "testserver",
                "RENCONTRES_KEPT_RESPONSES_SECONDS": "0",
                "RENCONTRES_DATABASE_URL": f"sqlite:///{demo_database(size)}",
                "RENCONTRES_SEARCH_URL": url,
                "RENCONTRES_SEARCH_FLAVOUR": args.flavour,
                "RENCONTRES_SEARCH_INDEX_PREFIX": f"{args.index_prefix}-{size}",
                "DJANGO_SETTINGS_MODULE": "rencontres.settings",
            }
            reindex = ["--reindex"] if args.reindex else []
            load_before = os.getloadavg()[0]
            output = subprocess.run(
                [
                    *(sys.executable, __file__, "--measure-only", "--rounds", str(args.rounds)),
                    *("--engines", args.engines, *reindex),
                ],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
            import json

            timings = json.loads(output.split("TIMINGS ", 1)[1])
            raw_p50 = statistics.median(timings["raw"])
            raw_p95 = percentile(timings["raw"], 0.95)
            for engine in args.engines.split(","):
                p50 = statistics.median(timings[engine])
                p95 = percentile(timings[engine], 0.95)
                rows.append((engine, size, p50, p95, p50 / raw_p50, p95 / raw_p95))
            rows.append(("raw cluster", size, raw_p50, raw_p95, 1.0, 1.0))
            if "cluster" in args.engines.split(","):
                parts = {part: statistics.median(timings[part]) for part in PARTS}
                rest = statistics.median(timings["cluster"]) - sum(parts.values())
                splits.append((size, {**parts, "rest": rest}))
            loads.append((size, load_before, os.getloadavg()[0]))
    finally:
        if started_cluster:
            subprocess.run([str(ROOT / "scripts/search-cluster"), "stop"], check=False)

    print()
    print(f"{len(QUERIES)} searches x {args.rounds} rounds per engine and size (SQLite)")
    print(f"{'engine':<12} {'places':>8} {'p50 ms':>8} {'p95 ms':>8} {'p50/raw':>8} {'p95/raw':>8}")
    for engine, size, p50, p95, r50, r95 in rows:
        print(f"{engine:<12} {size:>8} {p50:>8.1f} {p95:>8.1f} {r50:>8.2f} {r95:>8.2f}")
    for size, parts in splits:
        split = ", ".join(f"{part} {ms:.1f}" for part, ms in parts.items())
        print(f"cluster engine's API call at {size} places, p50 ms: {split}")
    for size, before, after in loads:
        print(f"{size} places: load average before {before:.2f}, after {after:.2f}")


if __name__ == "__main__":
    main()
