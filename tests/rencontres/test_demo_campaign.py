"""The demo's running campaign: in the Belgian province with the most demo places, some answers
of each kind, answered places verified on their answer's day; written once."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from campaigns.models import Answer, Campaign, CampaignRequest
from campaigns.scope import places_in_scope
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db

COMMUNES = [
    ("62063", "Liège", "Province de Liège", "60000", "50.632500", "5.579700"),
    ("62108", "Verviers", "Province de Liège", "60000", "50.589000", "5.862000"),
    ("92094", "Namur", "Province de Namur", "90000", "50.466900", "4.867500"),
]


def test_the_demo_has_a_running_campaign_with_answers(client, staff_member):
    for code, name, province, province_code, lat, lon in COMMUNES:
        CommuneFactory(
            code=code,
            name_fr=name,
            province=province,
            province_code=province_code,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            search_names=name.lower(),
        )
    call_command("seed_demo", count=40, seed=3, verbosity=0, no_index=True)
    campaign = Campaign.objects.get()
    assert campaign.is_open() and campaign.provinces == ["60000"]
    requests = CampaignRequest.objects.filter(campaign=campaign).select_related("place")
    assert {r.place_id for r in requests} == set(
        places_in_scope(campaign).values_list("pk", flat=True)
    )
    answers = {r.answer for r in requests}
    assert answers == {"", Answer.ORGANISER, Answer.STAFF}
    for request in requests:
        if request.answer:
            assert request.place.verified_at == request.answered_at

    call_command("seed_demo", count=40, seed=3, verbosity=0, no_index=True)
    assert Campaign.objects.count() == 1

    client.force_login(staff_member)
    page = client.get(reverse("campaigns_participation", args=[campaign.pk]))
    assert page.status_code == 200 and "Fait par le personnel" in page.content.decode()
