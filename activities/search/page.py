"""The map page's "activities" view: sessions "this week", "this month" or between two dates,
with the same filters as places, through the same FilterSet and service as the API."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.search.params import ActivitySearchFilterSet
from activities.search.results import ActivitySearchResult
from activities.search.service import search_activities

WHEN_CHOICES = [
    ("week", _("Cette semaine")),
    ("month", _("Ce mois-ci")),
    ("dates", _("Entre deux dates")),
]


def period(when: str, today: date) -> tuple[date, date] | None:
    """The days of "this week" (to Sunday) or "this month" (to its last day), from today."""
    if when == "week":
        return today, today + timedelta(days=6 - today.weekday())
    if when == "month":
        return today, today.replace(day=monthrange(today.year, today.month)[1])
    return None


@dataclass(frozen=True)
class ActivitiesPage:
    filterset: ActivitySearchFilterSet
    result: ActivitySearchResult | None
    when: str
    date_from: date | None
    date_to: date | None
    page: int
    page_count: int
    previous_url: str | None
    next_url: str | None
    errors: dict[str, list[str]]
    first_rank: int = 1


def _page_url(params: QueryDict, page: int) -> str:
    query = params.copy()
    query.setlist("page", [str(page)])
    return "?" + urlencode(sorted(query.lists()), doseq=True)


def activities_page(params: QueryDict) -> ActivitiesPage:
    when = params.get("when") or "week"
    data = params.copy()
    errors: dict[str, list[str]] = {}
    if when not in dict(WHEN_CHOICES):
        errors["when"] = [str(_("Choisissez cette semaine, ce mois-ci ou deux dates."))]
        when = "week"
    dates = period(when, timezone.localdate())
    if dates is not None:
        # "This week" and "this month" set the dates; typed ones count only with "dates".
        data.setlist("from", [dates[0].isoformat()])
        data.setlist("to", [dates[1].isoformat()])
    filterset = ActivitySearchFilterSet(data)
    if errors or not filterset.is_valid():
        errors.update(filterset.error_details() if filterset.is_bound else {})
        return ActivitiesPage(filterset, None, when, None, None, 1, 0, None, None, errors)
    query = filterset.to_activity_query()
    result = search_activities(query)
    page_count = max(1, -(-result.count // query.page_size))
    return ActivitiesPage(
        filterset=filterset,
        result=result,
        when=when,
        date_from=query.date_from,
        date_to=query.date_to,
        page=query.page,
        page_count=page_count,
        previous_url=_page_url(params, query.page - 1) if query.page > 1 else None,
        next_url=_page_url(params, query.page + 1) if query.page < page_count else None,
        errors={},
        first_rank=query.offset + 1,
    )


def map_features(result: ActivitySearchResult | None) -> list[dict]:
    """One marker per place with sessions on the page."""
    features: dict[int, dict] = {}
    for hit in result.hits if result else []:
        features.setdefault(
            hit.place.id,
            {
                "id": hit.place.id,
                "name": hit.place.name,
                "url": hit.place.url,
                "commune": hit.place.commune,
                "lat": hit.place.latitude,
                "lon": hit.place.longitude,
                "approximate": hit.place.approximate,
            },
        )
    return list(features.values())
