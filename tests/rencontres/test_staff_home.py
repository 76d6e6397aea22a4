"""ONE staff's home in the admin: the panels the apps register (core.staff_home) — stale
listings, open problem reports, searches that found nothing, likely duplicates —, for ONE staff
only, in a number of queries that does not grow with the rows behind them, and open to panels
of other apps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from core.models import SearchWeek
from core.search.search_weeks import monday_of
from core.staff_home import STAFF_HOME_PANELS, StaffPanel, StaffRow
from directory.models import PlacePage
from organisers.models import ProblemReport
from tests.factories import PlacePageFactory

pytestmark = pytest.mark.django_db
HOME = reverse("wagtailadmin_home")


def home(client) -> tuple[BeautifulSoup, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser"), len(queries)


def panel(page, key) -> str:
    found = page.select_one(f'[data-staff-panel="{key}"]')
    return found.get_text(" ", strip=True) if found else ""


def stale(commune, title, months_ago=None):
    place = PlacePageFactory(title=title, commune=commune)
    verified = None if months_ago is None else timezone.now() - timedelta(days=31 * months_ago)
    PlacePage.objects.filter(pk=place.pk).update(verified_at=verified)
    return place


def empty_week(area, nothing):
    SearchWeek.objects.create(
        week=monday_of(timezone.localdate()),
        index="places",
        area=area,
        radius_km=10,
        searches=nothing + 1,
        found_nothing=nothing,
    )


@pytest.fixture
def waiting(commune):
    fresh = PlacePageFactory(title="Fiche à jour", commune=commune)
    PlacePage.objects.filter(pk=fresh.pk).update(verified_at=timezone.now())
    old = stale(commune, "Fiche oubliée", months_ago=9)
    never = stale(commune, "Fiche jamais vue")
    ProblemReport.objects.create(place=old, kind="hours", language="fr")
    empty_week(commune.key, 4)
    return {"old": old, "never": never}


def test_staff_see_stale_listings_reports_and_searches_that_found_nothing(
    client, staff_member, waiting
):
    client.force_login(staff_member)
    page, _queries = home(client)
    keys = [node["data-staff-panel"] for node in page.select("[data-staff-panel]")]
    assert keys == [
        "stale",
        "quality",
        "reports",
        "searches",
        "campaigns",
        "duplicates",
        "orientations",
    ]
    text = panel(page, "stale")
    assert "2 fiches non vérifiées depuis 6 mois" in text
    assert text.index("Fiche jamais vue") < text.index("Fiche oubliée")
    assert "Fiche à jour" not in text and "vérifiée il y a 9 mois" in text
    assert "1 signalement à traiter" in panel(page, "reports")
    assert "Fiche oubliée" in panel(page, "reports")
    searches = panel(page, "searches")
    assert "4 recherches de familles n'ont trouvé aucun lieu à moins de 10 km" in searches
    assert "Liège — 4 recherches sans résultat sur 5" in searches
    link = page.select_one('[data-staff-panel="searches"] a.button')["href"]
    assert link.startswith(reverse("projects_coverage")) and link.endswith("#section-searches")
    assert page.select_one('[data-staff-panel="stale"] a.button')["href"] == reverse(
        "organisers_stale"
    )


def test_nothing_waiting_says_so(client, staff_member, commune):
    client.force_login(staff_member)
    page, _queries = home(client)
    assert "Toutes les fiches ont été vérifiées" in panel(page, "stale")
    assert "Aucun signalement à traiter." in panel(page, "reports")
    assert "Aucune recherche de familles sans lieu" in panel(page, "searches")


def test_organisers_see_none_of_it(client, organiser_a, waiting):
    client.force_login(organiser_a)
    page, _queries = home(client)
    assert page.select("[data-staff-panel]") == []


def test_the_home_queries_do_not_grow_with_what_waits(client, staff_member, waiting, commune):
    client.force_login(staff_member)
    home(client)
    _page, few = home(client)
    for n in range(8):
        place = stale(commune, f"Autre fiche {n}", months_ago=12)
        ProblemReport.objects.create(place=place, kind="other", language="nl")
        empty_week(f"BE-99{n:03d}", 1)
    page, many = home(client)
    assert "10 fiches" in panel(page, "stale") and "9 signalements" in panel(page, "reports")
    assert many == few


def test_another_app_adds_its_panel_through_the_registry(client, staff_member):
    def campaigns(request):
        return StaffPanel(
            key="campaigns",
            title="Campagnes",
            order=5,
            count=1,
            summary="1 campagne en cours :",
            empty="",
            url="/admin/",
            url_label="Toutes les campagnes",
            rows=[StaffRow("Vacances d'été", detail="12 lieux sur 40 ont répondu")],
        )

    client.force_login(staff_member)
    with hooks.register_temporarily(STAFF_HOME_PANELS, campaigns):
        page, _queries = home(client)
    assert page.select("[data-staff-panel]")[0]["data-staff-panel"] == "campaigns"
    assert "Vacances d'été — 12 lieux sur 40 ont répondu" in panel(page, "campaigns")
