from django.core.management.base import BaseCommand

from alerts.subscriptions import confirm_hours, purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete the alerts (e-mail addresses) never confirmed within ALERTS['confirm_hours'] "
        "(48 by default). Run it daily, beside purge_registrations."
    )

    def handle(self, *args, **options):
        deleted = purge_unconfirmed()
        # Only a count: the command's output may be kept in logs.
        self.stdout.write(
            self.style.SUCCESS(
                f"{deleted} alertes non confirmées supprimées "
                f"(plus de {confirm_hours()} heures sans confirmation)."
            )
        )
