"""Where a demo place stands: its street address (names of the country's streets, or a person's
drawn by Faker from the place's own stream) and its point, near its commune's or section's."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from core.countries import Country
from rencontres.demo.words import STREET_NAMES_BE, STREET_NAMES_FR, STREET_TYPES_BE, STREET_TYPES_FR

MAX_JITTER_METRES = 1_990  # "within 2 km" of the commune's centroid, rounding included
METRES_PER_DEGREE = 111_320


class Streets:
    """Street addresses of Belgium and France, drawn from a place's stream."""

    def __init__(self):
        self.fakers = _fakers()

    def street(self, rng: random.Random, country: str) -> str:
        number = rng.choices(
            [rng.randint(1, 30), rng.randint(31, 150), rng.randint(151, 400)], [60, 30, 10]
        )[0]
        if country == Country.FRANCE:
            kind = rng.choice(STREET_TYPES_FR)
            name = self._name(rng, STREET_NAMES_FR, "fr_FR")
            return f"{number} {kind.lower()} {name}"
        kind = rng.choice(STREET_TYPES_BE)
        name = self._name(rng, STREET_NAMES_BE, "fr_BE")
        return f"{kind} {name} {number}"

    def _name(self, rng: random.Random, names: list[str], locale: str) -> str:
        if rng.random() < 0.25:
            # Streets named after someone: a person's name drawn by Faker from our stream.
            faker = self.fakers[locale]
            faker.random = rng
            return f"{faker.first_name()} {faker.last_name()}"
        return rng.choice(names)


def jitter(rng: random.Random, latitude: float, longitude: float) -> tuple[Decimal, Decimal]:
    """A point at most 2 km from the given one, uniformly spread over the disc."""
    distance = MAX_JITTER_METRES * math.sqrt(rng.random())
    bearing = rng.uniform(0, 2 * math.pi)
    dlat = distance * math.cos(bearing) / METRES_PER_DEGREE
    dlon = distance * math.sin(bearing) / (METRES_PER_DEGREE * math.cos(math.radians(latitude)))
    lat = min(90.0, max(-90.0, latitude + dlat))
    lon = (longitude + dlon + 180.0) % 360.0 - 180.0
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def _fakers() -> dict:
    try:
        from faker import Faker
    except ImportError as error:  # pragma: no cover - Faker ships with the dev dependencies
        raise ImportError("The demo data needs Faker: install the 'faker' package.") from error
    return {"fr_BE": Faker("fr_BE"), "fr_FR": Faker("fr_FR")}
