"""In Chromium: an organiser moves their place to another commune by typing its postcode in the
place editor's commune chooser, and submits the change."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, offline_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Tilleul-Bleu-2027"


def choose_namur(browser, base_url: str, edit_path: str) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        refused: list[str] = []
        page.on(
            "console",
            lambda message: (
                refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "organisatrice")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("load")
        page.goto(base_url + edit_path)
        chooser = page.locator("#id_commune-chooser")
        before = chooser.locator("[data-chooser-title]").inner_text()
        chooser.locator(".w-dropdown__toggle").click()
        chooser.get_by_role("button", name="Choisir une autre commune").click()
        modal = page.locator(".modal-dialog:visible").first
        modal.locator("#id_q").wait_for(timeout=15_000)
        modal.locator("#id_q").press_sequentially("5000")
        # Both communes are listed before the search; its answer counts its matches.
        modal.locator("#search-results [role=alert]").wait_for(timeout=15_000)
        listed = modal.locator("#search-results tbody tr").count()
        modal.locator("#search-results").get_by_role("link", name="Namur").click()
        modal.wait_for(state="hidden", timeout=15_000)
        after = chooser.locator("[data-chooser-title]").inner_text()
        chosen = page.input_value("input[name=commune]")
        submit = page.locator("button[name=action-submit]")
        if not submit.is_visible():
            page.locator("footer .w-dropdown__toggle").first.click()
        submit.click()
        page.wait_for_load_state("load")
        return {
            "before": before,
            "after": after,
            "listed": listed,
            "chosen": chosen,
            "js_errors": list(page.js_errors),
            "refused": refused,
        }


def test_an_organiser_chooses_a_commune_by_its_postcode(
    live_server, browser_places, chromium, django_user_model
):
    from directory.models import PlacePage
    from directory.roles import organiser_group
    from gazetteer.models import Commune
    from tests.factories import PostalCodeFactory

    place = PlacePage.objects.get(title=browser_places["place"]["title"])
    namur = Commune.objects.get(name_fr="Namur")
    PostalCodeFactory(code="5000", locality="Namur", commune=namur)
    organiser = django_user_model.objects.create_user("organisatrice", password=PASSWORD)
    organiser.groups.add(organiser_group(place))

    result = chromium.run(choose_namur, live_server.url, f"/admin/pages/{place.pk}/edit/")

    assert result["before"].startswith("Liège (")
    assert result["listed"] == 1
    assert result["after"].startswith("Namur (")
    assert result["chosen"] == str(namur.pk)
    assert result["js_errors"] == []
    # The modal is HTML the admin builds from a JSON answer: nothing of it breaks the CSP.
    assert result["refused"] == []
    draft = PlacePage.objects.get(pk=place.pk).get_latest_revision_as_object()
    assert draft.commune == namur
