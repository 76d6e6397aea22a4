"""The periodic jobs: the one list of the commands that run on a schedule, read by the production
timers' documentation (docs/deploy.md § 6, checked against it by a test) and by the demo's
scheduler (`manage.py run_periodic`, started by `scripts/serve`).

Each timer is a systemd timer in production (`rencontres-<name>.timer` and its service, whose
`ExecStart=` lines are the timer's commands in order); in `scripts/serve` the scheduler runs the
same commands at the same local times. Like a timer with `Persistent=true`, a job whose last
scheduled time came while nothing ran it (the laptop was off, the demo was just made) runs as
soon as the scheduler starts: every job runs once on the first start, so the open-data dump,
the sessions' window and the week's digest are there at once.

Each job is a `manage.py` command run in a process of its own, as systemd runs it: a job that
fails (its exit code is logged and recorded) never stops the ones after it, nor the scheduler.
The last run of each job is a row of `PeriodicRun`, in the site's database: a new database
starts with every job due.
"""

from __future__ import annotations

import subprocess
import sys
import time as clock_time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from core.search.transport import cluster_settings
from core.texting import smpp_configured
from rencontres.models import PeriodicRun

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Timer:
    """Commands run together at a local time, every day or on one weekday (0 = Monday); or every
    `every_minutes` minutes of the hour (`at` unused)."""

    name: str
    description: str
    at: time
    commands: tuple[tuple[str, ...], ...]
    weekday: int | None = None
    every_minutes: int | None = None

    @property
    def on_calendar(self) -> str:
        """The schedule as systemd's `OnCalendar=` writes it."""
        if self.every_minutes is not None:
            return f"*:0/{self.every_minutes}"
        day = f"{WEEKDAYS[self.weekday]} " if self.weekday is not None else ""
        return f"{day}*-*-* {self.at:%H:%M}"

    @property
    def period(self) -> timedelta:
        if self.every_minutes is not None:
            return timedelta(minutes=self.every_minutes)
        return timedelta(days=1 if self.weekday is None else 7)

    def last_due(self, now: datetime) -> datetime:
        """The latest scheduled time at or before `now` (local time, `settings.TIME_ZONE`)."""
        local = timezone.localtime(now)
        if self.every_minutes is not None:
            minute = local.minute - local.minute % self.every_minutes
            return local.replace(minute=minute, second=0, microsecond=0)
        due = local.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        if self.weekday is not None:
            due -= timedelta(days=(due.weekday() - self.weekday) % 7)
        if due > local:
            due -= self.period
        return due


def search_cluster_configured() -> bool:
    return cluster_settings() is not None


# The jobs that only mean something with a part configured: without it they are never due.
ONLY_IF = {
    "catch_up_search_index": (search_cluster_configured, "needs a search cluster"),
    "read_text_receipts": (smpp_configured, "needs an SMS centre"),
}


@dataclass(frozen=True)
class Job:
    timer: Timer
    command: tuple[str, ...]

    @property
    def name(self) -> str:
        return " ".join(self.command)

    @property
    def applies(self) -> bool:
        condition = ONLY_IF.get(self.command[0])
        return condition is None or condition[0]()


TIMERS = (
    Timer(
        "daily",
        "Rencontres daily commands, at night",
        time(3, 30),
        (
            # Sessions up to the rolling window's end.
            ("extend_occurrences",),
            # Registrations past their retention period.
            ("purge_registrations",),
            # The live room's taps (who gave a room's state) past the same period.
            ("purge_room_reports",),
            # Alert addresses never confirmed within 48 hours.
            ("purge_alerts",),
            # Listings' quality scores, a verification growing old (docs/quality.md); before
            # the dump, which gives them.
            ("refresh_quality_scores", "--no-progress"),
            # The open-data dump (docs/open-data.md).
            ("export_open_data", "--no-progress"),
            # The organisers of stale places told (docs/organisers.md).
            ("remind_stale_places",),
            # Closed problem reports' addresses cleared, old ones deleted.
            ("purge_problem_reports",),
            # Places reminded of unanswered orientations, late ones expired; the family's
            # details cleared after the retention period (docs/orientations.md).
            ("expire_orientations",),
            ("anonymise_orientations",),
            # Failed e-mails' content cleared after 30 days, finished tasks deleted (core.mail).
            ("purge_mail_deliveries",),
            # The change feeds' tombstones after 180 days (core.tombstones).
            ("purge_tombstones",),
            # Admin login failures whose window and lock have ended.
            ("purge_login_failures",),
            ("clearsessions",),
            # Yesterday's family searches added to their weeks, then deleted (core.search.events).
            ("aggregate_search_events",),
            # With a search cluster: the page changes it missed during an outage.
            ("catch_up_search_index",),
        ),
    ),
    # The day-before reminders go out in the morning, not at night.
    Timer(
        "reminders",
        "Rencontres reminders, in the morning",
        time(9, 0),
        (
            ("remind_registrations",),
            # Update campaigns: those whose first day has come start (their e-mails leave),
            # a week before their end the places that have not answered are reminded once,
            # and those past their end date end (docs/campaigns.md).
            ("start_campaigns",),
            ("remind_campaigns",),
        ),
    ),
    # Seats held for a texted code not typed in time (activities.phone_codes): freed within
    # minutes; seats offered from a waiting list and not answered in time: offered to the next
    # family (activities.offers); and the texts' delivery receipts read (core.texting).
    Timer(
        "frequent",
        "Rencontres commands every five minutes",
        time(0, 0),
        (("expire_phone_holds",), ("expire_seat_offers",), ("read_text_receipts",)),
        every_minutes=5,
    ),
    # The search alerts' digests, once a week (a second run in the ISO week sends nothing).
    Timer(
        "weekly",
        "Rencontres weekly commands, Monday morning",
        time(7, 0),
        (("send_alert_digests",),),
        weekday=0,
    ),
)

