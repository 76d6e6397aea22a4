"""Whatever changes what a kept public response shows makes the next request of it fresh, through
one announcement (core.kept.changed) made once per transaction, after the commit: a
confirmation, a closure, a session's change, a renamed objective, a santé-parentalité project,
the home page republished. The publication searched on the cluster, a race, is in
tests/directory/search/test_kept_after_cluster.py."""

from contextlib import suppress
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone

from activities.models import Occurrence
from activities.occurrences import cancel_occurrence
from core import kept
from directory.models import ClosurePeriod, PlacePage
from objectives.models import Objective
from organisers.freshness import confirm_token
from projects.models import HealthParentingProject, ProjectPlace, ProjectStatus
from rencontres.models import HomePage
from tests.factories import OpeningHoursFactory, passerelle_morning, publish

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
# A Wednesday morning; the activities' suites start on the Monday before.
WEDNESDAY_3_MARCH_2027 = datetime(2027, 3, 3, 10, 0, tzinfo=BRUSSELS)
MONDAY_1_MARCH_2027 = datetime(2027, 3, 1, 8, 0, tzinfo=BRUSSELS)


def page_text(client, url, selector="main"):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(selector).get_text(" ")


def test_a_confirmation(keeping, client, place_a, django_capture_on_commit_callbacks):
    place = publish(place_a)
    long_ago = timezone.now() - timedelta(days=200)
    PlacePage.objects.filter(pk=place.pk).update(verified_at=long_ago)
    kept.new_generation()

    def verified_on(moment):
        return f"vérifiées le {formats.date_format(timezone.localtime(moment), 'j F Y')}"

    assert verified_on(long_ago) in page_text(client, place.url)
    confirm = reverse("organisers_confirm_listing", args=[confirm_token(place.pk)])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(confirm).status_code == 200
    assert verified_on(timezone.now()) in page_text(client, place.url)


def test_a_closure(keeping, client, place, django_capture_on_commit_callbacks):
    with time_machine.travel(WEDNESDAY_3_MARCH_2027, tick=False):
        OpeningHoursFactory(place=place, weekday=2, opens="09:00", closes="12:00")
        kept.new_generation()
        card = ".place-card__opening"
        assert page_text(client, "/lieux/", card) == "Ouvert aujourd'hui : 09:00 – 12:00"
        with django_capture_on_commit_callbacks(execute=True):
            ClosurePeriod.objects.create(
                place=place, start_date=date(2027, 3, 3), end_date=date(2027, 3, 3)
            )
        assert "Ouvert aujourd'hui" not in page_text(client, "/lieux/", card)


def test_a_session_s_change(keeping, client, place, django_capture_on_commit_callbacks):
    with time_machine.travel(MONDAY_1_MARCH_2027, tick=False):
        weekly = passerelle_morning(place, weekdays="0")
        kept.new_generation()
        assert "Grève" not in page_text(client, place.url)
        with django_capture_on_commit_callbacks(execute=True):
            cancel_occurrence(
                Occurrence.objects.get(activity=weekly, date=date(2027, 3, 8)), "Grève"
            )
        assert "Grève" in page_text(client, place.url)


def test_a_renamed_objective(keeping, client, place, django_capture_on_commit_callbacks):
    assert "Vers l'école" not in page_text(client, place.url)
    term = Objective.objects.get(slug="passerelles")
    term.name_fr = "Vers l'école"
    with django_capture_on_commit_callbacks(execute=True):
        term.save()
    assert "Vers l'école" in page_text(client, place.url)


def test_a_project(keeping, client, place, django_capture_on_commit_callbacks):
    project = HealthParentingProject.objects.create(
        name="Bien grandir", status=ProjectStatus.ACTIVE, public_summary="Des matinées d'éveil."
    )
    ProjectPlace.objects.create(project=project, place=place)
    kept.new_generation()
    assert "Des matinées d'éveil." in page_text(client, place.url)
    project.public_summary = "Un massage bébé par mois."
    with django_capture_on_commit_callbacks(execute=True):
        project.save()
    assert "Un massage bébé par mois." in page_text(client, place.url)


def test_the_home_page_republished(keeping, client, django_capture_on_commit_callbacks):
    home = HomePage.objects.get(locale__language_code="fr")
    assert "Bienvenue aux familles" not in page_text(client, "/")
    home.intro = "<p>Bienvenue aux familles.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        publish(home)
    assert "Bienvenue aux familles" in page_text(client, "/")


class Rollback(Exception):
    pass


def test_a_transaction_s_changes_are_announced_once_after_the_work_before_them(
    django_capture_on_commit_callbacks, monkeypatch
):
    replaced = []
    monkeypatch.setattr(kept, "new_generation", lambda: replaced.append("generation"))
    with django_capture_on_commit_callbacks(execute=True):
        kept.changed(before=lambda: replaced.append("cluster"))
        with suppress(Rollback), transaction.atomic():
            kept.changed(before=lambda: replaced.append("rolled back"))
            raise Rollback
        kept.changed()
        kept.changed(before=lambda: replaced.append("cluster again"))
        assert replaced == []
    assert replaced == ["cluster", "cluster again", "generation"]


def test_a_change_rolled_back_last_leaves_the_earlier_ones_announced(
    django_capture_on_commit_callbacks, monkeypatch
):
    replaced = []
    monkeypatch.setattr(kept, "new_generation", lambda: replaced.append("generation"))
    with django_capture_on_commit_callbacks(execute=True):
        kept.changed(before=lambda: replaced.append("cluster"))
        with suppress(Rollback), transaction.atomic():
            kept.changed(before=lambda: replaced.append("rolled back"))
            raise Rollback
    assert replaced == ["cluster", "generation"]
