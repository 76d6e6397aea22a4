"""Seats offered from the waiting list and not answered in time go to the next family, and
seats freed otherwise (a larger capacity) are offered (activities.offers). Run it every few
minutes (rencontres/periodic.py)."""

from django.core.management.base import BaseCommand

from activities.offers import run_offers


class Command(BaseCommand):
    help = "Offers past their time expired, free seats offered to waiting families. Every 5 min."

    def handle(self, *args, **options):
        expired, offered = run_offers()
        # Only counts: the command's output may be kept in logs.
        self.stdout.write(self.style.SUCCESS(f"{expired} offres expirées, {offered} proposées."))
