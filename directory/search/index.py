"""The places' index: the place criteria, by name (nearest first when `near` is given), with
counts per objective and programme; documents follow place pages."""

from __future__ import annotations

from dataclasses import dataclass

from core.geo import rounded_km
from core.search.index import Follows, SearchIndex, Sort
from core.search.query import SearchQuery
from directory.models import PlacePage
from directory.search.criteria import place_criteria, public_places


@dataclass(frozen=True)
class PlaceHit:
    id: int
    name: str
    url: str
    programmes: tuple[str, ...]
    objectives: tuple[str, ...]
    commune: str
    postcode: str
    latitude: float
    longitude: float
    # True when the point is the commune's, not the place's (discreet places, places without one).
    approximate: bool
    distance_km: float | None
    # For what a card shows beyond the API's fields.
    place: PlacePage


def place_hits(ids: list[int], query: SearchQuery) -> list[PlaceHit]:
    """The page of places, in three queries whatever its size."""
    places = (
        PlacePage.objects.filter(pk__in=ids)
        .select_related("commune")
        .prefetch_related("programmes", "objectives")
    )
    by_pk = {place.pk: place for place in places}
    near = query.get("near")
    hits = []
    for pk in ids:
        place = by_pk.get(pk)
        if place is None:
            continue  # deleted since the cluster answered
        location = place.public_location
        hits.append(
            PlaceHit(
                id=place.pk,
                name=place.title,
                url=place.url,
                programmes=tuple(sorted(p.slug for p in place.programmes.all())),
                objectives=tuple(sorted(o.slug for o in place.objectives.all())),
                commune=place.commune.name_fr,
                postcode=place.public_postcode,
                latitude=location.latitude,
                longitude=location.longitude,
                approximate=location.approximate,
                distance_km=rounded_km(near.distance_to(location.point)) if near else None,
                place=place,
            )
        )
    return hits


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
