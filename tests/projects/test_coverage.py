"""ONE staff's coverage dashboard: numbers, gap list, exports, access and query counts."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from directory.roles import organiser_group_name
from projects.gaps import coverage_gaps
from projects.models import HealthParentingProject, ProjectConsultation, ProjectPlace
from tests.factories import CommuneFactory, PlacePageFactory, objective, programme

DASHBOARD = reverse("projects_coverage")
# The yearly figures show their month-by-month table even before any head-count is recorded.
TABLES = ["provinces", "arrondissements", "communes", "projects", "reach", "gaps", "figures-months"]


def export_url(table, fmt):
    return reverse("projects_coverage_export", args=[table, fmt])


@pytest.fixture
def hand_map(db):
    """Four communes: A, then B 10 km east, C 30 km east, D 55.6 km north of A.

    At latitude 50°, a degree of longitude is 71.56 km and a degree of latitude 111.19 km
    (great circle on the mean Earth sphere).
    """

    def commune(name, lat, lon, province, arrondissement):
        return CommuneFactory(
            name_fr=name,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            province=province,
            arrondissement=arrondissement,
            search_names=name.lower(),
        )

    return {
        "A": commune("Alpha", "50.000000", "4.000000", "Province de Namur", "Namur"),
        "B": commune("Bravo", "50.000000", "4.139749", "Province de Namur", "Namur"),
        "C": commune("Charlie", "50.000000", "4.419246", "Province de Liège", "Liège"),
        "D": commune("Delta", "50.500000", "4.000000", "Province de Luxembourg", "Luxembourg"),
    }


def place_in(commune, *slugs, **kwargs):
    return PlacePageFactory(
        commune=commune,
        latitude=commune.latitude,
        longitude=commune.longitude,
        objectives=[objective(slug) for slug in slugs],
        **kwargs,
    )


@pytest.fixture
def places(hand_map):
    alpha = place_in(hand_map["A"], "passerelles", "integration-culturelle", title="Lieu Alpha")
    # Pursues another objective: does not cover Charlie for passerelles.
    charlie = place_in(hand_map["C"], "integration-culturelle", title="Lieu Charlie")
    # Not live: counts nowhere.
    delta = place_in(hand_map["D"], "passerelles", title="Lieu Delta (brouillon)")
    delta.unpublish()
    return {"alpha": alpha, "charlie": charlie, "delta": delta}


@pytest.fixture
def organiser(django_user_model, places):
    user = django_user_model.objects.create_user("orga", password="x")
    user.groups.add(Group.objects.get(name=organiser_group_name(places["alpha"])))
    return user


# ---------------------------------------------------------------------------------------------
# The gap list on a hand-made map


def test_gap_list_on_a_hand_made_map(places):
    gaps = coverage_gaps(objective("passerelles"), 20)
    assert [(g.commune, g.nearest_place) for g in gaps] == [
        ("Delta", "Lieu Alpha"),
        ("Charlie", "Lieu Alpha"),
    ]
    assert gaps[0].nearest_km == pytest.approx(55.6, abs=0.1)
    assert gaps[1].nearest_km == pytest.approx(30.0, abs=0.1)

    # Farther than 5 km: Bravo, 10 km away, is a gap too; 60 km: none.
    assert [g.commune for g in coverage_gaps(objective("passerelles"), 5)] == [
        "Delta",
        "Charlie",
        "Bravo",
    ]
    assert coverage_gaps(objective("passerelles"), 60) == []
    # Integration is pursued in Alpha and Charlie: Bravo (10 km) and Delta (55.6 km) lie
    # within 12 km and 56 km respectively.
    assert [g.commune for g in coverage_gaps(objective("integration-culturelle"), 12)] == ["Delta"]


def test_a_discreet_place_covers_from_its_commune(hand_map, places):
    # Its own point is in Alpha, but the dashboard places it at its commune, Delta.
    PlacePageFactory(
        title="Lieu discret",
        commune=hand_map["D"],
        latitude=hand_map["A"].latitude,
        longitude=hand_map["A"].longitude,
        is_discreet=True,
        objectives=[objective("passerelles")],
    )
    assert [g.commune for g in coverage_gaps(objective("passerelles"), 20)] == ["Charlie"]


def test_no_place_at_all_makes_every_commune_a_gap(hand_map):
    gaps = coverage_gaps(objective("aide-a-la-jeunesse"), 10)
    assert {g.commune for g in gaps} == {"Alpha", "Bravo", "Charlie", "Delta"}
    assert all(g.nearest_km is None for g in gaps)


# ---------------------------------------------------------------------------------------------
# The dashboard


def dashboard_tables(html: str) -> dict[str, list[list[str]]]:
    soup = BeautifulSoup(html, "html.parser")
    return {
        table["data-table"]: [
            [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            for row in table.find_all("tr")
        ]
        for table in soup.select("table[data-table]")
    }


def test_dashboard_counts_places_per_objective_per_area(client, staff_member, places):
    client.force_login(staff_member)
    response = client.get(DASHBOARD, {"objective": "passerelles", "distance_km": "20"})
    assert response.status_code == 200
    tables = dashboard_tables(response.text)
    assert set(tables) == set(TABLES)

    header, *rows = tables["provinces"]
    integration = header.index("Intégration culturelle")
    passerelles = header.index("Socialisation douce « passerelles »")
    by_province = {row[0]: row for row in rows}
    assert by_province["Province de Namur"][1:2] == ["1"]
    assert by_province["Province de Namur"][passerelles] == "1"
    assert by_province["Province de Liège"][passerelles] == "0"
    assert by_province["Province de Liège"][integration] == "1"
    # A province with no live place is listed, with zeros: that is what staff look for.
    assert by_province["Province de Luxembourg"][1] == "0"
    assert by_province["Total"][1] == "2"

    assert {row[0] for row in tables["arrondissements"][1:]} >= {"Namur", "Liège", "Luxembourg"}
    communes = {row[0]: row for row in tables["communes"][1:]}
    assert set(communes) == {"Alpha", "Charlie", "Total"}

    assert [row[0] for row in tables["gaps"][1:]] == ["Delta", "Charlie"]
    assert tables["gaps"][2][-1] == "30,0"


def test_dashboard_counts_projects_per_status(client, staff_member, places):
    consultation = PlacePageFactory(programmes=[programme("consultations-enfants")])
    for name, status in (("P1", "active"), ("P2", "active"), ("P3", "ended")):
        project = HealthParentingProject.objects.create(name=name, status=status)
        ProjectConsultation.objects.create(project=project, consultation=consultation)
        ProjectPlace.objects.create(project=project, place=places["alpha"])
    client.force_login(staff_member)
    tables = dashboard_tables(client.get(DASHBOARD).text)
    assert tables["projects"][1:] == [
        ["Prévu", "0", "0", "0"],
        ["En cours", "2", "1", "1"],
        ["Terminé", "1", "1", "1"],
        ["Total", "3", "", ""],
    ]


def test_dashboard_map_places_are_coloured_by_objective(client, staff_member, places):
    client.force_login(staff_member)
    response = client.get(DASHBOARD)
    features = {f["name"]: f for f in response.context["map_features"]}
    assert set(features) == {"Lieu Alpha", "Lieu Charlie"}
    assert features["Lieu Alpha"]["objectives"] == ["integration-culturelle", "passerelles"]
    colours = {o["slug"]: o["colour"] for o in response.context["map_objectives"]}
    assert colours["passerelles"] == objective("passerelles").colour
    assert "leaflet/leaflet.js" in response.text
    assert "coverage_map.js" in response.text


def as_number(text):
    text = str(text).replace("\u202f", "").replace("\xa0", "")
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


@pytest.mark.parametrize("table", TABLES)
def test_exports_reopen_with_the_dashboard_numbers(client, staff_member, places, table):
    HealthParentingProject.objects.create(name="P1", status="active")
    client.force_login(staff_member)
    params = {"objective": "passerelles", "distance_km": "20"}
    shown = dashboard_tables(client.get(DASHBOARD, params).text)[table]
    expected = [[as_number(cell) for cell in row] for row in shown]

    response = client.get(export_url(table, "csv"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [[as_number(cell) for cell in row] for row in rows] == expected

    response = client.get(export_url(table, "xlsx"), params)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [
        ["" if value is None else as_number(value) for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert rows == expected


def test_export_refuses_bad_parameters(client, staff_member, places):
    client.force_login(staff_member)
    response = client.get(export_url("gaps", "csv"), {"distance_km": "5000"})
    assert response.status_code == 400
    assert "distance_km" in response.json()
    assert client.get(export_url("nothing", "csv")).status_code == 404
    assert client.get(export_url("gaps", "pdf")).status_code == 404


def test_dashboard_queries_do_not_grow_with_places(client, staff_member, hand_map, places):
    client.force_login(staff_member)
    params = {"objective": "passerelles", "distance_km": "20"}
    client.get(DASHBOARD, params)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DASHBOARD, params).status_code == 200
        return len(captured)

    few = count()
    for commune in hand_map.values():
        for _n in range(3):
            place_in(commune, "passerelles", "education-permanente")
    assert count() == few


# ---------------------------------------------------------------------------------------------
# Access


def test_organisers_cannot_see_the_dashboard_its_exports_or_the_import(client, organiser):
    client.force_login(organiser)
    for url in (
        DASHBOARD,
        export_url("provinces", "csv"),
        export_url("gaps", "xlsx"),
        reverse("directory_import_places"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Lieu Alpha" not in response.text
    home = client.get(reverse("wagtailadmin_home")).text
    assert DASHBOARD not in home
    assert reverse("directory_import_places") not in home


def test_staff_see_the_dashboard_and_import_in_the_menu(client, staff_member):
    client.force_login(staff_member)
    home = client.get(reverse("wagtailadmin_home")).text
    assert DASHBOARD in home
    assert reverse("directory_import_places") in home
