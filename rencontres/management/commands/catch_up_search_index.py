from django.core.management.base import BaseCommand, CommandError

from core import kept
from core.search import breaker, pending
from core.search.transport import ClusterUnavailable, get_transport


class Command(BaseCommand):
    help = (
        "Send the search cluster the page changes it missed while it was down or its breaker "
        "open (noted in the database). Nothing to do when nothing is noted: run it from cron "
        "every few minutes, or once an outage is over."
    )

    def handle(self, *args, **options):
        transport = get_transport()
        if transport is None:
            raise CommandError(
                "No search cluster configured (RENCONTRES_SEARCH_URL is unset): "
                "search runs on the database and nothing is ever noted."
            )
        noted = pending.count()
        try:
            sent = pending.catch_up(transport)
        except ClusterUnavailable as error:
            breaker.failed()
            raise CommandError(
                f"Search cluster error, {pending.count()} documents still noted: {error}"
            ) from error
        breaker.succeeded()
        if sent:
            # Answers computed while the cluster lacked these documents were kept meanwhile.
            kept.changed()
        self.stdout.write(
            self.style.SUCCESS(f"{sent} documents sent to the search cluster ({noted} noted).")
        )
