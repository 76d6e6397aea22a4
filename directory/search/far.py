"""Nothing near, even at `near`'s widest radius: the nearest matching places at any distance in
the same territory (`gazetteer.territories`: a country, Corsica, an overseas département), or
the plain fact that the territory has no place yet. When a wider radius would find something,
`core.search.service.nearest_beyond` answers instead (one tap widens the radius); when it
would not, widening is no advice to give.

Both engines: the same query with a circle as wide as the Earth, its nearest matches kept when
their commune is in the territory (one query on the database, whichever engine answered).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from core.search.query import SearchQuery
from core.search.results import SearchResult
from core.search.service import Beyond, search
from directory.search.criteria import public_places
from directory.search.index import PLACES
from gazetteer.models import Commune
from gazetteer.territories import Territory, territory_at

# Half the Earth's circumference: every point is within it.
ANYWHERE_KM = 20_040
# How many of the nearest matches, wherever they are, are looked at for the territory's.
LOOKED_AT = 50


@dataclass(frozen=True)
class Far:
    """The territory searched, its nearest matches (hits with their `distance_km`, nearest
    first; none when none matches), and whether it has no public place at all yet."""

    territory: Territory
    hits: list
    empty: bool
    # The radius searched in vain: the widest, or wider (a hand-written address may ask more).
    radius_km: float

    @property
    def nearest_km(self) -> float | None:
        return self.hits[0].distance_km if self.hits else None


def at_widest(query: SearchQuery | None) -> bool:
    """Whether the search is around a place at `near`'s widest radius already."""
    circle = query.get("near") if query is not None else None
    return circle is not None and circle.radius_km >= float(PLACES.criterion("near").max_radius_km)


def nearest_in_territory(
    query: SearchQuery | None, result: SearchResult | None, beyond: Beyond | None, limit: int = 3
) -> Far | None:
    """None unless a places' search around a place found nothing, and nothing even at the
    widest radius (`beyond`, `nearest_beyond`'s answer, is None)."""
    if query is None or result is None or result.count or beyond is not None:
        return None
    circle = query.get("near")
    if circle is None:
        return None
    widest = float(PLACES.criterion("near").max_radius_km)
    commune_id = getattr(circle.place, "commune_id", None)
    territory = territory_at(circle.latitude, circle.longitude, commune_id)
    if territory is None:
        return None
    in_territory = public_places().filter(
        commune__in=Commune.objects.filter(territory.communes()).values("pk")
    )
    if not in_territory.exists():
        return Far(territory, [], empty=True, radius_km=max(circle.radius_km, widest))
    everywhere = replace(circle, radius_km=ANYWHERE_KM)
    values = tuple((n, everywhere if n == "near" else v) for n, v in query.values)
    found = search(PLACES, replace(query, values=values, page=1, page_size=LOOKED_AT))
    ids = set(
        in_territory.filter(pk__in=[hit.id for hit in found.hits]).values_list("pk", flat=True)
    )
    hits = [hit for hit in found.hits if hit.id in ids][:limit]
    return Far(territory, hits, empty=False, radius_km=max(circle.radius_km, widest))
