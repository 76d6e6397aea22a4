"""The territories a search that found nothing looks farther in: a country, or a part of it the
sea sets apart (Corsica, each overseas département or collectivity). A family in Ajaccio is
not helped by a place in Nice, nor one in Cayenne by a place in Paris.

- Belgium: one territory.
- France: Corsica (départements 2A and 2B), each overseas département or collectivity (its
  INSEE code's first three characters: 971 Guadeloupe … 978 Saint-Martin), and the rest,
  metropolitan France.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.geo import bounding_box, distance_km
from gazetteer.models import Commune

# Each territory's name, and how a sentence says "in it" ("en Corse", "à La Réunion").
_NAMES: dict[str, tuple[Promise, Promise]] = {
    "BE": (_("Belgique"), _("en Belgique")),
    "FR": (_("France métropolitaine"), _("en France métropolitaine")),
    "FR-COR": (_("Corse"), _("en Corse")),
    "FR-971": (_("Guadeloupe"), _("en Guadeloupe")),
    "FR-972": (_("Martinique"), _("en Martinique")),
    "FR-973": (_("Guyane"), _("en Guyane")),
    "FR-974": (_("La Réunion"), _("à La Réunion")),
    "FR-975": (_("Saint-Pierre-et-Miquelon"), _("à Saint-Pierre-et-Miquelon")),
    "FR-976": (_("Mayotte"), _("à Mayotte")),
    "FR-977": (_("Saint-Barthélemy"), _("à Saint-Barthélemy")),
    "FR-978": (_("Saint-Martin"), _("à Saint-Martin")),
}
_CORSICA = ("2A", "2B")
# How far from a point (coordinates, an address) its commune is looked for.
_NEAREST_COMMUNE_KM = 30


@dataclass(frozen=True)
class Territory:
    key: str

    @property
    def name(self) -> str:
        return str(_NAMES[self.key][0])

    @property
    def in_it(self) -> str:
        """ "en Corse", "à La Réunion"."""
        return str(_NAMES[self.key][1])

    def communes(self) -> Q:
        """Its communes, as a filter on `Commune`."""
        if self.key == "BE":
            return Q(country="BE")
        if self.key == "FR-COR":
            return Q(country="FR", code__startswith="2A") | Q(country="FR", code__startswith="2B")
        if self.key.startswith("FR-"):
            return Q(country="FR", code__startswith=self.key[3:])
        overseas = Q(code__startswith="97") | Q(code__startswith="98")
        corsica = Q(code__startswith="2A") | Q(code__startswith="2B")
        return Q(country="FR") & ~overseas & ~corsica


def territory_of(commune: Commune) -> Territory | None:
    if commune.country == "BE":
        return Territory("BE")
    if commune.country != "FR":
        return None
    if commune.code[:2] in _CORSICA:
        return Territory("FR-COR")
    key = f"FR-{commune.code[:3]}"
    if commune.code.startswith(("97", "98")):
        return Territory(key) if key in _NAMES else None
    return Territory("FR")


def territory_at(latitude: float, longitude: float, commune_id: int | None) -> Territory | None:
    """The territory of a `near` point: its commune's, else the nearest commune's within
    `_NEAREST_COMMUNE_KM` (coordinates, an address); None out at sea or abroad."""
    commune = Commune.objects.filter(pk=commune_id).first() if commune_id else None
    if commune is None:
        box = bounding_box(latitude, longitude, _NEAREST_COMMUNE_KM)
        around = Commune.objects.filter(
            latitude__range=(box.min_latitude, box.max_latitude),
            longitude__range=(box.min_longitude, box.max_longitude),
            retired=False,
        ).only("country", "code", "latitude", "longitude")
        commune = min(
            around,
            key=lambda c: distance_km((latitude, longitude), (c.latitude, c.longitude)),
            default=None,
        )
    return territory_of(commune) if commune is not None else None
