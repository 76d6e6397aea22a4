"""What the map page (the directory root) shows for a query string: the same FilterSet and
service as the API, so that the page, its list twin and the API never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict

from core.weekdays import WEEKDAY_SLUGS, Weekday
from directory.models import Language
from directory.search.params import DEFAULT_RADIUS_KM, PlaceSearchFilterSet
from directory.search.results import PlaceSearchResult
from directory.search.service import search_places
from objectives.models import Programme

RADIUS_CHOICES = [2, 5, 10, 20, 50, 100, 200]


@dataclass(frozen=True)
class SearchPage:
    filterset: PlaceSearchFilterSet
    result: PlaceSearchResult | None
    page: int
    page_count: int
    previous_url: str | None
    next_url: str | None
    first_rank: int = 1

    @property
    def errors(self) -> dict[str, list[str]]:
        return {} if self.result is not None else self.filterset.error_details()


def _page_url(params: QueryDict, page: int) -> str:
    query = params.copy()
    query.setlist("page", [str(page)])
    return "?" + urlencode(sorted(query.lists()), doseq=True)


def search_page(params: QueryDict) -> SearchPage:
    filterset = PlaceSearchFilterSet(params)
    if not filterset.is_valid():
        return SearchPage(filterset, None, 1, 0, None, None)
    query = filterset.to_query()
    result = search_places(query)
    page_count = max(1, -(-result.count // query.page_size))
    return SearchPage(
        filterset=filterset,
        result=result,
        page=query.page,
        page_count=page_count,
        previous_url=_page_url(params, query.page - 1) if query.page > 1 else None,
        next_url=_page_url(params, query.page + 1) if query.page < page_count else None,
        first_rank=query.offset + 1,
    )


def form_choices(params: QueryDict, result: PlaceSearchResult | None) -> dict:
    """The form's options, with facet counts beside objectives and programmes."""
    objective_counts = result.facets.objectives if result else {}
    programme_counts = result.facets.programmes if result else {}
    chosen_objectives = set(params.getlist("objective"))
    chosen_programmes = set(params.getlist("programme"))
    programmes = []
    for programme in Programme.objects.prefetch_related("objectives"):
        programmes.append(
            {
                "programme": programme,
                "count": programme_counts.get(programme.slug, 0),
                "checked": programme.slug in chosen_programmes,
                "objectives": [
                    {
                        "objective": objective,
                        "count": objective_counts.get(objective.slug, 0),
                        "checked": objective.slug in chosen_objectives,
                    }
                    for objective in programme.objectives.all()
                ],
            }
        )
    return {
        "programmes": programmes,
        "languages": Language.objects.all(),
        "days": list(zip(WEEKDAY_SLUGS, Weekday.labels, strict=True)),
        "radii": RADIUS_CHOICES,
        "default_radius": DEFAULT_RADIUS_KM,
    }


def tiles_config() -> dict:
    _name, url, options = settings.LEAFLET_CONFIG["TILES"][0]
    return {"url": url, "attribution": options.get("attribution", "")}
