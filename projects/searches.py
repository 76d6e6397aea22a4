"""Where families searched and found nothing: the communes of the programme's territory around
which family searches within at least N km found no place, over the last weeks, from the weekly
sums of the anonymous search events (core.search.search_weeks; docs/search-statistics.md).

A search that found nothing within 20 km found nothing within 10 either: « nothing within N
km » counts the searches whose radius was N km or more. A search narrowed by criteria (an
objective, a language, an age…) that found nothing is counted apart as well: there may be
places around, not the ones asked for. The table is a coverage `Table` (the screen and its
exports say the same); the map marks the same communes. Three queries, whatever the number of
communes or weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from core.models import SearchWeek
from core.search.search_weeks import iso_week, monday_of
from gazetteer.models import Commune
from objectives.models import Programme
from projects.coverage import UNSET_AREA, Table, within_territory

INDEX = "places"
DEFAULT_WEEKS = 12


@dataclass(frozen=True)
class EmptySearches:
    commune_id: int
    commune: str
    province: str
    latitude: float
    longitude: float
    searches: int
    found_nothing: int
    narrowed: int
    last_week: date | None


def since_monday(weeks: int, today: date) -> date:
    """The Monday of the first of the last `weeks` ISO weeks, this one included."""
    return monday_of(today) - timedelta(weeks=weeks - 1)


def empty_searches(
    programme: Programme, within_km: float, weeks: int, today: date
) -> list[EmptySearches]:
    """The territory's communes where searches within `within_km` km or more found nothing in
    the last `weeks` weeks: the most such searches first, then those where searches found
    nothing most often."""
    sums = (
        SearchWeek.objects.filter(
            index=INDEX,
            week__gte=since_monday(weeks, today),
            radius_km__gte=within_km,
        )
        .exclude(area="")
        .order_by()
        .values("area")
        .annotate(
            total=Sum("searches"),
            nothing=Sum("found_nothing"),
            narrowed=Sum("found_nothing", filter=~Q(filters="")),
            last_week=Max("week", filter=Q(found_nothing__gt=0)),
        )
        .filter(nothing__gt=0)
    )
    by_key = {row["area"]: row for row in sums}
    # One IN list per country: an OR per commune would outgrow SQLite's expression depth.
    codes: dict[str, list[str]] = {}
    for key in by_key:
        country, _dash, code = key.partition("-")
        codes.setdefault(country, []).append(code)
    wanted = Q(pk__in=[])
    for country, listed in codes.items():
        wanted |= Q(country=country, code__in=listed)
    communes = within_territory(Commune.objects.filter(wanted), programme, "pk").values(
        "pk", "country", "code", "name_fr", "province", "latitude", "longitude"
    )
    found = []
    for commune in communes:
        row = by_key[f"{commune['country']}-{commune['code']}"]
        found.append(
            EmptySearches(
                commune_id=commune["pk"],
                commune=commune["name_fr"],
                province=commune["province"] or UNSET_AREA,
                latitude=float(commune["latitude"]),
                longitude=float(commune["longitude"]),
                searches=row["total"],
                found_nothing=row["nothing"],
                narrowed=row["narrowed"] or 0,
                last_week=row["last_week"],
            )
        )
    found.sort(
        key=lambda item: (-item.found_nothing, -item.found_nothing / item.searches, item.commune)
    )
    return found


def empty_searches_table(
    within_km: float, weeks: int, rows: list[EmptySearches], since: date
) -> Table:
    table = Table(
        key="searches",
        title=_("Recherches sans aucun lieu à moins de %(km)s km, par commune")
        % {"km": f"{within_km:g}"},
        header=[
            _("Commune"),
            _("Province"),
            _("Dernière semaine sans résultat"),
            _("Recherches"),
            _("Sans résultat"),
            _("Dont avec des critères"),
        ],
        first_number_column=3,
        note=_(
            "Recherches des familles autour de chaque commune, sur la carte ou par l'API, "
            "depuis la semaine %(week)s (%(weeks)s semaines), d'un rayon de %(km)s km ou plus. "
            "« Avec des critères » : la recherche demandait aussi un objectif, un âge, une "
            "langue… ; des lieux peuvent être proches sans y répondre."
        )
        % {"week": iso_week(since), "weeks": weeks, "km": f"{within_km:g}"},
    )
    for item in rows:
        table.rows.append(
            [
                item.commune,
                item.province,
                iso_week(item.last_week) if item.last_week else "",
                item.searches,
                item.found_nothing,
                item.narrowed,
            ]
        )
    return table


def map_points(rows: list[EmptySearches]) -> list[dict]:
    """The same communes for the dashboard's map: at their centre, with their count."""
    return [
        {
            "name": item.commune,
            "lat": item.latitude,
            "lon": item.longitude,
            "found_nothing": item.found_nothing,
        }
        for item in rows
    ]
