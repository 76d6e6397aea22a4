"""Who may do what with a place's organisers and head-counts, asked by every view on the server.

- ONE staff (model permissions given by `rencontres.roles`) and superusers invite and remove
  the organisers of any place and record any session's head-count.
- An organiser (a member of a place's organiser group, `directory.roles`) invites colleagues
  and records head-counts for the places they organise, and nothing else: another place's
  screens answer 403 or 404.
- Both post notices (closed for works, hours changed…) on those places and their activities.
"""

from __future__ import annotations

from directory.models import PlaceOrganisers

MANAGE_PERMISSION = "organisers.manage_invitations"
COUNT_PERMISSION = "organisers.change_headcount"


def is_invitation_manager(user) -> bool:
    return user.is_active and user.has_perm(MANAGE_PERMISSION)


def organised_place_ids(user) -> set[int]:
    """The places whose organiser group `user` belongs to (one query)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(PlaceOrganisers.objects.filter(group__user=user).values_list("place_id", flat=True))


def can_invite_for(user, place_id: int) -> bool:
    return is_invitation_manager(user) or place_id in organised_place_ids(user)


def can_count_for(user, place_id: int) -> bool:
    if not user.is_active:
        return False
    return user.has_perm(COUNT_PERMISSION) or place_id in organised_place_ids(user)


def can_post_notice_for(user, place_id: int) -> bool:
    """Notices on a place and its activities (organisers/notice_views.py): ONE staff for every
    place, an organiser for their own."""
    return user.is_active and (is_invitation_manager(user) or place_id in organised_place_ids(user))


def can_report_room_for(user, place_id: int) -> bool:
    """Who taps a place's live room from the admin: its organisers, and ONE staff (who count
    any session's head-count). Its team, without an account, through the place's team link."""
    return can_count_for(user, place_id)
