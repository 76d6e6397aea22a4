"""The live room: a team's tap on a drop-in session is a public fact with its time on every
surface (place page, cards, map, session cards and programme, APIs, JSON-LD) while the session
lasts, and gone everywhere after its end; each tap is kept (who, when)."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command

from activities.live_room import places_live_rooms, report, reported_sessions, with_live_rooms
from activities.models import Occurrence, RoomReport
from directory.live_room import RoomState
from directory.records import place_records
from directory.search.documents import record_document, record_from_document
from tests.factories import passerelle_morning, publish
from tests.map_features import map_features

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
# Wednesday 3 March 2027: the passerelle morning runs 09:30–11:30; the team taps at 10:40.
TAPPED = datetime(2027, 3, 3, 10, 40, tzinfo=BRUSSELS)
ENDS = datetime(2027, 3, 3, 11, 30, tzinfo=BRUSSELS)
FULL_AT_10_40 = "Complet — signalé à 10:40"


@pytest.fixture
def clock():
    with time_machine.travel(TAPPED, tick=False) as traveller:
        yield traveller


@pytest.fixture
def live_place(place):
    return publish(place)


@pytest.fixture
def session(clock, live_place):
    activity = passerelle_morning(live_place, weekdays="2")
    return Occurrence.objects.get(activity=activity, date=date(2027, 3, 3))


@pytest.fixture
def full(session):
    report(session, RoomState.FULL)
    return session


def text_of(client, url, selector="main") -> str:
    response = client.get(url)
    assert response.status_code == 200
    found = BeautifulSoup(response.content, "html.parser").select(selector)
    return " ".join(" ".join(element.get_text(" ").split()) for element in found)


def test_each_tap_is_kept_and_the_last_one_is_the_state(session, django_user_model):
    someone = django_user_model.objects.create_user("accueil", password="x")
    report(session, RoomState.FREE, 6, user=someone)
    report(session, RoomState.ALMOST_FULL, 2, by_team_link=True)
    rows = list(RoomReport.objects.filter(occurrence=session))
    assert [(r.state, r.places_left, r.reporter) for r in rows] == [
        ("free", 6, "accueil"),
        ("almost_full", 2, "lien d'équipe"),
    ]
    (room,) = places_live_rooms([session.place_id], datetime.now(tz=BRUSSELS))[session.place_id]
    assert (room.state, room.places_left, room.session_id) == ("almost_full", 2, session.pk)
    (record,) = place_records([session.place_id])
    assert record.live_room.text == "Presque complet (2) — signalé à 10:40"


def test_the_team_reports_on_today_s_drop_in_sessions_not_over(session, clock, live_place):
    assert reported_sessions(live_place) == [session]
    clock.move_to(ENDS + timedelta(minutes=1))
    assert reported_sessions(live_place) == []


def test_the_state_shows_on_the_place_page(client, full, live_place):
    assert f"Il reste de la place ? {FULL_AT_10_40}" in text_of(client, live_place.url)


def test_the_state_shows_on_the_cards_and_the_map(client, full):
    assert FULL_AT_10_40 in text_of(client, "/lieux/", ".place-card")
    (point,) = map_features(client.get("/lieux/"))  # the popups' data
    assert point["live_room"] == FULL_AT_10_40
    geojson = client.get("/api/v1/places.geojson").json()
    (feature,) = geojson["features"]
    assert feature["properties"]["live_room"]["text"] == FULL_AT_10_40


def test_the_state_shows_on_the_session_cards_and_the_programme(client, full, live_place):
    activity = full.activity
    assert FULL_AT_10_40 in text_of(client, activity.url, f'[data-occurrence-id="{full.pk}"]')
    results = "/lieux/?view=activities&when=week"
    assert FULL_AT_10_40 in text_of(client, results, f'[data-occurrence-id="{full.pk}"]')
    assert FULL_AT_10_40 in text_of(client, "/programme/?when=week", ".programme__session")


def test_the_state_in_the_apis(client, full, live_place):
    (place,) = client.get("/api/v1/places/").json()["results"]
    assert place["live_room"] | {"reported_at": ""} == {
        "session_id": full.pk,
        "state": "full",
        "label": "Complet",
        "text": FULL_AT_10_40,
        "places_left": None,
        "reported_at": "",
        "session_end": "2027-03-03T11:30:00+01:00",
    }
    assert place["live_room"]["reported_at"] == "2027-03-03T10:40:00+01:00"
    detail = client.get(f"/api/v1/places/{live_place.pk}/").json()
    assert [room["state"] for room in detail["live_rooms"]] == ["full"]
    sessions = client.get("/api/v1/activities/").json()["results"]
    by_id = {session["id"]: session for session in sessions}
    assert by_id[full.pk]["live_room"]["text"] == FULL_AT_10_40
    assert all(s["live_room"] is None for s in sessions if s["id"] != full.pk)


def test_a_number_left_is_the_event_s_remaining_attendee_capacity(client, session):
    report(session, RoomState.ALMOST_FULL, 3)
    response = client.get(session.activity.url)
    script = BeautifulSoup(response.content, "html.parser").find(
        "script", type="application/ld+json"
    )
    event = json.loads(script.string)
    assert event["remainingAttendeeCapacity"] == 3
    assert event["offers"]["availability"] == "https://schema.org/LimitedAvailability"


def test_after_the_session_s_end_the_state_is_gone_everywhere(client, clock, full, live_place):
    clock.move_to(ENDS - timedelta(minutes=1))
    (record,) = place_records([live_place.pk])
    document = record_document(record)
    assert FULL_AT_10_40 in text_of(client, live_place.url)

    clock.move_to(ENDS + timedelta(seconds=1))
    # The record built before the end (a cluster document, a record held a while) says nothing.
    assert record.live_room is None
    assert record_from_document(document).live_rooms == ()
    assert place_records([live_place.pk])[0].live_rooms == ()
    assert with_live_rooms([full])[0].live_room is None
    assert "Complet" not in text_of(client, live_place.url)
    assert "Complet" not in text_of(client, "/lieux/", ".place-card")
    assert client.get("/api/v1/places/").json()["results"][0]["live_room"] is None
    assert client.get(f"/api/v1/places/{live_place.pk}/").json()["live_rooms"] == []
    assert RoomReport.objects.filter(occurrence=full).exists()  # the log stays


def test_a_cancelled_session_shows_no_state(full, live_place):
    Occurrence.objects.filter(pk=full.pk).update(is_cancelled=True)
    assert place_records([live_place.pk])[0].live_room is None


def test_the_document_carries_the_state_and_reads_it_back(full, live_place):
    (record,) = place_records([live_place.pk])
    document = json.loads(json.dumps(record_document(record)))
    assert record_from_document(document) == record
    assert record_from_document(document).live_room.text == FULL_AT_10_40


def test_reports_of_sessions_ended_past_the_retention_are_purged(full, clock, settings):
    settings.ACTIVITIES = {**settings.ACTIVITIES, "retention_days": 30}
    clock.move_to(ENDS + timedelta(days=29))
    call_command("purge_room_reports", stdout=open("/dev/null", "w"))
    assert RoomReport.objects.filter(occurrence=full).count() == 1
    clock.move_to(ENDS + timedelta(days=31))
    call_command("purge_room_reports", stdout=open("/dev/null", "w"))
    assert not RoomReport.objects.filter(occurrence=full).exists()
