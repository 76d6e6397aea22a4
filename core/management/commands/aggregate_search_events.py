"""Daily: the family searches' events of the days before today added to their ISO weeks and
deleted, the weeks past the retention period deleted (core.search.search_weeks)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.search.search_weeks import aggregate


class Command(BaseCommand):
    help = "Add the family searches' events to their weekly sums, then delete them."

    def handle(self, *args, **options):
        done = aggregate(timezone.localdate())
        self.stdout.write(
            f"{done.events} search event(s) added to {done.rows} weekly row(s); "
            f"{done.purged} week row(s) past the retention period deleted."
        )
