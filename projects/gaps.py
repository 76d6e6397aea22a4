"""Where a programme's places are, and where its territory lacks them: the coverage map's
points, the population within reach of a place pursuing an objective, and the gap list, the
communes with the most people farther than a distance from every such place first.

A place is placed at its public point (its commune's for a discreet place or one without a
point). The tables are `projects.coverage.Table`s, so the exports write what the screen says.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.geo import bounding_box, distance_km
from core.location import public_location
from core.pages import in_source_language
from directory.models import PlacePage
from objectives.models import Objective, Programme
from projects.coverage import UNSET_AREA, Table, territory_communes, territory_places


@dataclass(frozen=True)
class PlacePoint:
    pk: int
    title: str
    latitude: float
    longitude: float
    approximate: bool


def _place_points(places) -> list[PlacePoint]:
    points = []
    for row in places.values(
        "pk",
        "title",
        "latitude",
        "longitude",
        "is_discreet",
        "commune__latitude",
        "commune__longitude",
    ).order_by("pk"):
        location = public_location(
            discreet=row["is_discreet"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            commune_latitude=row["commune__latitude"],
            commune_longitude=row["commune__longitude"],
        )
        points.append(
            PlacePoint(
                row["pk"], row["title"], location.latitude, location.longitude, location.approximate
            )
        )
    return points


def map_features(programme: Programme) -> list[dict]:
    """The programme's places in its territory, with their public point and objectives, for
    the dashboard map."""
    places = territory_places(programme)
    objectives_of: dict[int, list[str]] = {}
    for pk, slug in places.filter(objectives__programme=programme).values_list(
        "pk", "objectives__slug"
    ):
        objectives_of.setdefault(pk, []).append(slug)
    return [
        {
            "id": point.pk,
            "name": point.title,
            "lat": point.latitude,
            "lon": point.longitude,
            "approximate": point.approximate,
            "objectives": sorted(objectives_of.get(point.pk, [])),
        }
        for point in _place_points(places)
    ]


@dataclass(frozen=True)
class Gap:
    commune_id: int
    commune: str
    province: str
    arrondissement: str
    population: int | None
    nearest_place: str | None
    nearest_km: float | None


@dataclass(frozen=True)
class Reach:
    """The territory's people within reach of a place pursuing the objective, and not."""

    communes: int
    population: int
    served_communes: int
    served_population: int
    gaps: list[Gap]


class _PointIndex:
    """Places sorted by latitude: a bounding box becomes a slice, then a longitude test."""

    def __init__(self, points: list[PlacePoint]):
        self.points = sorted(points, key=lambda p: (p.latitude, p.pk))
        self.latitudes = [p.latitude for p in self.points]

    def within(self, latitude: float, longitude: float, radius_km: float):
        """(distance, place) for every place within `radius_km`."""
        box = bounding_box(latitude, longitude, radius_km)
        start = bisect.bisect_left(self.latitudes, box.min_latitude)
        stop = bisect.bisect_right(self.latitudes, box.max_latitude)
        for point in self.points[start:stop]:
            if box.min_longitude <= point.longitude <= box.max_longitude:
                km = distance_km((latitude, longitude), (point.latitude, point.longitude))
                if km <= radius_km:
                    yield km, point

    def nearest(self, latitude: float, longitude: float, start_km: float):
        """The nearest place: search boxes twice as wide until one holds a place. Any place
        inside the radius is nearer than every place outside it, so the first hit is exact."""
        radius = max(start_km, 1.0)
        while self.points and radius <= 40_000:
            found = min(self.within(latitude, longitude, radius), default=None, key=_by_km)
            if found is not None:
                return found
            radius *= 2
        return None


def _by_km(item):
    km, point = item
    return (km, point.title, point.pk)


def coverage_reach(objective: Objective, max_km: float) -> Reach:
    """The communes of the objective's programme's territory farther than `max_km` from every
    live place pursuing the objective: those with the most people first (families unserved;
    the population is the total one, no package giving children under six), then the
    farthest, then by name; and how many people the places reach."""
    places = in_source_language(PlacePage.objects.live().filter(objectives=objective)).order_by()
    index = _PointIndex(_place_points(places))
    gaps = []
    communes = territory_communes(objective.programme).values(
        "pk", "name_fr", "province", "arrondissement", "population", "latitude", "longitude"
    )
    total = served = served_communes = count = 0
    for commune in communes.order_by("name_fr", "pk"):
        count += 1
        population = commune["population"] or 0
        total += population
        latitude, longitude = float(commune["latitude"]), float(commune["longitude"])
        if next(index.within(latitude, longitude, max_km), None) is not None:
            served += population
            served_communes += 1
            continue
        nearest = index.nearest(latitude, longitude, max_km * 2)
        gaps.append(
            Gap(
                commune_id=commune["pk"],
                commune=commune["name_fr"],
                province=commune["province"] or UNSET_AREA,
                arrondissement=commune["arrondissement"] or UNSET_AREA,
                population=commune["population"],
                nearest_place=nearest[1].title if nearest else None,
                nearest_km=round(nearest[0], 1) if nearest else None,
            )
        )
    gaps.sort(key=lambda g: (-(g.population or 0), -(g.nearest_km or 10**6), g.commune))
    return Reach(count, total, served_communes, served, gaps)


def coverage_gaps(objective: Objective, max_km: float) -> list[Gap]:
    return coverage_reach(objective, max_km).gaps


def reach_table(objective: Objective, max_km: float, reach: Reach | None = None) -> Table:
    reach = reach or coverage_reach(objective, max_km)
    table = Table(
        key="reach",
        title=_("Population à moins de %(km)s km d'un lieu « %(objective)s »")
        % {"km": f"{max_km:g}", "objective": objective.name_fr},
        header=[_("Territoire"), _("Communes"), _("Habitants"), _("Part des habitants")],
    )
    share = round(100 * reach.served_population / reach.population, 1) if reach.population else 0
    unserved = reach.population - reach.served_population
    table.rows = [
        [_("Desservi"), reach.served_communes, reach.served_population, share],
        [
            _("Non desservi"),
            reach.communes - reach.served_communes,
            unserved,
            round(100 - share, 1),
        ],
    ]
    table.footer_from = 2
    table.rows.append([_("Total"), reach.communes, reach.population, 100])
    return table


def gaps_table(objective: Objective, max_km: float, reach: Reach | None = None) -> Table:
    table = Table(
        key="gaps",
        title=_(
            "Communes à plus de %(km)s km d'un lieu « %(objective)s », les plus peuplées d'abord"
        )
        % {"km": f"{max_km:g}", "objective": objective.name_fr},
        header=[
            _("Commune"),
            _("Province"),
            _("Arrondissement"),
            _("Lieu le plus proche"),
            _("Habitants"),
            _("Distance (km)"),
        ],
        first_number_column=4,
    )
    for gap in (reach or coverage_reach(objective, max_km)).gaps:
        table.rows.append(
            [
                gap.commune,
                gap.province,
                gap.arrondissement,
                gap.nearest_place or _("aucun lieu"),
                gap.population if gap.population is not None else "",
                gap.nearest_km if gap.nearest_km is not None else "",
            ]
        )
    return table
