"""iCalendar feeds (RFC 5545) of an activity, a place, a search, and a single session.

An activity is one VEVENT carrying the schedule itself (RRULE, EXDATE, RDATE, with TZID and a
VTIMEZONE), so that a calendar application keeps following it; each cancelled session is an
override of that series (same UID, RECURRENCE-ID) with STATUS:CANCELLED. Expanded by any
calendar, the feed gives the sessions the site shows, cancelled ones marked as cancelled.

A search's feed lists its sessions one by one (a search is a set of sessions, not a series).
A place's feed adds its closures to come, from its public record, as all-day events that leave
the time free.

Only what the public may see goes in: a discreet place appears as its commune.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur, vText

from activities.cycles import cycle_sessions
from activities.models import ActivityPage, Occurrence
from core.absolute import absolute_url
from core.text import plain_text, single_line
from directory.models import PlacePage
from directory.place_record import Closure, PlaceRecord
from directory.records import place_records

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Rencontres//Activités//FR"
# How far the VTIMEZONE's transitions reach: calendars need them for every session they show.
TIME_ZONE_YEARS_AHEAD = 15


def _domain() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "rencontres"


def activity_uid(activity: ActivityPage) -> str:
    return f"activite-{activity.pk}@{_domain()}"


def occurrence_uid(occurrence: Occurrence) -> str:
    return f"seance-{occurrence.pk}@{_domain()}"


def location_text(record: PlaceRecord) -> str:
    """LOCATION: the place and what the public may know of its address, from its public record
    (no street address nor postcode for a discreet place), named as the programme and the cards
    name it in the record's language."""
    parts = [
        single_line(record.name),
        single_line(record.street_address or ""),
        f"{record.postcode or ''} {record.commune.name}",
    ]
    return ", ".join(part.strip() for part in parts if part.strip())


def location_of(place_id: int) -> str:
    """The place's LOCATION, from its record (a feed of many places has its hits' records)."""
    (record,) = place_records([place_id])
    return location_text(record)


def _calendar(name: str, method: str = "PUBLISH") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", single_line(name))
    # RFC 7986's own name, beside the older X-WR-CALNAME that some applications read alone.
    calendar.add("name", single_line(name))
    return calendar


# How often a subscribed calendar should ask again: a session cancelled in the morning should
# reach the family's phone before the afternoon's session.
REFRESH_INTERVAL = timedelta(hours=4)


def _feed(name: str, request) -> Calendar:
    """A calendar one subscribes to (RFC 7986): its name, how often to refresh it, and the
    address it comes from, from RENCONTRES_BASE_URL."""
    calendar = _calendar(name)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("source", absolute_url(request.get_full_path()), parameters={"VALUE": "URI"})
    return calendar


def _finish(calendar: Calendar, first_day: date | None) -> bytes:
    start = (first_day or timezone.localdate()).replace(month=1, day=1) - timedelta(days=366)
    end = timezone.localdate().replace(month=1, day=1)
    end = end.replace(year=end.year + TIME_ZONE_YEARS_AHEAD)
    calendar.add_missing_timezones(first_date=start, last_date=end)
    return calendar.to_ical()


def _describe(activity: ActivityPage, request) -> str:
    text = plain_text(activity.description)
    link = activity.get_full_url(request)
    return f"{text}\n\n{link}" if text else link


def _event_base(activity: ActivityPage, location: str, request) -> Event:
    event = Event()
    event.add("summary", single_line(activity.title))
    event.add("description", _describe(activity, request))
    event.add("location", location)
    event.add("url", activity.get_full_url(request))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", activity.last_published_at or timezone.now())
    return event


def activity_events(
    activity: ActivityPage,
    place: PlacePage,
    occurrences: Iterable[Occurrence],
    request,
    location: str,
) -> list[Event]:
    """The series (one VEVENT) and an override per cancelled session, at `location` (the
    place's, `location_of`)."""
    schedule = activity.schedule(place.time_zone)
    stored = list(occurrences)
    rule_first = schedule.first_rule_start()
    # Sessions kept only because families had registered, though no longer in the schedule,
    # join the series so that their cancellation can be marked on them.
    withdrawn = {o.date for o in stored if o.withdrawn}
    extra = {
        day
        for day in schedule.added | withdrawn
        # A day the rule gives already is kept by leaving it out of EXDATE, not by an RDATE.
        if rule_first is None or not schedule.rule_starts(day, day)
    }
    if rule_first is None and not extra:
        return []
    series = _event_base(activity, location, request)
    series.add("uid", activity_uid(activity))
    first_day = rule_first.date() if rule_first is not None else min(extra)
    start, end = schedule.session_at(first_day)
    series.add("dtstart", start)
    series.add("dtend", end)
    series.add("status", "CONFIRMED")
    # Any change families were told of raises the series' sequence too: the new time of a
    # moved series replaces the old one in the calendars that follow the feed.
    series.add("sequence", max((o.sequence for o in stored), default=0))
    if rule_first is not None and schedule.rrule_text():
        series.add("rrule", vRecur.from_ical(schedule.rrule_text()))
    rdates = sorted(extra - {first_day})
    if rdates:
        series.add("rdate", [schedule.session_at(day)[0] for day in rdates])
    # EXDATE wins over RDATE in RFC 5545; an added or withdrawn day must not be excluded.
    exdates = sorted(schedule.excluded - withdrawn - schedule.added)
    if exdates:
        series.add("exdate", [schedule.session_at(day)[0] for day in exdates])
    events = [series]
    for occurrence in stored:
        if occurrence.is_cancelled:
            events.append(
                cancelled_override(activity, place, schedule, occurrence, request, location)
            )
        elif occurrence.rescheduled:
            events.append(
                moved_override(activity, place, schedule, occurrence, request, location_of)
            )
    return events


