"""The discreet-place rule, in one place: what the public may know of where a place is.

A discreet place (a visitation site receiving families under protection orders) is shown at its
commune: never its street address, postcode, e-mail or own coordinates. A place without
coordinates is also drawn at its commune, and says so. Pages, the API, GeoJSON, feeds, JSON-LD,
the index documents and the coverage map all ask `public_location`; the database engine's
bounding box asks `uses_commune_point`, the same rule written as a query.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q


@dataclass(frozen=True)
class PublicLocation:
    latitude: float
    longitude: float
    # The point is the commune's, not the place's: the map draws an area, not a pin.
    approximate: bool
    # The street address, postcode and e-mail may be shown.
    shows_address: bool

    @property
    def point(self) -> tuple[float, float]:
        return self.latitude, self.longitude


def public_location(
    *,
    discreet: bool,
    latitude: Decimal | float | None,
    longitude: Decimal | float | None,
    commune_latitude: Decimal | float,
    commune_longitude: Decimal | float,
) -> PublicLocation:
    if discreet or latitude is None or longitude is None:
        return PublicLocation(
            float(commune_latitude), float(commune_longitude), True, shows_address=not discreet
        )
    return PublicLocation(float(latitude), float(longitude), False, shows_address=True)


def uses_commune_point(prefix: str = "") -> Q:
    """`public_location`'s condition for the commune's point, as a query. `prefix` reaches the
    place from another model ("place__" from a session)."""
    return (
        Q(**{f"{prefix}is_discreet": True})
        | Q(**{f"{prefix}latitude__isnull": True})
        | Q(**{f"{prefix}longitude__isnull": True})
    )


def location_columns(prefix: str = "") -> tuple[str, ...]:
    """The columns `public_point_of` reads, from a query's rows ("place__" from a session)."""
    return (
        f"{prefix}is_discreet",
        f"{prefix}latitude",
        f"{prefix}longitude",
        f"{prefix}commune__latitude",
        f"{prefix}commune__longitude",
    )


def public_point_of(row: tuple) -> tuple[float, float]:
    """`public_location`'s point from a query's row (`location_columns`), without building the
    location: the database engine asks it of every candidate of a search."""
    discreet, latitude, longitude, commune_latitude, commune_longitude = row
    if discreet or latitude is None or longitude is None:
        return float(commune_latitude), float(commune_longitude)
    return float(latitude), float(longitude)
