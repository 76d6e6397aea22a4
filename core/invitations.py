"""What every invitation by e-mail shares (an organiser's, a professional's): a link carrying
only the row's id, signed with the site's secret (`django.core.signing`), so it cannot be forged;
it expires (checked by the signature's age and by the row's `expires_at`) and works once (the row
is marked accepted under a row lock). The page the link opens: a new address chooses a password
and is signed in; an address that has an account signs in to it first, then accepts with a
button, never on opening the link (mail scanners open links).

Each app keeps its own model, salt, templates and what accepting gives (`accept`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.core import signing
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_id(pk: int, salt: str) -> str:
    return signing.dumps(pk, salt=salt, compress=True)


def id_from_token(token: str, salt: str, days: int) -> int | None:
    """The id a link carries, if its signature is good and younger than `days`."""
    try:
        pk = signing.loads(token, salt=salt, max_age=timedelta(days=days))
    except signing.BadSignature:
        return None
    return pk if isinstance(pk, int) else None


def existing_user(email: str):
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


def new_account(email: str):
    """An unsaved account for an invited address, named after it."""
    User = get_user_model()
    username = email[: User._meta.get_field("username").max_length]
    return User(username=username, email=email)


def use_once(model: type[models.Model], pk: int, user, give: Callable[[object], None]) -> bool:
    """Save `user` if new, `give(user)` what the invitation grants and mark it accepted, in one
    transaction under the row's lock. False when it was used first (two tabs, a forwarded
    link) or has expired."""
    with transaction.atomic():
        locked = model.objects.select_for_update().filter(pk=pk).first()
        if locked is None or locked.accepted_at is not None or locked.expires_at <= timezone.now():
            return False
        if user.pk is None:
            user.save()
        give(user)
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
    return True


def answer_invitation(
    request,
    invitation,
    *,
    accept: Callable[[object], bool],
    landing_url: str,
    templates: dict[str, str],
    context: dict | None = None,
):
    """The invitation's page. `templates` names `existing` (an account has the address: sign
    in to it, then a button), `new` (choose a password) and `invalid` (used up meanwhile)."""
    context = {"invitation": invitation, **(context or {})}
    if existing_user(invitation.email) is not None:
        return _accept_as_existing(request, invitation, accept, landing_url, templates, context)
    account = new_account(invitation.email)
    form = SetPasswordForm(account, request.POST if request.method == "POST" else None)
    if form.is_valid():
        if get_user_model().objects.filter(username=account.username).exists():
            form.add_error(None, _("Un compte porte déjà ce nom : demandez une autre invitation."))
        else:
            form.save(commit=False)
            if accept(account):
                login(request, account, backend=BACKEND)
                return redirect(landing_url)
            return TemplateResponse(request, templates["invalid"], status=404)
    status = 400 if form.is_bound else 200
    return TemplateResponse(request, templates["new"], {**context, "form": form}, status=status)


def signed_in_as(request, email: str) -> bool:
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return False
    return user.email.casefold() == email.casefold()


def _accept_as_existing(request, invitation, accept, landing_url, templates, context):
    """The link alone is not enough for an account that exists: a forwarded or intercepted link
    must not attach it to anything. Signed out, or signed in as someone else, the page asks
    to sign in to that account and comes back; then a button accepts, never opening the link
    (mail scanners open links)."""
    if not signed_in_as(request, invitation.email):
        query = urlencode({"next": request.path})
        context["login_url"] = f"{reverse('wagtailadmin_login')}?{query}"
        context["signed_in_as_other"] = request.user.is_authenticated
        return TemplateResponse(request, templates["existing"], context)
    if request.method != "POST":
        return TemplateResponse(request, templates["existing"], context)
    if not accept(request.user):
        return TemplateResponse(request, templates["invalid"], status=404)
    return redirect(landing_url)
