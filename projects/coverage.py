"""Where the objectives are covered, and where they are not: the numbers of ONE staff's dashboard.

Every table is a `Table` (a header and rows of plain values), built by aggregate queries whose
number does not grow with the number of places. The dashboard shows the tables and the exports
write the very same `Table`, so a CSV or XLSX file always says what the screen says.

Places are counted when they are live and belong to the chosen programme. A place is placed at
its public point (its commune's for a discreet place or one without a point): the dashboard works
at commune scale and has no use for a discreet place's address.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from core.geo import bounding_box, distance_km
from core.location import public_location
from directory.models import PlacePage
from gazetteer.models import Commune
from objectives.models import Objective, Programme
from projects.models import HealthParentingProject, ProjectStatus

UNSET_AREA = "—"


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    # Columns from this index on hold numbers (right-aligned on screen, numbers in XLSX).
    first_number_column: int = 1
    # Rows from this index on are totals.
    footer_from: int | None = None


def live_places(programme: Programme):
    # No default ordering: in a GROUP BY query it would become a grouping column.
    return PlacePage.objects.live().filter(programmes=programme).order_by()


def _area_rows(programme: Programme, area: str) -> tuple[list[Objective], dict, dict, list[str]]:
    """The areas (`province` or `arrondissement`) of the programme's country, the places per
    (area, objective) and the places per area."""
    objectives = list(programme.objectives.all())
    places = live_places(programme)
    lookup = f"commune__{area}"
    per_objective = {
        (row[lookup] or UNSET_AREA, row["objectives"]): row["n"]
        for row in places.filter(objectives__in=objectives)
        .values(lookup, "objectives")
        .annotate(n=Count("pk", distinct=True))
    }
    totals = {
        row[lookup] or UNSET_AREA: row["n"]
        for row in places.values(lookup).annotate(n=Count("pk", distinct=True))
    }
    # Every area of the country, those without a place too: a zero is what staff look for.
    areas = set(
        Commune.objects.filter(country=programme.country)
        .exclude(**{area: ""})
        .order_by()
        .values_list(area, flat=True)
        .distinct()
    )
    areas.update(totals)
    return objectives, per_objective, totals, sorted(areas, key=lambda a: (a == UNSET_AREA, a))


def _with_total_row(table: Table) -> Table:
    if table.rows:
        width = len(table.header)
        sums = [sum(row[i] for row in table.rows) for i in range(table.first_number_column, width)]
        table.footer_from = len(table.rows)
        table.rows.append([_("Total"), *[""] * (table.first_number_column - 1), *sums])
    return table


def places_by_area(programme: Programme, area: str) -> Table:
    objectives, per_objective, totals, areas = _area_rows(programme, area)
    label = _("Province") if area == "province" else _("Arrondissement")
    table = Table(
        key=f"{area}s",
        title=_("Lieux par objectif et par %(area)s") % {"area": label.lower()},
        header=[label, _("Lieux"), *[objective.name_fr for objective in objectives]],
    )
    for name in areas:
        table.rows.append(
            [
                name,
                totals.get(name, 0),
                *[per_objective.get((name, objective.pk), 0) for objective in objectives],
            ]
        )
    return _with_total_row(table)


def places_by_commune(programme: Programme) -> Table:
    """Only the communes that have a place: the gap list tells where there is none."""
    objectives = list(programme.objectives.all())
    places = live_places(programme)
    per_objective = {
        (row["commune"], row["objectives"]): row["n"]
        for row in places.filter(objectives__in=objectives)
        .values("commune", "objectives")
        .annotate(n=Count("pk", distinct=True))
    }
    communes = (
        places.values("commune", "commune__name_fr", "commune__province")
        .annotate(n=Count("pk", distinct=True))
        .order_by("commune__name_fr", "commune")
    )
    table = Table(
        key="communes",
        title=_("Lieux par objectif et par commune"),
        header=[
            _("Commune"),
            _("Province"),
            _("Lieux"),
            *[objective.name_fr for objective in objectives],
        ],
        first_number_column=2,
    )
    for row in communes:
        table.rows.append(
            [
                row["commune__name_fr"],
                row["commune__province"] or UNSET_AREA,
                row["n"],
                *[per_objective.get((row["commune"], objective.pk), 0) for objective in objectives],
            ]
        )
    return _with_total_row(table)


def projects_by_status() -> Table:
    counts = {
        row["status"]: row
        for row in HealthParentingProject.objects.order_by()
        .values("status")
        .annotate(
            projects=Count("pk", distinct=True),
            consultations=Count("consultation_links__consultation", distinct=True),
            places=Count("place_links__place", distinct=True),
        )
    }
    table = Table(
        key="projects",
        title=_("Projets santé-parentalité par statut"),
        header=[_("Statut"), _("Projets"), _("Consultations"), _("Lieux liés")],
    )
    for status in ProjectStatus:
        row = counts.get(status.value, {})
        table.rows.append(
            [
                str(status.label),
                row.get("projects", 0),
                row.get("consultations", 0),
                row.get("places", 0),
            ]
        )
    total = HealthParentingProject.objects.count()
    table.footer_from = len(table.rows)
    # Consultations and places can be shared between statuses: only projects add up.
    table.rows.append([_("Total"), total, "", ""])
    return table


# ---------------------------------------------------------------------------------------------
# Map and gaps


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
    """The programme's places with their public point and objectives, for the dashboard map."""
    places = live_places(programme)
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
    nearest_place: str | None
    nearest_km: float | None


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


def coverage_gaps(objective: Objective, max_km: float) -> list[Gap]:
    """The communes of the objective's programme's country farther than `max_km` from every
    live place pursuing the objective, the farthest first (then by name)."""
    places = PlacePage.objects.live().filter(objectives=objective).order_by()
    index = _PointIndex(_place_points(places))
    gaps = []
    communes = Commune.objects.filter(country=objective.programme.country).values(
        "pk", "name_fr", "province", "arrondissement", "latitude", "longitude"
    )
    for commune in communes.order_by("name_fr", "pk"):
        latitude, longitude = float(commune["latitude"]), float(commune["longitude"])
        if next(index.within(latitude, longitude, max_km), None) is not None:
            continue
        nearest = index.nearest(latitude, longitude, max_km * 2)
        gaps.append(
            Gap(
                commune_id=commune["pk"],
                commune=commune["name_fr"],
                province=commune["province"] or UNSET_AREA,
                arrondissement=commune["arrondissement"] or UNSET_AREA,
                nearest_place=nearest[1].title if nearest else None,
                nearest_km=round(nearest[0], 1) if nearest else None,
            )
        )
    # No place at all comes first: it is the widest gap.
    gaps.sort(key=lambda g: (g.nearest_km is not None, -(g.nearest_km or 0), g.commune))
    return gaps


def gaps_table(objective: Objective, max_km: float) -> Table:
    table = Table(
        key="gaps",
        title=_("Communes à plus de %(km)s km d'un lieu « %(objective)s »")
        % {"km": f"{max_km:g}", "objective": objective.name_fr},
        header=[
            _("Commune"),
            _("Province"),
            _("Arrondissement"),
            _("Lieu le plus proche"),
            _("Distance (km)"),
        ],
        first_number_column=4,
    )
    for gap in coverage_gaps(objective, max_km):
        table.rows.append(
            [
                gap.commune,
                gap.province,
                gap.arrondissement,
                gap.nearest_place or _("aucun lieu"),
                gap.nearest_km if gap.nearest_km is not None else "",
            ]
        )
    return table
