from directory.models.gazetteer import Commune, PostalCode
from directory.models.places import (
    AccessibilityFeature,
    Language,
    OpeningHours,
    PlaceIndexPage,
    PlacePage,
    PlacePhoto,
)

__all__ = [
    "AccessibilityFeature",
    "Commune",
    "Language",
    "OpeningHours",
    "PlaceIndexPage",
    "PlacePage",
    "PlacePhoto",
    "PostalCode",
]
