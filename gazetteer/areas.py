"""The commune a resolved `near` lies in, by its stable key ("BE-62063"): the scale at which the
family search's statistics say where families looked (core.search.events), never finer.

A commune or a postcode names its commune already (no query); a section asks for its commune's
key (one query by primary key); coordinates and a geocoded address are given the nearest commune
centre within `NEAREST_WITHIN_KM` (one query on the communes' indexed point), else none.
"""

from __future__ import annotations

from core.geo import bounding_box, distance_from
from gazetteer.models import Commune
from gazetteer.points import NearPoint

NEAREST_WITHIN_KM = 15


def commune_key(point: NearPoint | None) -> str:
    """The key of the commune `point` lies in; "" when there is none within reach."""
    if point is None:
        return ""
    if point.kind in ("commune", "postcode"):
        return point.key
    if point.commune_id is not None:
        row = Commune.objects.filter(pk=point.commune_id).values_list("country", "code").first()
        return f"{row[0]}-{row[1]}" if row else ""
    return nearest_commune_key(point.latitude, point.longitude)


def nearest_commune_key(latitude: float, longitude: float) -> str:
    box = bounding_box(latitude, longitude, NEAREST_WITHIN_KM)
    rows = Commune.objects.filter(
        retired=False,
        latitude__range=(box.min_latitude, box.max_latitude),
        longitude__range=(box.min_longitude, box.max_longitude),
    ).values_list("country", "code", "latitude", "longitude")
    measure = distance_from((latitude, longitude))
    nearest = min(
        ((measure((float(lat), float(lon))), country, code) for country, code, lat, lon in rows),
        default=None,
    )
    if nearest is None or nearest[0] > NEAREST_WITHIN_KM:
        return ""
    return f"{nearest[1]}-{nearest[2]}"
