"""ONE staff's yearly figures from the organisers' head-counts: per place, objective, programme
and province, month by month with a chart, on the coverage dashboard and in CSV/XLSX."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from directory.roles import organiser_group
from organisers.models import HeadCount
from tests.factories import (
    ActivityPageFactory,
    CommuneFactory,
    PlacePageFactory,
    objective,
    session_of,
)

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
DASHBOARD = reverse("projects_coverage")
INTEGRATION = "Intégration culturelle"


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2027, 6, 15, 12, 0, tzinfo=BRUSSELS), tick=False):
        yield


def counted_session(activity, month, day, children, adults, first_visits):
    session = session_of(activity, datetime(2027, month, day, 9, 30, tzinfo=BRUSSELS))
    HeadCount.objects.create(
        occurrence=session, children=children, adults=adults, first_visits=first_visits
    )
    return session


@pytest.fixture
def year_of_counts(clock):
    liege = CommuneFactory(name_fr="Liège", province="Province de Liège")
    namur = CommuneFactory(name_fr="Namur", province="Province de Namur")
    nid = PlacePageFactory(title="Le Nid", commune=liege)
    marelle = PlacePageFactory(title="La Marelle", commune=namur)
    both = ActivityPageFactory(
        parent=nid,
        title="Éveil",
        objectives=[objective("passerelles"), objective("integration-culturelle")],
    )
    one = ActivityPageFactory(parent=marelle, title="Jeux", objectives=[objective("passerelles")])
    counted_session(both, 1, 13, 6, 4, 2)
    counted_session(both, 3, 10, 5, 5, 1)
    counted_session(one, 3, 17, 3, 2, 3)
    session_of(one, datetime(2027, 3, 24, 9, 30, tzinfo=BRUSSELS))  # held, not counted
    # Another year: left out.
    other = session_of(one, datetime(2026, 12, 16, 9, 30, tzinfo=BRUSSELS))
    HeadCount.objects.create(occurrence=other, children=50, adults=50, first_visits=0)
    return {"nid": nid, "marelle": marelle}


def tables(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        table["data-table"]: [
            [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            for row in table.find_all("tr")
        ]
        for table in soup.select("table[data-table]")
    }


def test_yearly_figures_per_place_objective_programme_and_province(
    client, staff_member, year_of_counts
):
    client.force_login(staff_member)
    response = client.get(DASHBOARD, {"year": "2027"})
    shown = tables(response.text)
    header = ["Séances comptées", "Enfants", "Adultes", "Personnes", "Premières visites"]
    assert shown["figures-places"] == [
        ["Lieu", *header],
        ["La Marelle", "1", "3", "2", "5", "3"],
        ["Le Nid", "2", "11", "9", "20", "3"],
        ["Total", "3", "14", "11", "25", "6"],
    ]
    assert shown["figures-provinces"][1:3] == [
        ["Province de Liège", "2", "11", "9", "20", "3"],
        ["Province de Namur", "1", "3", "2", "5", "3"],
    ]
    objectives = {row[0]: row[1:] for row in shown["figures-objectives"][1:]}
    # The Nid's sessions count for both of their objectives; the total counts each once.
    assert objectives["Socialisation douce « passerelles »"] == ["3", "14", "11", "25", "6"]
    assert objectives[INTEGRATION] == ["2", "11", "9", "20", "3"]
    assert objectives["Total"] == ["3", "14", "11", "25", "6"]
    assert shown["figures-programmes"][-1] == ["Total", "3", "14", "11", "25", "6"]
    months = shown["figures-months"]
    # Month names are in the admin's language: the twelve of them, then the numbers.
    assert len({row[0] for row in months[1:13]}) == 12
    assert months[1][1:] == ["1", "1", "10"]
    assert months[3][1:] == ["3", "2", "15"]
    assert months[-1] == ["Total", "4", "3", "25"]

    svg = BeautifulSoup(response.text, "html.parser").select_one("svg.figures-chart")
    assert svg is not None and svg.get("role") == "img"
    values = [text.get_text() for text in svg.select(".figures-chart__bar--people text")]
    assert values == ["10", "15"]
    # SVG coordinates are written with a decimal point whatever the admin's language.
    assert all("," not in rect["y"] for rect in svg.select("rect"))

    last_year = tables(client.get(DASHBOARD, {"year": "2026"}).text)
    assert last_year["figures-places"][1] == ["La Marelle", "1", "50", "50", "100", "0"]


def test_figures_export_as_csv_and_xlsx(client, staff_member, year_of_counts):
    client.force_login(staff_member)
    url = reverse("projects_coverage_export", args=["figures-provinces", "csv"])
    response = client.get(url, {"year": "2027"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["Province de Liège", "2", "11", "9", "20", "3"]

    url = reverse("projects_coverage_export", args=["figures-places", "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url, {"year": "2027"}).content)).active
    assert [cell.value for cell in sheet[3]] == ["Le Nid", 2, 11, 9, 20, 3]

    bad = client.get(url, {"year": "deux mille"})
    assert bad.status_code == 400 and "year" in bad.json()


def test_organisers_cannot_export_the_figures(client, django_user_model, year_of_counts):
    organiser = django_user_model.objects.create_user("orga", password="x")
    organiser.groups.add(organiser_group(year_of_counts["nid"]))
    client.force_login(organiser)
    url = reverse("projects_coverage_export", args=["figures-places", "csv"])
    response = client.get(url, {"year": "2027"}, headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 403


def test_figures_cost_the_same_queries_whatever_the_counts(client, staff_member, year_of_counts):
    client.force_login(staff_member)
    client.get(DASHBOARD, {"year": "2027"})

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DASHBOARD, {"year": "2027"}).status_code == 200
        return len(captured)

    before = count()
    activity = ActivityPageFactory(parent=year_of_counts["marelle"], title="Plus")
    for day in (1, 8, 15, 22):
        counted_session(activity, 2, day, 1, 1, 0)
    assert count() == before
