"""Every few minutes: the SMS centre's delivery receipts read on a bind of their own (those that
come while a text is sent are read then), each text marked delivered or failed (core.texting)."""

from django.core.management.base import BaseCommand, CommandError

from core.smpp import SmppFailure, read_receipts
from core.texting import centre, record_receipt, smpp_configured


class Command(BaseCommand):
    help = "Read the SMS centre's delivery receipts for a few seconds. Run it every 5 minutes."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=20.0)

    def handle(self, *args, seconds, **options):
        if not smpp_configured():
            raise CommandError("no SMS centre configured (RENCONTRES_SMPP_URL)")
        read = []

        def on_receipt(receipt):
            read.append(receipt)
            record_receipt(receipt)

        try:
            read_receipts(centre(), seconds, on_receipt)
        except SmppFailure as failure:
            raise CommandError(f"SMS centre: {failure.summary}") from None
        # Only a count: the command's output may be kept in logs.
        self.stdout.write(self.style.SUCCESS(f"{len(read)} accusés de réception lus."))
