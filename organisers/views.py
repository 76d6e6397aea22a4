"""The public end of an invitation: the invited person chooses a password (Django's password
validators) and lands, signed in, on their place in the admin. Someone whose address has an
account accepts on a button while signed in to that account (the link alone is not enough: a
forwarded or intercepted link must not attach an account to a place); signed out, or signed in
as someone else, the page asks them to sign in first and brings them back."""

from __future__ import annotations

from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from organisers.invitations import accept, existing_user, new_account, pending_invitation

BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    invitation = pending_invitation(token)
    if invitation is None:
        return TemplateResponse(request, "organisers/invitation_invalid.html", status=404)
    place_url = reverse("wagtailadmin_pages:edit", args=[invitation.place_id])
    if existing_user(invitation.email) is not None:
        return _accept_as_existing(request, invitation, place_url)
    account = new_account(invitation.email)
    form = SetPasswordForm(account, request.POST if request.method == "POST" else None)
    if form.is_valid():
        if get_user_model().objects.filter(username=account.username).exists():
            form.add_error(None, _("Un compte porte déjà ce nom : demandez une autre invitation."))
        else:
            form.save(commit=False)
            if accept(invitation, account):
                login(request, account, backend=BACKEND)
                return redirect(place_url)
            return TemplateResponse(request, "organisers/invitation_invalid.html", status=404)
    status = 400 if form.is_bound else 200
    context = {"form": form, "invitation": invitation}
    return TemplateResponse(request, "organisers/accept_invitation.html", context, status=status)


def _signed_in_as(request, invitation) -> bool:
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return False
    return user.email.casefold() == invitation.email.casefold()


def _accept_as_existing(request, invitation, place_url: str):
    context = {"invitation": invitation}
    if not _signed_in_as(request, invitation):
        query = urlencode({"next": request.path})
        context["login_url"] = f"{reverse('wagtailadmin_login')}?{query}"
        context["signed_in_as_other"] = request.user.is_authenticated
        return TemplateResponse(request, "organisers/accept_existing.html", context)
    # The place is theirs on a button, never on opening the link (mail scanners open links).
    if request.method != "POST":
        return TemplateResponse(request, "organisers/accept_existing.html", context)
    if not accept(invitation, request.user):
        return TemplateResponse(request, "organisers/invitation_invalid.html", status=404)
    return redirect(place_url)
