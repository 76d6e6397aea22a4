"""Daily: the admin login failures whose window and lock have ended, by address
(rencontres.login_throttle) and by user name (django-axes' attempts older than the cool-off)."""

from axes.models import AccessAttempt
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from rencontres.login_throttle import prune


class Command(BaseCommand):
    help = "Delete ended admin login failures (by address and by user name)."

    def handle(self, *args, **options):
        addresses = prune()
        attempts, _ = AccessAttempt.objects.filter(
            attempt_time__lte=timezone.now() - settings.AXES_COOLOFF_TIME
        ).delete()
        self.stdout.write(
            f"purge_login_failures: {addresses} address(es), {attempts} user name attempt(s)"
        )
