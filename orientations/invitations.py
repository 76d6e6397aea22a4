"""Inviting a professional, by ONE staff (any) or by a place's organiser (from their place): the
link and its page are `core.invitations`'. An address that already has an account is sent the
same link and accepts with a button: nobody is made a professional without saying yes. Each
inviter sends at most `ORIENTATIONS["invitations_per_day"]` invitations a day."""

from __future__ import annotations

import enum
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from core.invitations import id_from_token, signed_id, use_once
from core.mail import queue_email, render_email
from orientations.models import ProfessionalInvitation, ProfessionalProfile
from orientations.roles import PROFESSIONALS_GROUP, ensure_professionals_group

SALT = "orientations.professional-invitation"


class Outcome(enum.Enum):
    INVITED = "invited"
    ALREADY = "already"


def invitation_days() -> int:
    return settings.ORIENTATIONS["invitation_days"]


def invitations_left_today(user) -> int:
    since = timezone.now() - timedelta(days=1)
    sent = ProfessionalInvitation.objects.filter(invited_by=user, created_at__gte=since).count()
    return max(settings.ORIENTATIONS["invitations_per_day"] - sent, 0)


def invitation_url(invitation: ProfessionalInvitation) -> str:
    path = reverse("orientations_accept", args=[signed_id(invitation.pk, SALT)])
    return settings.WAGTAILADMIN_BASE_URL + path


def pending_invitation(token: str) -> ProfessionalInvitation | None:
    pk = id_from_token(token, SALT, invitation_days())
    if pk is None:
        return None
    return ProfessionalInvitation.objects.pending().filter(pk=pk).first()


def invite(email: str, *, organisation: str, profession: str, by, place=None) -> Outcome:
    email = get_user_model().objects.normalize_email(email.strip())
    already = get_user_model().objects.filter(
        email__iexact=email, is_active=True, groups__name=PROFESSIONALS_GROUP
    )
    if already.exists():
        return Outcome.ALREADY
    language = translation.get_language() or settings.LANGUAGE_CODE
    invitation = ProfessionalInvitation.objects.create(
        email=email,
        organisation=organisation,
        profession=profession,
        language=language,
        place=place,
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=invitation_days()),
    )
    message = render_email(
        "professional_invitation",
        to=email,
        subject_template="orientations/emails/professional_invitation_subject.txt",
        body_template="orientations/emails/professional_invitation.txt",
        context={"url": invitation_url(invitation), "days": invitation_days()},
        language=language,
    )
    transaction.on_commit(lambda: queue_email(message))
    return Outcome.INVITED


def accept(invitation: ProfessionalInvitation, user) -> bool:
    group = ensure_professionals_group()

    def give(user) -> None:
        user.groups.add(group)
        ProfessionalProfile.objects.update_or_create(
            user=user,
            defaults={
                "organisation": invitation.organisation,
                "profession": invitation.profession,
            },
        )

    return use_once(ProfessionalInvitation, invitation.pk, user, give)
