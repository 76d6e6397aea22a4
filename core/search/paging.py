"""The sequence every search of a query string follows, the API's and the pages': validate it
with the index's FilterSet, search, refuse a page past the end (`searched`); and a search as a
page of HTML shows it, with the links to the neighbouring pages (`search_page`), so that a
page, its list twin and the API never disagree."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from core.pagination import page_url
from core.search.query import filterset_for
from core.search.service import search

if TYPE_CHECKING:
    from django.http import QueryDict

    from core.search.index import SearchIndex
    from core.search.query import SearchFilterSet, SearchQuery
    from core.search.results import SearchResult


@dataclass(frozen=True)
class Searched:
    """A query string searched: its query and their result, or its errors by parameter and
    what the family may have meant by each (`near`: [{"value", "label"}])."""

    filterset: SearchFilterSet
    query: SearchQuery | None = None
    result: SearchResult | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)
    suggestions: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def page_count(count: int, page_size: int) -> int:
    """The pages of `count` results: one, even empty."""
    return max(1, -(-count // page_size))


def searched(
    index: SearchIndex,
    data: QueryDict,
    page_size: int | None = None,
    errors: dict[str, list[str]] | None = None,
) -> Searched:
    """`data` validated (`errors` found beforehand fail it too) and searched; `page_size`
    asks for one page of that size whatever `data` says (a feed)."""
    filterset = filterset_for(index)(data)
    if errors or not filterset.is_valid():
        return Searched(
            filterset,
            errors={**(errors or {}), **filterset.error_details()},
            suggestions=filterset.suggestions(),
        )
    query = filterset.to_query()
    if page_size is not None:
        query = replace(query, page=1, page_size=page_size)
    result = search(index, query)
    if query.page > page_count(result.count, query.page_size):
        # A page past the end is an error (400), not an empty page "10²⁵ of 3".
        message = _("Cette page n'existe pas : %(count)d résultats.") % {"count": result.count}
        return Searched(filterset, errors={"page": [str(message)]})
    return Searched(filterset, query, result)


@dataclass(frozen=True)
class SearchPage:
    filterset: SearchFilterSet
    query: SearchQuery | None
    result: SearchResult | None
    page: int = 1
    page_count: int = 0
    previous_url: str | None = None
    next_url: str | None = None
    first_rank: int = 1
    # A bad parameter's messages, by parameter: the form shows them, the page answers 400.
    errors: dict[str, list[str]] = field(default_factory=dict)
    # What the family may have meant, by bad parameter: [{"value", "label"}].
    suggestions: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def search_page(
    index: SearchIndex,
    data: QueryDict,
    links: QueryDict | None = None,
    errors: dict[str, list[str]] | None = None,
) -> SearchPage:
    """`data` is searched; `links` (the request's own parameters by default) lead to the
    other pages; `errors` found beforehand fail the search too."""
    links = data if links is None else links
    found = searched(index, data, errors=errors)
    if found.query is None:
        return SearchPage(
            found.filterset, None, None, errors=found.errors, suggestions=found.suggestions
        )
    query, result = found.query, found.result
    pages = page_count(result.count, query.page_size)
    return SearchPage(
        filterset=found.filterset,
        query=query,
        result=result,
        page=query.page,
        page_count=pages,
        previous_url=page_url(links, query.page - 1) if query.page > 1 else None,
        next_url=page_url(links, query.page + 1) if query.page < pages else None,
        first_rank=query.offset + 1,
    )
