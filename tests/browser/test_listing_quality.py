"""Listing quality in Chromium (directory.quality, docs/quality.md): ONE staff's « Qualité des
fiches » page and an organiser's place editor panel, read by axe-core with nothing found, on a
360 px phone without scrolling sideways; staff choose a province by keyboard alone."""

from __future__ import annotations

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


@pytest.fixture
def quality_scene(transactional_db, django_user_model):
    from django.contrib.auth.models import Group

    from directory.roles import organiser_group
    from rencontres.roles import ONE_STAFF_GROUP, ensure_staff_roles
    from tests.factories import CommuneFactory, PlacePageFactory, publish

    ensure_staff_roles()
    liege = CommuneFactory(name_fr="Liège", province="Province de Liège", province_code="60000")
    namur = CommuneFactory(name_fr="Namur", province="Province de Namur", province_code="90000")
    nid = publish(PlacePageFactory(title="Le Nid", commune=liege, phone=""))
    publish(PlacePageFactory(title="Les Petits Pas", commune=namur))
    staff = django_user_model.objects.create_user("personnel", password=PASSWORD)
    staff.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    organiser = django_user_model.objects.create_user("organisatrice", password=PASSWORD)
    organiser.groups.add(organiser_group(nid))
    return {
        "quality": reverse("projects_quality"),
        "editor": reverse("wagtailadmin_pages:edit", args=[nid.pk]),
    }


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/")


def audit(page, selector: str, width: int) -> dict:
    return {
        "violations": AXE.run(page, context=selector).response["violations"],
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        "width": width,
    }


def look(browser, base_url: str, scene: dict) -> dict:
    seen: dict = {"audits": {}}
    for name, size in (("360px", PHONE), ("desktop", DESKTOP)):
        with offline_page(browser, base_url, size) as page:
            sign_in(page, base_url, "personnel")
            page.goto(base_url + scene["quality"])
            seen["audits"][f"staff {name}"] = audit(page, "main", size["width"])
        with offline_page(browser, base_url, size) as page:
            sign_in(page, base_url, "organisatrice")
            page.goto(base_url + scene["editor"])
            seen["audits"][f"editor {name}"] = audit(page, "[data-place-quality]", size["width"])
            seen["editor"] = page.locator("[data-place-quality]").inner_text()
    with offline_page(browser, base_url, PHONE) as page:
        sign_in(page, base_url, "personnel")
        page.goto(base_url + scene["quality"])
        page.locator("#id_territory").focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        seen["chosen"] = page.url
        seen["worst"] = page.locator("[data-quality-worst] tbody").inner_text()
        seen["js_errors"] = list(page.js_errors)
    return seen


def test_staff_page_and_editor_panel_are_accessible(live_server, quality_scene, chromium):
    seen = chromium.run(look, live_server.url, quality_scene)
    for name, found in seen["audits"].items():
        assert not found["violations"], (name, axe_report(found["violations"]))
        assert found["scroll_width"] <= found["width"], name
    assert "Ajoutez un téléphone" in seen["editor"]
    assert "territory=" in seen["chosen"]
    assert ("Le Nid" in seen["worst"]) != ("Les Petits Pas" in seen["worst"])
    assert seen["js_errors"] == []
