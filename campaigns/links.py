"""The signed link an organiser answers a campaign request with: it carries the request's id and
the organiser's, signed with the site's secret under this module's salt (`django.core.signing`,
as invitations and the freshness link sign theirs). It cannot be forged nor moved to another
place or campaign; it works while its campaign is open and while the account still organises
the place (an organiser removed from the team loses it)."""

from __future__ import annotations

import enum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from campaigns.models import CampaignRequest
from organisers.access import organised_place_ids

SALT = "campaigns.answer"


class Refusal(enum.Enum):
    UNKNOWN = "unknown"
    CLOSED = "closed"


def token_for(request_id: int, user_id: int) -> str:
    return signing.dumps({"r": request_id, "u": user_id}, salt=SALT, compress=True)


def answer_path(request_id: int, user_id: int) -> str:
    return reverse("campaigns_answer", args=[token_for(request_id, user_id)])


def answer_url(request_id: int, user_id: int) -> str:
    return settings.WAGTAILADMIN_BASE_URL + answer_path(request_id, user_id)


def _ids(token: str) -> tuple[int, int] | None:
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    request_id, user_id = value.get("r"), value.get("u")
    if not isinstance(request_id, int) or not isinstance(user_id, int):
        return None
    return request_id, user_id


def request_of_token(token: str):
    """(the request, its organiser) a link names, or a `Refusal`: UNKNOWN for a tampered link, a
    request that no longer exists or an account that no longer organises the place; CLOSED for
    a campaign ended or not open yet."""
    ids = _ids(token)
    if ids is None:
        return Refusal.UNKNOWN
    request = CampaignRequest.objects.select_related("campaign", "place").filter(pk=ids[0]).first()
    user = get_user_model().objects.filter(pk=ids[1], is_active=True).first()
    if request is None or user is None or request.place_id not in organised_place_ids(user):
        return Refusal.UNKNOWN
    if not request.campaign.is_open():
        return Refusal.CLOSED
    return request, user
