"""The places' index: the place criteria, by name (nearest first when `near` is given), with
counts per objective and programme; documents carry the places' records and sessions ahead
(`directory.search.documents`) and follow place pages, their translations and their sessions."""

from __future__ import annotations

from dataclasses import dataclass

import django.dispatch
from django.db.models import QuerySet, Subquery, TextField, Value
from django.db.models.functions import Concat
from django.utils import timezone
from wagtail import hooks

from core.geo import rounded_km
from core.search.free_text import JoinedText
from core.search.index import Follows, SearchIndex, Sort
from core.search.near import Circle
from core.search.query import SearchQuery
from directory.extensions import PLACES_API_NEXT_ACTIVITY
from directory.models.places import PlacePage
from directory.place_record import PlaceRecord
from directory.record_rows import translations_of
from directory.records import place_records
from directory.search.criteria import place_criteria, places_own_criteria, public_places
from directory.search.documents import next_session, place_documents_records, record_from_document

# Sent with `place_ids` (the French places) after one of their translations changed.
place_translations_changed = django.dispatch.Signal()
# Sent with `place_ids` after what their documents carry changed without a publication of the
# places: their sessions ahead (by the app that gives them, `places_sessions_ahead`), the day
# someone said the listing is right (directory.freshness), a term's names (directory.signals).
place_records_changed = django.dispatch.Signal()


def with_translations(places: QuerySet[PlacePage]) -> QuerySet[PlacePage]:
    """Each place with the titles and descriptions of its translations as one text, for its
    document: a family finds the place by words of any of them, in one query per batch."""
    texts = (
        translations_of()
        .order_by()
        .values("translation_key")
        .annotate(
            text=JoinedText(Concat("title", Value(" "), "description", output_field=TextField()))
        )
        .values("text")
    )
    return places.annotate(translated_text=Subquery(texts))


@dataclass(frozen=True)
class PlaceSummary:
    """A place as a marker, a card or a session's "where" reads it: its public record, at its
    public point, with its postcode only if not discreet."""

    record: PlaceRecord

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def url(self) -> str:
        return self.record.url

    @property
    def commune(self) -> str:
        return self.record.commune.name

    @property
    def postcode(self) -> str:
        return self.record.postcode or ""

    @property
    def latitude(self) -> float:
        return self.record.location.latitude

    @property
    def longitude(self) -> float:
        return self.record.location.longitude

    @property
    def notice(self) -> str:
        """What the place tells families for a while, on one line ("" without any)."""
        return " — ".join(notice.text for notice in self.record.announced_notices)

    @property
    def approximate(self) -> bool:
        """True when the point is the commune's, not the place's (discreet places, places
        without one)."""
        return self.record.location.approximate


@dataclass(frozen=True)
class PlaceHit(PlaceSummary):
    """A place found: its public record, how far it is from the `near` point asked, and its
    next session as the places API says it (`places_api_next_activity`), None without one."""

    distance_km: float | None
    next_session: dict | None


def next_activities(place_ids: list[int]) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for next_of in hooks.get_hooks(PLACES_API_NEXT_ACTIVITY):
        found.update(next_of(place_ids))
    return found


def place_hits(ids: list[int], query: SearchQuery) -> list[PlaceHit]:
    """The page of places read from the database, as records in the visitor's language
    (directory.records): their URLs are the translation's where there is one, else the
    French page's under the language's prefix (core.pages.TranslatedTreeMixin)."""
    near = query.get("near")
    records = place_records(ids)
    sessions = next_activities([record.id for record in records])
    return [
        PlaceHit(record, distance(near, record.location.point), sessions.get(record.id))
        for record in records
    ]


def place_hits_from_records(parts: list[dict], query: SearchQuery) -> list[PlaceHit]:
    """The page of places the cluster answered, from its documents alone (their part in the
    visitor's language): the record, the next session chosen now among those it carries."""
    near = query.get("near")
    now = timezone.now()
    hits = []
    for part in parts:
        record = record_from_document(part["place"])
        location = record.location.point
        hits.append(PlaceHit(record, distance(near, location), next_session(part["sessions"], now)))
    return hits


def distance(near: Circle | None, point: tuple[float, float]) -> float | None:
    return rounded_km(near.distance_to(point)) if near else None


PLACES = SearchIndex(
    name="places",
    unit="lieux",
    model=PlacePage,
    public=public_places,
    criteria=(*place_criteria(), *places_own_criteria()),
    hits=place_hits,
    records=place_documents_records,
    hits_from_records=place_hits_from_records,
    order_by=(Sort("title"),),
    nearest_first=True,
    facets=("objectives", "programmes"),
    follows=(
        Follows(PlacePage),
        Follows(signal=place_translations_changed, ids="place_ids"),
        Follows(signal=place_records_changed, ids="place_ids"),
    ),
    annotate=with_translations,
)
