"""The sessions' index: the place criteria read through the session's place and activity, the
days between `from` and `to`, sorted by start. Documents follow activity changes, deleted
activities and unpublished places.

The page of sessions is read from the database for both engines, in a fixed number of queries,
so that registrations' remaining places are always current.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from elasticsearch import dsl

from activities.cycles import anchors_of
from activities.listing import public_occurrences
from activities.models import ActivityPage, Occurrence
from activities.models.seats import seats_left, seats_taken
from activities.notices import activities_notices
from activities.occurrences import occurrences_changed
from core.pages import with_urls_at_hand
from core.search.criteria import replacing
from core.search.dates import Dates
from core.search.free_text import Text, TextField
from core.search.index import Follows, SearchIndex, Sort, Stored
from core.search.open_at import OpenAt
from core.search.query import SearchQuery
from core.search.results import in_order
from directory.live_room import LiveRoom
from directory.models import PlacePage
from directory.notice_records import Notice
from directory.records import place_records
from directory.search.criteria import place_criteria
from directory.search.index import PlaceSummary, distance


@dataclass(frozen=True)
class ActivityHit:
    """A session among the results; what it says of its activity is read on `activity` (its
    objectives and languages prefetched)."""

    id: int
    start: datetime
    end: datetime
    cancelled: bool
    cancellation_reason: str
    # `Occurrence.public_status`; where a moved session was to start, in its place's time.
    status: str
    previous_start: datetime | None
    calendar_url: str
    remaining_places: int | None
    place: PlaceSummary
    distance_km: float | None
    activity: ActivityPage
    # What its team says of the room while it lasts (its place's record's).
    live_room: LiveRoom | None = None

    # The activity's and its place's notices not yet ended (directory.notice_records.Notice).
    notices: tuple[Notice, ...] = ()

    @property
    def day_notices(self) -> tuple[Notice, ...]:
        """The notices in effect on the session's day: what a family must know to go."""
        day = self.start.date()
        return tuple(notice for notice in self.notices if notice.current_on(day))

    @property
    def title(self) -> str:
        return self.activity.title

    @property
    def url(self) -> str:
        return self.activity.url

    @property
    def registration_required(self) -> bool:
        return self.activity.registration_required


def cycles_seats_taken(occurrences: list[Occurrence]) -> dict[int, int]:
    """A cycle's seats are its first session's: the seats its families take there, for each of
    its sessions (two queries when the page holds cycles, none otherwise)."""
    if not occurrences:
        return {}
    anchors = anchors_of(o.pk for o in occurrences)
    taken = dict(
        Occurrence.objects.filter(pk__in=set(anchors.values()))
        .annotate(taken=seats_taken())
        .values_list("pk", "taken")
    )
    return {pk: taken.get(anchor, 0) for pk, anchor in anchors.items()}


def session_hits(ids: list[int], query: SearchQuery) -> list[ActivityHit]:
    occurrences = (
        Occurrence.objects.select_related("activity", "place", "closure")
        .prefetch_related("activity__objectives", "activity__languages")
        .annotate(seats_taken=seats_taken())
    )
    near = query.get("near")
    ordered = in_order(occurrences, ids)
    with_urls_at_hand([o.activity for o in ordered])
    # The places' facts are their public records' (four queries for the page's places).
    records = {r.id: r for r in place_records(dict.fromkeys(o.place_id for o in ordered))}
    # The activities' notices: one query for the page's activities.
    notices = activities_notices({o.activity for o in ordered})
    cycle_seats = cycles_seats_taken([o for o in ordered if o.activity.is_cycle])
    found = []
    for occurrence in ordered:
        activity = occurrence.activity
        place = PlaceSummary(records[occurrence.place_id])
        # A cycle's seats are its first session's (one registration for the whole cycle).
        taken = cycle_seats.get(occurrence.pk, occurrence.seats_taken)
        found.append(
            ActivityHit(
                id=occurrence.pk,
                start=occurrence.local_start,
                end=occurrence.local_end,
                cancelled=occurrence.is_cancelled,
                cancellation_reason=occurrence.cancellation_reason,
                status=occurrence.public_status,
                previous_start=occurrence.local_previous_start,
                calendar_url=occurrence.calendar_url,
                remaining_places=seats_left(activity.capacity, taken),
                place=place,
                distance_km=distance(near, (place.latitude, place.longitude)),
                activity=activity,
                notices=notices.get(activity.pk, ()) + place.record.notices,
                live_room=place.record.live_room_of(occurrence.pk),
            )
        )
    return found


def live_activities():
    return ActivityPage.objects.live()


SESSION_TEXT = Text(
    fields=(
        TextField("title", ("activity__title",), boost=3),
        TextField("place_name", ("place__title",), boost=2),
        TextField("commune", ("place__commune__name_fr", "place__commune__name_nl"), boost=2),
        TextField("description", ("activity__description",), html=True),
        TextField("objective_names", ("activity__objectives__name_fr",)),
    ),
    pages=live_activities,
    match="activity_id",
)


def window_days() -> int:
    return settings.ACTIVITIES["window_days"]


SESSIONS = SearchIndex(
    name="occurrences",
    unit="séances",
    model=Occurrence,
    public=public_occurrences,
    criteria=(
        *replacing(
            place_criteria(venue="place__", offer="activity__"),
            SESSION_TEXT,
            OpenAt(
                "",
                "weekday",
                "Jour de la séance",
                weekday="day",
                opens="start",
                closes="end",
                of_date=True,
                label=_("Le"),
                time_label=_("À"),
                time_description="Heure pendant la séance (HH:MM)",
            ),
        ),
        Dates(default_days=window_days, path="day"),
    ),
    hits=session_hits,
    order_by=(Sort("start", dsl.Date),),
    stored=(Stored("cancelled", "is_cancelled", dsl.Boolean),),
    follows=(
        Follows(signal=occurrences_changed, key="activity_id", ids="activity_ids"),
        Follows(ActivityPage, key="activity_id", events=("delete",)),
        Follows(PlacePage, key="place_id", events=("unpublish",)),
    ),
)
