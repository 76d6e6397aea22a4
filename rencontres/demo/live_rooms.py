"""The demo's live rooms: on today's drop-in sessions of the demo places (without registration,
not cancelled, not yet ended), a team said a little before now « places libres », « presque
complet » with the places left, « complet » (activities.live_room).

Today's, whatever day the demo was first seeded: every run looks at today's sessions, and writes
nothing when one of them already has a report (an earlier run of the day, or a team's tap), so a
second run writes nothing twice. Each tap goes through `activities.live_room.report`, as a team's
does, all in one transaction: the change is announced once (core.kept). No session today (a
Saturday or a Sunday: the demo's drop-ins are on weekdays; or the evening, once they have ended)
means no live room.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from activities.live_room import report
from activities.models import Occurrence, RoomReport
from directory.live_room import RoomState
from rencontres.demo.projects import demo_places_queryset

# The taps, in this order, on as many of today's sessions as there are (three at most).
STATES = [RoomState.FREE, RoomState.ALMOST_FULL, RoomState.FULL]


def todays_drop_in_sessions(parent, now: datetime):
    """The demo places' drop-in sessions of today (ended or not), not cancelled."""
    return Occurrence.objects.filter(
        place__in=demo_places_queryset(parent),
        date=timezone.localdate(now),
        is_cancelled=False,
        activity__registration_required=False,
    )


def seed_live_rooms(parent, seed: int, now: datetime) -> list[RoomReport]:
    """The taps on a few of today's drop-in sessions not yet ended; none if one of today's has
    a report already. Returns the new reports."""
    today_sessions = todays_drop_in_sessions(parent, now)
    if RoomReport.objects.filter(occurrence__in=today_sessions).exists():
        return []
    sessions = list(
        today_sessions.filter(end__gt=now).order_by("start", "activity__url_path", "pk")
    )
    rng = random.Random(f"{seed}:{timezone.localdate(now)}:live-rooms")
    chosen = rng.sample(sessions, min(len(STATES), len(sessions)))
    day_start = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    taps = []
    for state, session in zip(STATES, chosen, strict=False):
        places_left = rng.randint(1, 3) if state == RoomState.ALMOST_FULL else None
        at = max(now - timedelta(minutes=rng.randint(2, 25)), day_start)
        taps.append((session, state, places_left, at))
    with transaction.atomic():
        return [
            report(session, state, places_left, by_team_link=True, at=at)
            for session, state, places_left, at in sorted(taps, key=lambda tap: tap[3])
        ]
