"""In Chromium: a ONE staff member links a santé-parentalité project to two places through the
admin's choosers, and the project shows on both public place pages, which axe-core finds
nothing wrong with."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, VIEWPORTS, goto_and_settle, offline_page
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()
PASSWORD = "mot-de-passe-du-personnel"
PROJECT = "Grandir ensemble à Sainte-Marguerite"


@pytest.fixture
def project_scene(transactional_db, django_user_model, commune):
    from django.contrib.auth.models import Group

    from rencontres.roles import ONE_STAFF_GROUP, ensure_staff_roles
    from tests.factories import PlacePageFactory, objective, programme

    ensure_staff_roles()
    consultation = PlacePageFactory(
        title="Consultation ONE Sainte-Marguerite",
        commune=commune,
        programmes=[programme("consultations-enfants")],
        objectives=[objective("sante-parentalite")],
    )
    places = [
        PlacePageFactory(
            title=title, commune=commune, objectives=[objective("promotion-sante-bientraitance")]
        )
        for title in ("La Marelle", "Le Nid")
    ]
    # A third meeting place, left unticked: it must not show the project.
    other = PlacePageFactory(title="Le Tipi", commune=commune)
    user = django_user_model.objects.create_user("personnel", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    return {
        "consultation": {"title": consultation.title, "path": consultation.url},
        "places": [{"title": place.title, "path": place.url} for place in places],
        "other": {"title": other.title, "path": other.url},
    }


def choose_all(page, button_name: str, titles: list[str]) -> None:
    """Open a multiple chooser, tick the rows named `titles`, confirm."""
    page.get_by_role("button", name=button_name).click()
    modal = page.locator(".modal-content")
    modal.locator("table").wait_for()
    for title in titles:
        modal.get_by_label(title).check()
    modal.locator("[data-multiple-choice-submit]").click()
    modal.wait_for(state="detached")


def link_project_and_visit(browser, base_url: str, scene: dict) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "personnel")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")

        page.goto(base_url + "/admin/snippets/projects/healthparentingproject/add/")
        page.fill("#id_name", PROJECT)
        page.select_option("#id_status", "active")
        page.fill("#id_public_summary", "Des matinées d'éveil avec la consultation.")
        choose_all(page, "Ajouter un(e) consultation", [scene["consultation"]["title"]])
        choose_all(page, "Ajouter un(e) lieu", [p["title"] for p in scene["places"]])
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_url("**/admin/snippets/projects/healthparentingproject/")
        saved = page.locator("table.listing").inner_text()
        admin_errors = page.js_errors[:]

    pages = {}
    for place in [*scene["places"], scene["other"], scene["consultation"]]:
        for viewport, size in VIEWPORTS.items():
            with offline_page(browser, base_url, size) as page:
                status = goto_and_settle(page, base_url + place["path"])
                pages[(place["title"], viewport)] = {
                    "status": status,
                    "text": page.locator("main").inner_text(),
                    "violations": AXE.run(page).response["violations"],
                    "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
                    "js_errors": page.js_errors,
                    "links": page.locator("main a").evaluate_all(
                        "links => links.map(a => a.getAttribute('href'))"
                    ),
                }
    return {"saved": saved, "admin_errors": admin_errors, "pages": pages}


def test_staff_link_a_project_to_two_places_and_it_shows_on_both(
    live_server, project_scene, chromium
):
    from projects.models import HealthParentingProject

    result = chromium.run(link_project_and_visit, live_server.url, project_scene)
    assert PROJECT in result["saved"]
    assert result["admin_errors"] == []

    project = HealthParentingProject.objects.get(name=PROJECT)
    assert sorted(link.place.title for link in project.place_links.all()) == [
        "La Marelle",
        "Le Nid",
    ]

    consultation = project_scene["consultation"]
    for place in project_scene["places"]:
        for viewport, size in VIEWPORTS.items():
            seen = result["pages"][(place["title"], viewport)]
            assert seen["status"] == 200
            assert PROJECT in seen["text"]
            assert consultation["title"] in seen["text"]
            assert consultation["path"] in seen["links"]
            assert not seen["violations"], axe_report(seen["violations"])
            assert seen["scroll_width"] <= size["width"]
            assert seen["js_errors"] == []

    for viewport in VIEWPORTS:
        assert PROJECT not in result["pages"][(project_scene["other"]["title"], viewport)]["text"]
        seen = result["pages"][(consultation["title"], viewport)]
        assert PROJECT in seen["text"]
        assert not seen["violations"], axe_report(seen["violations"])
        assert {p["path"] for p in project_scene["places"]} <= set(seen["links"])
