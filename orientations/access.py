"""Who sees which orientations, asked by every view on the server:

- a professional (the « Professionnels » group) sends orientations and sees their own only;
- a place's organisers see and answer that place's, and set whether it takes them;
- ONE staff see the counts, never a family, and invite professionals; an organiser invites
  professionals from their own place;
- nobody else sees any: another's orientation answers 404, another place's screens 403.
"""

from __future__ import annotations

from organisers.access import is_invitation_manager, organised_place_ids
from orientations.roles import PROFESSIONALS_GROUP

COUNTS_PERMISSION = "orientations.view_orientation_counts"
INVITE_PERMISSION = "orientations.invite_professionals"


def is_professional(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_is_professional", None)
    if cached is None:
        cached = user.groups.filter(name=PROFESSIONALS_GROUP).exists()
        user._is_professional = cached
    return cached


def sees_counts(user) -> bool:
    return user.is_active and user.has_perm(COUNTS_PERMISSION)


def invites_professionals(user) -> bool:
    return user.is_active and user.has_perm(INVITE_PERMISSION)


def can_invite_from(user, place_id: int) -> bool:
    return invites_professionals(user) or place_id in organised_place_ids(user)


def can_set_up(user, place_id: int) -> bool:
    """The place's orientation settings: its organisers, and ONE staff (who edit any place)."""
    return user.is_active and (is_invitation_manager(user) or place_id in organised_place_ids(user))


def answerable_place_ids(user) -> set[int]:
    """The places whose orientations `user` reads and answers: their organisers' only (ONE
    staff see counts, not families)."""
    return organised_place_ids(user)
