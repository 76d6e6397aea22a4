"""The demo shows listing quality (directory.quality): every demo place's score stored as its
record says it, scores that differ from place to place, and ONE staff's page with them."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.pages import in_source_language
from directory.models import PlacePage
from directory.quality import graded
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_the_demo_places_have_their_scores(client, staff_member):
    for code, name, lat, lon in (
        ("62063", "Liège", "50.632500", "5.579700"),
        ("92094", "Namur", "50.466900", "4.867500"),
    ):
        CommuneFactory(
            code=code,
            name_fr=name,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            search_names=name.lower(),
        )
    call_command("seed_demo", count=30, seed=3, verbosity=0, no_index=True)
    # A score is the French place's (its translations are the same place).
    places = in_source_language(PlacePage.objects.all())
    stored = dict(places.values_list("pk", "quality_score"))
    now = {record.id: quality.score for record, quality in graded(stored)}
    assert now == stored
    assert len(set(stored.values())) > 2, stored

    client.force_login(staff_member)
    page = client.get(reverse("projects_quality"))
    assert page.status_code == 200 and "data-quality-worst" in page.content.decode()
