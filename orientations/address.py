"""Where a place is, told to the family and the professional once the place has accepted them.

The public record (directory/records.py) hides a discreet place's street address; an orientation
the place accepted is the one moment it gives it, to the people it agreed to receive. So it is
read here, deliberately, from the model, and nowhere else in this app."""

from __future__ import annotations

from orientations.models import Orientation, Status


def address_given_after_acceptance(orientation: Orientation) -> str | None:
    """The place's full address for an accepted orientation, whether the place is discreet or
    not; None before (or without) acceptance."""
    if orientation.status != Status.ACCEPTED:
        return None
    place = orientation.place
    commune = place.commune.name_fr if place.commune_id else ""
    locality = " ".join(part for part in (place.postcode, commune) if part)
    return ", ".join(part for part in (place.street_address, locality) if part) or None
