"""Where the objectives are covered, and where they are not: the numbers of ONE staff's dashboard.

Every table is a `Table` (a header and rows of plain values), built by aggregate queries whose
number does not grow with the number of places. The dashboard shows the tables and the exports
write the very same `Table`, so a CSV or XLSX file always says what the screen says.

Places are counted when they are live and belong to the chosen programme. A place is placed at
its public point (its commune's for a discreet place or one without a point): the dashboard works
at commune scale and has no use for a discreet place's address.

Every table said to stay inside the programme's territory (its places, the searches that found
nothing) keeps to it through one rule, `within_territory`: a row counts when its commune is one
of `territory_communes`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from core.pages import in_source_language
from directory.models import PlacePage
from gazetteer.models import Commune
from objectives.models import Objective, Programme
from projects.models import HealthParentingProject, ProgrammeTerritory, ProjectStatus

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
    # What the rows are, where it needs saying (shown under the title).
    note: str = ""


def live_places(programme: Programme):
    # No default ordering: in a GROUP BY query it would become a grouping column.
    return in_source_language(PlacePage.objects.live().filter(programmes=programme)).order_by()


def territory_regions(programme: Programme) -> list[str]:
    """The regions of the programme's territory; empty: its whole country."""
    territory = ProgrammeTerritory.objects.filter(programme=programme).first()
    return territory.region_names() if territory else []


def territory_communes(programme: Programme):
    """The communes the programme works in: its country's, within its territory's regions."""
    communes = Commune.objects.filter(country=programme.country, retired=False)
    regions = territory_regions(programme)
    return communes.filter(region__in=regions) if regions else communes


def within_territory(rows, programme: Programme, commune: str = "commune"):
    """The one territory rule: the rows (places, communes…) whose commune, at the path
    `commune` (`"pk"` for communes themselves), is in the programme's territory."""
    return rows.filter(**{f"{commune}__in": territory_communes(programme).values("pk")})


def territory_places(programme: Programme):
    """The programme's live places inside its territory: what its tables and map count."""
    return within_territory(live_places(programme), programme)


def area_note(programme: Programme) -> str:
    """What the dashboard's areas are, where that is not obvious."""
    if programme.country == "BE":
        return _(
            "Arrondissements judiciaires : aucune source de données maintenue ne donne les "
            "arrondissements administratifs belges."
        )
    return _("Arrondissements des départements (Code officiel géographique).")


def _area_rows(programme: Programme, area: str) -> tuple[list[Objective], dict, dict, list[str]]:
    """The areas (`province` or `arrondissement`) of the programme's country, the places per
    (area, objective) and the places per area."""
    objectives = list(programme.objectives.all())
    places = territory_places(programme)
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
    # Every area of the territory, those without a place too: a zero is what staff look for.
    areas = set(
        territory_communes(programme)
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
        note=area_note(programme) if area == "arrondissement" else "",
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
    places = territory_places(programme)
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
