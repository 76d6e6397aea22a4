"""Scale benchmark (not a test): a million places in a three-node cluster, searched by 16
families at once while a node dies and while the index is rebuilt (issue 33, point 2).

One run prints every figure, each phase between two load averages (1, 5 and 15 minutes):
  1. build: the places' documents (each place's record in every interface language, with its
     sessions ahead) and their sessions' documents, made from values (benchmarks/scale_values.py:
     no database, no Wagtail page) by the index declarations' own builder, serialised into bulk
     files by `--workers` processes: documents/s of the builder;
  2. load: both files bulk-loaded into new indices (`index_body` of the declarations, 0 replicas
     and refreshes off), then `--replicas` copies (1, or fewer on fewer nodes) and the time they
     take to be allocated (green), then the aliases moved: documents/s;
  3. search: `--clients` threads, each with its own connection, asking near searches with the
     facets for `--seconds`, each time through the API's path in-process (the cluster engine's
     `matches`: its request, the transport, the hits turned into ids, facets and records) then
     the same body posted raw: p50, p95, API/raw, requests/s and what the clients cost;
  4. kill: the same clients through the API's path; a third into the phase,
     `scripts/search-cluster kill-node K` (a crashed machine); two thirds later `start-node K`,
     and the time until the cluster is green again: the failed requests (0 expected);
  5. rebuild: the same clients while the places are loaded again into a new index, its copies
     made and the alias moved to it, the old index dropped: the failed requests (0 expected).

Three nodes (scripts/search-cluster, ports 9241-9243), then the benchmark:

    SEARCH_CLUSTER_HOME=/tmp/search-scale-bench SEARCH_CLUSTER_HEAP=2g \\
        scripts/search-cluster start --nodes 3 --port 9241
    SEARCH_CLUSTER_HOME=/tmp/search-scale-bench .venv/bin/python benchmarks/scale.py \\
        --cluster-url http://127.0.0.1:9241,http://127.0.0.1:9242,http://127.0.0.1:9243

The kill phase runs `scripts/search-cluster` with the environment it is given: the same
SEARCH_CLUSTER_HOME as the start. `--places 20000` runs small; on one node the kill phase is
left out (it says so) and the indices keep 0 replicas. The bulk files (about 13 kB a place with
its two sessions: 13 GB at a million) go to a temporary directory removed at the end
(`--work-dir` keeps them, and a run of the same size reuses them), the indices are dropped
(`--keep` keeps them).
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for name, value in {
    "DJANGO_SETTINGS_MODULE": "rencontres.settings",
    "RENCONTRES_DEBUG": "0",
    "RENCONTRES_SECRET_KEY": "benchmark-only",
    "RENCONTRES_ALLOWED_HOSTS": "testserver",
}.items():
    os.environ.setdefault(name, value)

import django  # noqa: E402

django.setup()

from activities.search.index import SESSIONS  # noqa: E402
from benchmarks.scale_clients import Clients, near_queries, summary  # noqa: E402
from benchmarks.scale_http import Nodes, bulk_load  # noqa: E402
from benchmarks.scale_values import place, place_documents, session_documents  # noqa: E402
from core.search.transport import ClusterSettings  # noqa: E402
from directory.search.index import PLACES  # noqa: E402

BUILD_BATCH = 500


def load_average() -> str:
    return "load average " + " ".join(f"{load:.2f}" for load in os.getloadavg())


def say(line: str) -> None:
    print(line, flush=True)


def _bulk_lines(documents: list[tuple[str, dict]]) -> bytes:
    return "".join(
        json.dumps({"index": {"_id": key}}) + "\n" + json.dumps(document) + "\n"
        for key, document in documents
    ).encode()


def _built(batch: tuple[int, int, int]) -> tuple[bytes, int, bytes, int]:
    """One batch of places and their sessions, as bulk lines (in a worker process)."""
    first, last, sessions_per_place = batch
    places = [place(pk, sessions_per_place) for pk in range(first, last)]
    place_lines = place_documents(PLACES, places)
    session_lines = session_documents(SESSIONS, places)
    return (
        _bulk_lines(place_lines),
        len(place_lines),
        _bulk_lines(session_lines),
        len(session_lines),
    )


def build(args, directory: Path) -> dict[str, tuple[Path, int]]:
    say(f"build: {args.places} places, {args.sessions_per_place} sessions each ({load_average()})")
    files = {PLACES.name: directory / "places.ndjson", SESSIONS.name: directory / "sessions.ndjson"}
    stamp = directory / "stamp.json"
    asked = {"places": args.places, "sessions_per_place": args.sessions_per_place}
    if stamp.exists() and json.loads(stamp.read_text())["asked"] == asked:
        counts = json.loads(stamp.read_text())["counts"]
        say(f"build: the documents of {directory} reused ({counts}): no build figure this run")
        return {name: (path, counts[name]) for name, path in files.items()}
    counts = dict.fromkeys(files, 0)
    batches = [
        (first, min(first + BUILD_BATCH, args.places + 1), args.sessions_per_place)
        for first in range(1, args.places + 1, BUILD_BATCH)
    ]
    # Django's and Wagtail's objects are set aside from the collector's scans, which otherwise
    # walked them again and again while the workers made millions of small objects (a third
    # of the builder's time at 1,500 places, measured with cProfile).
    gc.collect()
    gc.freeze()
    started = time.perf_counter()
    with (
        files[PLACES.name].open("wb") as places_file,
        files[SESSIONS.name].open("wb") as sessions_file,
        multiprocessing.get_context("fork").Pool(args.workers) as pool,
    ):
        for place_bytes, place_count, session_bytes, session_count in pool.imap(_built, batches):
            places_file.write(place_bytes)
            sessions_file.write(session_bytes)
            counts[PLACES.name] += place_count
            counts[SESSIONS.name] += session_count
    seconds = time.perf_counter() - started
    stamp.write_text(json.dumps({"asked": asked, "counts": counts}))
    total = sum(counts.values())
    megabytes = sum(path.stat().st_size for path in files.values()) / 1e6
    say(
        f"build: {counts[PLACES.name]} place and {counts[SESSIONS.name]} session documents "
        f"({megabytes:.0f} MB) in {seconds:.1f} s, {total / seconds:.0f} documents/s with "
        f"{args.workers} processes ({load_average()})"
    )
    return {name: (path, counts[name]) for name, path in files.items()}


def fill(nodes: Nodes, config: ClusterSettings, index, path: Path, replicas: int, args) -> dict:
    """The file's documents in a new index of `index`'s family, its copies made, the alias
    moved to it and the older indices dropped, as `core.search.indexing.rebuild` does."""
    alias = config.alias(index.name)
    name = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    started = time.perf_counter()
    nodes.create(name, index.index_body(shards=args.shards, replicas=0))
    nodes.put_settings(name, {"refresh_interval": "-1"})
    count = bulk_load(nodes, name, path, args.bulk_threads, args.bulk_documents)
    loaded = time.perf_counter() - started
    nodes.put_settings(name, {"refresh_interval": None})
    nodes.request("POST", f"/{name}/_refresh")
    nodes.put_settings(name, {"number_of_replicas": replicas})
    copies = nodes.wait_for("green", args.green_timeout)
    for old in nodes.point_alias(alias, name):
        nodes.delete(old)
    return {
        "name": name,
        "documents": count,
        "load_s": loaded,
        "copies_s": copies,
        "total_s": time.perf_counter() - started,
    }


def load(nodes, config, files, replicas, args) -> None:
    for index in (PLACES, SESSIONS):
        path, expected = files[index.name]
        before = load_average()
        done = fill(nodes, config, index, path, replicas, args)
        if done["documents"] != expected:
            raise SystemExit(f"{index.name}: {done['documents']} indexed of {expected}")
        say(
            f"load {index.name}: {done['documents']} documents in {done['load_s']:.1f} s, "
            f"{done['documents'] / done['load_s']:.0f} documents/s ({args.bulk_threads} bulk "
            f"requests in flight, 0 replicas, refresh off); {replicas} replica(s) allocated "
            f"(green) in {done['copies_s']:.1f} s; {done['total_s']:.1f} s in all "
            f"({before}; after: {load_average()})"
        )


def searched(config, urls, queries, args) -> None:
    before = load_average()
    clients = Clients(config, urls, queries, "both", args.clients).start()
    time.sleep(args.seconds)
    tally = clients.stop()
    api, raw = summary(tally.api), summary(tally.raw)
    say(
        f"search: {args.clients} clients, {len(tally.api) + len(tally.raw)} requests in "
        f"{tally.seconds:.1f} s ({(len(tally.api) + len(tally.raw)) / tally.seconds:.0f}/s), "
        f"{tally.failed} failed ({before}; after: {load_average()})"
    )
    say(f"search: API p50 {api[0]:.1f} ms, p95 {api[1]:.1f} ms")
    say(f"search: raw p50 {raw[0]:.1f} ms, p95 {raw[1]:.1f} ms")
    say(f"search: API/raw p50 {api[0] / raw[0]:.2f}, p95 {api[1] / raw[1]:.2f}")
    _clients_cost(tally)


def _clients_cost(tally) -> None:
    cpu = summary(tally.client_cpu)
    say(
        f"clients' own cost: {tally.process_cores:.2f} CPU s per second for the whole "
        f"benchmark process (of {os.cpu_count()} cores), per request p50 {cpu[0]:.2f} ms, "
        f"p95 {cpu[1]:.2f} ms CPU"
    )
    if tally.failed:
        kinds = ", ".join(f"{count} {kind}" for kind, count in tally.kinds.most_common())
        say(f"  failed requests by kind: {kinds}; the first: {tally.errors[0]}")


def script(*words: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(ROOT / "scripts/search-cluster"), *words], check=True, cwd=ROOT)
    return time.perf_counter() - started


def killed(nodes, config, urls, queries, args) -> None:
    if len(urls) < 2 or not args.kill_node:
        say(
            "kill: left out (one node, or --kill-node 0): it needs scripts/search-cluster --nodes 3"
        )
        return
    before = load_average()
    clients = Clients(config, urls, queries, "api", args.clients).start()
    time.sleep(args.seconds / 3)
    kill_at = time.perf_counter() - clients.began
    script("kill-node", str(args.kill_node))
    time.sleep(args.seconds * 2 / 3)
    health = nodes.health()
    restart_at = time.perf_counter()
    script("start-node", str(args.kill_node))
    started_s = time.perf_counter() - restart_at
    green_s = nodes.wait_for("green", args.green_timeout) + started_s
    back_at = time.perf_counter() - clients.began
    tally = clients.stop()
    restart_in = restart_at - clients.began
    down = sum(failed for moment, failed in tally.moments if kill_at <= moment < restart_in)
    during = sum(failed for moment, failed in tally.moments if kill_at <= moment <= back_at)
    p50, p95 = summary(tally.api)
    say(
        f"kill: node {args.kill_node} killed {kill_at:.1f} s in; of {len(tally.moments)} API "
        f"requests, {during} failed between the kill and green again ({down} while it was "
        f"down, {during - down} while it rejoined), {tally.failed} in all; "
        f"health without it: {health['status']}, {health['number_of_nodes']} nodes"
    )
    say(
        f"kill: node {args.kill_node} restarted in {started_s:.1f} s, the cluster green "
        f"{green_s:.1f} s after the restart began; API p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"({before}; after: {load_average()})"
    )
    _clients_cost(tally)


def rebuilt(nodes, config, urls, queries, files, replicas, args) -> None:
    before = load_average()
    clients = Clients(config, urls, queries, "api", args.clients).start()
    time.sleep(2)
    path, _count = files[PLACES.name]
    done = fill(nodes, config, PLACES, path, replicas, args)
    time.sleep(2)
    tally = clients.stop()
    p50, p95 = summary(tally.api)
    speed = done["documents"] / done["load_s"]
    say(
        f"rebuild: {done['documents']} places loaded again behind the alias under "
        f"{args.clients} clients in {done['total_s']:.1f} s ({speed:.0f} documents/s); "
        f"{tally.failed} of {len(tally.moments)} API requests failed; API p50 "
        f"{p50:.1f} ms, p95 {p95:.1f} ms ({before}; after: {load_average()})"
    )
    _clients_cost(tally)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=1_000_000)
    parser.add_argument("--sessions-per-place", type=int, default=2)
    parser.add_argument(
        "--cluster-url",
        default=os.environ.get("RENCONTRES_SEARCH_URL"),
        help="the nodes' URLs, comma-separated",
    )
    parser.add_argument("--flavour", default="opensearch3")
    parser.add_argument("--index-prefix", default="scale")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30, help="of each searching phase")
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--shards", type=int, default=3)
    parser.add_argument("--kill-node", type=int, default=2, help="0: no kill phase")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--bulk-threads", type=int, default=4)
    parser.add_argument("--bulk-documents", type=int, default=500)
    parser.add_argument("--green-timeout", type=float, default=600)
    parser.add_argument("--keep", action="store_true", help="keep the indices")
    parser.add_argument(
        "--build-only", action="store_true", help="only the bulk files (with --work-dir)"
    )
    parser.add_argument(
        "--work-dir", help="where the bulk files are kept, and reused by a run of the same size"
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    if not args.cluster_url:
        raise SystemExit("--cluster-url (or RENCONTRES_SEARCH_URL) names the cluster's nodes")
    urls = [url.strip() for url in args.cluster_url.split(",") if url.strip()]
    nodes = Nodes(urls)
    health = nodes.health()
    replicas = min(args.replicas, health["number_of_nodes"] - 1)
    # The API clients' transport gets every node, as RENCONTRES_SEARCH_URL lists them.
    config = ClusterSettings(",".join(urls), args.flavour, args.index_prefix)
    say(
        f"cluster: {health['number_of_nodes']} nodes ({', '.join(urls)}), {args.shards} shards, "
        f"{replicas} replica(s); {os.cpu_count()} cores; {load_average()}"
    )
    directory = Path(args.work_dir or tempfile.mkdtemp(prefix="scale-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    loading = False
    try:
        files = build(args, directory)
        if args.build_only:
            return
        loading = True
        load(nodes, config, files, replicas, args)
        queries = near_queries(200)
        searched(config, urls, queries, args)
        killed(nodes, config, urls, queries, args)
        rebuilt(nodes, config, urls, queries, files, replicas, args)
    finally:
        if not args.work_dir:
            shutil.rmtree(directory)
        # A run that only built files leaves the indices alone: another run may be using them.
        if loading and not args.keep:
            for index in (PLACES, SESSIONS):
                for name in nodes.behind(config.alias(index.name)):
                    nodes.delete(name)
    say(f"done in {time.perf_counter() - started:.0f} s ({load_average()})")


if __name__ == "__main__":
    main()
