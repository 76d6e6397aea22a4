"""`near`'s SQL disc (`nearly_within`): a little wider than the circle, so that the exact
great-circle distance alone decides; checked at the circle's edge in every direction, near
and far from the equator, for the smallest and the widest radius."""

from decimal import Decimal

import pytest
from django.http import QueryDict
from geopy.distance import great_circle

from core.search.engines import database
from core.search.query import filterset_for
from directory.search.index import PLACES
from tests.factories import CommuneFactory, PlacePageFactory

BEARINGS = range(0, 360, 45)


def point(centre, bearing, km) -> dict:
    reached = great_circle(kilometers=km).destination(centre, bearing)
    return {
        "latitude": Decimal(f"{reached.latitude:.6f}"),
        "longitude": Decimal(f"{reached.longitude:.6f}"),
    }


@pytest.mark.parametrize(
    "centre", [(50.6337, 5.5675), (42.0396, 9.0129), (-21.1151, 55.5364)], ids=str
)
@pytest.mark.parametrize("radius_km", [0.5, 200])
def test_every_place_of_the_circle_is_found_and_none_beyond(db, centre, radius_km):
    commune = CommuneFactory(**point(centre, 180, 3 * radius_km))
    inside = {
        PlacePageFactory(commune=commune, **point(centre, bearing, 0.999 * radius_km)).pk
        for bearing in BEARINGS
    }
    for bearing in BEARINGS:
        PlacePageFactory(commune=commune, **point(centre, bearing, 1.001 * radius_km))
    # A discreet place is measured from its commune's point, which is the one at the edge.
    edge = CommuneFactory(**point(centre, 45, 0.999 * radius_km))
    discreet = PlacePageFactory(commune=edge, is_discreet=True, **point(centre, 0, 3 * radius_km))
    filterset = filterset_for(PLACES)(
        QueryDict(f"near={centre[0]},{centre[1]}&radius_km={radius_km}&page_size=50")
    )
    assert filterset.is_valid(), filterset.errors

    found = database.matches(PLACES, filterset.to_query())

    assert set(found.ids) == inside | {discreet.pk}
