"""The map page's "activities" view: sessions "this week", "this month" or between two dates,
with the same filters as places, through the same FilterSet and service as the API. The
directory's map page shows it through the `register_map_page_view` hook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Occurrence
from activities.search.index import SESSIONS
from core.search.paging import SearchPage, search_page
from core.search.query import SearchQuery
from core.search.service import matching_ids
from directory.search.map_points import MATCHES_LIMIT, place_features
from directory.search.page import MapView, form_choices, map_points_url

WHEN_CHOICES = [
    ("week", _("Cette semaine")),
    ("month", _("Ce mois-ci")),
    ("dates", _("Entre deux dates")),
]


# What families mean: "this week" is today and the next six days (on a Thursday, next
# Wednesday's workshop is in it), "this month" the next thirty days, whatever the calendar says.
PERIOD_DAYS = {"week": 7, "month": 30}


def period(when: str, today: date) -> tuple[date, date] | None:
    """The days of "this week" or "this month", today included."""
    days = PERIOD_DAYS.get(when)
    if days is None:
        return None
    return today, today + timedelta(days=days - 1)


def typed_dates(params: QueryDict) -> bool:
    return bool((params.get("from") or "").strip() or (params.get("to") or "").strip())


@dataclass(frozen=True, kw_only=True)
class ActivitiesPage(SearchPage):
    when: str

    @property
    def date_from(self) -> date | None:
        return self.query.get("dates").start if self.query else None

    @property
    def date_to(self) -> date | None:
        return self.query.get("dates").end if self.query else None


def period_data(params: QueryDict) -> tuple[QueryDict, str, dict[str, list[str]]]:
    """The search's parameters with the period's days as `from` and `to`; the period the
    family chose; an error if they named none we know."""
    when = params.get("when") or "week"
    data = params.copy()
    errors: dict[str, list[str]] = {}
    if when not in dict(WHEN_CHOICES):
        errors["when"] = [str(_("Choisissez cette semaine, ce mois-ci ou deux dates."))]
        when = "week"
    if typed_dates(params):
        # Dates a family typed are what they asked for, whichever period is ticked (the page's
        # script clears them when a period is chosen).
        when = "dates"
    dates = period(when, timezone.localdate())
    if dates is not None:
        data.setlist("from", [dates[0].isoformat()])
        data.setlist("to", [dates[1].isoformat()])
    return data, when, errors


def activities_page(params: QueryDict) -> ActivitiesPage:
    data, when, errors = period_data(params)
    page = search_page(SESSIONS, data, links=params, errors=errors)
    return ActivitiesPage(**vars(page), when=when)


def programme_url(params: QueryDict) -> str:
    """The printable programme of the same search (every session of the period, not a page)."""
    query = params.copy()
    for ignored in ("page", "page_size", "view"):
        query.pop(ignored, None)
    return reverse("programme") + (f"?{query.urlencode()}" if query else "")


def sessions_map_features(query: SearchQuery, count: int) -> list[dict]:
    """One marker per place holding any of the `count` sessions the query finds, not only the
    list's page's (points, or grid cells beyond `directory.search.map_points.POINTS_LIMIT`
    places)."""
    if not count:
        return []
    ids = matching_ids(SESSIONS, query, limit=min(count, MATCHES_LIMIT))
    places = Occurrence.objects.filter(pk__in=ids).values_list("place_id", flat=True)
    return place_features(list(places.distinct().order_by()))


def map_features(search: ActivitiesPage) -> list[dict]:
    if not search.result:
        return []
    return sessions_map_features(search.query, search.result.count)


def activities_context(request: HttpRequest) -> dict:
    search = activities_page(request.GET)
    found = bool(search.result and search.result.count)
    # The map's points are asked of the API with the period's days (`from`, `to`), as the page
    # searched them (directory.search.page.map_points_url): the page does not carry them.
    data, _when, _errors = period_data(request.GET)
    data.pop("when", None)
    return {
        "search": search,
        "when_choices": WHEN_CHOICES,
        "choices": form_choices(request.GET, None),
        "map_features": [],
        "map_points_url": map_points_url(data, "api-v1:sessions_map") if found else "",
        "programme_url": programme_url(request.GET),
    }


ACTIVITIES_VIEW = MapView(
    "activities", _("Activités"), SESSIONS, activities_context, inputs=("when",)
)
