"""A family on a 360 px phone: after a search the results come first and the form is a one-line
summary that reopens it; the map holds every match, not only the list's page; an empty result
offers the nearest places and a wider radius in one tap. axe-core finds nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE, goto_and_settle, offline_page
from tests.browser.test_map_search import liege_places  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def searches_on_a_phone(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, PHONE) as page:
        goto_and_settle(page, base_url + "/lieux/")
        page.get_by_label("Près de").fill("4000")
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_function("() => location.search.includes('near=4000')")
        page.wait_for_function(
            "() => document.querySelector('[data-result-count]').textContent.includes('lieux')"
        )
        first = page.locator("[data-result-list] h3").first
        found = {
            "first_top": first.bounding_box()["y"],
            "near_visible": page.get_by_label("Près de").is_visible(),
            "summary": page.locator("[data-search-summary]").inner_text(),
            "violations": Axe().run(page).response["violations"],
        }
        # The summary reopens the form, from the keyboard too.
        page.locator(".search-panel__summary").focus()
        page.keyboard.press("Enter")
        found["reopened"] = page.get_by_label("Près de").is_visible()
        found["js_errors"] = list(page.js_errors)
        return found


def test_results_come_first_after_a_search(live_server, liege_places, chromium):  # noqa: F811
    result = chromium.run(searches_on_a_phone, live_server.url)
    assert result["first_top"] < PHONE["height"] - 100
    assert not result["near_visible"]
    assert result["summary"].startswith("Près de 4000")
    assert result["reopened"]
    assert result["violations"] == [], result["violations"]
    assert result["js_errors"] == []


@pytest.fixture
def many_places(browser_places):
    from gazetteer.models import Commune
    from tests.factories import PlacePageFactory

    liege = Commune.objects.get(code="62063")
    for n in range(24):
        PlacePageFactory(
            title=f"Lieu {n:02d}",
            commune=liege,
            latitude=Decimal("50.60") + Decimal(n) / 200,
            longitude=Decimal("5.50") + Decimal(n % 5) / 50,
        )
    return 25  # and "La Maison des Petits Pas"


def map_of_every_match(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, PHONE) as page:
        goto_and_settle(page, base_url + "/lieux/?near=50.63,5.57&radius_km=20")
        page.locator("#results-map").scroll_into_view_if_needed()
        page.wait_for_selector("#results-map .leaflet-marker-icon")
        return {
            "listed": page.locator("[data-result-list] h3").count(),
            "count": page.locator("[data-result-count]").inner_text(),
            "icons": page.eval_on_selector_all(
                "#results-map .leaflet-marker-icon",
                "icons => icons.map(i => i.getAttribute('title') || "
                "(i.querySelector('[aria-hidden]') || i).textContent.trim())",
            ),
            "violations": Axe().run(page).response["violations"],
        }


def test_the_map_has_every_match_beyond_the_first_page(live_server, many_places, chromium):
    result = chromium.run(map_of_every_match, live_server.url)
    assert result["count"].strip() == f"{many_places} lieux trouvés"
    assert result["listed"] == 20
    names = [icon for icon in result["icons"] if not icon.isdigit()]
    clustered = sum(int(icon) for icon in result["icons"] if icon.isdigit())
    assert len(names) + clustered == many_places
    assert result["violations"] == [], result["violations"]


def empty_result(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, PHONE) as page:
        goto_and_settle(
            page, base_url + "/lieux/?near=50.63,5.57&radius_km=5&objective=maintien-du-lien"
        )
        found = {
            "count": page.locator("[data-result-count]").inner_text(),
            "nearest": page.locator(".beyond .place-card h3").all_inner_texts(),
            "violations": Axe().run(page).response["violations"],
        }
        page.locator(".beyond a.button").click()
        page.wait_for_load_state("load")
        found["widened_url"] = page.url
        found["widened_list"] = page.locator("[data-result-list] h3").all_inner_texts()
        return found


def test_an_empty_result_offers_the_nearest_and_a_wider_radius(
    live_server, browser_places, chromium
):
    result = chromium.run(empty_result, live_server.url)
    assert result["count"].strip() == "0 lieux trouvés"
    assert result["nearest"] == ["Espace de rencontre du Confluent"]
    assert "radius_km=100" in result["widened_url"] or "radius_km=200" in result["widened_url"]
    assert result["widened_list"] == ["Espace de rencontre du Confluent"]
    assert result["violations"] == [], result["violations"]
