"""Daily: the live room's taps of sessions ended long ago. A tap says which account gave the
room's state: a log worth keeping while someone may ask about a session, not for ever."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from activities.models import RoomReport


class Command(BaseCommand):
    help = (
        "Delete the live room's reports of sessions that ended more than N days ago "
        "(the registrations' retention, RENCONTRES_REGISTRATION_RETENTION_DAYS). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")

    def handle(self, *args, days, **options):
        days = settings.ACTIVITIES["retention_days"] if days is None else days
        limit = timezone.now() - timedelta(days=days)
        deleted, _ = RoomReport.objects.filter(occurrence__end__lt=limit).delete()
        self.stdout.write(
            f"purge_room_reports: {deleted} report(s) of sessions ended over {days} days ago"
        )
