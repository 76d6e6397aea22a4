"""What a result card says of a place beyond its name and where: the kind of place, how to get in,
the children's ages, open today or when next, and its next session (from the layers above,
through the `places_api_next_activity` hook), read from its public record (directory.records)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from wagtail import hooks

from directory.extensions import PLACES_API_NEXT_ACTIVITY
from directory.opening import OpeningStatus, opening_status
from directory.records import PlaceRecord
from objectives.access import how_to_get_in, says_free


@dataclass(frozen=True)
class NextSession:
    title: str
    url: str
    start: datetime


@dataclass(frozen=True)
class CardFacts:
    kind: str
    access: str
    # The access sentence already says coming is free: no fee line.
    access_says_free: bool
    ages: str
    opening: OpeningStatus | None
    next_session: NextSession | None


def next_sessions(place_ids: list[int]) -> dict[int, NextSession]:
    found: dict[int, NextSession] = {}
    for next_activities in hooks.get_hooks(PLACES_API_NEXT_ACTIVITY):
        for place_id, item in next_activities(place_ids).items():
            start = datetime.fromisoformat(item["start"])
            found[place_id] = NextSession(item["title"], item["url"], start)
    return found


def place_facts(record: PlaceRecord, next_session: NextSession | None = None) -> CardFacts:
    now = timezone.localtime(timezone=record.time_zone)
    return CardFacts(
        kind=", ".join(programme.name for programme in record.programmes),
        access=how_to_get_in(record.access_mode, free=record.free),
        access_says_free=says_free(record.access_mode, record.free),
        ages=record.ages_text,
        opening=opening_status(record.opening_hours, record.closures, now),
        next_session=next_session,
    )


def card_facts(records: list[PlaceRecord]) -> dict[int, CardFacts]:
    """Each place's facts by id, from its record, with the next sessions in two queries
    whatever the number of places."""
    sessions = next_sessions([record.id for record in records])
    return {record.id: place_facts(record, sessions.get(record.id)) for record in records}
