"""A family on a phone types « Saint-Denis », which names two places 9,370 km apart: the page asks
« Quel Saint-Denis ? », and the family picks theirs with the keyboard alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.browser.conftest import PHONE, goto_and_settle, offline_page
from tests.browser.family import drawn_width, violations_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def saint_denis(transactional_db):
    from gazetteer.names import search_names_for
    from tests.factories import CommuneFactory, PlacePageFactory

    def commune(code, lat, lon, population, province):
        return CommuneFactory(
            country="FR",
            code=code,
            name_fr="Saint-Denis",
            province=province,
            population=population,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            search_names=search_names_for("Saint-Denis", ""),
        )

    ours = commune("93066", "48.9362", "2.3574", 113000, "Seine-Saint-Denis")
    commune("97411", "-20.8821", "55.4507", 153000, "La Réunion")
    PlacePageFactory(
        title="Maison des familles de Saint-Denis",
        commune=ours,
        postcode="93200",
        latitude=Decimal("48.9360"),
        longitude=Decimal("2.3600"),
    )


def family_picks_their_saint_denis(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, PHONE) as page:
        goto_and_settle(page, base_url + "/lieux/")
        page.get_by_label("Près de").fill("Saint-Denis")
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_selector(".near-question")
        page.wait_for_load_state("networkidle")
        found = {
            "question": page.locator(".near-question h3").inner_text(),
            "choices": page.locator(".near-choices a").all_inner_texts(),
            "results": page.locator("[data-result-list] h3").count(),
            "violations": violations_of(page),
            "width": drawn_width(page),
        }
        # By keyboard: Tab until the first choice has the focus, then Enter.
        page.locator("#field-near").focus()
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("!!document.activeElement.closest('.near-choices')"):
                break
        found["focused"] = page.evaluate("document.activeElement.textContent")
        page.keyboard.press("Enter")
        page.wait_for_function("() => location.search.includes('FR-93066')")
        page.wait_for_selector("[data-result-list] h3")
        page.wait_for_load_state("networkidle")
        found["after"] = page.locator(".near-understood").inner_text()
        found["list"] = page.locator("[data-result-list] h3").all_inner_texts()
        found["violations_after"] = violations_of(page)
        found["js_errors"] = list(page.js_errors)
        return found


def test_a_family_picks_their_saint_denis_by_keyboard(live_server, saint_denis, chromium):
    result = chromium.run(family_picks_their_saint_denis, live_server.url)
    assert result["question"] == "Quel Saint-Denis ?"
    assert result["choices"] == [
        "Saint-Denis (Seine-Saint-Denis, France)",
        "Saint-Denis (La Réunion, France)",
    ]
    assert result["results"] == 0
    assert result["violations"] == [], result["violations"]
    assert result["width"] <= PHONE["width"]
    assert result["focused"] == "Saint-Denis (Seine-Saint-Denis, France)"
    assert result["after"].startswith("Autour de Saint-Denis (Seine-Saint-Denis, France)")
    assert result["list"] == ["Maison des familles de Saint-Denis"]
    assert result["violations_after"] == [], result["violations_after"]
    assert result["js_errors"] == []
