"""Kept public responses and the live room: a tap makes every kept answer showing the place or
the session fresh at once (`RoomReport` is shown publicly), and an answer that shows a room is
kept no longer than its session's end (core.kept.shown_until), so that the room never outlives
the session, even kept."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from activities.live_room import report
from activities.models import Occurrence
from core import kept
from directory.live_room import RoomState
from tests.factories import passerelle_morning, publish

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
TAPPED = datetime(2027, 3, 3, 10, 40, tzinfo=BRUSSELS)
ENDS = datetime(2027, 3, 3, 11, 30, tzinfo=BRUSSELS)


@pytest.fixture
def session(place):
    with time_machine.travel(TAPPED, tick=False) as clock:
        activity = passerelle_morning(publish(place), weekdays="2")
        yield clock, Occurrence.objects.get(activity=activity, date=date(2027, 3, 3))


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/"):
        return json.dumps(response.json(), ensure_ascii=False)
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


URLS = ("/lieux/", "/api/v1/places/", "/api/v1/places.geojson", "/api/v1/activities/")


def test_a_tap_makes_kept_answers_fresh(
    keeping, client, session, place, django_capture_on_commit_callbacks
):
    _clock, occurrence = session
    urls = (place.url, occurrence.activity.url, *URLS)
    for url in urls:
        assert "Complet" not in text(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        report(occurrence, RoomState.FULL)
    for url in urls:
        assert "Complet — signalé à 10:40" in text(client, url), url


def test_an_answer_showing_a_room_is_kept_no_longer_than_its_session(
    keeping, client, session, place, django_capture_on_commit_callbacks
):
    clock, occurrence = session
    with django_capture_on_commit_callbacks(execute=True):
        report(occurrence, RoomState.FULL)
    clock.move_to(ENDS - timedelta(seconds=30))
    kept.new_generation()
    for url in (place.url, *URLS):
        assert "Complet — signalé à 10:40" in text(client, url)
    # No announcement: time alone ends the session (KEPT_RESPONSES_SECONDS is 60).
    clock.move_to(ENDS + timedelta(seconds=1))
    for url in (place.url, *URLS):
        assert "Complet" not in text(client, url), url


def test_a_moment_passed_keeps_nothing_and_none_keeps_as_long_as_set(keeping, settings):
    now = datetime.now(tz=BRUSSELS)
    assert kept._keeping_seconds([]) == settings.KEPT_RESPONSES_SECONDS
    assert kept._keeping_seconds([now + timedelta(seconds=20), now + timedelta(hours=1)]) in (
        19,
        20,
    )
    assert kept._keeping_seconds([now - timedelta(seconds=1)]) == 0
