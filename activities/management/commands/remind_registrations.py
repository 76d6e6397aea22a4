"""E-mail (or text) a reminder to every family registered (confirmed) to a session that takes place
tomorrow; a family registered to a cycle, before each of its sessions. Run it daily
(docs/deploy.md): a family is reminded once a day at most, however often it runs."""

from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from activities.choices import RegistrationStatus
from activities.cycles import anchors_of
from activities.models import Occurrence, Registration
from activities.notifications import tell


class Command(BaseCommand):
    help = "Remind families of tomorrow's sessions by e-mail or text (once a day). Run it daily."

    def handle(self, *args, **options):
        today = timezone.localdate()
        tomorrow = today + timedelta(days=1)
        sessions = (
            Occurrence.objects.filter(
                day=tomorrow,
                is_cancelled=False,
                start__gt=timezone.now(),
            )
            .select_related("activity", "place__commune", "closure")
            .in_bulk()
        )
        # A cycle's registrations are on its first session (activities.cycles): tomorrow's
        # session is the one each is reminded of.
        session_of_anchor: dict[int, Occurrence] = {}
        for session_pk, anchor_pk in sorted(anchors_of(sessions).items()):
            session_of_anchor.setdefault(anchor_pk, sessions[session_pk])
        start_of_today = timezone.make_aware(datetime.combine(today, time.min))
        with transaction.atomic():
            due = list(
                Registration.objects.select_for_update()
                .filter(
                    Q(reminded_at__isnull=True) | Q(reminded_at__lt=start_of_today),
                    occurrence_id__in=session_of_anchor,
                    status=RegistrationStatus.CONFIRMED,
                )
                # Reached by e-mail, or by text (activities.texts).
                .exclude(email="", texts=False)
                .order_by("pk")
            )
            now = timezone.now()
            for registration in due:
                registration.reminded_at = now
                tell(
                    registration,
                    "reminder",
                    occurrence=session_of_anchor[registration.occurrence_id],
                )
            Registration.objects.bulk_update(due, ["reminded_at"])
        # Only a count: the command's output may be kept in logs.
        self.stdout.write(self.style.SUCCESS(f"{len(due)} rappels envoyés pour le {tomorrow}."))
