"""A printable programme of an area for a week or a month: the sessions day by day, the places
with how to get in, for families without a smartphone and for posters in waiting rooms.

The map page's activities search, whole (not a page of it): the same parameters, the same
period words. As a page with a print stylesheet (`/programme/?…`), and as a PDF
(`?format=pdf`) laid out by WeasyPrint from the same template. A discreet place shows what
`core.location` lets the public know, its commune alone, as everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from activities.search.index import SESSIONS, ActivityHit
from activities.search.page import period_data
from core.search.api import api_search
from directory.opening import ClosureNotice, closures_during
from directory.records import PlaceRecord

# A poster for a month in a busy area: beyond this the programme says it is cut short.
PROGRAMME_MAX_SESSIONS = 300
STYLESHEET = "activities/css/programme.css"


@dataclass(frozen=True)
class Day:
    day: date
    sessions: list[ActivityHit]


@dataclass(frozen=True)
class PlaceClosure:
    """A place of the programme closed some of its days: "Fermé du 5 au 9 avril : Pâques"."""

    place_id: int
    notice: ClosureNotice


def _days(hits: list[ActivityHit]) -> list[Day]:
    return [
        Day(day, list(sessions))
        for day, sessions in groupby(hits, key=lambda hit: timezone.localtime(hit.start).date())
    ]


def _places(hits: list[ActivityHit]) -> list[PlaceRecord]:
    """The programme's places in order of first session: the records the sessions read."""
    return list({hit.place.id: hit.place.record for hit in hits}.values())


def _closures(places: list[PlaceRecord], first: date, last: date) -> list[PlaceClosure]:
    """The closures of the programme's places (their records') that cover any of its days."""
    today = timezone.localdate()
    return [
        PlaceClosure(place.id, notice)
        for place in places
        for notice in closures_during(place.closures, first, last, today)
    ]


def _refuse_fetches(url: str, *args, **kwargs):
    # The PDF is made from the template and its stylesheet alone: nothing is fetched.
    raise ValueError("The programme fetches nothing.")


def _pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=finders.find(STYLESHEET), url_fetcher=_refuse_fetches)
    return HTML(string=html, url_fetcher=_refuse_fetches).write_pdf(stylesheets=[stylesheet])


@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    data, when, errors = period_data(request.GET)
    for ignored in ("page", "page_size", "format", "view"):
        data.pop(ignored, None)
    found = None if errors else api_search(SESSIONS, data, page_size=PROGRAMME_MAX_SESSIONS)
    if found is None or isinstance(found, HttpResponse):
        return TemplateResponse(
            request,
            "activities/programme_error.html",
            {"errors": errors or _errors_of(found)},
            status=400,
        )
    query, result = found
    dates = query.get("dates")
    hits = list(result.hits)
    places = _places(hits)
    context = {
        "date_from": dates.start,
        "date_to": dates.end,
        "days": _days(hits),
        "places": places,
        "closures": _closures(places, dates.start, dates.end),
        "count": result.count,
        "cut_short": result.count > len(hits),
        "near": request.GET.get("near", ""),
        "pdf_query": _pdf_query(request),
        "when": when,
    }
    if request.GET.get("format") == "pdf":
        html = render_to_string("activities/programme_document.html", context, request)
        response = HttpResponse(_pdf(html), content_type="application/pdf")
        name = f"programme-{dates.start.isoformat()}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return TemplateResponse(request, "activities/programme.html", context)


def _pdf_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.setlist("format", ["pdf"])
    return query.urlencode()


def _errors_of(response: HttpResponse) -> dict:
    return json.loads(response.content).get("errors", {})
