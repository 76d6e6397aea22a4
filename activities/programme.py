"""A printable programme of an area for a week or a month: the sessions day by day, the places
with how to get in, for families without a smartphone and for posters in waiting rooms.

The map page's activities search, whole (not a page of it): the same parameters, the same
period words. As a page with a print stylesheet (`/programme/?…`), and as a PDF
(`?format=pdf`) laid out by WeasyPrint from the same template. A discreet place shows what
`core.location` lets the public know, its commune alone, as everywhere.

A PDF costs seconds of a worker: it is rendered for a normalised query (`pdf_query`: the radius
rounded up to a step, typed dates widened to whole weeks, a point to about a kilometre, the
parameters the search does not know dropped), which is what the document says; kept in the
cache under that query, the language and the public content generation (`core.kept`), so that
"190 km", "191 km"… are one document, rendered once until the content changes; rendered by at
most `programme_pdf_renders` workers of the machine at once (`core.slots`: the others answer 503
« réessayez dans un instant » with Retry-After at once, instead of holding a worker); and each
client address may have only so many rendered (`core.clients`: 429 beyond).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from itertools import groupby

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from activities.search.index import SESSIONS, ActivityHit
from activities.search.page import period_data
from core.clients import rate_limited
from core.kept import generation
from core.search.api import api_search
from core.slots import slot
from directory.opening import ClosureNotice, closures_during
from directory.place_record import PlaceRecord

# A poster for a month in a busy area: beyond this the programme says it is cut short.
PROGRAMME_MAX_SESSIONS = 300
STYLESHEET = "activities/css/programme.css"
FORMATS = ("html", "pdf")
# A PDF's radius is rounded up to one of these (km); beyond the last, the search refuses it.
RADIUS_STEPS_KM = (5, 10, 25, 50, 100, 200)
# A point typed as "latitude,longitude" is rounded to this many decimals (about a kilometre).
POINT_DECIMALS = 2
POINT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
# Seconds a client is asked to wait when every rendering slot is taken: about one rendering.
BUSY_RETRY_SECONDS = 10
RATE_SCOPE = "programme-pdf"


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
    wanted = request.GET.get("format") or "html"
    if wanted not in FORMATS:
        message = _("Choisissez le format html ou pdf.")
        return _refused(request, {"format": [str(message)]})
    data, when, errors = period_data(request.GET)
    for ignored in ("page", "page_size", "format", "view"):
        data.pop(ignored, None)
    if errors:
        return _refused(request, errors)
    if wanted == "pdf":
        return _programme_pdf(request, pdf_query(data), when)
    found = _context(request, data, when)
    if isinstance(found, HttpResponse):
        return found
    return TemplateResponse(request, "activities/programme.html", found)


def _context(request: HttpRequest, data: QueryDict, when: str) -> dict | HttpResponse:
    found = api_search(SESSIONS, data, page_size=PROGRAMME_MAX_SESSIONS)
    if isinstance(found, HttpResponse):
        return _refused(request, _errors_of(found))
    query, result = found
    dates = query.get("dates")
    circle = query.get("near")
    hits = list(result.hits)
    places = _places(hits)
    return {
        "date_from": dates.start,
        "date_to": dates.end,
        "days": _days(hits),
        "places": places,
        "closures": _closures(places, dates.start, dates.end),
        "count": result.count,
        "cut_short": result.count > len(hits),
        "near": data.get("near", ""),
        "radius_km": f"{circle.radius_km:g}" if circle is not None else "",
        "pdf_query": _pdf_query(request),
        "when": when,
    }


def _refused(request: HttpRequest, errors: dict) -> HttpResponse:
    return TemplateResponse(
        request, "activities/programme_error.html", {"errors": errors}, status=400
    )


def _step_up(radius: str) -> str:
    try:
        value = Decimal(radius)
    except InvalidOperation:
        return radius  # the search says what is wrong with it
    step = next((step for step in RADIUS_STEPS_KM if value <= step), None)
    return radius if step is None or not value.is_finite() else str(step)


def _whole_weeks(data: QueryDict) -> None:
    for name, weekday in (("from", 0), ("to", 6)):
        try:
            day = date.fromisoformat((data.get(name) or "").strip())
        except ValueError:
            continue
        data.setlist(name, [(day + timedelta(days=weekday - day.weekday())).isoformat()])


def _default_radius() -> str:
    params = (param for criterion in SESSIONS.criteria for param in criterion.params())
    return str(next(param.default for param in params if param.name == "radius_km"))


def pdf_query(data: QueryDict) -> QueryDict:
    """The query a PDF is rendered for: the parameters the search knows, the radius rounded up
    to a step, dates a family typed widened to whole weeks (Monday to Sunday; "this week" and
    "this month" are already one span per day), a typed point rounded to about a kilometre."""
    known = set(SESSIONS.param_names())
    query = QueryDict(mutable=True)
    for name in sorted(known & set(data)):
        values = [value for value in data.getlist(name) if value.strip()]
        if values:
            query.setlist(name, values)
    near = query.get("near", "")
    point = POINT.match(near)
    if point:
        latitude, longitude = (round(float(part), POINT_DECIMALS) for part in point.groups())
        query["near"] = f"{latitude:.{POINT_DECIMALS}f},{longitude:.{POINT_DECIMALS}f}"
    if near:
        query["radius_km"] = _step_up(query.get("radius_km") or _default_radius())
    _whole_weeks(query)
    return query


def pdf_key(query: QueryDict) -> str:
    """The cache key of a PDF: its normalised query, the language and the content generation."""
    asked = "|".join((query.urlencode(), get_language() or "", generation()))
    return "programme-pdf:" + hashlib.sha256(asked.encode()).hexdigest()


def _pdf_response(document: bytes, name: str) -> HttpResponse:
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _busy(request: HttpRequest, status: int) -> HttpResponse:
    """The PDF cannot be made now: the localized « réessayez dans un instant » page, 503 while
    every rendering slot is taken, 429 when this client asked for too many."""
    response = TemplateResponse(
        request,
        "activities/programme_busy.html",
        {"too_many": status == 429, "html_query": _html_query(request)},
        status=status,
    )
    response["Retry-After"] = str(
        BUSY_RETRY_SECONDS if status == 503 else settings.ACTIVITIES["programme_pdf_rate"][1]
    )
    response["Cache-Control"] = "no-store"
    return response


def _programme_pdf(request: HttpRequest, data: QueryDict, when: str) -> HttpResponse:
    key = pdf_key(data)
    kept = cache.get(key)
    if kept is not None:
        return _pdf_response(*kept)
    if rate_limited(request, RATE_SCOPE, settings.ACTIVITIES["programme_pdf_rate"]):
        return _busy(request, 429)
    with slot("programme-pdf", settings.ACTIVITIES["programme_pdf_renders"]) as free:
        if not free:
            return _busy(request, 503)
        # Another worker may have rendered it while this one waited for the cache.
        kept = cache.get(key)
        if kept is not None:
            return _pdf_response(*kept)
        context = _context(request, data, when)
        if isinstance(context, HttpResponse):
            return context
        html = render_to_string("activities/programme_document.html", context, request)
        document = _pdf(html), f"programme-{context['date_from'].isoformat()}.pdf"
    seconds = settings.ACTIVITIES["programme_pdf_kept_seconds"]
    if settings.KEPT_RESPONSES_SECONDS > 0 and seconds > 0:
        cache.set(key, document, seconds)
    return _pdf_response(*document)


def _pdf_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.setlist("format", ["pdf"])
    return query.urlencode()


def _html_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("format", None)
    return query.urlencode()


def _errors_of(response: HttpResponse) -> dict:
    return json.loads(response.content).get("errors", {})
