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
    "Language",
    "OpeningHours",
    "PlaceIndexPage",
    "PlacePage",
    "PlacePhoto",
]
