"""The real data packages: Belgium loaded whole by the command, France read whole and loaded for
a few départements (writing all 35,000 communes is the command's job, timed by its summary, not
the suite's)."""

from io import StringIO

import pytest
from django.core.management import call_command

from core.geo import distance_km
from gazetteer.loading import load_gazetteer
from gazetteer.lookup import resolve_near
from gazetteer.models import Commune, Court, PlaceName, PostalCode, Section
from gazetteer.sources.france import read_france
from gazetteer.sources.records import CountryData

DEPARTEMENTS = {"01", "13", "2A", "59", "69", "75", "93", "974", "976"}


@pytest.fixture(scope="module")
def france_data():
    return read_france()


@pytest.fixture(scope="module")
def gazetteer(django_db_setup, django_db_blocker, france_data):
    """Belgium through the command (twice: the second run must change nothing), France for a
    few départements; removed afterwards so that other modules start from an empty one."""
    first, second = StringIO(), StringIO()

    def some_departements():
        data = CountryData(skipped=france_data.skipped)
        data.communes = [c for c in france_data.communes if c.province_code in DEPARTEMENTS]
        kept = {c.code for c in data.communes}
        data.sections = [s for s in france_data.sections if s.commune_code in kept]
        data.postcodes = [p for p in france_data.postcodes if p.commune_code in kept]
        return data

    with django_db_blocker.unblock():
        call_command("load_gazetteer", "--country", "BE", stdout=first, stderr=StringIO())
        call_command("load_gazetteer", "--country", "BE", stdout=second, stderr=StringIO())
        steps = load_gazetteer(["FR"], readers={"FR": some_departements})
        for _progress in steps:
            pass
    yield first.getvalue(), second.getvalue()
    with django_db_blocker.unblock():
        PlaceName.objects.all().delete()
        PostalCode.objects.all().delete()
        Section.objects.all().delete()
        # The load adds the courts whose seat it brings (gazetteer.courts).
        Court.objects.all().delete()
        Commune.objects.all().delete()


def test_france_is_read_whole_with_insee_codes_and_a_point_each(france_data):
    communes = {c.code: c for c in france_data.communes}
    assert len(communes) >= 34_800
    paris, lille = communes["75056"], communes["59350"]
    assert (lille.name_fr, lille.province, lille.region) == ("Lille", "Nord", "Hauts-de-France")
    assert paris.population > 2_000_000 and lille.population > 200_000
    # Overseas départements are communes of the COG too.
    assert {"97105", "97209", "97302", "97411", "97611"} <= set(communes)
    approximate = [c for c in france_data.communes if c.point_approximate]
    assert len(approximate) <= 20
    assert all(c.point_source == "voisines" for c in approximate)
    assert all(-90 <= c.latitude <= 90 for c in france_data.communes)
    arrondissements = [s for s in france_data.sections if s.kind == "arrondissement"]
    assert len(arrondissements) == 45
    postcodes = {p.code for p in france_data.postcodes}
    assert len(postcodes) >= 6_000 and "93100" in postcodes
    assert france_data.skipped["collectivités d'outre-mer (hors COG)"] > 0


@pytest.mark.django_db
def test_command_loads_belgium_and_a_second_run_changes_nothing(gazetteer):
    first, second = gazetteer
    assert "Gazetier chargé." in first and "565 communes" in first
    assert "approximatifs" in first and "sections au rattachement incertain" in first
    assert "rien n'a changé" in second
    be = Commune.objects.filter(country="BE")
    assert be.count() == 565
    liege = be.get(code="62063")
    assert (liege.name_fr, liege.name_nl, liege.province) == ("Liège", "Luik", "Province de Liège")
    assert liege.arrondissement == "Liège"
    assert be.filter(point_approximate=True).count() <= 5
    assert Section.objects.filter(country="BE").count() > 1000
    assert not PostalCode.objects.filter(commune__isnull=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "key", "latitude", "longitude"),
    [
        # Reference points: the town halls or centres, as a map shows them.
        ("5000", "BE-92094", 50.4650, 4.8650),
        ("Namur", "BE-92094", 50.4650, 4.8650),
        ("Jambes", "BE-92094-jambes", 50.4560, 4.8720),
        ("jupille", "BE-62063-jupille-sur-meuse", 50.6420, 5.6300),
        ("4000", "BE-62063", 50.6450, 5.5730),
        ("1050", "BE-21009", 50.8280, 4.3720),
        ("Montreuil", "FR-93048", 48.8630, 2.4430),
        ("93100", "FR-93048", 48.8630, 2.4430),
        ("75011", "FR-75056", 48.8580, 2.3790),
        ("Paris 11e", "FR-75111", 48.8580, 2.3790),
        ("Marseille 1er", "FR-13201", 43.3000, 5.3800),
        ("69003", "FR-69123", 45.7600, 4.8500),
        ("Ajaccio", "FR-2A004", 41.9190, 8.7380),
        ("Mamoudzou", "FR-97611", -12.7800, 45.2300),
        # Ambiguous (La Réunion's is as large): metropolitan France before overseas.
        ("saint-denis", "FR-93066", 48.9356, 2.3539),
        ("FR-97411", "FR-97411", -20.8790, 55.4480),
    ],
)
def test_real_places_resolve_within_a_few_km(gazetteer, text, key, latitude, longitude):
    point = resolve_near(text)
    assert point is not None and point.key == key
    assert distance_km((point.latitude, point.longitude), (latitude, longitude)) < 3


@pytest.mark.django_db
def test_lille_is_the_french_one_and_offers_the_belgian_one(gazetteer):
    point = resolve_near("Lille")
    assert (point.key, point.label, point.ambiguous) == ("FR-59350", "Lille (Nord, France)", False)
    assert [a.value for a in point.alternatives][:1] == ["BE-13019"]
    assert point.alternatives[0].label == "Lille (Anvers, Belgique)"


@pytest.mark.django_db
def test_saint_denis_is_ambiguous_and_offers_la_reunion(gazetteer):
    point = resolve_near("Saint-Denis")
    assert point.ambiguous and point.key == "FR-93066"
    assert "FR-97411" in [a.value for a in point.alternatives]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "key"),
    [
        # What a Dutch-speaking family types for Walloon and Brussels communes.
        ("Luik", "BE-62063"),
        ("Brussel", "BE-21004"),
        ("Bergen", "BE-53053"),
        ("Namen", "BE-92094"),
        ("Doornik", "BE-57081"),
    ],
)
def test_dutch_names_of_belgian_communes_resolve(gazetteer, text, key):
    point = resolve_near(text)
    assert point is not None and point.key == key
