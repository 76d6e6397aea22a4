"""`near` and `radius_km`: within a circle around a place name, nearest first, measured from
the public point of a place (its commune's for a discreet place).

SQL keeps the bounding box of the circle on indexed columns, then a disc a little wider than the
circle (plain arithmetic); the exact distance is then computed in Python on the candidates left.
The cluster filters and sorts with `geo_distance` (arc), the same great-circle distance.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import ExpressionWrapper, F, FloatField, Q, QuerySet, Value
from django.db.models.lookups import LessThanOrEqual
from elasticsearch import dsl

from core.geo import KM_PER_DEGREE_LATITUDE, bounding_box, distance_from, distance_km
from core.location import location_columns, public_point_of, uses_commune_point
from core.search.criterion import Control, Criterion, Exact, Param
from core.search.fields import NumberFilter, PlaceNameFilter
from core.search.paths import values_at


@dataclass(frozen=True)
class Circle:
    latitude: float
    longitude: float
    radius_km: float
    # What `near` resolved to (the gazetteer's answer: its label, key, alternatives), for the
    # page and the API to show; not part of the query's identity.
    place: Any = field(default=None, compare=False)

    def distance_to(self, point: tuple[float, float]) -> float:
        return distance_km((self.latitude, self.longitude), point)


# A little wider than the circle: the flat measure below is shorter than the great-circle
# distance, but for the curvature, which this more than covers up to the widest radius.
DISC_MARGIN = 1.01
# Beyond this latitude the flat measure drifts (the box alone is kept there).
DISC_MAX_LATITUDE = 70.0


def nearly_within(circle: Circle) -> Callable[[str, str], LessThanOrEqual] | None:
    """A disc a little wider than the circle, as an SQL condition on a point's columns: plain
    arithmetic on the coordinates (the same on SQLite and PostgreSQL), so that the box's
    corners, a fifth of its area, never reach the exact pass nor the facets' subqueries. The
    exact great-circle distance still decides, in Python: this only has to keep every point
    of the circle. Both axes are measured short (the shortest degree of latitude; a degree of
    longitude at the box's latitude farthest from the equator), so the flat distance is never
    longer than the true one."""
    box = bounding_box(circle.latitude, circle.longitude, circle.radius_km)
    farthest = max(abs(box.min_latitude), abs(box.max_latitude))
    if farthest > DISC_MAX_LATITUDE:
        return None
    km_per_degree_longitude = KM_PER_DEGREE_LATITUDE * math.cos(math.radians(farthest))
    reach = (circle.radius_km * DISC_MARGIN) ** 2

    def condition(latitude: str, longitude: str) -> LessThanOrEqual:
        north = (F(latitude) - Value(circle.latitude)) * Value(KM_PER_DEGREE_LATITUDE)
        east = (F(longitude) - Value(circle.longitude)) * Value(km_per_degree_longitude)
        flat = ExpressionWrapper(north * north + east * east, output_field=FloatField())
        return LessThanOrEqual(flat, Value(reach))

    return condition


@dataclass(frozen=True, eq=False)
class Near(Criterion):
    """Within `radius_km` of a place name (`near`), resolved by `resolve`; measured from the
    public point of the place at `prefix` (its commune's for a discreet place), nearest first.

    SQL keeps the bounding box of the circle on indexed columns, then `nearly_within`'s disc;
    the exact distance is then computed in Python on the candidates left.
    """

    resolve: Callable[[str], Any]
    # The communes (a queryset of the model at `commune`), for the commune points' side of the
    # bounding box.
    communes: Callable[[], QuerySet]
    # The places (a queryset of the model at `prefix`), whose point is measured.
    places: Callable[[], QuerySet]
    name: str = "near"
    field: str = "location"
    default_radius_km: float = 10
    max_radius_km: float = 200
    # The radii a form offers (a hand-written address may ask for any other within the limits).
    radius_choices_km: tuple[float, ...] = (2, 5, 10, 20, 50, 100, 200)
    prefix: str = ""
    ranks = True

    def params(self) -> list[Param]:
        radius = [MinValueValidator(Decimal("0.1")), MaxValueValidator(self.max_radius_km)]
        return [
            Param(
                self.name,
                PlaceNameFilter(resolve=self.resolve),
                "Code postal, nom de commune ou « latitude,longitude »",
                control=Control("text"),
            ),
            Param(
                "radius_km",
                NumberFilter(validators=radius),
                "Rayon autour de near, en km",
                default=self.default_radius_km,
                control=Control("select", choices=self.radius_choices_km),
            ),
        ]

    def value(self, data: dict) -> Circle | None:
        point = data.get(self.name)
        if point is None:
            return None
        radius = data.get("radius_km")
        radius_km = float(radius) if radius is not None else self.default_radius_km
        return Circle(point.latitude, point.longitude, radius_km, place=point)

    def where(self, value: Circle) -> Q:
        """Among the places whose own point is in the box, or whose commune's is for the
        others (the commune's id among the communes in the box): a subquery on the places'
        table alone, so that both SQLite and PostgreSQL start from its indexed coordinates
        rather than from every page of the site (each side of the union on its own index: an OR
        of the two is a full scan on PostgreSQL)."""
        box = bounding_box(value.latitude, value.longitude, value.radius_km)
        latitudes = (box.min_latitude, box.max_latitude)
        longitudes = (box.min_longitude, box.max_longitude)
        commune_point = uses_commune_point()
        own = ~commune_point & Q(latitude__range=latitudes, longitude__range=longitudes)
        communes = self.communes().filter(latitude__range=latitudes, longitude__range=longitudes)
        places = self.places().order_by()
        own_places = places.filter(own)
        disc = nearly_within(value)
        if disc is not None:
            communes = communes.filter(disc("latitude", "longitude"))
            own_places = own_places.filter(disc("latitude", "longitude"))
        at_commune = commune_point & Q(commune__in=communes.values("pk"))
        inside = own_places.values("pk").union(places.filter(at_commune).values("pk"), all=True)
        return Q(**{f"{self.prefix}pk__in": inside})

    def exact(self, value: Circle) -> Exact:
        distance_to = distance_from((value.latitude, value.longitude))

        def measure(row: tuple) -> float | None:
            distance = distance_to(public_point_of(row))
            return distance if distance <= value.radius_km else None

        return Exact(location_columns(self.prefix), measure)

    def clauses(self, value: Circle) -> list[dsl.Q]:
        return [
            dsl.Q(
                "geo_distance",
                distance=f"{value.radius_km}km",
                distance_type="arc",
                **{self.field: {"lat": value.latitude, "lon": value.longitude}},
            )
        ]

    def sort(self, value: Circle) -> dict:
        return {
            "_geo_distance": {
                self.field: {"lat": value.latitude, "lon": value.longitude},
                "order": "asc",
                "unit": "km",
                "distance_type": "arc",
            }
        }

    def mapping(self) -> dict[str, dsl.Field]:
        return {self.field: dsl.GeoPoint()}

    def document(self, obj) -> dict[str, Any]:
        row = tuple(next(iter(values_at(obj, c)), None) for c in location_columns(self.prefix))
        latitude, longitude = public_point_of(row)
        return {self.field: {"lat": latitude, "lon": longitude}}

    def paths(self) -> list[str]:
        return list(location_columns(self.prefix))
