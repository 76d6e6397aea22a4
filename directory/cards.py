"""What a result card says of a place beyond its name and where: the kind of place, how to get in,
the children's ages, open today or when next, and its next session (from the layers above,
through the `places_api_next_activity` hook). Built for a whole page of hits in a fixed number
of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from wagtail import hooks

from core.fees import FeeKind
from directory.extensions import PLACES_API_NEXT_ACTIVITY
from directory.models.closures import ClosurePeriod
from directory.models.places import PlacePage
from directory.opening import OpeningStatus, opening_status
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


def place_facts(place: PlacePage, next_session: NextSession | None = None) -> CardFacts:
    """A place's facts; its programmes, opening hours and closures are best prefetched."""
    now = timezone.localtime(timezone=place.time_zone)
    free = place.fee_kind == FeeKind.FREE
    return CardFacts(
        kind=", ".join(programme.name for programme in place.programmes.all()),
        access=how_to_get_in(place.access_mode, free=free),
        access_says_free=says_free(place.access_mode, free),
        ages=place.ages_text,
        opening=opening_status(place.opening_hours.all(), place.closures.all(), now),
        next_session=next_session,
    )


def card_facts(places: list[PlacePage]) -> dict[int, CardFacts]:
    """Each place's facts by id, in five queries whatever the number of places (programmes,
    opening hours, closures still to come, and the next sessions' two)."""
    today = timezone.localdate()
    prefetch_related_objects(
        places,
        "programmes",
        "opening_hours",
        Prefetch("closures", queryset=ClosurePeriod.objects.filter(end_date__gte=today)),
    )
    sessions = next_sessions([place.pk for place in places])
    return {place.pk: place_facts(place, sessions.get(place.pk)) for place in places}
