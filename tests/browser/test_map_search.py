"""A family on the map page: nearest places to "4000" that pursue "passerelles", on the map and
in the list; opens one; comes back to the same search."""

from __future__ import annotations

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, goto_and_settle, offline_page
from tests.factories import PostalCodeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def liege_places(browser_places):
    """Two places near Liège pursuing "passerelles" (one of them from `browser_places`), one
    near Liège that does not, and postcode 4000 in the gazetteer."""
    from gazetteer.models import Commune
    from tests.factories import PlacePageFactory, objective

    liege = Commune.objects.get(code="62063")
    PostalCodeFactory(commune=liege, latitude=Decimal("50.632500"), longitude=Decimal("5.579700"))
    PlacePageFactory(
        title="Le Nid de Sainte-Marguerite",
        commune=liege,
        latitude=Decimal("50.650000"),
        longitude=Decimal("5.540000"),
        objectives=[objective("passerelles")],
    )
    PlacePageFactory(
        title="La Ruche du Quartier",
        commune=liege,
        latitude=Decimal("50.633000"),
        longitude=Decimal("5.580000"),
        objectives=[objective("dynamisation-de-quartier")],
    )
    # From browser_places: "La Maison des Petits Pas" at 50.64, 5.571 (about 1 km away).
    return ["La Maison des Petits Pas", "Le Nid de Sainte-Marguerite"]


def family_searches(browser, base_url: str, viewport: dict) -> dict:
    with offline_page(browser, base_url, viewport) as page:
        goto_and_settle(page, base_url + "/lieux/")
        page.get_by_label("Près de").fill("4000")
        page.locator("summary", has_text="Affiner").click()
        page.get_by_label("Socialisation douce « passerelles »").check()
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_function("() => location.search.includes('passerelles')")
        page.wait_for_function(
            "() => document.querySelector('[data-result-count]').textContent.includes('2 lieux')"
        )
        page.wait_for_load_state("networkidle")
        # The map draws the points the API answers for the new search (static/js/map.js).
        page.wait_for_selector("#results-map:not([aria-busy])", state="attached")
        searched_url = page.url
        found = {
            "url": searched_url,
            "count": page.locator("[data-result-count]").inner_text(),
            "count_role": page.locator("[data-result-count]").get_attribute("role"),
            "list": page.locator("[data-result-list] h3").all_inner_texts(),
            "markers": page.locator("#results-map .leaflet-marker-icon").count(),
            # A marker carries the place's name; a cluster shows how many places it holds.
            "icons": page.eval_on_selector_all(
                "#results-map .leaflet-marker-icon",
                "icons => icons.map(i => i.getAttribute('title') || "
                "(i.querySelector('[aria-hidden]') || i).textContent.trim())",
            ),
            "violations": Axe().run(page).response["violations"],
            "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        }
        page.locator("[data-result-list] a").first.click()
        page.wait_for_load_state("load")
        found["opened"] = page.locator("h1").inner_text()
        page.go_back()
        page.wait_for_load_state("load")
        found["back_url"] = page.url
        found["back_list"] = page.locator("[data-result-list] h3").all_inner_texts()
        found["js_errors"] = list(page.js_errors)
        return found


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "360px"])
def test_family_finds_passerelles_near_4000(live_server, liege_places, chromium, viewport):
    result = chromium.run(family_searches, live_server.url, viewport)
    assert result["list"] == liege_places
    assert result["count"].strip() == "2 lieux trouvés"
    assert result["count_role"] == "status"
    assert "near=4000" in result["url"] and "objective=passerelles" in result["url"]
    names = [icon for icon in result["icons"] if not icon.isdigit()]
    clustered = sum(int(icon) for icon in result["icons"] if icon.isdigit())
    assert set(names) <= set(liege_places)
    assert len(names) + clustered == len(liege_places)
    assert result["violations"] == [], result["violations"]
    assert result["scroll_width"] <= viewport["width"]
    assert result["opened"] == liege_places[0]
    assert result["back_url"] == result["url"]
    assert result["back_list"] == liege_places
    assert result["js_errors"] == []


