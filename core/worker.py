"""The task worker (`manage.py run_worker`): django-tasks' database worker (`db_worker`'s loop,
django_tasks_db 0.13) made to live through a database outage, and seen by /healthz.

- A lost database (`OperationalError`, `InterfaceError`: PostgreSQL stopped or restarted, a
  connection cut) never ends the worker: it closes its connections, logs once, waits (1, 2, 4…
  seconds, at most `OUTAGE_MAX_WAIT`) and tries again; once the database answers it logs how long
  it was away and goes on. db_worker 0.13 has no option for this: its loop lets the error out
  and the process exits.
- A task cut short by the outage (the database lost while it ran) is not marked failed: it
  goes back to the queue when the database is back, with the tasks of workers whose heartbeat
  stopped long ago (a worker killed mid-task). Tasks must therefore bear a second run: the
  e-mails do (core.mail's send key).
- Each turn of the loop writes the worker's heartbeat (`core.models.WorkerHeartbeat`, at most
  every `HEARTBEAT_EVERY`), which /healthz reads (rencontres/health.py).

The process itself is supervised too (systemd's `Restart=always`, scripts/serve's loop): what
this loop does not survive, a restart does.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.core.exceptions import SuspiciousOperation
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    connections,
)
from django.db.models import Max
from django.utils import timezone
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
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


def database_answers() -> bool:
    """Whether the default database answers now, on a new connection."""
    close_all()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_ERRORS:
        return False
    return True


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

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """db_worker's `run_task`, but a task that met a lost database is left running: the
        outage is the loop's to handle, and the task is queued again once the database is back
        (`requeue_interrupted`), instead of being marked failed for good."""
        try:
            self.running_task = True
            task = db_task_result.task
            task_result = db_task_result.task_result
            backend_type = task.get_backend()
            task_started.send(sender=backend_type, task_result=task_result)
            if task.takes_context:
                return_value = task.call(
                    TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs
                )
            else:
                return_value = task.call(*task_result.args, **task_result.kwargs)
            db_task_result.set_successful(return_value)
            task_finished.send(sender=backend_type, task_result=db_task_result.task_result)
        except DATABASE_ERRORS as error:
            if not database_answers():
                raise
            # The database answers: the task's own error (a bad query), not an outage.
            self.task_failed(db_task_result, error)
        except BaseException as error:  # db_worker's own rule: whatever the task raised
            self.task_failed(db_task_result, error)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def task_failed(self, db_task_result: DBTaskResult, error: BaseException) -> None:
        db_task_result.set_failed(error)
        try:
            sender = type(db_task_result.task.get_backend())
            task_result = db_task_result.task_result
        except (ImportError, SuspiciousOperation):
            logger.exception("Task %s failed unexpectedly", db_task_result.id)
        else:
            task_finished.send(sender=sender, task_result=task_result)

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
