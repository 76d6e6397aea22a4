"""ONE staff invite an organiser by e-mail; the signed link works once, until it expires, and
lands the new organiser, signed in, on their place. Someone with an account is invited too, and
accepts while signed in: never attached to a place without saying yes. Invitations are counted
per organiser and per address (tests/organisers/test_invitation_caps.py)."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from directory.roles import organiser_group
from organisers.models import Invitation

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "Tilleul-Bleu-2027"


def invite_url(place):
    return reverse("organisers_place", args=[place.pk])


def link_in(message) -> str:
    match = re.search(r"https?://\S+/organisateurs/invitation/\S+/", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


def invite(client, place, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(invite_url(place), {"email": email})


def test_staff_invite_and_the_organiser_accepts_once(
    client, staff_member, place_a, django_capture_on_commit_callbacks, django_user_model
):
    client.force_login(staff_member)
    response = invite(client, place_a, "Nadia@Example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "Nadia@example.org" and invitation.place_id == place_a.pk
    (message,) = mail.outbox
    assert message.to == ["Nadia@example.org"]
    assert "Lieu A" in message.subject
    link = link_in(message)

    client.logout()
    form = client.get(link)
    assert form.status_code == 200
    assert "Nadia@example.org" in form.content.decode()

    weak = client.post(link, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 400
    assert not django_user_model.objects.filter(email="Nadia@example.org").exists()

    accepted = client.post(
        link, {"new_password1": STRONG_PASSWORD, "new_password2": STRONG_PASSWORD}
    )
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("wagtailadmin_pages:edit", args=[place_a.pk])
    user = django_user_model.objects.get(email="Nadia@example.org")
    assert user.check_password(STRONG_PASSWORD)
    assert user.groups.filter(pk=organiser_group(place_a).pk).exists()
    assert client.get(accepted["Location"]).status_code == 200

    client.logout()
    again = client.post(
        link, {"new_password1": "Autre-Mot-2027x", "new_password2": "Autre-Mot-2027x"}
    )
    assert again.status_code == 404


def test_a_link_expires(
    client, staff_member, place_a, django_capture_on_commit_callbacks, settings
):
    client.force_login(staff_member)
    invite(client, place_a, "late@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.logout()
    days = settings.ORGANISERS["invitation_days"]
    with time_machine.travel(timedelta(days=days, hours=1)):
        assert client.get(link).status_code == 404
        assert client.post(link).status_code == 404


def test_a_forged_or_altered_link_leads_nowhere(client, staff_member, place_a):
    invitation = Invitation.objects.create(
        place=place_a, email="x@example.org", language="fr", expires_at="2999-01-01T00:00Z"
    )
    assert client.get(f"/organisateurs/invitation/{invitation.pk}/").status_code == 404
    from organisers.invitations import token_for

    token = token_for(invitation)
    assert client.get(f"/organisateurs/invitation/{token}x/").status_code == 404
    assert client.get(f"/organisateurs/invitation/{token}/").status_code == 200


def test_someone_with_an_account_is_invited_never_attached_silently(
    client, staff_member, organiser_a, place_b, django_capture_on_commit_callbacks
):
    client.force_login(staff_member)
    response = invite(client, place_b, "ORGA-A@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    # Not theirs until they accept: the colleague's account is not touched.
    assert not organiser_a.groups.filter(pk=organiser_group(place_b).pk).exists()
    invitation = Invitation.objects.get()
    assert invitation.place_id == place_b.pk and invitation.accepted_at is None
    (message,) = mail.outbox
    assert "Lieu B" in message.subject
    assert "connectez-vous" in message.body
    assert link_in(message)
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert any("une invitation lui est envoyée" in m for m in messages)


def test_inviting_twice_resends_the_same_invitation(
    client, staff_member, place_a, django_capture_on_commit_callbacks
):
    client.force_login(staff_member)
    invite(client, place_a, "twice@example.org", django_capture_on_commit_callbacks)
    invite(client, place_a, "twice@example.org", django_capture_on_commit_callbacks)
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_bad_address_is_a_400_naming_the_field(client, staff_member, place_a):
    client.force_login(staff_member)
    response = client.post(invite_url(place_a), {"email": "pas une adresse"})
    assert response.status_code == 400
    assert 'id="id_email-error"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_organiser_invites_a_colleague_for_their_own_place(
    client, organiser_a, place_a, django_capture_on_commit_callbacks
):
    client.force_login(organiser_a)
    page = client.get(invite_url(place_a))
    assert page.status_code == 200
    # Removing people is ONE staff's: an organiser is shown no such button.
    assert "Retirer l" not in page.content.decode()
    response = invite(client, place_a, "collegue@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Invitation.objects.get().invited_by == organiser_a


def test_staff_revoke_an_invitation_and_a_membership(
    client, staff_member, organiser_a, place_a, django_capture_on_commit_callbacks
):
    client.force_login(staff_member)
    invite(client, place_a, "revoked@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    invitation = Invitation.objects.get()
    page = client.get(invite_url(place_a)).content.decode()
    assert "revoked@example.org" in page and "orga-a@example.org" in page

    response = client.post(reverse("organisers_revoke_invitation", args=[invitation.pk]))
    assert response.status_code == 302
    assert not Invitation.objects.exists()
    assert client.get(link).status_code == 404

    client.post(reverse("organisers_remove_member", args=[place_a.pk, organiser_a.pk]))
    assert not organiser_a.groups.filter(pk=organiser_group(place_a).pk).exists()


def test_staff_see_pending_invitations_in_a_snippet_listing(
    client,
    staff_member,
    organiser_a,
    place_a,
    place_b,
    django_capture_on_commit_callbacks,
    django_user_model,
):
    client.force_login(staff_member)
    invite(client, place_a, "pending@example.org", django_capture_on_commit_callbacks)
    Invitation.objects.create(
        place=place_b,
        email="used@example.org",
        language="fr",
        expires_at="2999-01-01T00:00Z",
        accepted_at="2026-01-01T00:00Z",
    )
    listing_url = reverse("wagtailsnippets_organisers_invitation:list")
    listing = client.get(listing_url)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "pending@example.org" in html and "used@example.org" not in html
    # Invitations are made from a place, so that the e-mail leaves: never typed in as snippets.
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    assert client.get(reverse("wagtailsnippets_organisers_invitation:add")).status_code in (
        302,
        403,
    )

    client.force_login(organiser_a)
    assert client.get(listing_url).status_code in (302, 403)


def test_the_place_page_costs_the_same_queries_for_one_organiser_or_many(
    client, staff_member, organiser_a, place_a, django_user_model
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(invite_url(place_a)).status_code == 200
        return len(captured)

    client.force_login(staff_member)
    queries()
    one = queries()
    group = organiser_group(place_a)
    for n in range(4):
        django_user_model.objects.create_user(f"o{n}", f"o{n}@example.org").groups.add(group)
        Invitation.objects.create(
            place=place_a, email=f"i{n}@example.org", language="fr", expires_at="2999-01-01T00:00Z"
        )
    assert queries() == one


@pytest.fixture
def invited_since_then(place_a, django_user_model):
    """An invitation whose address has had an account made for it since it was sent."""
    from organisers.invitations import token_for

    invitation = Invitation.objects.create(
        place=place_a, email="later@example.org", language="fr", expires_at="2999-01-01T00:00Z"
    )
    user = django_user_model.objects.create_user("later", email="Later@example.org", password="x")
    return reverse("organisers_accept", args=[token_for(invitation)]), user


def organises(user, place) -> bool:
    return user.groups.filter(pk=organiser_group(place).pk).exists()


def test_an_existing_account_accepts_signed_in_on_the_button_not_on_opening(
    client, invited_since_then, place_a
):
    link, user = invited_since_then
    # Signed out, the link alone attaches nothing: the page asks to sign in and come back.
    page = client.get(link)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("main form[method=post]") is None
    login = soup.select_one(f"main a[href^='{reverse('wagtailadmin_login')}']")["href"]
    assert parse_qs(urlsplit(login).query) == {"next": [link]}
    assert client.post(link).status_code == 200
    assert not organises(user, place_a)

    client.force_login(user)
    # Mail scanners open links: what they see is a button, and nothing changes.
    page = client.get(link)
    form = BeautifulSoup(page.content, "html.parser").select_one("main form[method=post]")
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    assert form.select_one("button[type=submit]") is not None
    assert not organises(user, place_a)
    assert Invitation.objects.get().accepted_at is None

    accepted = client.post(link)
    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("wagtailadmin_pages:edit", args=[place_a.pk])
    assert organises(user, place_a)
    assert Invitation.objects.get().accepted_at is not None
    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404


def test_signed_in_as_someone_else_the_invitation_attaches_nobody(
    client, invited_since_then, place_a, organiser_a
):
    link, user = invited_since_then
    client.force_login(organiser_a)
    page = client.get(link)
    assert "un autre compte" in page.content.decode()
    assert client.post(link).status_code == 200
    assert not organises(user, place_a)
    assert organiser_a.groups.filter(pk=organiser_group(place_a).pk).count() == 1
    assert Invitation.objects.get().accepted_at is None
