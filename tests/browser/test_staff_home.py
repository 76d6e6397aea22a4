"""ONE staff's admin home and the coverage map's searches that found nothing, in Chromium: the
panels read by keyboard-free eyes and screen readers alike (axe-core finds nothing in them), on
a 360 px phone without scrolling sideways, and a commune's name shown as text in its tooltip."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.browser.conftest import DESKTOP, PHONE, offline_page
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()
PASSWORD = "mot-de-passe-du-personnel"
HOSTILE = '<img src="x" onerror="window.injected = true">Vide'


@pytest.fixture
def staff_scene(transactional_db, django_user_model, commune):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from core.models import SearchWeek
    from core.search.search_weeks import monday_of
    from organisers.models import ProblemReport
    from rencontres.roles import ONE_STAFF_GROUP, ensure_staff_roles
    from tests.factories import CommuneFactory, PlacePageFactory, objective

    ensure_staff_roles()
    place = PlacePageFactory(
        title="Le Nid",
        commune=commune,
        latitude=Decimal("50.640000"),
        longitude=Decimal("5.571000"),
        objectives=[objective("passerelles")],
    )
    ProblemReport.objects.create(place=place, kind="hours", language="fr")
    empty = CommuneFactory(
        code="63001", name_fr=HOSTILE, latitude=Decimal("50.3"), longitude=Decimal("6.1")
    )
    SearchWeek.objects.create(
        week=monday_of(timezone.localdate()) - timedelta(weeks=1),
        index="places",
        area=empty.key,
        radius_km=10,
        searches=4,
        found_nothing=4,
    )
    user = django_user_model.objects.create_user("personnel", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    return reverse("projects_coverage")


def sign_in(page, base_url: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "personnel")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/")


def look(browser, base_url: str, path: str) -> dict:
    seen: dict = {"audits": {}}
    for name, size in (("360px", PHONE), ("desktop", DESKTOP)):
        with offline_page(browser, base_url, size) as page:
            sign_in(page, base_url)
            panels = page.locator("[data-staff-panel]")
            seen["audits"][name] = {
                "violations": AXE.run(page, context="[data-staff-panel]").response["violations"],
                "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
                "width": size["width"],
                "panels": panels.all_inner_texts(),
            }
    with offline_page(browser, base_url, DESKTOP) as page:
        sign_in(page, base_url)
        page.get_by_role("link", name="Le tableau complet").click()
        page.wait_for_load_state("networkidle")
        seen["landed"] = page.url
        marker = page.locator("#coverage-map path.leaflet-interactive").last
        marker.hover()
        tooltip = page.locator(".leaflet-tooltip")
        tooltip.wait_for()
        seen["tooltip"] = tooltip.inner_text()
        seen["layers"] = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        seen["table"] = page.locator('[data-table="searches"]').inner_text()
        seen["injected"] = page.evaluate("window.injected === true")
        seen["js_errors"] = list(page.js_errors)
    return seen


def test_staff_home_and_the_searches_that_found_nothing(live_server, staff_scene, chromium):
    seen = chromium.run(look, live_server.url, staff_scene)
    for name, audit in seen["audits"].items():
        assert not audit["violations"], axe_report(audit["violations"])
        assert audit["scroll_width"] <= audit["width"], name
        text = " ".join(audit["panels"])
        assert "1 signalement à traiter" in text and "Le Nid" in text
        assert "4 recherches sans résultat sur 4" in text
    assert seen["landed"].endswith("#section-searches")
    assert seen["tooltip"] == f"{HOSTILE} : 4 recherches sans résultat"
    assert any("Recherches sans résultat" in label for label in seen["layers"])
    assert HOSTILE in seen["table"]
    assert not seen["injected"]
    assert seen["js_errors"] == []
