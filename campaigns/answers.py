"""What an answer does: an organiser's edit is published as a new revision of the place (as the
bulk import publishes its changes: the live page, the section's new values, `save_revision`
then `publish`, logged under the organiser's name), which verifies the place
(`directory.signals`); a confirmation, the organiser's or staff's, verifies it through
`directory.freshness.mark_verified`. Either way the request is answered.

An edit publishes without ONE staff's approval: staff chose the sections a campaign opens, and
only those sections' forms exist. A place whose own draft waits for approval is not edited
from a campaign (publishing would cancel that draft's workflow and bury it): its organisers
confirm, or wait for the approval."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from campaigns.models import Answer, CampaignRequest
from directory.freshness import mark_verified
from directory.models import PlacePage


def has_draft(place: PlacePage) -> bool:
    return place.has_unpublished_changes


def publish_change(place_id: int, user, form) -> PlacePage:
    with transaction.atomic():
        # Lock the row: an editor saving the same place meanwhile waits for this revision.
        page = PlacePage.objects.select_for_update().get(pk=place_id)
        form.apply(page)
        revision = page.save_revision(user=user, log_action=True)
        # Organisers may not publish their place (the "Validation ONE" workflow): a campaign's
        # sections are the exception staff opened, and only their forms reach this.
        revision.publish(user=user, skip_permission_checks=True)
    return page


def _answered(request: CampaignRequest, answer: str, user, section: str | None) -> None:
    fields = {"answer": answer, "answered_at": timezone.now(), "answered_by": user}
    edited = list(request.edited)
    if section and section not in edited:
        edited.append(section)
    CampaignRequest.objects.filter(pk=request.pk).update(edited=edited, **fields)


def edited(request: CampaignRequest, user, section: str) -> None:
    """An organiser's edit, already published: the request is answered (by them)."""
    if request.answer != Answer.STAFF:
        _answered(request, Answer.ORGANISER, user, section)


def confirmed(request: CampaignRequest, user) -> None:
    """An organiser says the sections are right: verified today, answered."""
    mark_verified(request.place_id)
    _answered(request, Answer.ORGANISER, user, None)


def done_by_staff(request: CampaignRequest, user) -> None:
    """Staff checked the sections with the place (a phone call): verified today."""
    mark_verified(request.place_id)
    _answered(request, Answer.STAFF, user, None)
