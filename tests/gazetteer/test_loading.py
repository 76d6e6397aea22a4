"""The loader, on tiny inline data: idempotent, re-keys the earlier French codes, keeps places'
communes, indexes names, counts exact and approximate points."""

from decimal import Decimal

import pytest

from gazetteer.loading import load_gazetteer
from gazetteer.models import Commune, PlaceName, PostalCode, Section
from gazetteer.sources.records import CommuneRecord, CountryData, PostcodeRecord, SectionRecord
from tests.factories import CommuneFactory, PlacePageFactory, PostalCodeFactory


def commune(code, name, lat, lon, population=1000, approximate=False, **extra):
    return CommuneRecord(
        country="FR",
        code=code,
        name_fr=name,
        name_nl="",
        province="Nord",
        province_code="59",
        region="Hauts-de-France",
        arrondissement="Lille",
        population=population,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        point_source="voisines" if approximate else "mairie",
        point_approximate=approximate,
        search_names=name.lower(),
        **extra,
    )


def postcode(code, locality, commune_code, lat, lon, section_key=None, approximate=False):
    return PostcodeRecord(
        country="FR",
        code=code,
        locality=locality,
        commune_code=commune_code,
        section_key=section_key,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        point_source="mairie",
        point_approximate=approximate,
    )


def lomme():
    return SectionRecord(
        key="FR-59355-A",
        country="FR",
        kind="associee",
        name_fr="Lomme",
        name_nl="",
        commune_code="59350",
        population=28000,
        latitude=Decimal("50.638800"),
        longitude=Decimal("3.012200"),
        point_source="territoire",
        point_approximate=False,
        matched_by="cog",
        search_names="lomme",
    )


def small_france() -> CountryData:
    data = CountryData()
    data.communes = [
        commune("59350", "Lille", "50.630888", "3.070860", population=232787),
        commune("59009", "Villeneuve-d'Ascq", "50.623300", "3.145000", approximate=True),
    ]
    data.communes[1].search_names = "villeneuve d ascq"
    data.sections = [lomme()]
    data.postcodes = [
        postcode("59000", "Lille", "59350", "50.630888", "3.070860", approximate=True),
        postcode("59160", "Lomme", "59350", "50.638800", "3.012200", section_key="FR-59355-A"),
        postcode("59650", "Villeneuve-d'Ascq", "59009", "50.623300", "3.145000"),
    ]
    data.skipped["collectivités d'outre-mer (hors COG)"] = 94
    return data


def run(readers, countries=("FR",)):
    steps = load_gazetteer(countries, readers=readers)
    progress = []
    while True:
        try:
            progress.append(next(steps))
        except StopIteration as stop:
            return stop.value, progress


@pytest.mark.django_db
def test_load_writes_counts_and_is_idempotent():
    result, progress = run({"FR": small_france})
    assert result.communes["FR"].created == 2 and result.postcodes["FR"].created == 3
    assert result.sections["FR"].created == 1
    points = result.points["FR"]
    assert (points["communes"].exact, points["communes"].approximate) == (1, 1)
    assert (points["postcodes"].exact, points["postcodes"].approximate) == (2, 1)
    assert result.skipped["FR"]["collectivités d'outre-mer (hors COG)"] == 94
    assert {p.stage for p in progress} >= {"FR: communes", "FR: codes postaux"}
    assert all(p.done <= p.total for p in progress)

    lille = Commune.objects.get(country="FR", code="59350")
    assert (lille.population, lille.key, lille.point_approximate) == (232787, "FR-59350", False)
    row = PostalCode.objects.get(code="59160")
    assert row.section == Section.objects.get(key="FR-59355-A") and row.commune == lille
    assert set(PlaceName.objects.values_list("name", flat=True)) == {
        "lille",
        "lomme",
        "villeneuve d ascq",
    }

    again, _progress = run({"FR": small_france})
    assert not again.changed
    assert again.communes["FR"].unchanged == 2 and again.postcodes["FR"].unchanged == 3
    assert PlaceName.objects.count() == 3


@pytest.mark.django_db
def test_earlier_postcode_keyed_commune_is_rekeyed_and_keeps_its_places():
    # The earlier loader keyed a French commune by its lowest postcode.
    old = CommuneFactory(country="FR", code="59000", name_fr="Lille", search_names="lille")
    place = PlacePageFactory(commune=old)
    PostalCodeFactory(
        country="FR",
        code="59000",
        locality="Lille",
        commune=old,
        latitude=Decimal("50.6"),
        longitude=Decimal("3.0"),
    )
    result, _progress = run({"FR": small_france})
    assert result.rekeyed["FR"] == 1
    old.refresh_from_db()
    assert old.code == "59350" and not old.retired
    place.refresh_from_db()
    assert place.commune_id == old.pk
    assert Commune.objects.filter(country="FR").count() == 2


@pytest.mark.django_db
def test_a_commune_the_data_no_longer_has_is_retired_not_deleted():
    gone = CommuneFactory(country="FR", code="59999", name_fr="Disparue", search_names="disparue")
    place = PlacePageFactory(commune=gone)
    result, _progress = run({"FR": small_france})
    gone.refresh_from_db()
    assert gone.retired and result.communes["FR"].removed == 1
    assert not PlaceName.objects.filter(name="disparue").exists()
    place.refresh_from_db()
    assert place.commune_id == gone.pk


@pytest.mark.django_db
def test_sections_and_postcodes_the_data_no_longer_has_are_removed():
    run({"FR": small_france})

    def smaller():
        data = small_france()
        data.sections, data.postcodes = [], data.postcodes[:1]
        return data

    result, _progress = run({"FR": smaller})
    assert not Section.objects.exists()
    assert list(PostalCode.objects.values_list("code", flat=True)) == ["59000"]
    assert result.sections["FR"].removed == 1 and result.postcodes["FR"].removed == 2
    assert not PlaceName.objects.filter(name="lomme").exists()


def test_unknown_country_is_refused():
    with pytest.raises(ValueError):
        run({"FR": small_france}, countries=("DE",))


@pytest.mark.django_db
def test_names_saved_one_by_one_are_indexed():
    liege = CommuneFactory(name_fr="Liège", name_nl="Luik", code="62063", search_names="")
    assert set(PlaceName.objects.filter(commune=liege).values_list("name", flat=True)) == {
        "liege",
        "luik",
    }
    liege.retired = True
    liege.save()
    assert not PlaceName.objects.filter(commune=liege).exists()
