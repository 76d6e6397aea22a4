"""Inviting someone to organise a place, and accepting.

The link carries the invitation's id signed with the site's secret (`django.core.signing`):
it cannot be forged, it expires (`ORGANISERS["invitation_days"]`, also kept on the row), and
it works once (the row is marked accepted under a row lock).

Nobody is made an organiser without saying yes: someone who already has an account (a colleague,
ONE staff) receives an invitation too, which they accept on a button while signed in to that
account (`views.accept_invitation`); until then nothing changes for them.

Nobody is flooded either: an organiser sends at most `ORGANISERS["invitation_rate"]` invitations
a day (ONE staff, who import whole lists, are not counted), and one address is sent an
invitation at most `ORGANISERS["invitation_recipient_limits"]` times a day, whoever sends it
(`core.recipients.may_send`, kind "invitation").
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

from core.cache import count_attempt
from core.invitations import existing_user, id_from_token, signed_id, use_once
from core.mail import queue_email, render_email
from core.recipients import may_send
from directory.models import PlacePage
from directory.roles import organiser_group, organiser_groups_for
from organisers.access import is_invitation_manager
from organisers.models import Invitation

SALT = "organisers.invitation"


class Outcome(enum.Enum):
    INVITED = "invited"
    # An existing account, sent an invitation it accepts while signed in.
    ASKED = "asked"
    ALREADY = "already"
    # Nothing sent: the organiser's invitations for today are used up.
    LIMITED = "limited"
    # Nothing sent: this address was sent invitations too often today.
    HELD = "held"


REFUSED = {Outcome.LIMITED, Outcome.HELD}


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


def _organiser_limited(by) -> bool:
    """Counts one invitation sent by `by`; True when it is one too many today. ONE staff (who
    import lists of organisers) and the import run without a user are not counted."""
    if by is None or by.pk is None or is_invitation_manager(by):
        return False
    limit, window = settings.ORGANISERS["invitation_rate"]
    return count_attempt(f"invitations-by:{by.pk}", window) > limit


def invite(place: PlacePage, email: str, *, by) -> Outcome:
    """Invite `email` to organise `place`; an existing account is invited too, never given the
    place without accepting."""
    email = get_user_model().objects.normalize_email(email.strip())
    language = translation.get_language() or settings.LANGUAGE_CODE
    group = place_group(place)
    user = existing_user(email)
    if user is not None and user.groups.filter(pk=group.pk).exists():
        return Outcome.ALREADY
    if _organiser_limited(by):
        return Outcome.LIMITED
    if not may_send("invitation", email, settings.ORGANISERS["invitation_recipient_limits"]):
        return Outcome.HELD
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
    if user is not None:
        _send("organiser_invitation_existing", email, language, place, context)
        return Outcome.ASKED
    _send("organiser_invitation", email, language, place, context)
    return Outcome.INVITED


def invite_imported(place_id: int, emails: list[str], user) -> list[str]:
    """The bulk import's `organiser_emails` column: each address invited, and what became of
    them, counted (the import report may be printed where logs are kept)."""
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
        Outcome.ASKED: lambda n: ngettext(
            "%(count)s compte existant invité (il accepte une fois connecté)",
            "%(count)s comptes existants invités (ils acceptent une fois connectés)",
            n,
        ),
        Outcome.LIMITED: lambda n: ngettext(
            "%(count)s invitation non envoyée (trop d'invitations aujourd'hui)",
            "%(count)s invitations non envoyées (trop d'invitations aujourd'hui)",
            n,
        ),
        Outcome.HELD: lambda n: ngettext(
            "%(count)s invitation non envoyée (adresse déjà invitée plusieurs fois aujourd'hui)",
            "%(count)s invitations non envoyées (adresses déjà invitées plusieurs fois "
            "aujourd'hui)",
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
