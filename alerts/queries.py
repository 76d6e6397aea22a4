"""The search an alert follows, as the map page asked it: one of the page's views and its
parameters, validated by that view's FilterSet (the one the page and the API use), kept in one
canonical order so that the same search twice is one alert.

What a weekly digest cannot use is left out: the page, and the dates ("this week" the day the
alert was set means nothing a month later; a digest looks at the sessions to come).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict

from core.search.index import SearchIndex
from core.search.query import SearchQuery, filterset_for
from directory.search.page import map_views

NOT_KEPT = frozenset({"page", "page_size", "from", "to"})


class InvalidSearch(ValueError):
    """A search the FilterSet refuses: its messages by parameter."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(", ".join(sorted(errors)))
        self.errors = errors


def view_indexes() -> dict[str, SearchIndex]:
    """The map page's views (places, and those other apps add) by slug."""
    return {view.slug: view.index for view in map_views()}


def kept_params(index: SearchIndex) -> list[str]:
    return [name for name in index.param_names() if name not in NOT_KEPT]


def canonical(index: SearchIndex, data: QueryDict) -> str:
    """The query string an alert keeps: the index's parameters but the page and the dates,
    each value once, sorted (for parameters already validated, as the map page's)."""
    pairs = []
    for name in sorted(kept_params(index)):
        pairs.extend((name, value) for value in sorted(set(data.getlist(name))) if value != "")
    return urlencode(pairs)


def normalized(index: SearchIndex, data: QueryDict) -> str:
    """`canonical`, for parameters from elsewhere: raises InvalidSearch when the FilterSet
    refuses them."""
    query = canonical(index, data)
    validated(index, query)
    return query


def validated(index: SearchIndex, query: str) -> SearchQuery:
    """The stored query string as `index` reads it (parameters it does not know are ignored:
    a places' search read by the sessions' index keeps what both share)."""
    filterset = filterset_for(index)(QueryDict(query))
    if not filterset.is_valid():
        raise InvalidSearch(filterset.error_details())
    return filterset.to_query()
