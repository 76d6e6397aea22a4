"""The places' index: the place criteria, by name (nearest first when `near` is given), with
counts per objective and programme; documents follow place pages."""

from __future__ import annotations

from dataclasses import dataclass

from core.geo import rounded_km
from core.search.index import Follows, SearchIndex, Sort
from core.search.near import Circle
from core.search.query import SearchQuery
from core.search.results import in_order
from directory.models import PlacePage
from directory.search.criteria import place_criteria, public_places


@dataclass(frozen=True)
class PlaceSummary:
    """A place as results show it: at its public point, with its postcode only if not
    discreet."""

    id: int
    name: str
    url: str
    commune: str
    postcode: str
    latitude: float
    longitude: float
    # True when the point is the commune's, not the place's (discreet places, places without one).
    approximate: bool

    @classmethod
    def of(cls, place: PlacePage) -> PlaceSummary:
        location = place.public_location
        return cls(
            id=place.pk,
            name=place.title,
            url=place.url,
            commune=place.commune.name_fr,
            postcode=place.public_postcode,
            latitude=location.latitude,
            longitude=location.longitude,
            approximate=location.approximate,
        )


@dataclass(frozen=True, kw_only=True)
class PlaceHit(PlaceSummary):
    programmes: tuple[str, ...]
    objectives: tuple[str, ...]
    distance_km: float | None
    # For what a card shows beyond the API's fields.
    page: PlacePage


def place_hits(ids: list[int], query: SearchQuery) -> list[PlaceHit]:
    """The page of places, in three queries whatever its size."""
    places = PlacePage.objects.select_related("commune").prefetch_related(
        "programmes", "objectives"
    )
    near = query.get("near")
    hits = []
    for place in in_order(places, ids):
        summary = PlaceSummary.of(place)
        hits.append(
            PlaceHit(
                **vars(summary),
                programmes=tuple(sorted(p.slug for p in place.programmes.all())),
                objectives=tuple(sorted(o.slug for o in place.objectives.all())),
                distance_km=distance(near, summary),
                page=place,
            )
        )
    return hits


def distance(near: Circle | None, place: PlaceSummary) -> float | None:
    return rounded_km(near.distance_to((place.latitude, place.longitude))) if near else None


PLACES = SearchIndex(
    name="places",
    unit="lieux",
    model=PlacePage,
    public=public_places,
    criteria=place_criteria(),
    hits=place_hits,
    order_by=(Sort("title"),),
    nearest_first=True,
    facets=("objectives", "programmes"),
    follows=(Follows(PlacePage),),
)
