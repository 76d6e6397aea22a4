"""What every search endpoint of the API does with a query string: the sequence of
`core.search.paging.searched` (validate, search, refuse a page past the end), a 400 naming each
bad parameter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.http import HttpRequest, JsonResponse, QueryDict
from ninja import Router, Schema
from ninja.decorators import decorate_view

from core.kept import kept
from core.openapi import BAD_REQUEST_EXAMPLE, merged
from core.search.events import leave, noted
from core.search.openapi import parameters
from core.search.paging import searched

if TYPE_CHECKING:
    from core.search.events import Footprint
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
    found = searched(index, params, page_size)
    if found.query is None:
        return bad_request(found.errors, found.suggestions)
    return found.query, found.result


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
    event: Callable[[SearchQuery, SearchResult], Footprint | None] | None = None,
):
    """A GET route searching `index`: the decorated function receives the request, the query
    and the result, and gives the body; bad parameters never reach it (400). `params` picks
    the parameters searched (the request's, by default); `media_type` documents an answer
    that is not plain JSON; `example` is `core.openapi.examples`' answer for the OpenAPI
    description (a 400's example is added); `event` gives what a family's search leaves
    (`core.search.events`: counted whether the answer is computed or kept). Answers are kept
    until the content changes (`core.kept`)."""

    def decorate(render):
        def endpoint(request: HttpRequest):
            found = api_search(index, params(request) if params else request.GET, page_size)
            if isinstance(found, JsonResponse):
                return found
            if event is not None:
                leave(request, event(*found))
            return render(request, *found)

        # Not functools.wraps: ninja reads the signature, and would take `query` and `result`
        # for query-string parameters.
        for name in ("__name__", "__qualname__", "__module__", "__doc__"):
            setattr(endpoint, name, getattr(render, name))
        # `noted` inside `kept`: the event is kept with the answer.
        return decorate_view(noted, kept)(
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
