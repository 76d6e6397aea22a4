from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from activities.models import Registration
from core.texting import forget_registrations

BATCH_SIZE = 500


class Command(BaseCommand):
    help = (
        "Delete the registrations (personal data) of sessions that ended more than N days ago "
        "(RENCONTRES_REGISTRATION_RETENTION_DAYS, 30 by default). Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, days, no_progress, **options):
        days = settings.ACTIVITIES["retention_days"] if days is None else days
        limit = timezone.now() - timedelta(days=days)
        # A cycle's registration (on its first session) lasts until its last session.
        expired = Registration.objects.filter(occurrence__end__lt=limit).exclude(
            occurrence__activity__is_cycle=True,
            occurrence__activity__occurrences__end__gte=limit,
        )
        ids = list(expired.values_list("pk", flat=True))
        bar = tqdm(
            total=len(ids), unit="inscriptions", disable=no_progress or None, file=self.stderr._out
        )
        try:
            for start in range(0, len(ids), BATCH_SIZE):
                batch = ids[start : start + BATCH_SIZE]
                # Their texts' rows keep no fingerprint of the number once they go.
                forget_registrations(batch)
                Registration.objects.filter(pk__in=batch).delete()
                bar.update(len(batch))
        finally:
            bar.close()
        # Only a count: the command's output may be kept in logs.
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(ids)} inscriptions supprimées "
                f"(séances terminées depuis plus de {days} jours)."
            )
        )
