"""ONE staff's duplicates queue in Chromium on a 360 px phone: from the admin home's panel to
the queue, one pair set aside with the keyboard alone (Tab to « Ce sont deux lieux
différents », Enter), the other merged with a tap; axe-core finds nothing in the queue, which
never scrolls sideways, and the merged place's old address leads to the kept one."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE, offline_page
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()
PASSWORD = "Doublon-Jaune-2027"


@pytest.fixture
def queue_scene(transactional_db, django_user_model, commune):
    from django.contrib.auth.models import Group

    from rencontres.roles import ONE_STAFF_GROUP, ensure_staff_roles
    from tests.factories import PlacePageFactory, publish

    ensure_staff_roles()
    nid = publish(PlacePageFactory(title="Le Nid", commune=commune, phone="04 222 33 44"))
    publish(PlacePageFactory(title="Le Nid asbl", slug="le-nid-asbl", commune=commune))
    publish(PlacePageFactory(title="La Ruche", commune=commune, phone="04 333 44 55"))
    publish(PlacePageFactory(title="La Ruche asbl", slug="la-ruche-asbl", commune=commune))
    user = django_user_model.objects.create_user("personnel", password=PASSWORD)
    user.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    return {"kept_url": nid.url}


def work_the_queue(browser, base_url: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, has_touch=True, is_mobile=True) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "personnel")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        seen["panel"] = page.locator('[data-staff-panel="duplicates"]').inner_text()
        page.get_by_role("link", name="Tous les doublons possibles").click()
        page.wait_for_load_state("load")
        seen["violations"] = AXE.run(page, context="main").response["violations"]
        seen["scroll_width"] = page.evaluate("document.documentElement.scrollWidth")
        seen["pairs"] = page.locator("section.duplicate-pair h2").all_inner_texts()

        # The keyboard alone: focus moves from button to button until « Ce sont deux lieux
        # différents » of La Ruche's pair, then Enter.
        ruche = page.locator("section.duplicate-pair", has_text="La Ruche asbl")
        dismiss = ruche.get_by_role("button", name="Ce sont deux lieux différents")
        page.locator("section.duplicate-pair button").first.focus()
        for _ in range(12):
            if dismiss.evaluate("button => button === document.activeElement"):
                break
            page.keyboard.press("Tab")
        seen["dismiss_focused"] = dismiss.evaluate("button => button === document.activeElement")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        seen["after_dismiss"] = page.locator("main").inner_text()

        # The merge answers once it is done (slower on PostgreSQL): wait for its page.
        with page.expect_navigation():
            page.get_by_role("button", name="Garder « Le Nid » et y fusionner l'autre").tap()
        seen["after_merge"] = page.locator("main").inner_text()
        seen["js_errors"] = list(page.js_errors)

        response = page.goto(base_url + "/lieux/le-nid-asbl/")
        seen["old_address_lands_on"] = page.url
        seen["old_address_status"] = response.status if response else 0
    return seen


def test_staff_set_aside_and_merge_from_the_queue_on_a_phone(live_server, queue_scene, chromium):
    from directory.models import DuplicateCandidate, PlacePage
    from directory.models.duplicates import DuplicateStatus

    seen = chromium.run(work_the_queue, live_server.url)
    assert "2 paires de lieux qui se ressemblent" in seen["panel"]
    assert len(seen["pairs"]) == 2
    assert not seen["violations"], axe_report(seen["violations"])
    assert seen["scroll_width"] <= PHONE["width"]
    assert seen["dismiss_focused"]
    assert "ne seront plus proposés comme doublons" in seen["after_dismiss"]
    assert "« Le Nid asbl » est fusionné dans « Le Nid »" in seen["after_merge"]
    assert "Aucun doublon possible à examiner." in seen["after_merge"]
    assert seen["js_errors"] == []
    assert seen["old_address_lands_on"] == live_server.url + queue_scene["kept_url"]
    assert seen["old_address_status"] == 200

    statuses = dict(DuplicateCandidate.objects.values_list("second__title", "status"))
    assert statuses == {
        "Le Nid asbl": DuplicateStatus.MERGED,
        "La Ruche asbl": DuplicateStatus.DISMISSED,
    }
    merged = PlacePage.objects.get(title="Le Nid asbl")
    assert merged.replaced_by.title == "Le Nid" and not merged.live
