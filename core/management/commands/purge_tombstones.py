"""Daily: the change feeds' tombstones older than settings.TOMBSTONE_RETENTION (180 days)
deleted (core.tombstones); a partner that has not followed the feed that long reloads
everything (docs/partners-sync.md)."""

from django.core.management.base import BaseCommand

from core.tombstones import purge_tombstones


class Command(BaseCommand):
    help = "Delete the change feeds' tombstones older than the retention period. Run it daily."

    def handle(self, *args, **options):
        deleted = purge_tombstones()
        self.stdout.write(self.style.SUCCESS(f"{deleted} pierres tombales supprimées."))
