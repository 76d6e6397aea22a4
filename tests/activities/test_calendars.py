"""The iCalendar feeds parse with `icalendar` and expand (with `recurring-ical-events`) to exactly
the sessions the site shows, cancelled ones marked as cancelled."""

from datetime import UTC, date, datetime, time

import pytest
import recurring_ical_events
from icalendar import Calendar

from activities.choices import Ends, Repeat
from activities.models import ActivityAddedDate, ActivityExcludedDate, Occurrence
from activities.occurrences import cancel_occurrence
from directory.models import ClosurePeriod
from tests.discreet import secrets_in
from tests.factories import ActivityPageFactory, publish

pytestmark = pytest.mark.django_db

WINDOW = (date(2027, 3, 1), date(2027, 8, 31))  # the site's sessions: 1 March + 183 days


@pytest.fixture
def weekly(clock, place):
    activity = ActivityPageFactory(
        parent=place,
        title="Matinée passerelle",
        start_date=date(2027, 3, 1),
        start_time=time(9, 30),
        duration_minutes=90,
        weekdays="0,3",
    )
    activity.excluded_dates.add(ActivityExcludedDate(date=date(2027, 3, 8)))
    activity.added_dates.add(ActivityAddedDate(date=date(2027, 3, 10)))
    publish(activity)
    cancel_occurrence(
        Occurrence.objects.get(activity=activity, date=date(2027, 3, 15)), "Animatrice malade"
    )
    place.closures.add(
        ClosurePeriod(start_date=date(2027, 4, 5), end_date=date(2027, 4, 9), reason="Pâques")
    )
    publish(place)
    return activity


@pytest.fixture
def monthly(clock, place):
    return publish(
        ActivityPageFactory(
            parent=place,
            title="Atelier cuisine des parents",
            start_date=date(2027, 3, 1),
            start_time=time(14, 0),
            duration_minutes=120,
            repeat=Repeat.MONTHLY,
            month_week=-1,
            month_weekday=4,
            weekdays="",
            ends=Ends.COUNT,
            count=4,
        )
    )


def feed(client, url) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def closures(calendar: Calendar) -> list:
    """A place feed's closures: all-day events that leave the time free."""
    return [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("fermeture-")]


def expanded(calendar: Calendar) -> list[tuple[str, datetime, datetime, str]]:
    events = recurring_ical_events.of(calendar).between(*WINDOW)
    return sorted(
        (
            str(event["SUMMARY"]).removeprefix("Annulé : "),
            event["DTSTART"].dt.astimezone(UTC),
            event["DTEND"].dt.astimezone(UTC),
            str(event.get("STATUS")),
        )
        for event in events
        if not str(event["UID"]).startswith("fermeture-")
    )


def shown_by_site(*activities) -> list[tuple[str, datetime, datetime, str]]:
    return sorted(
        (
            o.activity.title,
            o.start,
            o.end,
            "CANCELLED" if o.is_cancelled else "CONFIRMED",
        )
        for o in Occurrence.objects.filter(activity__in=activities).select_related("activity")
        if WINDOW[0] <= o.date < WINDOW[1]
    )


def test_activity_feed_is_one_series_with_rule_exceptions_and_time_zone(client, weekly):
    calendar = feed(client, weekly.url + "calendar.ics")
    series = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]
    assert len(series) == 1
    event = series[0]
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO,TH;WKST=MO"
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert event["DTSTART"].dt == datetime(2027, 3, 1, 9, 30, tzinfo=event["DTSTART"].dt.tzinfo)
    exdates = [d.dt for exdate in [event["EXDATE"]] for d in exdate.dts]
    assert [d.date() for d in exdates] == [date(2027, 3, 8)]
    rdates = [d.dt for d in event["RDATE"].dts]
    assert [d.date() for d in rdates] == [date(2027, 3, 10)]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    cancelled = [e for e in calendar.walk("VEVENT") if e.get("STATUS") == "CANCELLED"]
    assert sorted(e["RECURRENCE-ID"].dt.date() for e in cancelled) == [
        date(2027, 3, 15),
        date(2027, 4, 5),
        date(2027, 4, 8),
    ]
    assert {e["UID"] for e in calendar.walk("VEVENT")} == {event["UID"]}