def moved_override(activity, place, schedule, occurrence: Occurrence, request, where) -> Event:
    """A session an organiser moved: the series' instance of its day, at its new time and
    place (`where`: a place's LOCATION by its id)."""
    tz = place.time_zone
    location = where(occurrence.place_id)
    event = _event_base(activity, location, request)
    event["description"] = moved_text(occurrence, None, "") + "\n\n" + str(event["description"])
    event.add("uid", activity_uid(activity))
    event.add("recurrence-id", schedule.session_at(occurrence.date)[0])
    event.add("dtstart", timezone.localtime(occurrence.start, tz))
    event.add("dtend", timezone.localtime(occurrence.end, tz))
    event.add("status", "CONFIRMED")
    event.add("sequence", occurrence.sequence)
    return event


def moved_text(occurrence: Occurrence, previous_start: datetime | None, previous_where: str) -> str:
    """« Séance déplacée. Avant : … » in the active language, for families and calendars."""
    before = previous_start or occurrence.previous_start
    if before is None:
        return ""
    when = formats.date_format(
        timezone.localtime(before, occurrence.place.time_zone), "l j F Y, H:i"
    )
    text = _("Séance déplacée. Avant : %(when)s.") % {"when": when}
    if previous_where:
        text += " " + _("Lieu d'avant : %(where)s.") % {"where": previous_where}
    return text


def cycle_relations(event: Event, occurrence: Occurrence, sessions: list[Occurrence]) -> None:
    """A session of a cycle names its series (RFC 5545 RELATED-TO, RELTYPE=PARENT: the
    activity's UID), and, as RFC 9253 says of a series, its first session and the next one."""
    event.add("related-to", activity_uid(occurrence.activity), parameters={"RELTYPE": "PARENT"})
    ids = [o.pk for o in sessions]
    if occurrence.pk not in ids:
        return
    index = ids.index(occurrence.pk)
    if index > 0:
        event.add("related-to", occurrence_uid(sessions[0]), parameters={"RELTYPE": "FIRST"})
    if index + 1 < len(ids):
        event.add("related-to", occurrence_uid(sessions[index + 1]), parameters={"RELTYPE": "NEXT"})


def cancelled_override(
    activity, place, schedule, occurrence: Occurrence, request, location: str
) -> Event:
    tz = place.time_zone
    event = _event_base(activity, location, request)
    event["summary"] = _("Annulé : %(title)s") % {"title": single_line(activity.title)}
    event["description"] = occurrence.cancellation_reason
    event.add("uid", activity_uid(activity))
    # The series' own instance that day (a past session may have had another time).
    event.add("recurrence-id", schedule.session_at(occurrence.date)[0])
    event.add("dtstart", timezone.localtime(occurrence.start, tz))
    event.add("dtend", timezone.localtime(occurrence.end, tz))
    event.add("status", "CANCELLED")
    event.add("sequence", occurrence.sequence)
    return event


def occurrence_event(
    occurrence: Occurrence, request, location: str, cycle: list[Occurrence] | None = None
) -> Event:
    """One session on its own (the "add to my calendar" link, a search's feed); `cycle` its
    cycle's sessions, when it is one's and they are at hand."""
    activity, place = occurrence.activity, occurrence.place
    tz = place.time_zone
    event = _event_base(activity, location, request)
    event.add("uid", occurrence_uid(occurrence))
    event.add("dtstart", timezone.localtime(occurrence.start, tz))
    event.add("dtend", timezone.localtime(occurrence.end, tz))
    event.add("sequence", occurrence.sequence)
    if occurrence.is_cancelled:
        event["summary"] = _("Annulé : %(title)s") % {"title": single_line(activity.title)}
        event.add("status", "CANCELLED")
        event["description"] = occurrence.cancellation_reason
    else:
        event.add("status", "CONFIRMED")
        if occurrence.rescheduled:
            event["description"] = vText(
                moved_text(occurrence, None, "") + "\n\n" + str(event["description"])
            )
    if activity.is_cycle:
        cycle_relations(event, occurrence, cycle or [])
    return event


