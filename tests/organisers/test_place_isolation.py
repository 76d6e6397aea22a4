"""Organiser A can never reach place B's registrations, head-counts, invitations or reports:
every URL and every POST answers 403 (or 404), and nothing of B's changes.

The admin turns a 403 into a redirect to its home with "you do not have permission" for a
browser, and lets it through as a 403 for a script (`X-Requested-With`): the requests are sent
as a script's, so that the refusal itself is what is asserted."""

import pytest
from django.urls import reverse

from directory.roles import organiser_group
from organisers.models import HeadCount, Invitation, ProblemReport

pytestmark = pytest.mark.django_db

SCRIPT = {"X-Requested-With": "XMLHttpRequest"}


@pytest.fixture
def b_invitation(place_b):
    return Invitation.objects.create(
        place=place_b,
        email="invitee-b@example.org",
        language="fr",
        expires_at="2999-01-01T00:00Z",
    )


def test_organiser_a_reaches_nothing_of_place_b(
    client, organiser_a, organiser_b, place_b, activity_b, past_session_b, b_invitation
):
    HeadCount.objects.create(occurrence=past_session_b, children=4, adults=3, first_visits=1)
    verified_before = place_b.verified_at
    b_report = ProblemReport.objects.create(place=place_b, kind="hours", language="fr")
    client.force_login(organiser_a)
    gets = [
        reverse("organisers_place", args=[place_b.pk]),
        reverse("organisers_confirm_place", args=[place_b.pk]),
        reverse("organisers_stale"),
        reverse("organisers_head_count", args=[past_session_b.pk]),
        reverse("activities_registrations", args=[activity_b.pk]),
        reverse("activities_registrations_csv", args=[activity_b.pk]),
        reverse("activities_occurrences", args=[activity_b.pk]),
        reverse("wagtailsnippets_organisers_invitation:list"),
        reverse("wagtailsnippets_organisers_invitation:delete", args=[b_invitation.pk]),
        reverse("organisers_report", args=[b_report.pk]),
    ]
    for url in gets:
        assert client.get(url, headers=SCRIPT).status_code in (403, 404), url
    posts = [
        (reverse("organisers_place", args=[place_b.pk]), {"email": "intrus@example.org"}),
        (
            reverse("organisers_head_count", args=[past_session_b.pk]),
            {"children": 0, "adults": 0, "first_visits": 0},
        ),
        (reverse("organisers_revoke_invitation", args=[b_invitation.pk]), {}),
        (reverse("organisers_remove_member", args=[place_b.pk, organiser_b.pk]), {}),
        (reverse("organisers_confirm_place", args=[place_b.pk]), {}),
        (reverse("wagtailsnippets_organisers_invitation:delete", args=[b_invitation.pk]), {}),
        (reverse("organisers_report", args=[b_report.pk]), {"status": "handled", "note": "x"}),
    ]
    for url, data in posts:
        assert client.post(url, data, headers=SCRIPT).status_code in (403, 404), url
        # From a browser: the admin's permission-denied redirect, not the page.
        refused = client.post(url, data)
        assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert Invitation.objects.filter(place=place_b).get() == b_invitation
    assert not Invitation.objects.filter(email="intrus@example.org").exists()
    assert HeadCount.objects.get().children == 4
    b_report.refresh_from_db()
    assert b_report.status == "new"
    assert organiser_b.groups.filter(pk=organiser_group(place_b).pk).exists()
    place_b.refresh_from_db()
    assert place_b.verified_at == verified_before

    # The head-counts list and the dashboard name nothing of B's.
    html = client.get(reverse("organisers_head_counts")).content.decode()
    assert reverse("organisers_head_count", args=[past_session_b.pk]) not in html
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Lieu B" not in dashboard and "Atelier B" not in dashboard
    reports = client.get(reverse("organisers_reports")).content.decode()
    assert reverse("organisers_report", args=[b_report.pk]) not in reports