def test_activity_feed_expands_to_the_sessions_the_site_shows(client, weekly):
    sessions = expanded(feed(client, weekly.url + "calendar.ics"))
    assert sessions == shown_by_site(weekly)
    assert len(sessions) == 27 + 26 - 1 + 1  # Mondays, Thursdays, less one, plus one
    assert sum(status == "CANCELLED" for *_rest, status in sessions) == 3


def test_feed_keeps_local_time_across_the_change(client, weekly):
    starts = {
        start.date(): start
        for _t, start, _e, _s in expanded(feed(client, weekly.url + "calendar.ics"))
    }
    assert starts[date(2027, 3, 25)].time() == time(8, 30)  # 09:30 CET
    assert starts[date(2027, 3, 29)].time() == time(7, 30)  # 09:30 CEST


def test_place_feed_holds_every_activity(client, place, weekly, monthly):
    calendar = feed(client, place.url + "calendar.ics")
    sessions = expanded(calendar)
    assert sessions == shown_by_site(weekly, monthly)
    assert [s for s in sessions if s[0] == monthly.title][-1][1] == datetime(
        2027, 6, 25, 12, 0, tzinfo=UTC
    )  # the fourth and last "last Friday", at 14:00 CEST


def test_place_feed_says_the_closures_to_come_as_free_all_day_events(client, place, weekly):
    ClosurePeriod.objects.create(
        place=place, start_date=date(2027, 2, 1), end_date=date(2027, 2, 5), reason="Passé"
    )
    calendar = feed(client, place.url + "calendar.ics")
    (closure,) = closures(calendar)
    assert str(closure["SUMMARY"]) == "Lieu fermé (Pâques)"
    assert (closure["DTSTART"].dt, closure["DTEND"].dt) == (date(2027, 4, 5), date(2027, 4, 10))
    assert closure["TRANSP"] == "TRANSPARENT"
    assert str(closure["LOCATION"]).startswith(place.title)
    # Its sessions inside are cancelled in their own series, as in the activity's feed.
    cancelled = {
        e["RECURRENCE-ID"].dt.date()
        for e in calendar.walk("VEVENT")
        if e.get("STATUS") == "CANCELLED"
    }
    assert {date(2027, 4, 5), date(2027, 4, 8)} <= cancelled
    assert closures(feed(client, weekly.url + "calendar.ics")) == []


def test_single_session_feed_for_add_to_my_calendar(client, weekly):
    occurrence = Occurrence.objects.get(activity=weekly, date=date(2027, 3, 22))
    calendar = feed(client, occurrence.calendar_url)
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].dt.astimezone(UTC) == occurrence.start
    assert event["STATUS"] == "CONFIRMED"
    cancelled = Occurrence.objects.get(activity=weekly, date=date(2027, 3, 15))
    (event,) = feed(client, cancelled.calendar_url).walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert "Animatrice malade" in event["DESCRIPTION"]


def test_the_page_links_to_the_feeds(client, weekly):
    html = client.get(weekly.url).content.decode()
    assert weekly.url + "calendar.ics" in html
    occurrence = Occurrence.objects.get(activity=weekly, date=date(2027, 3, 22))
    assert occurrence.calendar_url in html


def test_discreet_place_feed_names_only_the_commune(clock, client, discreet_place):
    activity = publish(ActivityPageFactory(parent=discreet_place, start_date=date(2027, 3, 1)))
    for url in (discreet_place.url + "calendar.ics", activity.url + "calendar.ics"):
        body = client.get(url).content.decode()
        assert secrets_in(body) == []
        assert "Liège" in body


def test_unpublished_activity_has_no_feed(client, weekly):
    weekly.unpublish()
    assert client.get(weekly.url + "calendar.ics").status_code == 404


def test_a_subscribed_feed_says_its_name_refresh_interval_and_source(client, weekly, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://rencontres.example.org"
    for url, name in (
        (weekly.url, weekly.title),
        (weekly.get_parent().url, weekly.get_parent().title),
    ):
        text = client.get(url + "calendar.ics").content.decode().replace("\r\n ", "")
        calendar = Calendar.from_ical(text)
        assert str(calendar["NAME"]) == name
        assert "REFRESH-INTERVAL;VALUE=DURATION:PT4H\r\n" in text
        assert f"SOURCE;VALUE=URI:https://rencontres.example.org{url}calendar.ics\r\n" in text
