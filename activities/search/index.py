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
from django.db.models import Count, Q
from elasticsearch import dsl

from activities.choices import RegistrationStatus
from activities.listing import public_occurrences
from activities.models import ActivityPage, Occurrence
from activities.occurrences import occurrences_changed
from core.search.criteria import Weekday, replacing
from core.search.dates import Dates
from core.search.index import Follows, SearchIndex, Sort, Stored
from core.search.query import SearchQuery
from core.search.results import in_order
from core.search.text import Text, TextField
from directory.models import PlacePage
from directory.search.criteria import place_criteria
from directory.search.index import PlaceSummary, distance


@dataclass(frozen=True)
class ActivityHit:
    id: int
    start: datetime
    end: datetime
    cancelled: bool
    cancellation_reason: str
    activity_id: int
    title: str
    url: str
    calendar_url: str
    objectives: tuple[str, ...]
    languages: tuple[str, ...]
    age_min_months: int
    age_max_months: int
    price: str
    registration_required: bool
    capacity: int | None
    remaining_places: int | None
    place: PlaceSummary
    distance_km: float | None
    # For what a card shows beyond the API's fields.
    activity: ActivityPage


def session_hits(ids: list[int], query: SearchQuery) -> list[ActivityHit]:
    occurrences = (
        Occurrence.objects.select_related("activity", "place", "place__commune", "closure")
        .prefetch_related("activity__objectives", "activity__languages")
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
    )
    near = query.get("near")
    found = []
    for occurrence in in_order(occurrences, ids):
        activity = occurrence.activity
        place = PlaceSummary.of(occurrence.place)
        remaining = None
        if activity.capacity:
            remaining = max(0, activity.capacity - occurrence.confirmed)
        found.append(
            ActivityHit(
                id=occurrence.pk,
                start=occurrence.local_start,
                end=occurrence.local_end,
                cancelled=occurrence.is_cancelled,
                cancellation_reason=occurrence.cancellation_reason,
                activity_id=activity.pk,
                title=activity.title,
                url=activity.url,
                calendar_url=occurrence.calendar_url,
                objectives=tuple(sorted(o.slug for o in activity.objectives.all())),
                languages=tuple(sorted(language.code for language in activity.languages.all())),
                age_min_months=activity.age_min_months,
                age_max_months=activity.age_max_months,
                price=activity.price,
                registration_required=activity.registration_required,
                capacity=activity.capacity,
                remaining_places=remaining,
                place=place,
                distance_km=distance(near, place),
                activity=activity,
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
            Weekday("date", "weekday", "Jour de la séance", of_date=True),
        ),
        Dates(default_days=window_days),
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
