"""What every engine answers: the same shape, so that the API and the parity tests see no
difference between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EngineName = Literal["database", "cluster"]


@dataclass(frozen=True)
class PlaceHit:
    id: int
    name: str
    url: str
    programmes: tuple[str, ...]
    objectives: tuple[str, ...]
    commune: str
    postcode: str
    latitude: float
    longitude: float
    # True when the point is the commune's, not the place's (discreet places, places without one).
    approximate: bool
    distance_km: float | None


@dataclass(frozen=True)
class Facets:
    objectives: dict[str, int] = field(default_factory=dict)
    programmes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PlaceSearchResult:
    count: int
    hits: list[PlaceHit]
    facets: Facets
    engine: EngineName
