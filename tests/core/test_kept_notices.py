"""A notice saved or removed makes the kept answers that show it fresh (core.kept: the notice
models are declared `shown_publicly`), and a place's notice rewrites its search document
(`place_records_changed`), as tests/core/test_kept_freshness.py does for other changes."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from activities.models import ActivityNotice
from core import kept
from directory.models import PlaceNotice
from directory.search.index import place_records_changed
from tests.factories import passerelle_morning, publish

pytestmark = pytest.mark.django_db

MONDAY_1_MARCH_2027 = datetime(2027, 3, 1, 8, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def status_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    found = BeautifulSoup(response.content, "html.parser").select_one("main [role=status]")
    return found.get_text(" ") if found else ""


def test_a_place_s_notice(keeping, client, place, django_capture_on_commit_callbacks):
    with time_machine.travel(MONDAY_1_MARCH_2027, tick=False):
        place = publish(place)
        kept.new_generation()
        assert status_text(client, place.url) == ""
        sent = []

        def heard(sender, place_ids, **kwargs):
            sent.append(place_ids)

        place_records_changed.connect(heard)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                notice = PlaceNotice.objects.create(
                    place=place,
                    kind="closed",
                    start_date=date(2027, 3, 1),
                    end_date=date(2027, 3, 5),
                    message_fr="Travaux",
                )
            assert "Travaux" in status_text(client, place.url)
            with django_capture_on_commit_callbacks(execute=True):
                notice.delete()
            assert status_text(client, place.url) == ""
        finally:
            place_records_changed.disconnect(heard)
        assert sent == [[place.pk], [place.pk]]


def test_an_activity_s_notice(keeping, client, place, django_capture_on_commit_callbacks):
    with time_machine.travel(MONDAY_1_MARCH_2027, tick=False):
        publish(place)
        weekly = passerelle_morning(place)
        kept.new_generation()
        assert status_text(client, weekly.url) == ""
        with django_capture_on_commit_callbacks(execute=True):
            ActivityNotice.objects.create(
                activity=weekly,
                kind="moved",
                start_date=date(2027, 3, 1),
                end_date=date(2027, 3, 1),
                message_fr="À la bibliothèque",
            )
        assert "À la bibliothèque" in status_text(client, weekly.url)
