"""What every search endpoint of the API does with a query string: validate it with the index's
FilterSet (400 naming each bad parameter), search, refuse a page past the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from django.http import HttpRequest, JsonResponse, QueryDict
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.decorators import decorate_view

from core.kept import kept
from core.openapi import BAD_REQUEST_EXAMPLE, merged
from core.search.openapi import parameters
from core.search.query import filterset_for
from core.search.service import search

if TYPE_CHECKING:
    from core.search.index import SearchIndex
    from core.search.query import SearchQuery
    from core.search.results import SearchResult


class AlternativeOut(Schema):
    """A value to try instead of what was given, and how to show it."""

    value: str
    label: str


class ErrorOut(Schema):
    errors: dict[str, list[str]]
    # For a parameter the family may have mistyped: values to try instead (`near`).
    suggestions: dict[str, list[AlternativeOut]] | None = None


def bad_request(
    errors: dict[str, list[str]], suggestions: dict[str, list[dict]] | None = None
) -> JsonResponse:
    body: dict = {"errors": errors}
    if suggestions:
        body["suggestions"] = suggestions
    return JsonResponse(body, status=400)


def api_search(
    index: SearchIndex, params, page_size: int | None = None
) -> tuple[SearchQuery, SearchResult] | JsonResponse:
    """The query and its result, or the 400 response; `page_size` asks for one page of that
    size whatever the parameters say (a feed)."""
    filterset = filterset_for(index)(params)
    if not filterset.is_valid():
        return bad_request(filterset.error_details(), filterset.suggestions())
    query = filterset.to_query()
    if page_size is not None:
        query = replace(query, page=1, page_size=page_size)
    result = search(index, query)
    if query.page > 1 and query.offset >= result.count:
        message = _("Cette page n'existe pas : %(count)d résultats.") % {"count": result.count}
        return bad_request({"page": [message]})
    return query, result


def examples_of_400() -> dict:
    return {"responses": {400: {"content": {"application/json": {"example": BAD_REQUEST_EXAMPLE}}}}}


def search_route(
    router: Router,
    path: str,
    index: SearchIndex,
    response: type,
    summary: str,
    page_size: int | None = None,
    params: Callable[[HttpRequest], QueryDict] | None = None,
    media_type: str | None = None,
    example: dict | None = None,
):
    """A GET route searching `index`: the decorated function receives the request, the query
    and the result, and gives the body; bad parameters never reach it (400). `params` picks
    the parameters searched (the request's, by default); `media_type` documents an answer
    that is not plain JSON; `example` is `core.openapi.examples`' answer for the OpenAPI
    description (a 400's example is added). Answers are kept until the content changes
    (`core.kept`)."""

    def decorate(render):
        def endpoint(request: HttpRequest):
            found = api_search(index, params(request) if params else request.GET, page_size)
            if isinstance(found, JsonResponse):
                return found
            return render(request, *found)

        # Not functools.wraps: ninja reads the signature, and would take `query` and `result`
        # for query-string parameters.
        for name in ("__name__", "__qualname__", "__module__", "__doc__"):
            setattr(endpoint, name, getattr(render, name))
        return decorate_view(kept)(
            router.get(
                path,
                response={200: response, 400: ErrorOut},
                openapi_extra=merged(
                    parameters(index, media_type, paging=page_size is None),
                    examples_of_400(),
                    example,
                ),
                summary=summary,
            )(endpoint)
        )

    return decorate
