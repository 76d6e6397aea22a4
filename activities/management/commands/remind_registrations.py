"""E-mail (or text) a reminder to every family registered (confirmed) to a session that takes place
tomorrow. Run it daily (docs/deploy.md): a family is reminded once, however often it runs."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from activities.choices import RegistrationStatus
from activities.models import Registration
from activities.notifications import tell


class Command(BaseCommand):
    help = "Remind families of tomorrow's sessions by e-mail (once each). Run it daily."

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + timedelta(days=1)
        with transaction.atomic():
            due = list(
                Registration.objects.select_for_update()
                .filter(
                    # A session keeps its schedule's day (`date`); a moved one is on its start's.
                    Q(occurrence__previous_start__isnull=True, occurrence__date=tomorrow)
                    | Q(occurrence__previous_start__isnull=False, occurrence__start__date=tomorrow),
                    status=RegistrationStatus.CONFIRMED,
                    reminded_at__isnull=True,
                    occurrence__is_cancelled=False,
                    occurrence__start__gt=timezone.now(),
                )
                # Reached by e-mail, or by text (activities.texts).
                .exclude(email="", texts=False)
                .order_by("pk")
            )
            now = timezone.now()
            for registration in due:
                registration.reminded_at = now
                tell(registration, "reminder")
            Registration.objects.bulk_update(due, ["reminded_at"])
        # Only a count: the command's output may be kept in logs.
        self.stdout.write(self.style.SUCCESS(f"{len(due)} rappels envoyés pour le {tomorrow}."))