JOBS = tuple(Job(timer, command) for timer in TIMERS for command in timer.commands)


def run_command(command: Sequence[str]) -> int:
    """A job as systemd runs it: `manage.py <command>` in a process of its own; its exit code."""
    manage = Path(settings.BASE_DIR) / "manage.py"
    return subprocess.run([sys.executable, str(manage), *command], check=False).returncode  # noqa: S603


def due_jobs(jobs: Iterable[Job], now: datetime) -> list[Job]:
    """The jobs whose latest scheduled time has come since they last started (never run: due),
    among those that apply here (`ONLY_IF`)."""
    jobs = [job for job in jobs if job.applies]
    started = dict(
        PeriodicRun.objects.filter(job__in=[job.name for job in jobs]).values_list(
            "job", "started_at"
        )
    )
    return [
        job
        for job in jobs
        if job.name not in started or started[job.name] < job.timer.last_due(now)
    ]


def never_run(jobs: Iterable[Job]) -> list[Job]:
    """The jobs this database has no run of (a new demo): `scripts/serve` runs them before
    serving, so that the open-data dump is there from the first page."""
    jobs = list(jobs)
    known = set(
        PeriodicRun.objects.filter(job__in=[job.name for job in jobs]).values_list("job", flat=True)
    )
    return [job for job in jobs if job.name not in known]


def run_due(
    now: datetime,
    *,
    jobs: Iterable[Job] = JOBS,
    run: Callable[[Sequence[str]], int] | None = None,
    clock: Callable[[], datetime] = timezone.now,
    say: Callable[[str], None] = print,
) -> list[tuple[Job, int]]:
    """Run every job due at `now`, in the declared order (by `run`: `run_command` unless a test
    says otherwise), each recorded when it ends with its exit code; a failure is said and
    recorded, and the next job runs."""
    run = run or run_command
    done = []
    for job in due_jobs(jobs, now):
        say(f"periodic: {job.name} ({job.timer.name}, {job.timer.on_calendar})")
        started = clock()
        code = run(job.command)
        finished = clock()
        PeriodicRun.objects.update_or_create(
            job=job.name,
            defaults={"started_at": started, "finished_at": finished, "exit_code": code},
        )
        seconds = (finished - started).total_seconds()
        if code == 0:
            say(f"periodic: {job.name} done in {seconds:.1f} s")
        else:
            say(f"periodic: {job.name} FAILED with exit code {code} after {seconds:.1f} s")
        done.append((job, code))
    return done


def next_due(jobs: Iterable[Job], now: datetime) -> datetime:
    return min(job.timer.last_due(now) + job.timer.period for job in jobs)


def run_forever(
    *,
    jobs: Sequence[Job] = JOBS,
    run: Callable[[Sequence[str]], int] | None = None,
    clock: Callable[[], datetime] = timezone.now,
    sleep: Callable[[float], None] = clock_time.sleep,
    say: Callable[[str], None] = print,
    rounds: int | None = None,
) -> None:
    """Run what is due, sleep until the next scheduled time (a minute at most, so that a clock
    put forward or a machine woken from sleep is noticed), again; `rounds` stops it (tests)."""
    done = 0
    while rounds is None or done < rounds:
        now = clock()
        run_due(now, jobs=jobs, run=run, clock=clock, say=say)
        wait = (next_due(jobs, clock()) - clock()).total_seconds()
        sleep(min(max(wait, 1.0), 60.0))
        done += 1
