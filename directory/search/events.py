"""The anonymous event a places search leaves (core.search.events): the commune it looked
around (`gazetteer.areas`), the radius, the names of the criteria, the number of results and
the engine. Only a search's first page counts: a family turning pages searched once."""

from __future__ import annotations

import math

from core.search.events import Footprint
from core.search.query import SearchQuery
from core.search.results import SearchResult
from gazetteer.areas import commune_key

INDEX = "places"


def place_search_event(query: SearchQuery | None, result: SearchResult | None) -> Footprint | None:
    if query is None or result is None or query.page != 1:
        return None
    circle = query.get("near")
    area, radius_km = "", 0
    if circle is not None:
        area = commune_key(circle.place)
        radius_km = max(1, math.ceil(circle.radius_km))
    filters = tuple(sorted(name for name, _value in query.values if name != "near"))
    return Footprint(INDEX, area, radius_km, filters, result.count, result.engine)
