"""What every search endpoint of the API does with a query string: validate it with the index's
FilterSet (400 naming each bad parameter), search, refuse a page past the end."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema

from core.search.query import filterset_for
from core.search.service import search

if TYPE_CHECKING:
    from core.search.index import SearchIndex
    from core.search.query import SearchQuery
    from core.search.results import SearchResult


class ErrorOut(Schema):
    errors: dict[str, list[str]]


def bad_request(errors: dict[str, list[str]]) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=400)


def api_search(
    index: SearchIndex, params, page_size: int | None = None
) -> tuple[SearchQuery, SearchResult] | JsonResponse:
    """The query and its result, or the 400 response; `page_size` asks for one page of that
    size whatever the parameters say (a feed)."""
    filterset = filterset_for(index)(params)
    if not filterset.is_valid():
        return bad_request(filterset.error_details())
    query = filterset.to_query()
    if page_size is not None:
        query = replace(query, page=1, page_size=page_size)
    result = search(index, query)
    if query.page > 1 and query.offset >= result.count:
        message = _("Cette page n'existe pas : %(count)d résultats.") % {"count": result.count}
        return bad_request({"page": [message]})
    return query, result
