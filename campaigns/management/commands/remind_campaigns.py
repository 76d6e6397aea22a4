from django.core.management.base import BaseCommand

from campaigns.reminders import end_past, send_reminders


class Command(BaseCommand):
    help = (
        "Remind once the places that have not answered a campaign ending within a week, "
        "and end the campaigns past their end date."
    )

    def handle(self, *args, **options):
        reminded = send_reminders()
        ended = end_past()
        self.stdout.write(f"{reminded} places reminded, {ended} campaigns ended")
