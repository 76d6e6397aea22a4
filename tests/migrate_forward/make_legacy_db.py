"""Build the "previous main" database that test_migrate_forward.py migrates forward.

MUST BE RUN AT COMMIT 58976c9 (the code before the apps were restructured): it imports the
models from where they were then (`objectives.models.HealthParentingProject`,
`directory.models.Commune`, `activities.models.ClosurePeriod`, …) and the database it makes is
only a faithful "previous main" if made by that code. From a checkout of that commit:

    bash -c 'source scripts/lib.sh; install_dependencies'
    .venv/bin/python -m tests.migrate_forward.make_legacy_db [--workdir /tmp/legacy]

It does what `scripts/serve` does to a new database (migrate, load_gazetteer, seed_demo with
30 places, create_dev_admin), then adds through the models and Wagtail's APIs what the demo
lacks: published activities with schedules (so sessions exist), excluded and added dates, a
cancelled session, a session withdrawn with its registration kept, closures, registrations
(confirmed, waiting list, cancelled), santé-parentalité projects with consultations, places,
TMS referents and revisions, a trusted place, organisers and a ONE staff member.

What it adds is in legacy_content.py, which goes with it. It writes
tests/migrate_forward/fixtures/legacy-58976c9.sqlite3.xz (vacuumed, xz) and
tests/migrate_forward/fixtures/legacy-58976c9.json: the URLs to request and what
migrate_and_count.py reports on the new database (counts, fingerprints, permissions), which
is what later commits must still find after migrating it.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.migrate_forward.legacy_content import (
    ORGANISER_USERNAME,
    PROJECT_NAME,
    STAFF_USERNAME,
    TMS_NAME,
    add_extras,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COMMIT = "58976c9"
DB_NAME = f"legacy-{COMMIT}.sqlite3"


def setup_django(database: Path) -> None:
    for name in [name for name in os.environ if name.startswith(("RENCONTRES_", "DJANGO_"))]:
        del os.environ[name]
    os.environ["RENCONTRES_DEBUG"] = "1"
    os.environ["RENCONTRES_DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "rencontres.settings"
    os.chdir(ROOT)
    import django

    django.setup()


def run_serve_steps() -> None:
    """What scripts/serve runs before serving."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_gazetteer", verbosity=0)
    call_command("seed_demo", count=30, verbosity=0)
    call_command("create_dev_admin", verbosity=0)


def spec_for(made: dict) -> dict:
    petits_pas, passage = made["petits_pas"], made["passage"]
    matinee, session = made["matinee"], made["session"]
    return {
        "commit": COMMIT,
        "made_by": "tests/migrate_forward/make_legacy_db.py",
        "urls": [
            {"path": "/", "contains": ["Rencontres"]},
            {"path": "/lieux/", "contains": [petits_pas.title]},
            # What these list depends on the day: the status only.
            {"path": "/lieux/?view=activities"},
            {"path": petits_pas.url, "contains": [petits_pas.title, PROJECT_NAME]},
            {"path": passage.url, "contains": [passage.title]},
            {"path": made["consultation"].url, "contains": [PROJECT_NAME]},
            {"path": made["demo_place"].url, "contains": [PROJECT_NAME]},
            {"path": matinee.url, "contains": [matinee.title]},
            {"path": made["massage"].url, "contains": [made["massage"].title]},
            {"path": made["eveil"].url, "contains": [made["eveil"].title]},
            {"path": f"{petits_pas.url}calendar.ics", "contains": ["BEGIN:VCALENDAR"]},
            {
                "path": f"{matinee.url}seances/{session.pk}/calendar.ics",
                "contains": ["BEGIN:VEVENT"],
            },
            {"path": f"/inscriptions/{made['registration_token']}/", "contains": [matinee.title]},
            {"path": made["programme"].get_absolute_url(), "contains": [made["programme"].name_fr]},
            {"path": made["objective"].get_absolute_url(), "contains": [made["objective"].name_fr]},
            {"path": "/api/v1/places/?near=4000", "contains": [petits_pas.slug]},
            {"path": "/api/v1/activities/"},
            {"path": "/api/v1/programmes/", "contains": [made["programme"].slug]},
            {"path": "/sitemap.xml", "contains": [petits_pas.slug]},
        ],
        "admin": [
            {"user": STAFF_USERNAME, "path": "/admin/"},
            {
                "user": STAFF_USERNAME,
                "model": "HealthParentingProject",
                "pk": made["project"].pk,
                "contains": [PROJECT_NAME, TMS_NAME],
            },
            {"user": STAFF_USERNAME, "model": "PlacePage", "pk": petits_pas.pk},
            {"user": STAFF_USERNAME, "model": "ActivityPage", "pk": matinee.pk},
            {"user": STAFF_USERNAME, "model": "Objective", "pk": made["objective"].pk},
            {"user": STAFF_USERNAME, "model": "Programme", "pk": made["programme"].pk},
            {
                "user": ORGANISER_USERNAME,
                "model": "PlacePage",
                "pk": petits_pas.pk,
                "contains": [PROJECT_NAME, "congés de Toussaint"],
            },
            {"user": ORGANISER_USERNAME, "model": "ActivityPage", "pk": matinee.pk},
        ],
    }


def vacuum_and_compress(database: Path, target: Path) -> None:
    connection = sqlite3.connect(database)
    connection.execute("VACUUM")
    connection.close()
    with database.open("rb") as source, lzma.open(target, "wb", preset=9) as sink:
        shutil.copyfileobj(source, sink)


def report_on(compressed: Path, spec_path: Path, workdir: Path) -> dict:
    """migrate_and_count.py on a fresh copy of the fixture, as the test runs it."""
    copy = workdir / "roundtrip.sqlite3"
    with lzma.open(compressed, "rb") as source, copy.open("wb") as sink:
        shutil.copyfileobj(source, sink)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RENCONTRES_", "DJANGO_"))}
    env.update(
        RENCONTRES_DEBUG="1",
        RENCONTRES_DATABASE_URL=f"sqlite:///{copy}",
        DJANGO_SETTINGS_MODULE="rencontres.settings",
    )
    out = workdir / "report.json"
    subprocess.run(
        [sys.executable, "-m", "tests.migrate_forward.migrate_and_count"]
        + ["--spec", str(spec_path), "--out", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return json.loads(out.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "legacy")
    options = parser.parse_args()
    workdir = options.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / DB_NAME
    database.unlink(missing_ok=True)

    setup_django(database)
    run_serve_steps()
    spec = spec_for(add_extras())

    from django.db import connections

    connections.close_all()
    FIXTURES.mkdir(exist_ok=True)
    compressed = FIXTURES / f"{DB_NAME}.xz"
    vacuum_and_compress(database, compressed)
    spec_path = FIXTURES / f"legacy-{COMMIT}.json"
    spec_path.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n")

    report = report_on(compressed, spec_path, workdir)
    failures = [
        page
        for page in report["pages"] + report["admin"]
        if page["status"] != 200 or page.get("missing")
    ]
    problems = {key: value for key, value in report["content_types"].items() if value}
    if failures or problems or report["revision_problems"]:
        print(json.dumps([failures, problems, report["revision_problems"]], indent=2))
        return 1
    spec.update(
        counts=report["counts"],
        fingerprints=report["fingerprints"],
        group_permissions=report["group_permissions"],
    )
    spec_path.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n")
    print(f"{compressed} ({compressed.stat().st_size} bytes) and {spec_path} written.")
    print(json.dumps(report["counts"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
