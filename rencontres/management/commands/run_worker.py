"""`manage.py run_worker`: the task worker that lives through outages (core.worker). It takes
db_worker's options; deployed under systemd with `Restart=always` (docs/deploy.md § 6)."""

from __future__ import annotations

from django_tasks_db.management.commands import db_worker

from core.worker import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Run the task worker: db_worker's loop, which waits out a database outage and goes on, "
        "and writes a heartbeat /healthz reads"
    )

    def handle(self, *args, **options) -> None:
        # db_worker's handle builds its Worker from the module's name: the same options, the
        # resilient loop.
        original = db_worker.Worker
        db_worker.Worker = ResilientWorker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
