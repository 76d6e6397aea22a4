"""The periodic jobs: one list (rencontres.periodic) drives the demo's scheduler and the
production timers' documentation; the scheduler runs what is due at a clock it is given,
records it, and goes on past a job that fails."""

from __future__ import annotations

import re
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command

from rencontres.models import PeriodicRun
from rencontres.periodic import JOBS, TIMERS, Job, Timer, due_jobs, run_due, run_forever

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
DAILY = Timer("daily", "d", time(3, 30), (("first",), ("second",), ("third",)))
WEEKLY = Timer("weekly", "w", time(7, 0), (("digest",),), weekday=0)
FAKE_JOBS = tuple(Job(timer, command) for timer in (DAILY, WEEKLY) for command in timer.commands)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of March 2027 in Brussels (1 March is a Monday)."""
    return datetime(2027, 3, day, hour, minute, tzinfo=BRUSSELS)


class FakeRunner:
    """Runs nothing: notes each command and answers the exit code it is told."""

    def __init__(self, failing=()):
        self.ran: list[str] = []
        self.failing = set(failing)

    def __call__(self, command):
        self.ran.append(" ".join(command))
        return 1 if command[0] in self.failing else 0


def run(now, runner, jobs=FAKE_JOBS):
    return run_due(now, jobs=jobs, run=runner, clock=lambda: now, say=lambda message: None)


def test_every_job_runs_once_at_the_first_start_and_is_recorded():
    runner = FakeRunner()
    run(at(2, 14), runner)
    assert runner.ran == ["first", "second", "third", "digest"]
    assert PeriodicRun.objects.get(job="first").started_at == at(2, 14)
    # Nothing more is due the same day.
    run(at(2, 23), runner)
    assert len(runner.ran) == 4


def test_the_daily_jobs_run_again_after_their_time_the_weekly_one_next_monday():
    runner = FakeRunner()
    run(at(2, 14), runner)
    run(at(3, 3, 29), runner)
    assert len(runner.ran) == 4
    run(at(3, 3, 30), runner)
    assert runner.ran[4:] == ["first", "second", "third"]
    run(at(7, 23), runner)  # Sunday: the daily ones only
    assert runner.ran[7:] == ["first", "second", "third"]
    run(at(8, 7, 5), runner)  # Monday 07:05: the digest too (its time has come since)
    assert runner.ran[10:] == ["first", "second", "third", "digest"]


def test_a_stopped_scheduler_catches_up_once_like_a_persistent_timer():
    runner = FakeRunner()
    run(at(1, 12), runner)
    run(at(5, 12), runner)  # four days off: each job once, not four times
    assert runner.ran[4:] == ["first", "second", "third"]


def test_a_failing_job_does_not_stop_the_others_and_is_recorded():
    runner = FakeRunner(failing={"second"})
    said = []
    done = run_due(at(2, 14), jobs=FAKE_JOBS, run=runner, clock=lambda: at(2, 14), say=said.append)
    assert runner.ran == ["first", "second", "third", "digest"]
    assert [code for _job, code in done] == [0, 1, 0, 0]
    assert PeriodicRun.objects.get(job="second").exit_code == 1
    assert any("second FAILED with exit code 1" in line for line in said)


def test_a_real_failing_command_is_its_exit_code(capfd):
    # A job is a process of its own: a command that does not exist fails alone.
    job = Job(DAILY, ("no_such_command",))
    ((_job, code),) = run_due(at(2, 14), jobs=[job], say=lambda message: None)
    assert code != 0
    assert "Unknown command" in capfd.readouterr().err


def test_the_loop_sleeps_until_the_next_time_at_most_a_minute():
    runner = FakeRunner()
    now = [at(2, 14)]
    slept = []

    def sleep(seconds):
        # The fake clock: asleep a minute, awake at the next daily time.
        slept.append(seconds)
        now[0] = at(3, 3, 30)

    run_forever(
        jobs=FAKE_JOBS,
        run=runner,
        clock=lambda: now[0],
        sleep=sleep,
        say=lambda message: None,
        rounds=2,
    )
    assert runner.ran == ["first", "second", "third", "digest", "first", "second", "third"]
    assert slept == [60.0, 60.0]


def test_the_search_catch_up_is_due_only_with_a_search_cluster(settings):
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "url": ""}
    names = {job.name for job in due_jobs(JOBS, at(2, 14))}
    assert "catch_up_search_index" not in names
    assert "export_open_data --no-progress" in names
    settings.SEARCH_CLUSTER = {**settings.SEARCH_CLUSTER, "url": "http://127.0.0.1:9"}
    assert "catch_up_search_index" in {job.name for job in due_jobs(JOBS, at(2, 14))}


def test_the_command_lists_and_runs_the_jobs(capsys, monkeypatch):
    call_command("run_periodic", "--list")
    listed = capsys.readouterr().out
    assert all(job.name in listed for job in JOBS)
    ran = []
    monkeypatch.setattr("rencontres.periodic.run_command", lambda command: ran.append(command) or 0)
    monkeypatch.setattr("rencontres.management.commands.run_periodic.JOBS", FAKE_JOBS, raising=True)
    call_command("run_periodic", "--once", "--new-only")
    assert "periodic: 4 job(s) run, 0 failed" in capsys.readouterr().out
    call_command("run_periodic", "--once", "--new-only")
    assert "nothing due" in capsys.readouterr().out


def units(text: str) -> dict[str, str]:
    """The docs' systemd units: each `/etc/systemd/system/<name>` followed by its ini block."""
    found = re.findall(
        r"`/etc/systemd/system/(rencontres-[\w.-]+)`:\s*```ini\n(.*?)```", text, re.S
    )
    return dict(found)


def test_the_production_timers_documented_are_the_declared_jobs():
    documented = units((Path(settings.BASE_DIR) / "docs" / "deploy.md").read_text())
    for timer in TIMERS:
        service = documented[f"rencontres-{timer.name}.service"]
        commands = re.findall(r"^ExecStart=\S+/python manage\.py (.+)$", service, re.M)
        assert commands == [" ".join(command) for command in timer.commands], timer.name
        unit = documented[f"rencontres-{timer.name}.timer"]
        assert re.findall(r"^OnCalendar=(.+)$", unit, re.M) == [timer.on_calendar], timer.name
        assert f"Description={timer.description}" in unit
    declared = {
        f"rencontres-{timer.name}.{kind}" for timer in TIMERS for kind in ("service", "timer")
    }
    assert {name for name in documented if name.endswith((".service", ".timer"))} - {
        "rencontres-web.service",
        "rencontres-worker.service",
    } == declared


def test_a_timer_every_few_minutes():
    frequent = Timer("frequent", "f", time(0, 0), (("expire_phone_holds",),), every_minutes=5)
    assert frequent.on_calendar == "*:0/5"
    now = datetime(2027, 3, 1, 10, 7, 30, tzinfo=ZoneInfo("Europe/Brussels"))
    assert frequent.last_due(now).strftime("%H:%M:%S") == "10:05:00"
    assert frequent.period.total_seconds() == 300
