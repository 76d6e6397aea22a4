"""The demo's geography: French places spread over the regions in proportion to population, and
some Belgian places shown at a section (Jambes)."""

import math
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from rencontres.demo.catalogue import Catalogue
from rencontres.demo.generator import DemoPlaceGenerator
from tests.factories import CommuneFactory
from tests.gazetteer.inline import make_jambes

# Region → (commune code, name, population, latitude, longitude).
FRANCE = {
    "Île-de-France": [("75056", "Paris", 2_100_000, "48.8566", "2.3429")],
    "Hauts-de-France": [
        ("59350", "Lille", 230_000, "50.6309", "3.0709"),
        ("62041", "Arras", 40_000, "50.2910", "2.7775"),
    ],
    "Bretagne": [("35238", "Rennes", 220_000, "48.1113", "-1.6800")],
    "Corse": [("2A004", "Ajaccio", 70_000, "41.9186", "8.7369")],
}


@pytest.fixture
def geography(db):
    for region, rows in FRANCE.items():
        for code, name, population, lat, lon in rows:
            CommuneFactory(
                country="FR",
                code=code,
                name_fr=name,
                region=region,
                population=population,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
            )
    namur = CommuneFactory(
        country="BE",
        code="92094",
        name_fr="Namur",
        province="Province de Namur",
        latitude=Decimal("50.4669"),
        longitude=Decimal("4.8675"),
    )
    make_jambes(namur)
    return namur


def places(count=600):
    generator = DemoPlaceGenerator(Catalogue.load(), seed=3, now=timezone.now())
    return [generator.generate(index) for index in range(count)]


def test_french_places_follow_the_regions_population(geography):
    catalogue = Catalogue.load()
    regions = {c.pk: c.region for c in catalogue.communes["FR"]}
    french = [p for p in places() if p.fields["country"] == "FR"]
    assert len(french) > 50
    counts = Counter(regions[p.fields["commune_id"]] for p in french)
    total_population = sum(row[2] for rows in FRANCE.values() for row in rows)
    for region, rows in FRANCE.items():
        share = sum(row[2] for row in rows) / total_population
        # Every region is reached, Corsica's 2.6 % included, and each holds its share.
        assert counts[region] >= 1
        assert abs(counts[region] / len(french) - share) < 0.03, (region, counts)


def test_some_belgian_places_sit_at_a_section(geography):
    at_jambes = [p for p in places() if p.title.endswith("(Jambes)")]
    assert at_jambes
    for place in at_jambes:
        assert place.fields["commune_id"] == geography.pk
        assert place.fields["postcode"] == "5100"
        dlat = (float(place.fields["latitude"]) - 50.45636) * 111_320
        dlon = (float(place.fields["longitude"]) - 4.87166) * 111_320 * math.cos(0.8806)
        assert math.hypot(dlat, dlon) <= 2_000