def session_invitation(
    occurrence: Occurrence, previous_start: datetime | None = None, previous_where: str = ""
) -> bytes:
    """The single session as an e-mail attachment (RFC 5546): METHOD:CANCEL for a cancelled
    session, METHOD:REQUEST otherwise, with the session's stable UID and its SEQUENCE, so that a
    calendar application updates or removes the event it already holds. A moved session says
    where and when it was before (`previous_start`, `previous_where`: what families were told)."""
    cancelled = occurrence.is_cancelled
    calendar = _calendar(occurrence.activity.title, "CANCEL" if cancelled else "REQUEST")
    location = location_of(occurrence.place_id)
    cycle = list(cycle_sessions(occurrence.activity_id)) if occurrence.activity.is_cycle else None
    event = occurrence_event(occurrence, None, location, cycle)
    before = moved_text(occurrence, previous_start, previous_where)
    if before and not cancelled:
        event["description"] = vText(before + "\n\n" + _describe(occurrence.activity, None))
    # RFC 5546 asks an organiser of a REQUEST or CANCEL; the site speaks for the place.
    event.add("organizer", f"mailto:noreply@{_domain()}")
    calendar.add_component(event)
    return _finish(calendar, occurrence.date)


def _stored_occurrences(activities: Iterable[ActivityPage]) -> dict[int, list[Occurrence]]:
    found: dict[int, list[Occurrence]] = {}
    for occurrence in (
        Occurrence.objects.filter(activity__in=list(activities))
        .select_related("closure")
        .order_by("start")
    ):
        found.setdefault(occurrence.activity_id, []).append(occurrence)
    return found


def activity_feed(activity: ActivityPage, request) -> HttpResponse:
    place = activity.place
    calendar = _feed(activity.title, request)
    stored = _stored_occurrences([activity]).get(activity.pk, [])
    location = location_of(place.pk)
    for event in activity_events(activity, place, stored, request, location):
        calendar.add_component(event)
    return _response(_finish(calendar, activity.start_date), f"activite-{activity.pk}.ics")


def closure_event(record: PlaceRecord, closure: Closure) -> Event:
    """A closure of the place's record as an all-day event that leaves the time free
    (TRANSP:TRANSPARENT): "Lieu fermé (Pâques)". Its UID keeps to its place and first day, so
    that a closure lengthened or shortened replaces itself in the calendars that follow the
    feed. The sessions it covers are cancelled, each in its own series."""
    event = Event()
    event.add("uid", f"fermeture-{record.id}-{closure.start_date:%Y%m%d}@{_domain()}")
    event.add("summary", single_line(closure.label))
    event.add("dtstart", closure.start_date)
    event.add("dtend", closure.end_date + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("status", "CONFIRMED")
    event.add("location", location_text(record))
    if record.full_url:
        event.add("url", record.full_url)
    event.add("dtstamp", timezone.now())
    return event


def place_feed(place: PlacePage, request) -> HttpResponse:
    activities = list(
        ActivityPage.objects.child_of(place)
        .live()
        .public()
        .prefetch_related("excluded_dates", "added_dates")
        .order_by("pk")
    )
    stored = _stored_occurrences(activities)
    calendar = _feed(place.title, request)
    (record,) = place_records([place.pk])
    location = location_text(record)
    for activity in activities:
        found = stored.get(activity.pk, [])
        for event in activity_events(activity, place, found, request, location):
            calendar.add_component(event)
    # The place's closures to come, as its record has them.
    for closure in record.closures:
        calendar.add_component(closure_event(record, closure))
    first = min((a.start_date for a in activities), default=None)
    return _response(_finish(calendar, first), f"lieu-{place.pk}.ics")


def occurrences_feed(
    name: str,
    occurrences: list[Occurrence],
    records: Iterable[PlaceRecord],
    request,
    filename: str,
    cycle: list[Occurrence] | None = None,
):
    """The sessions, each at its place's LOCATION from `records` (those a search's hits read);
    `cycle` the sessions of the one cycle they belong to, when they are at hand."""
    calendar = _feed(name, request)
    where = {record.id: location_text(record) for record in records}
    for occurrence in occurrences:
        calendar.add_component(
            occurrence_event(occurrence, request, where[occurrence.place_id], cycle)
        )
    first = min((o.date for o in occurrences), default=None)
    return _response(_finish(calendar, first), filename)


def _response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
