"""A search as a page of HTML shows it: the same FilterSet and service as the API, so that a
page, its list twin and the API never disagree; and the links to the neighbouring pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from core.search.query import filterset_for
from core.search.service import search

if TYPE_CHECKING:
    from django.http import QueryDict

    from core.search.index import SearchIndex
    from core.search.query import SearchFilterSet, SearchQuery
    from core.search.results import SearchResult


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


def page_url(params: QueryDict, page: int) -> str:
    query = params.copy()
    query.setlist("page", [str(page)])
    return "?" + urlencode(sorted(query.lists()), doseq=True)


def search_page(
    index: SearchIndex,
    data: QueryDict,
    links: QueryDict | None = None,
    errors: dict[str, list[str]] | None = None,
) -> SearchPage:
    """`data` is searched; `links` (the request's own parameters by default) lead to the
    other pages; `errors` found beforehand fail the search too."""
    links = data if links is None else links
    filterset = filterset_for(index)(data)
    if errors or not filterset.is_valid():
        return SearchPage(
            filterset,
            None,
            None,
            errors={**(errors or {}), **filterset.error_details()},
            suggestions=filterset.suggestions(),
        )
    query = filterset.to_query()
    result = search(index, query)
    page_count = max(1, -(-result.count // query.page_size))
    if query.page > page_count:
        # As the API: a page past the end is an error (400), not an empty page "10²⁵ of 3".
        message = _("Cette page n'existe pas : %(count)d résultats.") % {"count": result.count}
        return SearchPage(filterset, None, None, errors={"page": [str(message)]})
    return SearchPage(
        filterset=filterset,
        query=query,
        result=result,
        page=query.page,
        page_count=page_count,
        previous_url=page_url(links, query.page - 1) if query.page > 1 else None,
        next_url=page_url(links, query.page + 1) if query.page < page_count else None,
        first_rank=query.offset + 1,
    )
