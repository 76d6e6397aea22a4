"""Inviting someone to organise a place, and accepting.

The link carries the invitation's id signed with the site's secret (`django.core.signing`):
it cannot be forged, it expires (`ORGANISERS["invitation_days"]`, also kept on the row), and
it works once (the row is marked accepted under a row lock). Someone who already has an
account is not invited again: they are given the place's group at once and told by e-mail.
"""

from __future__ import annotations

import enum
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from core.invitations import existing_user, id_from_token, signed_id, use_once
from core.mail import queue_email, render_email
from directory.models import PlacePage
from directory.roles import organiser_group, organiser_groups_for
from organisers.models import Invitation

SALT = "organisers.invitation"


class Outcome(enum.Enum):
    INVITED = "invited"
    ADDED = "added"
    ALREADY = "already"


def invitation_days() -> int:
    return settings.ORGANISERS["invitation_days"]


def token_for(invitation: Invitation) -> str:
    return signed_id(invitation.pk, SALT)


def invitation_url(invitation: Invitation) -> str:
    path = reverse("organisers_accept", args=[token_for(invitation)])
    return settings.WAGTAILADMIN_BASE_URL + path


def place_admin_url(place_id: int) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_pages:edit", args=[place_id])


def pending_invitation(token: str) -> Invitation | None:
    """The invitation a link names, if it may still be accepted."""
    pk = id_from_token(token, SALT, invitation_days())
    if pk is None:
        return None
    return Invitation.objects.pending().select_related("place").filter(pk=pk).first()


def place_group(place: PlacePage) -> Group:
    return organiser_group(place) or organiser_groups_for([place])[0]


def invite(place: PlacePage, email: str, *, by) -> Outcome:
    """Invite `email` to organise `place`, or give an existing account the place at once."""
    email = get_user_model().objects.normalize_email(email.strip())
    language = translation.get_language() or settings.LANGUAGE_CODE
    group = place_group(place)
    user = existing_user(email)
    if user is not None:
        if user.groups.filter(pk=group.pk).exists():
            return Outcome.ALREADY
        user.groups.add(group)
        _send("organiser_added", email, language, place, {"url": place_admin_url(place.pk)})
        return Outcome.ADDED
    expires_at = timezone.now() + timedelta(days=invitation_days())
    invitation = Invitation.objects.pending().filter(place=place, email__iexact=email).first()
    if invitation is None:
        invitation = Invitation.objects.create(
            place=place, email=email, language=language, invited_by=by, expires_at=expires_at
        )
    else:
        # Asked again: the same invitation, sent again with a new delay.
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=expires_at)
    context = {"url": invitation_url(invitation), "days": invitation_days()}
    _send("organiser_invitation", email, language, place, context)
    return Outcome.INVITED


def invite_imported(place_id: int, emails: list[str], user) -> list[str]:
    """The bulk import's `organiser_emails` column: each address invited (or given the place),
    and what became of them, counted (the import report may be printed where logs are kept)."""
    place = PlacePage.objects.get(pk=place_id)
    # A list imported again sends nobody a second e-mail.
    pending = {
        email.lower()
        for email in Invitation.objects.pending()
        .filter(place=place)
        .values_list("email", flat=True)
    }
    outcomes = [
        Outcome.ALREADY if email.lower() in pending else invite(place, email, by=user)
        for email in emails
    ]
    labels = {
        Outcome.INVITED: lambda n: ngettext(
            "%(count)s invitation envoyée", "%(count)s invitations envoyées", n
        ),
        Outcome.ADDED: lambda n: ngettext(
            "%(count)s compte existant ajouté aux organisateurs",
            "%(count)s comptes existants ajoutés aux organisateurs",
            n,
        ),
    }
    notes = []
    for outcome, label in labels.items():
        count = outcomes.count(outcome)
        if count:
            notes.append(label(count) % {"count": count})
    return notes


def _send(kind: str, email: str, language: str, place: PlacePage, context: dict) -> None:
    message = render_email(
        kind,
        to=email,
        subject_template=f"organisers/emails/{kind}_subject.txt",
        body_template=f"organisers/emails/{kind}.txt",
        context={"place": place.title, **context},
        language=language,
    )
    transaction.on_commit(lambda: queue_email(message))


def accept(invitation: Invitation, user) -> bool:
    """Give `user` the invitation's place and use the invitation up. False when someone else
    used it first (two tabs, a link forwarded)."""
    group = place_group(invitation.place)
    return use_once(Invitation, invitation.pk, user, lambda user: user.groups.add(group))


def remove_organiser(place: PlacePage, user) -> None:
    group = organiser_group(place)
    if group is not None:
        user.groups.remove(group)
