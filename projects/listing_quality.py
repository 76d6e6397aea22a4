"""ONE staff's view of the listings' quality (directory.quality, docs/quality.md): per province
or département, the places, their average score and how many are below the bar, and the worst
listings with what they miss. Read from the stored scores in one query per table; the worst
listings' to-dos from their records, in the records' queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext as _

from directory.models import PlacePage
from directory.quality import LOW, Quality, graded
from directory.search.criteria import public_places

WORST_SHOWN = 20


@dataclass(frozen=True)
class TerritoryQuality:
    code: str
    name: str
    country: str
    places: int
    average: float
    low: int


def territories() -> list[TerritoryQuality]:
    """Every province or département with a public place, in one query."""
    rows = (
        public_places()
        .order_by()
        .values("commune__province_code", "commune__province", "commune__country")
        .annotate(
            places=Count("pk"),
            average=Avg("quality_score"),
            low=Count("pk", filter=Q(quality_score__lt=LOW)),
        )
        .order_by("commune__country", "commune__province", "commune__province_code")
    )
    return [
        TerritoryQuality(
            code=row["commune__province_code"],
            name=row["commune__province"] or _("Province non renseignée"),
            country=row["commune__country"],
            places=row["places"],
            average=round(row["average"] or 0, 1),
            low=row["low"],
        )
        for row in rows
    ]


def places_in(territory: str | None) -> QuerySet[PlacePage]:
    places = public_places()
    return places if territory is None else places.filter(commune__province_code=territory)


def worst(territory: str | None = None, shown: int = WORST_SHOWN):
    """The lowest stored scores first (then by name), with their records (whose
    `quality_score` is the stored score the API gives) and their qualities as of now."""
    ids = list(
        places_in(territory)
        .order_by("quality_score", "title", "pk")
        .values_list("pk", flat=True)[:shown]
    )
    return graded(ids)


def low_count(territory: str | None = None) -> int:
    return places_in(territory).filter(quality_score__lt=LOW).count()


def todo_text(quality: Quality) -> str:
    return " ; ".join(advice for _key, advice in quality.todo)
