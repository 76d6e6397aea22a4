from django.core.management.base import BaseCommand

from campaigns.scope import start_due


class Command(BaseCommand):
    help = (
        "Start the update campaigns whose first day has come: ask each place, "
        "e-mail its organisers."
    )

    def handle(self, *args, **options):
        for campaign, asked in start_due():
            self.stdout.write(f"{campaign.name}: {asked} places asked")
