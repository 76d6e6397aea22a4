"""Starting a campaign: the places of its provinces (and programmes) are asked once, and each
of their organisers is e-mailed a link of their own."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from campaigns.models import Campaign, CampaignRequest
from campaigns.scope import places_in_scope, start, start_due
from tests.campaigns.conftest import LIEGE_PROVINCE, link_for
from tests.factories import programme

pytestmark = pytest.mark.django_db


def test_start_asks_the_places_of_the_province_and_mails_each_organiser_their_link(
    started, place_a, place_b, place_namur, mailoutbox
):
    asked = set(CampaignRequest.objects.filter(campaign=started).values_list("place", flat=True))
    assert asked == {place_a.pk, place_b.pk}
    assert {tuple(m.to) for m in mailoutbox} == {("orga-a@example.org",), ("orga-b@example.org",)}
    (message,) = [m for m in mailoutbox if m.to == ["orga-a@example.org"]]
    assert "Lieu A" in message.subject
    assert "Heures d'ouverture" in message.body and "Fermetures (congés)" in message.body
    assert "31 mars 2027" in message.body
    assert link_for(mailoutbox, "orga-a@example.org") != link_for(mailoutbox, "orga-b@example.org")
    started.refresh_from_db()
    assert started.started_at is not None


def test_a_campaign_starts_once(started, mailoutbox):
    mailoutbox.clear()
    assert start(started) == 0
    assert mailoutbox == []
    assert CampaignRequest.objects.filter(campaign=started).count() == 2


def test_programmes_narrow_the_scope(campaign, place_a, place_b):
    other = programme("espaces-de-rencontre")
    place_b.programmes.set([other])
    # Its access modes were its former programme's.
    place_b.access_modes.set([])
    place_b.save()
    campaign.programmes.set([programme()])
    assert list(places_in_scope(campaign)) == [place_a]
    campaign.programmes.set([other])
    assert list(places_in_scope(campaign)) == [place_b]


def test_no_province_means_everywhere(campaign, place_a, place_namur):
    campaign.provinces = []
    assert set(places_in_scope(campaign)) == {place_a, place_namur}


def test_the_periodic_start_takes_the_campaigns_whose_day_has_come(
    clock, staff_member, place_a, organiser_a, mailoutbox, django_capture_on_commit_callbacks
):
    def campaign(name, starts_on, ends_on):
        return Campaign.objects.create(
            name=name,
            provinces=[LIEGE_PROVINCE],
            sections=["hours"],
            starts_on=starts_on,
            ends_on=ends_on,
        )

    today = campaign("Aujourd'hui", date(2027, 3, 3), date(2027, 3, 20))
    campaign("Plus tard", date(2027, 3, 10), date(2027, 3, 20))
    campaign("Passée", date(2027, 2, 1), date(2027, 2, 20))
    with django_capture_on_commit_callbacks(execute=True):
        assert start_due() == [(today, 1)]
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("start_campaigns", stdout=io.StringIO())
    assert len(mailoutbox) == 1


def test_communes_add_to_the_provinces(campaign, place_a, place_namur, namur):
    from campaigns.models import CampaignCommune

    CampaignCommune.objects.create(campaign=campaign, commune=namur)
    assert set(places_in_scope(campaign)) == {place_a, place_namur}
    campaign.provinces = []
    assert list(places_in_scope(campaign)) == [place_namur]
