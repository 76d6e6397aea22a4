"""Remind places of orientations still unanswered, and expire those unanswered past
`ORIENTATIONS["expiry_days"]` (their professional told). Daily (rencontres/periodic.py)."""

from django.core.management.base import BaseCommand

from orientations.flow import remind_and_expire


class Command(BaseCommand):
    help = "Remind places of unanswered orientations; expire those past the delay."

    def handle(self, *args, **options):
        reminded, expired = remind_and_expire()
        self.stdout.write(f"{reminded} reminder(s) sent, {expired} orientation(s) expired.")
