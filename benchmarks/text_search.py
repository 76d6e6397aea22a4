"""Text search benchmark (not a test): the family text search on SQLite, modelsearch's query
shape against ours (core.search.database_backend), on the same database, interleaved.

    .venv/bin/python benchmarks/text_search.py --places 10000 --rounds 20

Builds (once, reused afterwards) a SQLite database of demo places in the temporary directory,
then times the ids lookup the database engine makes for each query of a fixed mix, alternating
the two backends, and prints p50 and p95 in milliseconds and the ratio vendor / ours.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["petits", "maison", "crèches", "atelier parents", "nid", "espace rencontre liège"]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def prepare(database: Path, places: int) -> None:
    if database.exists():
        return
    env = {
        **os.environ,
        "RENCONTRES_DEBUG": "1",
        "RENCONTRES_DATABASE_URL": f"sqlite:///{database}",
    }
    for args in (["migrate", "-v0"], ["load_gazetteer"], ["seed_demo", "--count", str(places)]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database", type=Path, help="a SQLite file, built if missing")
    options = parser.parse_args()
    parser_database = (
        Path(tempfile.gettempdir()) / f"rencontres-text-bench-{options.places}.sqlite3"
    )
    database = options.database or parser_database
    prepare(database, options.places)

    os.environ.update(RENCONTRES_DEBUG="1", RENCONTRES_DATABASE_URL=f"sqlite:///{database}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rencontres.settings")
    import django

    django.setup()
    import modelsearch.backends.database as vendor
    from wagtail.search.query import And, Or, PlainText

    from core.search.database_backend import SearchBackend
    from core.search.free_text import family_words, word_forms
    from directory.search.criteria import public_places

    backends = {"modelsearch": vendor.SearchBackend({}), "ours": SearchBackend({})}
    timings: dict[str, list[float]] = {name: [] for name in backends}
    counts: dict[str, dict[str, int]] = {name: {} for name in backends}
    for _round in range(options.rounds):
        for text in QUERIES:
            query = And([Or([PlainText(f) for f in word_forms(w)]) for w in family_words(text)])
            for name, backend in backends.items():
                started = time.perf_counter()
                results = backend.search(query, public_places(), order_by_relevance=False)
                ids = set(results.get_queryset().values_list("pk", flat=True))
                timings[name].append((time.perf_counter() - started) * 1000)
                counts[name][text] = len(ids)
    assert counts["modelsearch"] == counts["ours"], counts
    load = os.getloadavg()[0]
    print(
        f"{options.places} places, {options.rounds} rounds x {len(QUERIES)} queries, "
        f"load {load:.1f}"
    )
    print(f"{'backend':<12} {'p50 ms':>8} {'p95 ms':>8}")
    for name, values in timings.items():
        print(f"{name:<12} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f}")
    for share, label in ((0.5, "p50"), (0.95, "p95")):
        ratio = percentile(timings["modelsearch"], share) / percentile(timings["ours"], share)
        print(f"modelsearch / ours at {label}: {ratio:.1f}")


if __name__ == "__main__":
    main()
