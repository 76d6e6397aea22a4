"""Create or reset the development superuser and print how to log in.

Development only: it refuses to run unless DEBUG is on, so it can never hand out an admin
account on a production site. Every run sets a new random password.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse


class Command(BaseCommand):
    help = "Create or reset a development superuser with a random password (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "create_dev_admin only runs with DEBUG on (RENCONTRES_DEBUG=1): "
                "create production accounts with `manage.py createsuperuser`."
            )
        password = secrets.token_urlsafe(12)
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            **{user_model.USERNAME_FIELD: username},
            defaults={"email": f"{username}@localhost"},
        )
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(password)
        user.save()

        login_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_login")
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} the development admin.")
            + f"\n  Log in at: {login_url}\n  Username:  {username}\n  Password:  {password}"
        )
