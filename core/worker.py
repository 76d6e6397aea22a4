"""The task worker (`manage.py run_worker`): django-tasks' database worker (`db_worker`'s loop,
django_tasks_db 0.13) made to live through a database outage, and seen by /healthz.

- A lost database (`OperationalError`, `InterfaceError`: PostgreSQL stopped or restarted, a
  connection cut) never ends the worker: it closes its connections, logs once, waits (1, 2, 4…
  seconds, at most `OUTAGE_MAX_WAIT`) and tries again; once the database answers it logs how long
  it was away and goes on. db_worker 0.13 has no option for this: its loop lets the error out
  and the process exits.
- A task cut short by the outage (the database lost while it ran: db_worker's `run_task` cannot
  record its end either, and lets the error out to this loop) stays "running" until the
  database is back, then goes back to the queue, with the tasks of workers whose heartbeat
  stopped long ago (a worker killed mid-task). Tasks must therefore bear a second run: the
  e-mails do (core.mail's send key). Only a database back within db_worker's own 0.2 s of
  retries records such a task as failed.
- Each turn of the loop writes the worker's heartbeat (`core.models.WorkerHeartbeat`, at most
  every `HEARTBEAT_EVERY`), which /healthz reads (rencontres/health.py).

The process itself is supervised too (systemd's `Restart=always`, scripts/serve's loop): what
this loop does not survive, a restart does.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.db.models import Max
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
HEARTBEAT_EVERY = timedelta(seconds=5)
OUTAGE_MAX_WAIT = 15.0
# A task still running this long after its worker's last heartbeat was abandoned (the worker
# was killed): it is queued again. Tasks are short (an e-mail: EMAIL_TIMEOUT, 20 s).
ABANDONED_AFTER = timedelta(minutes=10)
# Heartbeats of workers gone this long are deleted at start.
FORGOTTEN_AFTER = timedelta(days=1)


def close_all() -> None:
    for each in connections.all(initialized_only=True):
        try:
            each.close()
        except DATABASE_ERRORS:
            pass


def latest_heartbeat():
    """The most recent heartbeat of any worker, or None (for /healthz)."""
    return WorkerHeartbeat.objects.aggregate(latest=Max("beat_at"))["latest"]


class ResilientWorker(Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.last_beat = None
        self.outage_since: float | None = None
        self.outage_wait = 1.0
        self.recover = True

    # -- the loop ---------------------------------------------------------------------------

    def run(self) -> None:
        logger.info("Worker %s started", self.worker_id)
        while self.running:
            try:
                ran, claimed = self.turn()
            except DATABASE_ERRORS as error:
                self.database_lost(error)
                continue
            if self.outage_since is not None:
                self.database_back()
            if self.batch and claimed and not ran:
                logger.info("No more tasks to run: worker %s exits", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Ran %d tasks: worker %s exits", self._run_tasks, self.worker_id)
                return
            if self.running and not ran:
                time.sleep(self.interval)

    def turn(self) -> tuple[bool, bool]:
        """One turn: the heartbeat, the tasks to run again, then one task if one is ready.
        Returns (a task ran, the queue was read)."""
        close_old_connections()
        self.beat()
        if self.recover:
            self.requeue_interrupted()
            self.recover = False
        task_result, claimed = self.claim_next()
        if task_result is not None:
            self.run_task(task_result)
        close_old_connections()
        return task_result is not None, claimed

    def claim_next(self) -> tuple[DBTaskResult | None, bool]:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
            except OperationalError as error:
                # SQLite's "database is locked": another worker holds it; try again later.
                if is_locked_database_exception(error):
                    return None, False
                raise
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result, True

    # -- heartbeat and recovery -------------------------------------------------------------

    def beat(self) -> None:
        now = timezone.now()
        if self.last_beat is not None and now - self.last_beat < HEARTBEAT_EVERY:
            return
        if self.last_beat is None:
            WorkerHeartbeat.objects.filter(beat_at__lt=now - FORGOTTEN_AFTER).delete()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id, defaults={"beat_at": now}
        )
        self.last_beat = now

    def requeue_interrupted(self) -> int:
        """Queue again the tasks this worker was running when the database went away, and those
        abandoned by a worker whose heartbeat stopped `ABANDONED_AFTER` ago."""
        limit = timezone.now() - ABANDONED_AFTER
        alive = set(
            WorkerHeartbeat.objects.filter(beat_at__gte=limit).values_list("worker_id", flat=True)
        )
        alive.discard(self.worker_id)
        requeued = []
        for result in DBTaskResult.objects.running().filter(backend_name=self.backend_name):
            last_worker = result.worker_ids[-1] if result.worker_ids else None
            if last_worker == self.worker_id or (
                last_worker not in alive and result.started_at and result.started_at < limit
            ):
                requeued.append(result.pk)
        if requeued:
            DBTaskResult.objects.filter(pk__in=requeued).update(status=TaskResultStatus.READY)
            logger.warning("Queued again %d task(s) cut short by an outage", len(requeued))
        return len(requeued)

    # -- outages ----------------------------------------------------------------------------

    def database_lost(self, error: BaseException) -> None:
        if self.outage_since is None:
            self.outage_since = time.monotonic()
            logger.warning(
                "Database unavailable (%s): the worker waits and tries again",
                type(error).__name__,
            )
        close_all()
        self.recover = True
        if self.running:
            time.sleep(self.outage_wait)
        self.outage_wait = min(self.outage_wait * 2, OUTAGE_MAX_WAIT)

    def database_back(self) -> None:
        away = time.monotonic() - (self.outage_since or time.monotonic())
        logger.warning("Database back after %.0f s: the worker goes on", away)
        self.outage_since = None
        self.outage_wait = 1.0
