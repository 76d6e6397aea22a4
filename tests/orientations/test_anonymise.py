"""`manage.py anonymise_orientations`: the family's fields of orientations answered or expired
more than the retention period ago are cleared; recent ones and open ones (sent, on the waiting
list) are kept whole; what the counts need stays."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from orientations.models import Orientation, Status
from tests.orientations.conftest import orientation_to

pytestmark = pytest.mark.django_db


def test_the_command_clears_the_family_after_the_retention_period(
    settings, place_a, professional_a
):
    settings.ORIENTATIONS = {**settings.ORIENTATIONS, "retention_days": 30}
    long_ago = timezone.now() - timedelta(days=31)
    lately = timezone.now() - timedelta(days=29)
    old_answer = orientation_to(
        place_a, professional_a, status=Status.REFUSED, answered_at=long_ago
    )
    old_expiry = orientation_to(place_a, professional_a, status=Status.EXPIRED, expired_at=long_ago)
    recent = orientation_to(place_a, professional_a, status=Status.ACCEPTED, answered_at=lately)
    waiting = orientation_to(place_a, professional_a, status=Status.WAITING, answered_at=long_ago)

    call_command("anonymise_orientations", stdout=open("/dev/null", "w"))  # noqa: SIM115

    for orientation in (old_answer, old_expiry):
        orientation.refresh_from_db()
        assert orientation.anonymised_at is not None
        assert (orientation.family_name, orientation.family_email, orientation.note) == ("", "", "")
        assert orientation.children_ages == orientation.languages_spoken == ""
        # What the counts read stays.
        assert orientation.place_id == place_a.pk and orientation.reason == "Reprise de contact"
    for orientation in (recent, waiting):
        orientation.refresh_from_db()
        assert orientation.anonymised_at is None and orientation.family_name == "Awa"
    # Run again: nothing more.
    call_command("anonymise_orientations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Orientation.objects.filter(anonymised_at__isnull=False).count() == 2


def test_the_commands_are_daily_periodic_jobs():
    from rencontres.periodic import JOBS

    daily = [job.name for job in JOBS if job.timer.name == "daily"]
    assert "anonymise_orientations" in daily and "expire_orientations" in daily
