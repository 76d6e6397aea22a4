"""Daily: the retention rule of problem reports (see `organisers.reports.purge`)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from organisers.reports import purge


class Command(BaseCommand):
    help = (
        "Clear the reporter's address of every closed problem report, and delete the reports "
        "closed more than N days ago (RENCONTRES_PROBLEM_REPORT_RETENTION_DAYS, 90 by "
        "default). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")

    def handle(self, *args, days, **options):
        days = settings.ORGANISERS["report_retention_days"] if days is None else days
        cleared, deleted = purge(days)
        # Only counts: the command's output may be kept in logs.
        self.stdout.write(
            self.style.SUCCESS(
                f"{cleared} adresses effacées, {deleted} signalements supprimés "
                f"(clos depuis plus de {days} jours)."
            )
        )
