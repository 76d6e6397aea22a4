"""ONE staff's home shows the running update campaigns, each with how many places answered and
a link to its participation table; organisers and professionals never see it; its queries do
not grow with the campaigns."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from campaigns.answers import confirmed
from campaigns.models import Campaign, CampaignRequest
from campaigns.staff_panels import running_campaigns
from orientations.roles import PROFESSIONALS_GROUP

pytestmark = pytest.mark.django_db
HOME = reverse("wagtailadmin_home")


def request_of(user):
    request = RequestFactory().get(HOME)
    request.user = user
    return request


def panel_of(client, key="campaigns"):
    response = client.get(HOME)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(f'[data-staff-panel="{key}"]')


def running(name, places):
    campaign = Campaign.objects.create(
        name=name,
        sections=["hours"],
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 3, 31),
        started_at=timezone.now(),
    )
    CampaignRequest.objects.bulk_create(
        CampaignRequest(campaign=campaign, place=place) for place in places
    )
    return campaign


def test_staff_see_each_running_campaign_with_its_answers(
    client, clock, started, staff_member, organiser_a, place_a
):
    confirmed(CampaignRequest.objects.get(campaign=started, place=place_a), organiser_a)
    Campaign.objects.create(
        name="Campagne pas encore lancée",
        sections=["hours"],
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 3, 31),
    )
    client.force_login(staff_member)
    panel = panel_of(client)
    text = panel.get_text(" ", strip=True)
    assert "1 campagne en cours" in text
    assert "Horaires des vacances de printemps — répondu 1 / 2" in text
    assert "pas encore lancée" not in text
    link = panel.select_one("li a")["href"]
    assert link == reverse("campaigns_participation", args=[started.pk])


def test_an_ended_campaign_leaves_the_panel(client, clock, started, staff_member):
    clock.move_to("2027-04-01 10:00+02:00")
    client.force_login(staff_member)
    assert "Aucune campagne en cours." in panel_of(client).get_text(" ", strip=True)


def test_organisers_and_professionals_do_not_see_it(
    client, clock, started, organiser_a, django_user_model
):
    professional = django_user_model.objects.create_user("pro", password="x")
    professional.groups.add(Group.objects.get(name=PROFESSIONALS_GROUP))
    for user in (organiser_a, professional):
        client.force_login(user)
        assert panel_of(client) is None
        assert running_campaigns(request_of(user)) is None


@pytest.mark.parametrize("campaigns", [1, 5])
def test_its_queries_do_not_grow_with_the_campaigns(
    clock, staff_member, place_a, place_b, campaigns, django_assert_num_queries
):
    for n in range(campaigns):
        running(f"Campagne {n}", [place_a, place_b])
    request = request_of(staff_member)
    running_campaigns(request)  # the user's permissions, read once per request
    with django_assert_num_queries(2):
        panel = running_campaigns(request)
    assert panel.count == campaigns and len(panel.rows) == campaigns
    assert panel.rows[0].detail == "répondu 0 / 2"
