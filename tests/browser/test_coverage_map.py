"""ONE staff's coverage map, in Chromium: a layer per objective, and a place's name (typed by an
organiser or an import) shown as text in its tooltip, never run as HTML."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.browser.conftest import DESKTOP, offline_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mot-de-passe-du-personnel"
HOSTILE = '<img src="x" onerror="window.injected = true">Le Nid'


@pytest.fixture
def coverage_scene(transactional_db, django_user_model, commune):
    from django.contrib.auth.models import Group

    from rencontres.roles import ONE_STAFF_GROUP, ensure_staff_roles
    from tests.factories import PlacePageFactory, objective

    ensure_staff_roles()
    PlacePageFactory(
        title=HOSTILE,
        commune=commune,
        latitude=Decimal("50.640000"),
        longitude=Decimal("5.571000"),
        objectives=[objective("passerelles")],
    )
    user = django_user_model.objects.create_user("personnel", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    return reverse("projects_coverage")


def hover_the_place(browser, base_url: str, path: str) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "personnel")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        marker = page.locator("#coverage-map path.leaflet-interactive").first
        marker.hover()
        tooltip = page.locator(".leaflet-tooltip")
        tooltip.wait_for()
        return {
            "markers": page.locator("#coverage-map path.leaflet-interactive").count(),
            "tooltip": tooltip.inner_text(),
            "injected_images": page.locator("#coverage-map img[src='x']").count(),
            "injected": page.evaluate("window.injected === true"),
            "layers": page.locator(".leaflet-control-layers-overlays label").all_inner_texts(),
            "js_errors": list(page.js_errors),
        }


def test_tooltips_show_names_as_text(live_server, coverage_scene, chromium):
    result = chromium.run(hover_the_place, live_server.url, coverage_scene)
    assert result["markers"] == 1
    assert result["tooltip"] == HOSTILE + " — Socialisation douce « passerelles »"
    assert result["injected_images"] == 0
    assert not result["injected"]
    assert any("passerelles" in label for label in result["layers"])
    assert result["js_errors"] == []
