"""Search events benchmark (not a test): what leaving an anonymous event costs a family search
(core.search.events), on a demo database of its own: Belgium's gazetteer and `places` demo
places (built first if missing, a minute or two; the searches are Belgian), then migrated.

    .venv/bin/python benchmarks/search_events.py [--places 2000] [--rounds 40] [--database PATH]

The same searches are asked with the event middleware and without it, alternately, in one
process; the table gives the median time of each and their ratio. Django's test client closes
the response as a WSGI server does once the body is sent, so the INSERT is inside the measured
time here, where a family does not wait for it: the ratio is an upper bound. Kept answers
(core/kept.py, read from the cache) are where the INSERT weighs most: they are measured too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIDDLEWARE = "core.search.events.SearchEventMiddleware"
SEARCHES = {
    "API near 4000": "/api/v1/places/?near=4000&radius_km=10",
    "API coordinates": "/api/v1/places/?near=50.6451,5.5765&radius_km=5",
    "map page near 1000": "/lieux/?near=1000&radius_km=20",
}


def belgian_database(places: int, database: Path | None) -> Path:
    """Like benchmarks/demo_database.py, with Belgium's communes only (no French data package
    needed), under a name of its own."""
    database = database or Path(tempfile.gettempdir()) / f"rencontres-bench-be-{places}.sqlite3"
    if database.exists():
        return database
    building = database.with_name(database.name + ".building")
    building.unlink(missing_ok=True)
    env = {
        **os.environ,
        "RENCONTRES_DEBUG": "1",
        "RENCONTRES_DATABASE_URL": f"sqlite:///{building}",
    }
    env.pop("RENCONTRES_SEARCH_URL", None)
    for args in (
        ["migrate", "-v0"],
        ["load_gazetteer", "-v0", "--country", "BE"],
        ["seed_demo", "-v0", "--count", str(places)],
    ):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603
    building.rename(database)
    return database


def timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--database", type=Path)
    args = parser.parse_args()
    database = belgian_database(args.places, args.database)
    os.environ.update(
        RENCONTRES_DEBUG="1",
        RENCONTRES_DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="rencontres.settings",
    )
    os.environ.pop("RENCONTRES_SEARCH_URL", None)
    import django

    django.setup()
    import logging

    # One access log line per request would drown the table.
    logging.getLogger("rencontres.access_log").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from core.kept import new_generation
    from core.models import SearchEvent

    call_command("migrate", verbosity=0)
    # A client loads the middleware on its first request: each makes one under its own list.
    with_events = Client()
    with_events.get("/healthz")
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    without = Client()
    without.get("/healthz")
    last = SearchEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    print(f"Search events, {args.places} places, {args.rounds} rounds ({database})")
    print(f"{'search':<28} {'with ms':>8} {'without ms':>10} {'ratio':>6}")
    for kept in (0, 600):
        settings.KEPT_RESPONSES_SECONDS = kept
        for name, url in SEARCHES.items():
            new_generation()
            timings: dict[str, list[float]] = {"with": [], "without": []}
            for client in (with_events, without):
                client.get(url)  # warm: the first answer of a search is kept when keeping
            for _round in range(args.rounds):
                timings["with"].append(timed(with_events, url))
                timings["without"].append(timed(without, url))
            with_ms = statistics.median(timings["with"]) * 1000
            without_ms = statistics.median(timings["without"]) * 1000
            label = f"{name}{', kept' if kept else ''}"
            print(
                f"{label:<28} {with_ms:>8.2f} {without_ms:>10.2f} {with_ms / without_ms:>6.2f}",
                flush=True,
            )
    written, _by_model = SearchEvent.objects.filter(pk__gt=last).delete()
    print(f"{written} events written by the runs with the middleware (deleted again).")


if __name__ == "__main__":
    main()
