"""In Chromium on a 360 px phone, by keyboard: an organiser signs in, and from their home
reaches their place's notice form in one tap, ticks « Déplacé temporairement », writes the
message and publishes (three taps); the form and the place page showing the notice are checked
by axe-core, and neither scrolls sideways. A form with an error names its field."""

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
PASSWORD = "Tilleul-Bleu-2027"
MOVED = "Les séances ont lieu à la maison de quartier."


@pytest.fixture
def scene(transactional_db, django_user_model, commune):
    from directory.roles import organiser_group
    from tests.factories import PlacePageFactory, publish

    place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=commune))
    user = django_user_model.objects.create_user("orga", password=PASSWORD)
    user.groups.add(organiser_group(place))
    return {"place_id": place.pk, "url": place.url}


def audit(page) -> dict:
    return {
        "violations": AXE.run(page).response["violations"],
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
    }


def organiser_posts_a_notice(browser, base_url: str, place_url: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "orga")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        # 1. From the home.
        page.get_by_role("link", name="Signaler une fermeture ou un changement").first.click()
        page.wait_for_load_state("load")
        seen["form"] = audit(page)
        # An end before the start: refused, naming the field.
        page.get_by_label("Au (inclus)").fill("2000-01-01")
        with page.expect_navigation():
            page.get_by_role("button", name="Publier l'avis").press("Enter")
        seen["errors"] = page.locator("#notice-errors").inner_text()
        seen["errors_audit"] = audit(page)
        page.get_by_label("Au (inclus)").fill(page.get_by_label("Du").input_value())
        # 2. By keyboard: the radio, the message.
        page.get_by_label("Déplacé temporairement").focus()
        page.keyboard.press("Space")
        page.get_by_label("Message aux familles").fill(MOVED)
        # 3. Published.
        page.get_by_role("button", name="Publier l'avis").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        seen["messages"] = page.locator(".messages").all_inner_texts()
        page.goto(base_url + place_url)
        seen["status"] = page.locator("main [role=status]").inner_text()
        seen["page"] = audit(page)
        seen["js_errors"] = page.js_errors
    return seen


def test_an_organiser_posts_a_notice_from_a_phone(live_server, scene, chromium):
    from directory.models import PlaceNotice

    seen = chromium.run(organiser_posts_a_notice, live_server.url, scene["url"])
    for name in ("form", "errors_audit", "page"):
        assert not seen[name]["violations"], axe_report(seen[name]["violations"])
        assert seen[name]["scroll_width"] <= PHONE["width"], name
    assert "Au (inclus)" in seen["errors"]
    assert any("Avis publié" in message for message in seen["messages"])
    assert "Déplacé temporairement" in seen["status"] and MOVED in seen["status"]
    assert seen["js_errors"] == []
    notice = PlaceNotice.objects.get()
    assert (notice.place_id, notice.kind, notice.message_fr) == (scene["place_id"], "moved", MOVED)