def family_mistypes_an_age(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        goto_and_settle(page, base_url + "/lieux/")
        page.get_by_label("Près de").fill("4000")
        page.locator("summary", has_text="Affiner").click()
        page.get_by_label("Âge de l'enfant").fill("-1")
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_selector("#age-error")
        age = page.locator("#field-age")
        found = {
            "error": page.locator("#age-error").inner_text(),
            "summary_link": page.locator(".form-errors a").get_attribute("href"),
            "invalid": age.get_attribute("aria-invalid"),
            "described_by": age.get_attribute("aria-describedby"),
            "violations": Axe().run(page).response["violations"],
        }
        page.get_by_label("Âge de l'enfant").fill("2 ans")
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_function("() => location.search.includes('age=2')")
        page.wait_for_function("() => !document.querySelector('[data-search-form] .error')")
        found["after"] = {
            "summary": page.locator(".form-errors").count(),
            "invalid": page.locator("[data-search-form] [aria-invalid]").count(),
            "described_by": age.get_attribute("aria-describedby"),
            "list": page.locator("[data-result-list] h3").all_inner_texts(),
        }
        found["js_errors"] = list(page.js_errors)
        return found


def test_a_bad_value_is_told_beside_its_field_then_cleared(live_server, liege_places, chromium):
    """With the search loaded in place: the error is beside its field (not only in the
    summary), and gone from the field once the search goes through."""
    result = chromium.run(family_mistypes_an_age, live_server.url)
    assert "« 3 ans »" in result["error"]
    assert result["summary_link"] == "#field-age"
    assert result["invalid"] == "true"
    assert result["described_by"] == "field-age-hint age-error"
    assert result["violations"] == [], result["violations"]
    assert result["after"]["summary"] == result["after"]["invalid"] == 0
    assert result["after"]["described_by"] == "field-age-hint"
    assert result["after"]["list"]
    assert result["js_errors"] == []


def search_without_javascript(browser, base_url: str) -> dict:
    # A French browser: another language would be sent to its own prefix on this first visit.
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP, locale="fr-BE")
    try:
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(base_url) else route.abort()
            ),
        )
        page.goto(base_url + "/lieux/")
        page.get_by_label("Près de").fill("4000")
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_load_state("load")
        return {
            "url": page.url,
            "list": page.locator("[data-result-list] h3").all_inner_texts(),
        }
    finally:
        context.close()


def test_search_works_without_javascript(live_server, liege_places, chromium):
    result = chromium.run(search_without_javascript, live_server.url)
    assert "near=4000" in result["url"]
    assert result["list"] == [
        "La Ruche du Quartier",
        "La Maison des Petits Pas",
        "Le Nid de Sainte-Marguerite",
    ]


def family_mistypes_liege(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        goto_and_settle(page, base_url + "/lieux/")
        field = page.get_by_role("combobox", name="Près de")
        field.press_sequentially("Lige")
        page.wait_for_selector("#near-suggestions [role=option]")
        found = {
            "options": page.locator("#near-suggestions [role=option]").all_inner_texts(),
            "expanded": field.get_attribute("aria-expanded"),
            "violations": Axe().run(page).response["violations"],
        }
        field.press("ArrowDown")
        found["active"] = field.get_attribute("aria-activedescendant")
        found["selected"] = page.locator("[role=option][aria-selected=true]").inner_text()
        field.press("Enter")
        found["value"] = field.input_value()
        found["closed"] = page.locator("#near-suggestions").is_hidden()
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_function("() => location.search.includes('near=BE-62063')")
        page.wait_for_load_state("networkidle")
        found["list"] = page.locator("[data-result-list] h3").all_inner_texts()
        found["js_errors"] = list(page.js_errors)
        return found


def test_a_typo_is_suggested_and_chosen_with_the_keyboard(live_server, liege_places, chromium):
    """The suggestions are a listbox the browser does not filter (a <datalist> would hide
    "Liège" for "Lige"); arrow keys and Enter choose one."""
    result = chromium.run(family_mistypes_liege, live_server.url)
    assert result["options"] and result["options"][0].startswith("Liège (")
    assert result["expanded"] == "true"
    assert result["violations"] == [], result["violations"]
    assert result["active"] == "near-suggestion-0"
    assert result["selected"].startswith("Liège (")
    assert result["value"] == "BE-62063" and result["closed"]
    assert set(liege_places) <= set(result["list"])
    assert result["js_errors"] == []
