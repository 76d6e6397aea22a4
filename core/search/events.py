"""Where families look: each family search leaves one anonymous event (`core.models.SearchEvent`).

What is kept is what ONE staff need to see where families searched and found nothing, and
nothing that tells who searched: the commune the search was around (its stable key, never the
text typed nor a point finer than the commune), the radius, the *names* of the criteria used
(never their text: `q` is "q"), the number of results, the engine, the day. No address, no IP
address, no cookie, no user. The daily `aggregate_search_events` adds the events to their ISO
week (`core.search.search_weeks`) and deletes them. docs/search-statistics.md says it all.

The event is worked out while the response is computed (`leave` by the page or the API's route,
moved onto the response by `noted`), so a kept response (`core.kept`) carries it: a search
answered from the cache counts as much as one computed. `SearchEventMiddleware`, outside the
cache, hands it over after the response has been sent (a closer of the response, which the WSGI
server calls once the body is out), so the family never waits for it. Each process gathers the
events in memory and writes them with one multi-row INSERT every
`SEARCH_STATISTICS["buffer_events"]` events, or at the first search after
`SEARCH_STATISTICS["buffer_seconds"]`, and when the process exits: a commit per search cost
more than the search it counted (benchmarks/search_events.py). A worker killed outright loses
what it gathered, a statistic, never a family's answer.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial, wraps
from time import monotonic

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from core.models import SearchEvent

logger = logging.getLogger(__name__)

RESPONSE_ATTRIBUTE = "search_event"
REQUEST_ATTRIBUTE = "_search_event"


@dataclass(frozen=True)
class Footprint:
    """What one search leaves: nothing that tells who searched (module docstring)."""

    index: str
    area: str
    radius_km: int
    filters: tuple[str, ...]
    results: int
    engine: str


def leave(request: HttpRequest, event: Footprint | None) -> None:
    """Called by a search's view while it computes: `noted` moves the event onto the response."""
    if event is not None:
        setattr(request, REQUEST_ATTRIBUTE, event)


def note(response: HttpResponseBase, event: Footprint | None) -> HttpResponseBase:
    """The response carries the event (pickled with it when it is kept)."""
    if event is not None:
        setattr(response, RESPONSE_ATTRIBUTE, event)
    return response


def noted(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A view decorator, inside `core.kept.kept`: the event `leave` set goes onto the response
    before the response is kept."""

    @wraps(view)
    def respond(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        return note(response, request.__dict__.pop(REQUEST_ATTRIBUTE, None))

    return respond


class _Gathered:
    """This process's events not yet written, and when the first of them came."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.rows: list[SearchEvent] = []
        self.since = 0.0


_gathered = _Gathered()


def record(event: Footprint, day: date) -> None:
    """Gathers the event; writes what is gathered when enough is, or has waited long enough."""
    row = SearchEvent(
        day=day,
        index=event.index,
        area=event.area,
        radius_km=event.radius_km,
        filters=",".join(event.filters),
        results=event.results,
        engine=event.engine,
    )
    limits = settings.SEARCH_STATISTICS
    with _gathered.lock:
        if not _gathered.rows:
            _gathered.since = monotonic()
        _gathered.rows.append(row)
        due = (
            len(_gathered.rows) >= limits["buffer_events"]
            or monotonic() - _gathered.since >= limits["buffer_seconds"]
        )
    if due:
        flush()


def flush() -> int:
    """Writes the gathered events in one INSERT; how many."""
    with _gathered.lock:
        rows, _gathered.rows = _gathered.rows, []
    if not rows:
        return 0
    try:
        SearchEvent.objects.bulk_create(rows)
    except DatabaseError as error:
        # Statistics lost, never a family's page: the error names no search.
        logger.warning("%d search events not recorded: %s", len(rows), type(error).__name__)
        return 0
    return len(rows)


# What a process gathered is written when it ends (gunicorn's workers exit through sys.exit).
atexit.register(flush)


class SearchEventMiddleware:
    """Writes the event a GET search's 200 response carries, fresh or kept, once the response
    is sent."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # Read before HeadAsGetMiddleware: a HEAD is no search a family saw.
        counted = request.method == "GET"
        response = self.get_response(request)
        event = getattr(response, RESPONSE_ATTRIBUTE, None)
        if counted and event is not None and response.status_code == 200:
            # Django's own way of running something when the server closes the response
            # (FileResponse closes its file this way): after the body is sent.
            response._resource_closers.append(partial(record, event, timezone.localdate()))
        return response
