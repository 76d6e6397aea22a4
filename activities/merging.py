"""What merging a duplicate place (directory.merging) does with the activities' relations: its
sessions follow their activities, which the merge moved under the kept place, with their
registrations and room reports (which point at the sessions)."""

from __future__ import annotations

from django.db import transaction

from activities.models import Occurrence
from activities.occurrences import occurrences_changed
from directory.merging import MOVE_IF_ABSENT, STAY, declare_place_relations


def move_sessions(kept, merged) -> None:
    sessions = Occurrence.objects.filter(place=merged)
    activity_ids = sorted(set(sessions.values_list("activity_id", flat=True)))
    sessions.update(place=kept)
    if activity_ids:
        transaction.on_commit(
            lambda: occurrences_changed.send(sender=Occurrence, activity_ids=activity_ids)
        )


def declare() -> None:
    declare_place_relations(
        {
            "activities.Occurrence.place": move_sessions,
            # The team's signed link keeps working for the kept place if it had none.
            "activities.TeamLink.place": MOVE_IF_ABSENT,
            # Trust is ONE staff's decision on a listing (and grants its organisers rights):
            # never handed over by a merge; staff give it to the kept place if they wish.
            "activities.TrustedPlace.place": STAY,
        }
    )
