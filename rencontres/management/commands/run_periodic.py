"""Run the periodic jobs on their schedule, beside the task worker: what the production timers do
(docs/deploy.md § 6), for `scripts/serve`, where there are no timers.

    manage.py run_periodic           # run what is due, then keep running each job on time
    manage.py run_periodic --once    # run what is due and stop
    manage.py run_periodic --once --new-only   # only the jobs never run here (scripts/serve,
                                               # before serving: the first start's dump)
    manage.py run_periodic --list    # the jobs, their schedule and their last run

Why a command of our own rather than django-tasks: the installed django-tasks (0.12) and its
database backend run queued tasks and tasks deferred to a time (`run_after`), but nothing
recurring; the packages that add cron schedules to it would be one more dependency for
a laptop demo, while production keeps systemd's timers (logged in the journal, caught up after
downtime with `Persistent=true`, no process of ours to keep alive). This scheduler reads the
same list as the timers' documentation (`rencontres.periodic.TIMERS`), runs each job as
systemd does (`manage.py <command>`, a process of its own: a failure is its exit code, logged,
and the next job runs), catches up what came due while it was stopped, and remembers the last
runs in the database (`PeriodicRun`).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from rencontres.models import PeriodicRun
from rencontres.periodic import JOBS, ONLY_IF, due_jobs, never_run, run_due, run_forever


class Command(BaseCommand):
    help = "Run the periodic jobs (the production timers' commands) on their schedule."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what is due, then stop")
        parser.add_argument(
            "--new-only",
            action="store_true",
            help="with --once: only the jobs never run in this database",
        )
        parser.add_argument(
            "--list", action="store_true", help="list the jobs and their last run, run nothing"
        )

    def handle(self, *args, once, new_only, list, **options):
        if list:
            self.list_jobs()
            return
        if once:
            jobs = never_run(JOBS) if new_only else JOBS
            done = run_due(timezone.now(), jobs=jobs, say=self.say)
            failed = sum(1 for _job, code in done if code)
            self.say(
                f"periodic: {len(done)} job(s) run, {failed} failed"
                if done
                else "periodic: nothing due"
            )
            return
        self.say(f"periodic: scheduler started, {len(JOBS)} jobs")
        run_forever(say=self.say)

    def list_jobs(self) -> None:
        runs = {run.job: run for run in PeriodicRun.objects.all()}
        due = {job.name for job in due_jobs(JOBS, timezone.now())}
        for job in JOBS:
            run = runs.get(job.name)
            last = "never run"
            if run:
                started = timezone.localtime(run.started_at)
                last = f"last run {started:%Y-%m-%d %H:%M}, exit {run.exit_code}"
            state = "due" if job.name in due else "not due"
            if not job.applies:
                state = f"not run here: {ONLY_IF[job.command[0]][1]}"
            self.say(f"{job.timer.on_calendar:<18} {job.name:<36} {last} ({state})")

    def say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
