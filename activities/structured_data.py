"""schema.org Event JSON-LD for activity pages. A discreet place is located by its commune
alone, as everywhere else."""

from __future__ import annotations

from django.utils import timezone

from activities.choices import Ends, Repeat, SessionStatus
from activities.models import ActivityPage, Occurrence
from activities.recurrence import ICAL_WEEKDAYS
from core.fees import FeeKind
from core.text import plain_text
from directory.live_room import LiveRoom, RoomState
from directory.models import PlacePage
from directory.records import place_records
from directory.structured_data import (
    parent_audience_json_ld,
    place_location_json_ld,
    web_page_json_ld,
)

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# A live room's state as schema.org's ItemAvailability.
ROOM_AVAILABILITY = {
    RoomState.FREE: "InStock",
    RoomState.ALMOST_FULL: "LimitedAvailability",
    RoomState.FULL: "SoldOut",
}


# A session's public status (`Occurrence.public_status`) as schema.org's EventStatusType.
EVENT_STATUS = {
    SessionStatus.SCHEDULED: "https://schema.org/EventScheduled",
    SessionStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
    SessionStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def session_dates(occurrence: Occurrence, tz) -> dict:
    """A session's dates and status; a moved one's `previousStartDate`."""
    data = {
        "startDate": timezone.localtime(occurrence.start, tz).isoformat(),
        "endDate": timezone.localtime(occurrence.end, tz).isoformat(),
        "eventStatus": EVENT_STATUS[occurrence.public_status],
    }
    if occurrence.public_status == SessionStatus.RESCHEDULED:
        data["previousStartDate"] = timezone.localtime(occurrence.previous_start, tz).isoformat()
    return data


def sub_events(activity: ActivityPage, event_id: str, sessions: list[Occurrence], tz) -> list:
    """A cycle's sessions, each an Event of the series (`superEvent`), numbered."""
    total = len(sessions)
    return [
        {
            "@type": "Event",
            "name": f"{activity.title} ({number}/{total})",
            "superEvent": {"@id": event_id},
            **session_dates(session, tz),
        }
        for number, session in enumerate(sessions, start=1)
    ]


def _iso_duration(minutes: int) -> str:
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")


def _schedule(activity: ActivityPage, place: PlacePage) -> dict:
    schedule = activity.schedule(place.time_zone)
    start, end = schedule.session_at(activity.start_date)
    data = {
        "@type": "Schedule",
        "startDate": activity.start_date.isoformat(),
        "startTime": start.strftime("%H:%M"),
        "endTime": end.strftime("%H:%M"),
        "duration": _iso_duration(activity.duration_minutes),
        "scheduleTimezone": str(place.time_zone),
    }
    if activity.repeat == Repeat.WEEKLY:
        data["repeatFrequency"] = f"P{activity.interval}W"
        days = schedule.weekdays or (activity.start_date.weekday(),)
        data["byDay"] = [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in days]
    elif activity.repeat == Repeat.MONTHLY:
        data["repeatFrequency"] = f"P{activity.interval}M"
        weekday = activity.month_weekday or 0
        data["byDay"] = f"{activity.month_week}{ICAL_WEEKDAYS[weekday]}"
        data["byMonthWeek"] = activity.month_week
    if activity.ends == Ends.UNTIL and activity.until:
        data["endDate"] = activity.until.isoformat()
    elif activity.ends == Ends.COUNT and activity.count:
        data["repeatCount"] = activity.count
    if schedule.excluded:
        data["exceptDate"] = [day.isoformat() for day in sorted(schedule.excluded)]
    return data


def event_json_ld(
    activity: ActivityPage,
    place: PlacePage,
    request,
    next_session: Occurrence | None,
    remaining: int | None,
    live_room: LiveRoom | None = None,
    cycle: list[Occurrence] | None = None,
) -> dict:
    """The activity as a schema.org Event, its next session's dates; what the team of a
    drop-in session says of its room, while it lasts, gives the offer's availability and, when
    they said a number, `remainingAttendeeCapacity`. A cycle's sessions are its `subEvent`s."""
    url = activity.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"{url}#event",
        "name": activity.title,
        "url": activity.get_full_url(request),
        "description": plain_text(activity.description),
        "mainEntityOfPage": web_page_json_ld(activity, request),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventSchedule": _schedule(activity, place),
        "location": place_location_json_ld(place_records([place.pk])[0]),
        "organizer": {
            "@type": "Organization",
            "name": place.title,
            "url": place.get_full_url(request),
        },
        "audience": parent_audience_json_ld(activity.age_min_months, activity.age_max_months),
    }
    languages = [language.code for language in activity.languages.all()]
    if languages:
        data["inLanguage"] = languages
    tz = place.time_zone
    if next_session is not None:
        data.update(session_dates(next_session, tz))
    if cycle:
        data["subEvent"] = sub_events(activity, data["@id"], cycle, tz)
    offer = {
        "@type": "Offer",
        "url": activity.get_full_url(request),
        "description": activity.fee_text,
    }
    free = activity.fee_kind == FeeKind.FREE
    if free or (activity.fee_kind == FeeKind.PAID and activity.fee_amount is not None):
        offer["price"] = "0" if free else str(activity.fee_amount)
        offer["priceCurrency"] = "EUR"
    if live_room is not None and live_room.places_left is not None:
        remaining = live_room.places_left
    if remaining is not None:
        availability = "InStock" if remaining > 0 else "SoldOut"
        offer["availability"] = f"https://schema.org/{availability}"
    if live_room is not None:
        offer["availability"] = f"https://schema.org/{ROOM_AVAILABILITY[live_room.state]}"
    data["offers"] = offer
    data["isAccessibleForFree"] = free
    if activity.capacity:
        data["maximumAttendeeCapacity"] = activity.capacity
    if remaining is not None and (activity.capacity or live_room is not None):
        data["remainingAttendeeCapacity"] = remaining
    return data
