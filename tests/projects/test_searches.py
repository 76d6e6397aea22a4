"""« Searched here, found nothing within N km » on ONE staff's coverage dashboard: the communes
of the territory, the radius rule, the period, the CSV export and the query count
(projects.searches)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import SearchWeek
from core.search.search_weeks import iso_week, monday_of
from projects.searches import empty_searches
from tests.factories import CommuneFactory, programme

DASHBOARD = reverse("projects_coverage")
LIEUX = "lieux-rencontre-enfants-parents"


def commune(code, name, region="Région wallonne", province="Province de Namur"):
    return CommuneFactory(
        code=code,
        name_fr=name,
        region=region,
        province=province,
        latitude=Decimal("50.4669"),
        longitude=Decimal("4.8675"),
    )


def week(weeks_ago: int, area: str, searches: int, nothing: int, radius=10, filters=""):
    return SearchWeek.objects.create(
        week=monday_of(timezone.localdate()) - timedelta(weeks=weeks_ago),
        index="places",
        area=area,
        radius_km=radius,
        filters=filters,
        searches=searches,
        found_nothing=nothing,
    )


@pytest.fixture
def searched(db):
    namur = commune("92094", "Namur")
    dinant = commune("91034", "Dinant")
    commune("93014", "Couvin")
    gand = commune("44021", "Gand", "Région flamande", "Province de Flandre orientale")
    week(0, "BE-92094", 5, 2)
    week(1, "BE-92094", 4, 1, filters="language")
    # Within 5 km only: says nothing of 10 km.
    week(0, "BE-92094", 9, 9, radius=5)
    # Within 50 km: nothing within 10 either.
    week(2, "BE-91034", 3, 3, radius=50)
    # Found something: no gap.
    week(0, "BE-93014", 6, 0)
    # Outside ONE's territory (Flanders).
    week(0, "BE-44021", 8, 8)
    # Before the period.
    week(20, "BE-91034", 7, 7)
    return {"namur": namur, "dinant": dinant, "gand": gand}


def test_communes_of_the_territory_where_searches_found_nothing_most_first(searched):
    rows = empty_searches(programme(LIEUX), 10, 12, timezone.localdate())
    assert [(r.commune, r.searches, r.found_nothing, r.narrowed) for r in rows] == [
        ("Dinant", 3, 3, 0),
        ("Namur", 9, 3, 1),
    ]
    assert rows[1].last_week == monday_of(timezone.localdate())
    # Within 5 km: Namur's searches of 5 km count too.
    assert [
        r.found_nothing for r in empty_searches(programme(LIEUX), 5, 12, timezone.localdate())
    ] == [12, 3]
    # A longer period takes in Dinant's older week.
    assert empty_searches(programme(LIEUX), 10, 30, timezone.localdate())[0].found_nothing == 10


def test_the_dashboard_shows_and_exports_them(client, staff_member, searched):
    client.force_login(staff_member)
    page = BeautifulSoup(client.get(DASHBOARD).text, "html.parser")
    table = page.select_one('[data-table="searches"]')
    shown = [
        [cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.select("tr")
    ]
    this_week = iso_week(monday_of(timezone.localdate()))
    assert shown[1:] == [
        [
            "Dinant",
            "Province de Namur",
            iso_week(monday_of(timezone.localdate()) - timedelta(weeks=2)),
            "3",
            "3",
            "0",
        ],
        ["Namur", "Province de Namur", this_week, "9", "3", "1"],
    ]
    assert "Gand" not in table.get_text()
    # The map marks the same communes.
    assert [p["name"] for p in _json(page, "coverage-empty-searches")] == ["Dinant", "Namur"]

    response = client.get(reverse("projects_coverage_export", args=["searches", "csv"]))
    assert response.status_code == 200
    assert "couverture-searches-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Commune",
        "Province",
        "Dernière semaine sans résultat",
        "Recherches",
        "Sans résultat",
        "Dont avec des critères",
    ]
    assert rows[1:] == shown[1:]
    wider = client.get(
        reverse("projects_coverage_export", args=["searches", "csv"]), {"distance_km": "5"}
    )
    assert "12" in wider.content.decode("utf-8-sig")
    assert client.get(DASHBOARD, {"weeks": "0"}).status_code == 200
    refused = client.get(
        reverse("projects_coverage_export", args=["searches", "csv"]), {"weeks": "0"}
    )
    assert refused.status_code == 400 and "weeks" in refused.json()


def _json(page, element_id):
    import json

    return json.loads(page.select_one(f"#{element_id}").string)


def test_the_dashboard_queries_do_not_grow_with_searched_communes(client, staff_member, searched):
    client.force_login(staff_member)
    client.get(DASHBOARD)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DASHBOARD).status_code == 200
        return len(captured)

    few = count()
    for n in range(10):
        commune(f"95{n:03d}", f"Commune vide {n}")
        week(0, f"BE-95{n:03d}", 2, 2)
    assert count() == few
