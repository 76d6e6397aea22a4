"""The live room of drop-in sessions: which sessions a team reports on, a tap, the places'
rooms for their public records, and the team's signed link.

Which sessions: a place's sessions of today (in its time zone) that are not cancelled and not
over, of activities without registration (drop-in: a session with registration has its places
counted by the registrations). A place open drop-in without a published activity reports
nothing: its opening slots are hours, not sessions with a start and an end that the public
lists; its team publishes the drop-in as a recurring activity without registration, whose
sessions then carry the room.

The team's link: `TimestampSigner` with its own salt signs the place's id and its
`TeamLink.secret`; a new secret refuses every link signed before it. The link has no expiry of
its own (the place's team keeps it on a phone's home screen): the organisers revoke it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from activities.models import Occurrence, RoomReport, TeamLink
from directory.live_room import LiveRoom, current_rooms
from directory.models import PlacePage
from directory.search.index import place_records_changed

TEAM_LINK_SALT = "activities.live_room.team_link"


def reported_sessions(place: PlacePage, now: datetime | None = None) -> list[Occurrence]:
    """The place's sessions a team reports on now: today's, drop-in, not cancelled, not over;
    each with `room` (its last report, or None), in two queries."""
    now = now or timezone.now()
    tz = place.time_zone
    today = timezone.localtime(now, tz).date()
    day_start = timezone.make_aware(datetime.combine(today, time.min), tz)
    sessions = list(
        Occurrence.objects.filter(
            place=place,
            start__gte=day_start,
            start__lt=day_start + timedelta(days=1),
            end__gt=now,
            is_cancelled=False,
            activity__registration_required=False,
        )
        .select_related("activity", "place")
        .order_by("start", "pk")
    )
    last: dict[int, RoomReport] = {}
    for report in RoomReport.objects.filter(occurrence__in=sessions).select_related("reported_by"):
        last[report.occurrence_id] = report
    for session in sessions:
        session.room = last.get(session.pk)
    return sessions


def report(
    occurrence: Occurrence,
    state: str,
    places_left: int | None = None,
    *,
    user=None,
    by_team_link: bool = False,
    at: datetime | None = None,
) -> RoomReport:
    """A tap: kept as a row (the log), and the place's record changes, so that its search
    documents are rewritten and kept answers learn it (`RoomReport` is shown publicly). `at`,
    when the tap was made, is now but for the demo's taps (rencontres.demo.live_rooms)."""
    with transaction.atomic():
        row = RoomReport.objects.create(
            occurrence=occurrence,
            state=state,
            places_left=places_left,
            reported_at=at or timezone.now(),
            reported_by=user if user is not None and user.is_authenticated else None,
            by_team_link=by_team_link,
        )
        place_records_changed.send(sender=PlacePage, place_ids=[occurrence.place_id])
    return row


def _last_reports(now: datetime, **among) -> dict[int, tuple]:
    """The last report of each session not ended at `now` and not cancelled, `among` those
    the filter says, by session, in one query."""
    rows = (
        RoomReport.objects.filter(occurrence__end__gt=now, occurrence__is_cancelled=False, **among)
        .order_by("occurrence_id", "reported_at", "pk")
        .values_list(
            "occurrence_id",
            "occurrence__place_id",
            "occurrence__start",
            "occurrence__end",
            "state",
            "places_left",
            "reported_at",
        )
    )
    return {row[0]: row for row in rows}


def _room(row: tuple) -> LiveRoom:
    session_id, _place_id, start, end, state, places_left, reported_at = row
    return LiveRoom(session_id, start, end, state, places_left, reported_at)


def places_live_rooms(place_ids: list[int], now: datetime) -> dict[int, list[LiveRoom]]:
    """The `places_live_rooms` hook: each place's sessions not ended at `now` (and not
    cancelled) with their last report, in one query for the batch."""
    found: dict[int, list[LiveRoom]] = {}
    for row in _last_reports(now, occurrence__place_id__in=place_ids).values():
        found.setdefault(row[1], []).append(_room(row))
    return found


def with_live_rooms(occurrences: list[Occurrence], now: datetime | None = None) -> list:
    """The sessions, each with `live_room`: its room while it lasts (in its place's time
    zone), else None; in one query (none when no session is under way or ahead). The lists of
    sessions (the activity's and the place's pages) read it."""
    now = now or timezone.now()
    ids = [o.pk for o in occurrences if o.pk and o.end > now and not o.is_cancelled]
    rows = _last_reports(now, occurrence_id__in=ids) if ids else {}
    for occurrence in occurrences:
        row = rows.get(occurrence.pk)
        room = _room(row).in_time_zone(occurrence.place.time_zone) if row else None
        shown = current_rooms([room], now) if room else ()
        occurrence.live_room = shown[0] if shown else None
    return occurrences


# -- the team's link ----------------------------------------------------------------------


def team_link(place: PlacePage) -> TeamLink:
    link, _created = TeamLink.objects.get_or_create(place_id=place.pk)
    return link


def team_token(link: TeamLink) -> str:
    signer = signing.TimestampSigner(salt=TEAM_LINK_SALT)
    return signer.sign(f"{link.place_id}.{link.secret}")


def place_of_token(token: str) -> PlacePage | None:
    """The place whose current team link `token` is; None for a tampered, malformed or
    revoked one."""
    try:
        value = signing.TimestampSigner(salt=TEAM_LINK_SALT).unsign(token)
    except signing.BadSignature:
        return None
    place_id, _dot, secret = value.partition(".")
    if not place_id.isdigit() or not secret:
        return None
    link = TeamLink.objects.filter(place_id=int(place_id), secret=secret).first()
    if link is None:
        return None
    return PlacePage.objects.filter(pk=link.place_id).first()
