"""Inviting a professional (ONE staff from the admin menu, an organiser from their place) and
the invitation's public page (core.invitations), which lands on the professional's list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.invitations import answer_invitation
from directory.models import PlacePage
from orientations.access import can_invite_from, invites_professionals
from orientations.forms import InviteProfessionalForm
from orientations.invitations import Outcome, accept, invitations_left_today, invite
from orientations.invitations import pending_invitation as pending

OUTCOME_MESSAGES = {
    Outcome.INVITED: gettext_lazy("Invitation envoyée à %(email)s."),
    Outcome.ALREADY: gettext_lazy("%(email)s a déjà un compte de professionnel."),
}
TEMPLATES = {
    "existing": "orientations/accept_existing.html",
    "new": "orientations/accept_invitation.html",
    "invalid": "organisers/invitation_invalid.html",
}


@require_http_methods(["GET", "POST"])
def invite_professional(request, place_id: int | None = None):
    place = None
    if place_id is not None:
        place = get_object_or_404(PlacePage, pk=place_id)
        if not can_invite_from(request.user, place.pk):
            raise PermissionDenied
    elif not invites_professionals(request.user):
        raise PermissionDenied
    form = InviteProfessionalForm(request.POST if request.method == "POST" else None)
    left = invitations_left_today(request.user)
    if form.is_valid():
        if left <= 0:
            form.add_error(None, _("Vous avez envoyé assez d'invitations pour aujourd'hui."))
        else:
            data = form.cleaned_data
            outcome = invite(
                data["email"],
                organisation=data["organisation"],
                profession=data["profession"],
                by=request.user,
                place=place,
            )
            messages.success(request, OUTCOME_MESSAGES[outcome] % {"email": data["email"]})
            return redirect(request.path)
    context = {
        "page_title": _("Inviter un professionnel"),
        "header_icon": "user",
        "place": place,
        "form": form,
        "left": left,
    }
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, "orientations/admin/invite.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    invitation = pending(token)
    if invitation is None:
        return TemplateResponse(request, TEMPLATES["invalid"], status=404)
    return answer_invitation(
        request,
        invitation,
        accept=lambda user: accept(invitation, user),
        landing_url=reverse("orientations_sent"),
        templates=TEMPLATES,
    )
