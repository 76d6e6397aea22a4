from activities.models.live_room import RoomReport, TeamLink
from activities.models.pages import (
    ActivityAddedDate,
    ActivityExcludedDate,
    ActivityPage,
)
from activities.models.registrations import Registration, TrustedPlace
from activities.models.sessions import Occurrence

__all__ = [
    "ActivityAddedDate",
    "ActivityExcludedDate",
    "ActivityPage",
    "Occurrence",
    "Registration",
    "RoomReport",
    "TeamLink",
    "TrustedPlace",
]
