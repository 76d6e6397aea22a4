"""core.worker: the task worker goes on after the database is lost (OperationalError,
InterfaceError), puts back the task the outage cut short, and beats a heartbeat."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import worker as worker_module
from core.mail import Email, queue_email
from core.models import MailDelivery, MailState, WorkerHeartbeat
from core.worker import ResilientWorker
from tests.worker_connections import keep_the_test_connection

pytestmark = pytest.mark.django_db

# More waits than any test needs: a worker that never gets the database back fails the test
# instead of looping for ever.
MAX_WAITS = 50


@pytest.fixture(autouse=True)
def database_queue(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    waits = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) > MAX_WAITS:
            raise AssertionError(f"the worker waited {MAX_WAITS} times: it never went on")

    monkeypatch.setattr(worker_module.time, "sleep", sleep)
    keep_the_test_connection(monkeypatch)
    return waits


def make_worker(**options) -> ResilientWorker:
    return ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=options.pop("worker_id", "test-worker"),
        excluded_queue_names=[],
        **options,
    )


def test_the_loop_goes_on_after_the_database_was_lost(monkeypatch, caplog, database_queue):
    queue_email(Email(kind="test", to=("a@example.org",), subject="s", body="b"))
    worker = make_worker()
    claim = worker.claim_next
    errors = [OperationalError("server closed the connection"), InterfaceError("closed")] * 2

    def claim_next():
        if errors:
            raise errors.pop(0)
        return claim()

    monkeypatch.setattr(worker, "claim_next", claim_next)
    with caplog.at_level(logging.INFO, logger="core.worker"):
        worker.run()

    assert MailDelivery.objects.get().state == MailState.SENT
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    # Backoff between tries; logged once when lost, once when back.
    assert database_queue[:4] == [1.0, 2.0, 4.0, 8.0]
    assert caplog.text.count("Database unavailable") == 1
    assert caplog.text.count("Database back") == 1


def test_a_task_cut_short_by_the_outage_runs_again_once_the_database_is_back(monkeypatch):
    queue_email(Email(kind="test", to=("a@example.org",), subject="s", body="b"))
    worker = make_worker()
    run_task = worker.run_task
    lost = [True]

    def run_task_losing_the_database(result):
        if lost:
            lost.pop()
            raise OperationalError("terminating connection due to administrator command")
        run_task(result)

    monkeypatch.setattr(worker, "run_task", run_task_losing_the_database)
    worker.run()
    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert result.worker_ids == ["test-worker", "test-worker"]


def test_tasks_abandoned_by_a_dead_worker_are_queued_again():
    queue_email(Email(kind="test", to=("a@example.org",), subject="s", body="b"))
    long_ago = timezone.now() - timedelta(hours=1)
    DBTaskResult.objects.update(status="RUNNING", started_at=long_ago, worker_ids=["dead"])
    WorkerHeartbeat.objects.create(worker_id="dead", beat_at=long_ago)
    make_worker().run()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_task_of_a_live_worker_is_left_alone():
    queue_email(Email(kind="test", to=("a@example.org",), subject="s", body="b"))
    DBTaskResult.objects.update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=1), worker_ids=["alive"]
    )
    WorkerHeartbeat.objects.create(worker_id="alive", beat_at=timezone.now())
    make_worker().run()
    assert DBTaskResult.objects.get().status == "RUNNING"


def test_the_worker_beats_its_heartbeat():
    make_worker(worker_id="beating").run()
    beat = WorkerHeartbeat.objects.get(worker_id="beating").beat_at
    assert timezone.now() - beat < timedelta(seconds=5)
