"""Daily: e-mail the organisers of each place whose information has grown stale."""

from django.core.management.base import BaseCommand

from organisers.freshness import send_reminders


class Command(BaseCommand):
    help = "Rappelle aux organisateurs de confirmer les fiches qui n'ont pas été vérifiées."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} place(s) reminded")
