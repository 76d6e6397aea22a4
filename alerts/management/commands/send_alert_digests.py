from django.core.management.base import BaseCommand

from alerts.digests import send_digests


class Command(BaseCommand):
    help = (
        "Queue this week's digest of every confirmed alert that has something new (places and "
        "sessions published since its last digest). Run it weekly; a second run in the same "
        "ISO week sends nothing."
    )

    def handle(self, *args, **options):
        looked, sent = send_digests()
        # Counts only: the command's output may be kept in logs.
        self.stdout.write(
            self.style.SUCCESS(f"{looked} alertes examinées, {sent} courriels envoyés.")
        )
