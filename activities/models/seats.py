"""What a family takes of a session's capacity, written once: its children, everyone who comes,
or one seat whatever its size, as the activity counts (`ActivityPage.capacity_unit`); in Python
for one family, in SQL for a session's families, and the seats left that every public output
says."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from activities.choices import HOLDING_SEATS, CapacityUnit


def seats_of(unit: str, children: int, adults: int) -> int:
    """The seats a family of `children` and `adults` takes in `unit`."""
    if unit == CapacityUnit.FAMILIES:
        return 1
    return children + adults if unit == CapacityUnit.PEOPLE else children


def seats_taken(prefix: str = "registrations__", unit: str = "activity__capacity_unit"):
    """`seats_of` summed in SQL over a session's confirmed and offered registrations (an offered
    seat is held for its family), read from a session through `prefix`."""
    people = F(f"{prefix}children_count") + F(f"{prefix}adults_count")
    return Coalesce(
        Sum(
            Case(
                When(**{unit: CapacityUnit.PEOPLE}, then=people),
                When(**{unit: CapacityUnit.FAMILIES}, then=Value(1)),
                default=F(f"{prefix}children_count"),
                output_field=IntegerField(),
            ),
            filter=Q(**{f"{prefix}status__in": HOLDING_SEATS}),
        ),
        0,
        output_field=IntegerField(),
    )


def seats_left(capacity: int | None, taken: int) -> int | None:
    """The public fact « N places libres »: None without a limit."""
    if not capacity:
        return None
    return max(0, capacity - taken)
