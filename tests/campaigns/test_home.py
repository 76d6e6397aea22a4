"""An organiser's admin home lists their open campaign requests, each to their own answer page;
answered or ended, it is gone."""

import pytest
from django.urls import reverse

from campaigns.answers import confirmed
from campaigns.models import CampaignRequest

pytestmark = pytest.mark.django_db


def test_the_home_shows_the_open_request_until_it_is_answered(
    client, clock, started, organiser_a, place_a
):
    client.force_login(organiser_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "« Lieu A » : Horaires des vacances de printemps" in html
    assert "Lieu B" not in html
    link = html.split("/organisateurs/campagne/")[1].split('"')[0]
    assert client.get(f"/organisateurs/campagne/{link}").status_code == 200

    confirmed(CampaignRequest.objects.get(place=place_a), organiser_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Horaires des vacances de printemps" not in html


def test_an_ended_campaign_leaves_the_home(client, clock, started, organiser_a):
    client.force_login(organiser_a)
    clock.move_to("2027-04-01 10:00+02:00")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Horaires des vacances de printemps" not in html
