"""Free the seats held by phone-only registrations whose texted code was not typed in time
(activities.phone_codes). Run it every few minutes (rencontres/periodic.py)."""

from django.core.management.base import BaseCommand

from activities.phone_codes import release_expired


class Command(BaseCommand):
    help = "Free the seats held for a code texted and not typed in time. Run it every 5 minutes."

    def handle(self, *args, **options):
        released = release_expired()
        # Only a count: the command's output may be kept in logs.
        self.stdout.write(self.style.SUCCESS(f"{released} codes expirés libérés."))
