"""What both activity engines answer: the matching sessions' ids in order, with the count; the
page of sessions is then read from the database by one shared function, so that both engines
give the same fields (and registrations' remaining places are always current)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from directory.search.results import EngineName


@dataclass(frozen=True)
class PlaceSummary:
    id: int
    name: str
    url: str
    commune: str
    postcode: str
    latitude: float
    longitude: float
    approximate: bool


@dataclass(frozen=True)
class ActivityHit:
    id: int
    start: datetime
    end: datetime
    cancelled: bool
    cancellation_reason: str
    activity_id: int
    title: str
    url: str
    calendar_url: str
    objectives: tuple[str, ...]
    languages: tuple[str, ...]
    age_min_months: int
    age_max_months: int
    price: str
    registration_required: bool
    capacity: int | None
    remaining_places: int | None
    place: PlaceSummary
    distance_km: float | None


@dataclass(frozen=True)
class ActivitySearchResult:
    count: int
    hits: list[ActivityHit]
    engine: EngineName
