"""The public end of an invitation: the invited person chooses a password (Django's password
validators) and lands, signed in, on their place in the admin. Someone whose address has an
account accepts on a button while signed in to that account (the link alone is not enough: a
forwarded or intercepted link must not attach an account to a place); signed out, or signed in
as someone else, the page asks them to sign in first and brings them back."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.invitations import answer_invitation
from organisers.invitations import accept, pending_invitation

TEMPLATES = {
    "existing": "organisers/accept_existing.html",
    "new": "organisers/accept_invitation.html",
    "invalid": "organisers/invitation_invalid.html",
}


@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    invitation = pending_invitation(token)
    if invitation is None:
        return TemplateResponse(request, TEMPLATES["invalid"], status=404)
    return answer_invitation(
        request,
        invitation,
        accept=lambda user: accept(invitation, user),
        landing_url=reverse("wagtailadmin_pages:edit", args=[invitation.place_id]),
        templates=TEMPLATES,
    )
