from activities.models.live_room import RoomReport, TeamLink
from activities.models.notices import ActivityNotice
from activities.models.pages import (
    ActivityAddedDate,
    ActivityExcludedDate,
    ActivityPage,
)
from activities.models.phone_checks import PhoneCheck
from activities.models.presence import Presence
from activities.models.registrations import Registration, TrustedPlace
from activities.models.sessions import Occurrence

__all__ = [
    "ActivityAddedDate",
    "ActivityExcludedDate",
    "ActivityNotice",
    "ActivityPage",
    "Occurrence",
    "PhoneCheck",
    "Presence",
    "Registration",
    "RoomReport",
    "TeamLink",
    "TrustedPlace",
]
