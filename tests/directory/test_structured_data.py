"""A place page's schema.org JSON-LD."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from directory.models import ClosurePeriod, PlacePage
from directory.structured_data import parent_audience_json_ld
from tests.factories import OpeningHoursFactory

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_description_keeps_its_paragraphs_apart(client, place):
    PlacePage.objects.filter(pk=place.pk).update(
        description="<p>Sans se croiser.</p><p>Jeux &amp; livres.</p>"
    )
    data = json_ld(client.get(place.url).content.decode())
    assert data["description"] == "Sans se croiser.\nJeux & livres."


def test_closures_are_special_opening_hours_closed_on_their_dates_beside_the_week(client, place):
    OpeningHoursFactory(place=place, weekday=0, opens="14:00", closes="16:30")
    today = timezone.localdate()
    ClosurePeriod.objects.create(
        place=place, start_date=today, end_date=today + timedelta(days=13), reason="congés"
    )
    ClosurePeriod.objects.create(
        place=place, start_date=today - timedelta(days=9), end_date=today - timedelta(days=2)
    )
    data = json_ld(client.get(place.url).content.decode())
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "14:00",
            "closes": "16:30",
        }
    ]
    # schema.org's property for dated exceptions to the weekly hours.
    assert data["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": today.isoformat(),
            "validThrough": (today + timedelta(days=13)).isoformat(),
            "description": "congés",
        },
    ]


def test_a_parent_audience_says_the_childrens_ages_in_years():
    assert parent_audience_json_ld(18, 36) == {
        "@type": "ParentAudience",
        "childMinAge": 1.5,
        "childMaxAge": 3,
    }
