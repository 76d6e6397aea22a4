"""What the readers hand to the loader: plain records, one country at a time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

SIX_PLACES = Decimal("0.000001")


def decimal(value: float) -> Decimal:
    """A coordinate as the models store it: six decimals (about 10 cm)."""
    return Decimal(str(value)).quantize(SIX_PLACES)


def mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        sum(lat for lat, _lon in points) / len(points),
        sum(lon for _lat, lon in points) / len(points),
    )


@dataclass
class CommuneRecord:
    country: str
    code: str
    name_fr: str
    name_nl: str
    province: str
    province_code: str
    region: str
    arrondissement: str
    population: int | None
    latitude: Decimal
    longitude: Decimal
    point_source: str
    point_approximate: bool
    search_names: str


@dataclass
class SectionRecord:
    key: str
    country: str
    kind: str
    name_fr: str
    name_nl: str
    commune_code: str
    population: int | None
    latitude: Decimal
    longitude: Decimal
    point_source: str
    point_approximate: bool
    matched_by: str
    search_names: str


@dataclass
class PostcodeRecord:
    country: str
    code: str
    locality: str
    commune_code: str
    section_key: str | None
    latitude: Decimal
    longitude: Decimal
    point_source: str
    point_approximate: bool


@dataclass
class CountryData:
    communes: list[CommuneRecord] = field(default_factory=list)
    sections: list[SectionRecord] = field(default_factory=list)
    postcodes: list[PostcodeRecord] = field(default_factory=list)
    # What the data has but the gazetteer leaves out, by reason (said in the load summary).
    skipped: Counter = field(default_factory=Counter)
