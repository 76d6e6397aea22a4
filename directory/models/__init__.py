from directory.models.closures import ClosurePeriod
from directory.models.places import (
    AccessibilityFeature,
    Language,
    OpeningHours,
    PlaceIndexPage,
    PlacePage,
    PlacePhoto,
)

__all__ = [
    "ClosurePeriod",
    "AccessibilityFeature",
    "Language",
    "OpeningHours",
    "PlaceIndexPage",
    "PlacePage",
    "PlacePhoto",
]
