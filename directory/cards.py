"""What a result card says of a place beyond its name and where: the kind of place, its notices,
how to get in, the children's ages, open today or when next, the room of a session under way
(directory.live_room) and its next session, read from the search's hit:
its public record (directory.records) and next session (`PlaceHit`, whichever engine answered)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from directory.live_room import LiveRoom
from directory.notice_records import Notice
from directory.opening import OpeningStatus, opening_status
from directory.place_record import PlaceRecord
from objectives.getting_in import how_to_get_in, says_free

if TYPE_CHECKING:
    from directory.search.index import PlaceHit


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
    # What the place tells families for a while (directory.notice_records.Notice), announced today.
    notices: tuple[Notice, ...] = ()
    # What the team says of the room of a session under way or ahead today, while it lasts.
    live_room: LiveRoom | None = None
    # How meetings go, in short (directory.meeting_terms): waiting time, weekend, interview.
    meetings: tuple[str, ...] = ()


def place_facts(record: PlaceRecord, next_session: NextSession | None = None) -> CardFacts:
    now = timezone.localtime(timezone=record.time_zone)
    return CardFacts(
        kind=", ".join(programme.name for programme in record.programmes),
        access=how_to_get_in(record.access_modes, free=record.free),
        access_says_free=says_free(record.access_modes, record.free),
        ages=record.ages_text,
        opening=opening_status(record.opening_hours, record.closures, now),
        next_session=next_session,
        notices=record.announced_notices,
        live_room=record.live_room,
        meetings=record.meetings.card_lines,
    )


def next_session_of(hit: PlaceHit) -> NextSession | None:
    item = hit.next_session
    if item is None:
        return None
    return NextSession(item["title"], item["url"], datetime.fromisoformat(item["start"]))


def card_facts(hits: list[PlaceHit]) -> dict[int, CardFacts]:
    """Each place's facts by id, from its hit: no query."""
    return {hit.id: place_facts(hit.record, next_session_of(hit)) for hit in hits}
