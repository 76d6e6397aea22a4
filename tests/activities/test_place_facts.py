"""The sessions' outputs say of a place what its public record says (directory.records): the
.ics LOCATION, the PDF programme's places, the sessions' place summary; a discreet place is
its commune alone, and every output names a translated place as its page does."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from icalendar import Calendar

from activities.calendars import location_of
from activities.models import Occurrence
from activities.search.index import session_hits
from core.search.query import SearchQuery
from tests.factories import ActivityPageFactory, PlacePageFactory, publish
from tests.search_world import translate

pytestmark = pytest.mark.django_db


def event_locations(client, url: str) -> set[str]:
    calendar = Calendar.from_ical(client.get(url).content)
    return {str(event["LOCATION"]) for event in calendar.walk("VEVENT")}


def session_at(place, title: str = "Matinée passerelle"):
    return publish(
        ActivityPageFactory(
            parent=place,
            title=title,
            start_date=date(2027, 3, 1),
            start_time=time(9, 30),
            weekdays="0",
        )
    )


def test_a_feeds_location_is_the_places_public_address(clock, client, place, discreet_place):
    activity = session_at(place)
    hidden = session_at(discreet_place, "Goûter des familles")
    where = f"La Maison des Petits Pas, {place.street_address}, 4000 Liège"
    assert event_locations(client, activity.url + "calendar.ics") == {where}
    assert event_locations(client, place.url + "calendar.ics") == {where}
    occurrence = Occurrence.objects.filter(activity=hidden).first()
    assert event_locations(client, occurrence.calendar_url) == {
        "Espace de rencontre Le Passage, Liège"
    }


def test_a_translated_place_is_named_alike_in_its_feed_and_its_sessions(clock, place):
    activity = session_at(place)
    translate(place, "nl", "Het Huis van de Kleine Stapjes", "<p>Een speelhoek.</p>")
    ids = list(Occurrence.objects.filter(activity=activity).values_list("pk", flat=True)[:1])
    with translation.override("nl"):
        (hit,) = session_hits(ids, SearchQuery.of())
        where = location_of(place.pk)
    assert hit.place.name == "Het Huis van de Kleine Stapjes"
    assert hit.place.commune == "Luik"
    assert where == f"Het Huis van de Kleine Stapjes, {place.street_address}, 4000 Luik"


def test_a_searchs_feed_reads_its_places_once(clock, client, commune):
    def queries_and_places() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/activities/calendar.ics")
        calendar = Calendar.from_ical(response.content)
        return len(captured), len({str(e["LOCATION"]) for e in calendar.walk("VEVENT")})

    for n in range(2):
        session_at(PlacePageFactory(title=f"Lieu {n}", commune=commune))
    queries_and_places()
    two, places = queries_and_places()
    assert places == 2
    for n in range(2, 6):
        session_at(PlacePageFactory(title=f"Lieu {n}", commune=commune))
    assert queries_and_places() == (two, 6)
