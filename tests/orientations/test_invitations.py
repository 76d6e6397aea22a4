"""Inviting professionals: by ONE staff or a place's organiser; the link opens an account in
the « Professionnels » group with the profile given; an existing account is asked, never added
silently; each inviter sends at most so many a day."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from orientations.models import ProfessionalInvitation, ProfessionalProfile
from orientations.roles import PROFESSIONALS_GROUP

pytestmark = pytest.mark.django_db

INVITE = {"email": "tms@one.example", "organisation": "ONE Liège", "profession": "TMS"}


def link_in(message) -> str:
    return re.search(r"http://\S+(/professionnels/invitation/\S+/)", message.body).group(1)


def test_staff_invite_and_a_new_professional_opens_their_account(
    client, staff_member, django_user_model, django_capture_on_commit_callbacks
):
    client.force_login(staff_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orientations_invite"), INVITE)
    assert response.status_code == 302
    (invited,) = mail.outbox
    assert invited.to == ["tms@one.example"]
    client.logout()
    link = link_in(invited)
    assert client.get(link).status_code == 200
    password = "un-mot-de-passe-solide-42"
    response = client.post(link, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302 and response["Location"] == reverse("orientations_sent")
    user = django_user_model.objects.get(email="tms@one.example")
    assert user.groups.filter(name=PROFESSIONALS_GROUP).exists()
    assert ProfessionalProfile.objects.get(user=user).profession == "TMS"
    # Once only.
    assert client.get(link).status_code == 404


def test_an_existing_account_is_asked_never_attached_silently(
    client, place_a, organiser_a, django_user_model, django_capture_on_commit_callbacks
):
    existing = django_user_model.objects.create_user("deja", email="tms@one.example", password="x")
    client.force_login(organiser_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("orientations_invite_from_place", args=[place_a.pk]), INVITE)
    assert ProfessionalInvitation.objects.get().place_id == place_a.pk
    assert not existing.groups.filter(name=PROFESSIONALS_GROUP).exists()
    client.logout()
    link = link_in(mail.outbox[0])
    # Signed out, the link (which a mail scanner or a forward opens) asks to sign in first,
    # and a post gives nothing.
    assert "Se connecter" in client.get(link).content.decode()
    client.post(link)
    assert not existing.groups.filter(name=PROFESSIONALS_GROUP).exists()
    # Signed in to the invited account: opening still gives nothing, the button does.
    client.force_login(existing)
    assert "Accepter l'invitation" in client.get(link).content.decode()
    assert not existing.groups.filter(name=PROFESSIONALS_GROUP).exists()
    assert client.post(link).status_code == 302
    assert existing.groups.filter(name=PROFESSIONALS_GROUP).exists()


def test_invitations_per_inviter_per_day_are_limited(settings, client, organiser_a, place_a):
    settings.ORIENTATIONS = {**settings.ORIENTATIONS, "invitations_per_day": 2}
    client.force_login(organiser_a)
    url = reverse("orientations_invite_from_place", args=[place_a.pk])
    for n in range(2):
        assert client.post(url, {**INVITE, "email": f"pro{n}@example.org"}).status_code == 302
    refused = client.post(url, {**INVITE, "email": "pro3@example.org"})
    assert refused.status_code == 400
    assert "assez d'invitations" in html.unescape(refused.content.decode())
    assert ProfessionalInvitation.objects.count() == 2


def test_an_existing_professional_is_not_invited_again(client, staff_member, professional_a):
    client.force_login(staff_member)
    client.post(reverse("orientations_invite"), {**INVITE, "email": professional_a.email})
    assert not ProfessionalInvitation.objects.exists()
