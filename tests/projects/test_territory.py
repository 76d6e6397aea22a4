"""Each programme's territory: the coverage map, areas and gap list keep inside it, gaps come
with the most people first, and the population within reach is counted."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.coverage import area_note, places_by_area, territory_communes
from projects.gaps import coverage_reach, gaps_table, map_features, reach_table
from projects.models import ProgrammeTerritory
from rencontres.roles import ONE_STAFF_GROUP
from tests.factories import CommuneFactory, PlacePageFactory, objective, programme

LIEUX = "lieux-rencontre-enfants-parents"


def commune(name, lat, lon, region, population, country="BE", province="Province de Namur"):
    return CommuneFactory(
        country=country,
        name_fr=name,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        region=region,
        province=province,
        population=population,
    )


@pytest.fixture
def belgium(db):
    wallonia = "Région wallonne"
    return {
        "namur": commune("Namur", "50.4669", "4.8675", wallonia, 110000),
        "small": commune("Petite", "50.2000", "4.8675", wallonia, 800),
        "big": commune("Grande", "50.2000", "5.3000", wallonia, 40000),
        "bruxelles": commune(
            "Ixelles",
            "50.8333",
            "4.3667",
            "Région de Bruxelles-Capitale",
            86000,
            province="Région de Bruxelles-Capitale",
        ),
        "gent": commune(
            "Gand",
            "51.0543",
            "3.7174",
            "Région flamande",
            265000,
            province="Province de Flandre orientale",
        ),
    }


@pytest.fixture
def at_namur(belgium):
    return PlacePageFactory(
        commune=belgium["namur"],
        latitude=belgium["namur"].latitude,
        longitude=belgium["namur"].longitude,
        objectives=[objective("passerelles")],
    )


def test_programmes_have_their_territory_from_the_migration(db):
    assert ProgrammeTerritory.objects.get(programme=programme(LIEUX)).region_names() == [
        "Région wallonne",
        "Région de Bruxelles-Capitale",
    ]
    assert ProgrammeTerritory.objects.get(programme=programme("espaces-de-rencontre")).regions == ""


def test_ones_gap_list_keeps_to_wallonia_and_brussels_most_people_first(belgium, at_namur):
    reach = coverage_reach(objective("passerelles"), 10)
    # Gand (Flanders) is out of ONE's territory; Namur is served.
    assert [g.commune for g in reach.gaps] == ["Ixelles", "Grande", "Petite"]
    assert (reach.communes, reach.population) == (4, 110000 + 800 + 40000 + 86000)
    assert (reach.served_communes, reach.served_population) == (1, 110000)
    table = reach_table(objective("passerelles"), 10, reach)
    assert table.rows[0][1:] == [1, 110000, round(100 * 110000 / 236800, 1)]
    gaps = gaps_table(objective("passerelles"), 10, reach)
    assert gaps.header[4] == "Habitants" and gaps.rows[0][4] == 86000


def test_a_territory_edited_in_the_admin_is_followed(belgium, at_namur):
    territory = ProgrammeTerritory.objects.get(programme=programme(LIEUX))
    territory.regions = "Région de Bruxelles-Capitale"
    territory.save()
    assert list(territory_communes(programme(LIEUX))) == [belgium["bruxelles"]]
    assert [g.commune for g in coverage_reach(objective("passerelles"), 10).gaps] == ["Ixelles"]
    # The Namur place is outside: not on the map.
    assert map_features(programme(LIEUX)) == []
    territory.regions = ""
    territory.save()
    assert territory_communes(programme(LIEUX)).count() == 5


def test_unknown_regions_are_refused(belgium):
    territory = ProgrammeTerritory.objects.get(programme=programme(LIEUX))
    territory.regions = "Région wallonne\nWallonie"
    with pytest.raises(ValidationError) as refused:
        territory.full_clean()
    assert "Wallonie" in str(refused.value)


def test_area_tables_list_the_territorys_areas_and_say_which_arrondissements(belgium, at_namur):
    provinces = places_by_area(programme(LIEUX), "province")
    names = [row[0] for row in provinces.rows[:-1]]
    assert "Province de Flandre orientale" not in names
    assert "Région de Bruxelles-Capitale" in names
    arrondissements = places_by_area(programme(LIEUX), "arrondissement")
    assert arrondissements.note == area_note(programme(LIEUX))
    assert "judiciaires" in arrondissements.note


def test_the_dashboard_names_the_territory_and_exports_the_reach(
    client, belgium, at_namur, django_user_model
):
    user = django_user_model.objects.create_user("staff", password="x")
    user.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    client.force_login(user)
    page = client.get(reverse("projects_coverage"), {"objective": "passerelles"}).content.decode()
    assert "Région wallonne, Région de Bruxelles-Capitale" in page
    assert "aucune source de données maintenue" in page
    csv = client.get(
        reverse("projects_coverage_export", args=["reach", "csv"]), {"objective": "passerelles"}
    ).content.decode("utf-8-sig")
    assert "Desservi" in csv and "110000" in csv
    # ONE staff edit territories.
    assert user.has_perm("projects.change_programmeterritory")


def test_tables_said_to_stay_inside_the_territory_keep_its_places_only(belgium, at_namur):
    """A live place of ONE's programme in Flanders: counted nowhere on ONE's dashboard, which
    says its tables stay inside Wallonia and Brussels (projects.coverage.within_territory)."""
    from projects.coverage import places_by_commune, territory_places

    in_gand = PlacePageFactory(commune=belgium["gent"], objectives=[objective("passerelles")])
    lieux = programme(LIEUX)
    assert list(territory_places(lieux).values_list("pk", flat=True)) == [at_namur.pk]
    provinces = places_by_area(lieux, "province")
    assert "Province de Flandre orientale" not in [row[0] for row in provinces.rows]
    assert provinces.rows[-1][:2] == ["Total", 1]
    arrondissements = places_by_area(lieux, "arrondissement")
    assert arrondissements.rows[-1][:2] == ["Total", 1]
    communes = places_by_commune(lieux)
    assert [row[0] for row in communes.rows] == ["Namur", "Total"]
    assert in_gand.pk not in [feature["id"] for feature in map_features(lieux)]
    # Where the territory is the whole country, Gand's place counts.
    territory = ProgrammeTerritory.objects.get(programme=lieux)
    territory.regions = ""
    territory.save()
    assert "Province de Flandre orientale" in [
        row[0] for row in places_by_area(lieux, "province").rows
    ]
