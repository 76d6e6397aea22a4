"""The gazetteer benchmarks' database (benchmarks/gazetteer.py, benchmarks/typos.py): a SQLite
file with the whole gazetteer, migrated and loaded once and kept under var/ for the next run
(loading France and Belgium takes minutes)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = ROOT / "var" / "gazetteer-benchmark.sqlite3"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def open_gazetteer_database(database: Path) -> None:
    """Django set up on `database` (DEBUG settings), migrated, the gazetteer loaded unless a
    previous run did (Lille is there: France is loaded after Belgium)."""
    database.parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        RENCONTRES_DEBUG="1",
        RENCONTRES_DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="rencontres.settings",
    )
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, check=True)
    import django

    django.setup()
    from gazetteer.models import Commune

    if not Commune.objects.filter(country="FR", code="59350").exists():
        started = time.perf_counter()
        subprocess.run([*manage, "load_gazetteer"], cwd=ROOT, check=True)
        print(f"load_gazetteer : {time.perf_counter() - started:.1f} s")
