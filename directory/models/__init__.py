from directory.map_page import PlaceIndexPage
from directory.models.closures import ClosurePeriod
from directory.models.duplicates import DuplicateCandidate
from directory.models.meetings import Accompaniment, RequiredDocument
from directory.models.notices import PlaceNotice
from directory.models.organisers import PlaceOrganisers
from directory.models.places import OpeningHours, PlacePage, PlacePhoto
from directory.models.vocabularies import AccessibilityFeature, Language

__all__ = [
    "Accompaniment",
    "RequiredDocument",
    "ClosurePeriod",
    "DuplicateCandidate",
    "AccessibilityFeature",
    "Language",
    "OpeningHours",
    "PlaceIndexPage",
    "PlaceNotice",
    "PlaceOrganisers",
    "PlacePage",
    "PlacePhoto",
]
