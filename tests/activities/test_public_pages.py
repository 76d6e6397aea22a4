"""What families see: the activity page (with its schema.org Event), the place's and the
objective's upcoming sessions, in a fixed number of queries."""

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Occurrence
from activities.occurrences import cancel_occurrence
from tests.discreet import secrets_in
from tests.factories import ActivityPageFactory, objective, passerelle_morning, publish

pytestmark = pytest.mark.django_db


def json_ld(client, url) -> dict:
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)


@pytest.fixture
def weekly(clock, place):
    return passerelle_morning(
        place, duration_minutes=90, weekdays="0", capacity=10, registration_required=True
    )


def test_activity_page_carries_an_event(client, weekly):
    data = json_ld(client, weekly.url)
    assert data["@type"] == "Event"
    assert data["name"] == "Matinée passerelle"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    # For parents with their children of these ages, in years (the activity's 0–72 months).
    assert (weekly.age_min_months, weekly.age_max_months) == (0, 72)
    assert data["audience"] == {"@type": "ParentAudience", "childMinAge": 0, "childMaxAge": 6}
    assert "typicalAgeRange" not in data
    assert data["startDate"] == "2027-03-01T09:30:00+01:00"
    assert data["endDate"] == "2027-03-01T11:00:00+01:00"
    assert data["eventSchedule"] == {
        "@type": "Schedule",
        "startDate": "2027-03-01",
        "startTime": "09:30",
        "endTime": "11:00",
        "duration": "PT1H30M",
        "scheduleTimezone": "Europe/Brussels",
        "repeatFrequency": "P1W",
        "byDay": ["https://schema.org/Monday"],
    }
    assert data["location"]["address"]["streetAddress"].startswith("Rue des Tilleuls")
    assert data["location"]["geo"]["latitude"] == 50.64
    assert data["maximumAttendeeCapacity"] == 10
    assert data["remainingAttendeeCapacity"] == 10
    assert data["offers"]["price"] == "0"
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_event_says_when_the_next_session_is_cancelled(client, weekly):
    cancel_occurrence(Occurrence.objects.get(activity=weekly, date=date(2027, 3, 1)), "Grève")
    data = json_ld(client, weekly.url)
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["startDate"].startswith("2027-03-08")  # the next one that takes place
    for other in Occurrence.objects.filter(activity=weekly):
        cancel_occurrence(other, "Fin")
    assert json_ld(client, weekly.url)["eventStatus"] == "https://schema.org/EventCancelled"


def test_discreet_place_event_has_the_commune_only(clock, client, discreet_place):
    activity = publish(ActivityPageFactory(parent=discreet_place, start_date=date(2027, 3, 1)))
    data = json_ld(client, activity.url)
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Liège",
        "addressCountry": "BE",
    }
    assert "geo" not in data["location"]
    assert secrets_in(client.get(activity.url).content.decode()) == []


def test_place_page_lists_upcoming_sessions(client, place, weekly):
    cancel_occurrence(Occurrence.objects.get(activity=weekly, date=date(2027, 3, 8)), "Grève")
    soup = BeautifulSoup(client.get(place.url).content, "html.parser")
    sessions = soup.select(".session-list .session")
    assert len(sessions) == 12
    assert "lundi 1 mars 2027, 09:30 – 11:00" in sessions[0].get_text(" ", strip=True)
    assert "Matinée passerelle" in sessions[0].get_text()
    assert "session--cancelled" in sessions[1]["class"]
    assert "Grève" in sessions[1].get_text()
    assert soup.find("a", href=place.url + "calendar.ics")


def test_objective_page_lists_its_sessions(client, place, weekly):
    publish(ActivityPageFactory(parent=place, title="Yoga", start_date=date(2027, 3, 2)))
    soup = BeautifulSoup(client.get("/objectifs/passerelles/").content, "html.parser")
    titles = {s.select_one(".session__what a").get_text() for s in soup.select(".session")}
    assert titles == {"Matinée passerelle"}
    assert "La Maison des Petits Pas" in soup.select_one(".session__what").get_text()


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["place", "/objectifs/passerelles/", "activity"])
def test_session_lists_do_not_grow_with_sessions(clock, client, place, url):
    first = ActivityPageFactory(parent=place, start_date=date(2027, 3, 1), weekdays="0")
    first.objectives.set([objective("passerelles")])
    publish(first)
    target = {"place": place.url, "activity": first.url}.get(url, url)
    client.get(target)
    few = queries(client, target)
    for weekday in range(1, 5):
        other = ActivityPageFactory(
            parent=place, start_date=date(2027, 3, 1), weekdays=str(weekday)
        )
        other.objectives.set([objective("passerelles")])
        publish(other)
    first.weekdays = "0,1,2,3"
    publish(first)
    client.get(target)
    assert queries(client, target) == few
