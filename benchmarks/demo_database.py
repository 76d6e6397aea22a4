"""The benchmarks' demo database: a SQLite file of `places` demo places (gazetteer, seed_demo),
built once without the search cluster and kept in the temporary directory, so that the indexing
and the search benchmarks share one (at 100,000 places seeding takes minutes)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_path(places: int) -> Path:
    return Path(tempfile.gettempdir()) / f"rencontres-bench-{places}.sqlite3"


def demo_database(places: int, database: Path | None = None) -> Path:
    """The database's path, built first if missing; built under another name and renamed when
    complete, so that an interrupted build is never taken for a finished one."""
    database = database or default_path(places)
    if database.exists():
        # Kept from an earlier run: brought up to the code's migrations (quick when it is).
        migrate(database)
        return database
    building = database.with_name(database.name + ".building")
    building.unlink(missing_ok=True)
    env = {
        **os.environ,
        "RENCONTRES_DEBUG": "1",
        "RENCONTRES_DATABASE_URL": f"sqlite:///{building}",
    }
    env.pop("RENCONTRES_SEARCH_URL", None)
    steps = (["migrate", "-v0"], ["load_gazetteer", "-v0"], ["seed_demo", "--count", str(places)])
    for args in steps:
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    building.rename(database)
    return database


def migrate(database: Path) -> None:
    env = {
        **os.environ,
        "RENCONTRES_DEBUG": "1",
        "RENCONTRES_DATABASE_URL": f"sqlite:///{database}",
    }
    env.pop("RENCONTRES_SEARCH_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
