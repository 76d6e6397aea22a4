"""Distances and bounding boxes, shared by both engines."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from geopy.distance import EARTH_RADIUS

KM_PER_DEGREE_LATITUDE = 110.574  # the shortest degree of latitude, so the box never clips


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float


def bounding_box(latitude: float, longitude: float, radius_km: float) -> BoundingBox:
    """A box that contains every point within `radius_km` of the centre (a little more)."""
    lat_delta = radius_km / KM_PER_DEGREE_LATITUDE
    # A degree of longitude shrinks with the cosine of latitude; use the box's widest latitude.
    widest = min(89.9, abs(latitude) + lat_delta)
    lon_delta = radius_km / (111.320 * math.cos(math.radians(widest)))
    return BoundingBox(
        min_latitude=latitude - lat_delta,
        max_latitude=latitude + lat_delta,
        min_longitude=longitude - lon_delta,
        max_longitude=longitude + lon_delta,
    )


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance on the mean Earth sphere: the formula the cluster's `arc` distance
    uses too, so that both engines rank and cut at the radius alike (the ellipsoid would move
    results by up to 0.5 %, which families never notice but parity checks would)."""
    return distance_from(a)(b)


def distance_from(centre: tuple[float, float]) -> Callable[[tuple[float, float]], float]:
    """`distance_km` from a fixed centre, whose trigonometry is done once: the database engine
    measures every candidate of a search from the same centre.

    geopy's `great_circle` formula (Vincenty's special case for the sphere), written with `math`
    alone: geopy's objects cost ten times the arithmetic."""
    lat1 = math.radians(centre[0])
    lon1 = math.radians(centre[1])
    sin1, cos1 = math.sin(lat1), math.cos(lat1)

    def to(point: tuple[float, float]) -> float:
        lat2 = math.radians(point[0])
        delta = math.radians(point[1]) - lon1
        sin2, cos2 = math.sin(lat2), math.cos(lat2)
        cos_delta = math.cos(delta)
        return EARTH_RADIUS * math.atan2(
            math.hypot(cos2 * math.sin(delta), cos1 * sin2 - sin1 * cos2 * cos_delta),
            sin1 * sin2 + cos1 * cos2 * cos_delta,
        )

    return to


def rounded_km(value: float) -> float:
    return round(value, 2)


def coordinate_field(verbose_name, bound: int) -> models.DecimalField:
    """A latitude (`bound` 90) or longitude (180) to six decimals, about 10 cm: optional, and
    indexed for the search's bounding-box prefilter."""
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        db_index=True,
        validators=[MinValueValidator(Decimal(-bound)), MaxValueValidator(Decimal(bound))],
    )
