"""Create or reset the development superuser, a ONE staff account, a few organiser accounts (of
demo places with activities), a professional and the organiser of a demo espace de rencontre
that has received their orientations, and print how to log in.

Development only: it refuses to run unless DEBUG is on, so it can never hand out an account on
a production site. Every run sets a new random password for each.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from activities.models import ActivityPage
from directory.models import PlacePage
from directory.roles import organiser_group, organiser_groups_for
from orientations.models import ProfessionalProfile
from orientations.roles import ensure_professionals_group
from rencontres.demo.generator import DEMO_SLUG_PREFIX
from rencontres.demo.orientations import demo_ffer_place, seed_orientations
from rencontres.roles import ensure_staff_roles

ONE_STAFF_USERNAME = "personnel-one"
ORGANISER_USERNAME = "organisateur-{n}"
DEMO_ORGANISERS = 3
PROFESSIONAL_USERNAME = "professionnel-1"
FFER_ORGANISER_USERNAME = "organisateur-espace-rencontre"


def reset_user(username: str, **flags) -> tuple[object, bool, str]:
    password = secrets.token_urlsafe(12)
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        **{user_model.USERNAME_FIELD: username},
        defaults={"email": f"{username}@localhost"},
    )
    user.is_active = True
    for name, value in flags.items():
        setattr(user, name, value)
    user.set_password(password)
    user.save()
    return user, created, password


def demo_places_with_activities(count: int):
    with_registration = ActivityPage.objects.live().filter(registration_required=True)
    parents = {page.get_parent().pk for page in with_registration.order_by("path")[: count * 4]}
    return list(
        PlacePage.objects.filter(pk__in=parents, slug__startswith=DEMO_SLUG_PREFIX).order_by(
            "path"
        )[:count]
    )


class Command(BaseCommand):
    help = (
        "Create or reset a development superuser, a ONE staff account and demo organiser "
        "accounts, with random passwords (DEBUG only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "create_dev_admin only runs with DEBUG on (RENCONTRES_DEBUG=1): "
                "create production accounts with `manage.py createsuperuser`."
            )
        _user, created, password = reset_user(username, is_staff=True, is_superuser=True)
        login_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_login")
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} the development admin.")
            + f"\n  Log in at: {login_url}\n  Username:  {username}\n  Password:  {password}"
        )

        staff, _created, password = reset_user(ONE_STAFF_USERNAME, is_superuser=False)
        staff.groups.set([ensure_staff_roles()])
        self.stdout.write(
            "\nONE staff (approves organisers' changes, projects, coverage):"
            f"\n  Username:  {ONE_STAFF_USERNAME}\n  Password:  {password}"
        )
        for n, place in enumerate(demo_places_with_activities(DEMO_ORGANISERS), start=1):
            group = organiser_group(place) or organiser_groups_for([place])[0]
            name = ORGANISER_USERNAME.format(n=n)
            organiser, _created, password = reset_user(name, is_superuser=False)
            organiser.groups.set([group])
            self.stdout.write(
                f"\nOrganiser of {place.title} ({place.url}):"
                f"\n  Username:  {name}\n  Password:  {password}"
            )
        self.professional()

    def professional(self) -> None:
        """A professional (docs/orientations.md), and the organiser of the demo espace de
        rencontre their orientations went to, one in each status."""
        professional, _created, password = reset_user(PROFESSIONAL_USERNAME, is_superuser=False)
        professional.groups.set([ensure_professionals_group()])
        ProfessionalProfile.objects.update_or_create(
            user=professional,
            defaults={"organisation": "ONE (démo)", "profession": "TMS"},
        )
        self.stdout.write(
            "\nProfessional (orients families to places that take orientations):"
            f"\n  Username:  {PROFESSIONAL_USERNAME}\n  Password:  {password}"
        )
        place = demo_ffer_place()
        if place is None:
            return
        seed_orientations(place, professional)
        group = organiser_group(place) or organiser_groups_for([place])[0]
        organiser, _created, password = reset_user(FFER_ORGANISER_USERNAME, is_superuser=False)
        organiser.groups.set([group])
        self.stdout.write(
            f"\nOrganiser of {place.title} ({place.url}), which receives orientations:"
            f"\n  Username:  {FFER_ORGANISER_USERNAME}\n  Password:  {password}"
        )
