"""A family on a 360 px phone opens a place's or an activity's page: what it needs to go (the kind
of place and how to get in, today's status, the address with its map links, the call button, the
next sessions) is on the first screen, before the dozen sessions, in the order a keyboard and a
screen reader meet it. The map page carries no point: its map asks them of the API and draws
them. axe-core finds nothing."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, goto_and_settle, offline_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What a 360 × 740 phone shows before any scrolling, with some slack for a taller phone.
FIRST_SCREEN_PX = 800

# Whether `first` comes before `second` in the document (the order of Tab and of a screen reader).
BEFORE = """([first, second]) => Boolean(
    document.querySelector(first).compareDocumentPosition(document.querySelector(second))
    & Node.DOCUMENT_POSITION_FOLLOWING
)"""


def top_of(page, selector: str) -> float | None:
    if not page.locator(selector).count():
        return None
    box = page.locator(selector).first.bounding_box()
    return None if box is None else box["y"]


def look_at_place(browser, url: str, viewport: dict) -> dict:
    with offline_page(browser, url, viewport) as page:
        goto_and_settle(page, url)
        found = {
            selector: top_of(page, selector)
            for selector in (
                ".place__access",
                ".place-status",
                "address",
                ".place__call",
                "#next-sessions-title",
                "#sessions-title",
                ".place__description",
            )
        }
        found["call_href"] = page.locator(".place__call").get_attribute("href")
        found["all_sessions_link"] = None
        found["map_links"] = [
            page.locator(".place__actions a").nth(n).get_attribute("href")
            for n in range(page.locator(".place__actions a").count())
        ]
        found["next_sessions"] = page.locator(".next-sessions li").count()
        if found["#next-sessions-title"] is not None:
            found["all_sessions_link"] = page.get_by_role(
                "link", name="Toutes les séances"
            ).get_attribute("href")
        found["call_before_sessions"] = page.evaluate(BEFORE, [".place__call", "#sessions-title"])
        found["status_before_call"] = page.evaluate(BEFORE, [".place-status", ".place__call"])
        found["violations"] = Axe().run(page).response["violations"]
        found["scroll_width"] = page.evaluate("document.documentElement.scrollWidth")
        found["text"] = page.locator("main").inner_text()
        found["js_errors"] = list(page.js_errors)
        return found


def test_a_place_page_opens_on_a_phone_with_what_a_family_needs_to_go(
    live_server, browser_places, chromium
):
    place = browser_places["place"]
    result = chromium.run(look_at_place, live_server.url + place["path"], PHONE)
    for selector in (".place__access", ".place-status", "address", ".place__call"):
        assert result[selector] < FIRST_SCREEN_PX, (selector, result[selector])
    assert result[".place__call"] < result["#sessions-title"]
    assert result[".place__call"] < result[".place__description"]
    assert result["#next-sessions-title"] < result["#sessions-title"]
    assert result["call_before_sessions"] and result["status_before_call"]
    assert result["call_href"] == "tel:+3241234567"
    assert "#place-map" in result["map_links"]
    assert any(href.startswith("geo:50.") for href in result["map_links"])
    assert result["next_sessions"] == 3
    assert result["all_sessions_link"] == "#sessions-title"
    assert "Ouvert aujourd'hui" in result["text"] or "Ouvre " in result["text"]
    assert result["violations"] == [], result["violations"]
    assert result["scroll_width"] <= PHONE["width"]
    assert result["js_errors"] == []


def test_a_discreet_place_offers_no_exact_position(live_server, browser_places, chromium):
    place = browser_places["discreet place"]
    result = chromium.run(look_at_place, live_server.url + place["path"], PHONE)
    assert result[".place__call"] < FIRST_SCREEN_PX
    assert result["call_href"] == "tel:+3281000000"
    assert not any(href.startswith("geo:") for href in result["map_links"])
    assert "#place-map" in result["map_links"]
    assert place["street_address"] not in result["text"]
    assert "Sur décision du juge ou par accord des parents" in result["text"]
    assert result["violations"] == [], result["violations"]


def test_a_place_page_keeps_two_columns_on_a_wide_screen(live_server, browser_places, chromium):
    result = chromium.run(look_at_place, live_server.url + browser_places["place"]["path"], DESKTOP)
    assert result[".place__call"] < DESKTOP["height"]
    assert result["#next-sessions-title"] < DESKTOP["height"]
    assert result["violations"] == [], result["violations"]
    assert result["scroll_width"] <= DESKTOP["width"]


def look_at_activity(browser, url: str) -> dict:
    with offline_page(browser, url, PHONE) as page:
        goto_and_settle(page, url)
        found = {
            selector: top_of(page, selector)
            for selector in ("#when-title", ".activity__next", "#where-title", ".place__call")
        }
        found["sessions"] = top_of(page, "#sessions-title")
        found["who"] = top_of(page, "#who-title")
        found["call_before_sessions"] = page.evaluate(BEFORE, [".place__call", "#sessions-title"])
        found["violations"] = Axe().run(page).response["violations"]
        found["scroll_width"] = page.evaluate("document.documentElement.scrollWidth")
        return found


def test_an_activity_page_says_when_where_and_how_first(live_server, browser_places, chromium):
    result = chromium.run(look_at_activity, live_server.url + browser_places["activity"]["path"])
    for selector in ("#when-title", ".activity__next", "#where-title", ".place__call"):
        assert result[selector] < FIRST_SCREEN_PX, (selector, result[selector])
    assert result["who"] < result["sessions"]
    assert result["call_before_sessions"]
    assert result["violations"] == [], result["violations"]
    assert result["scroll_width"] <= PHONE["width"]


def map_points_after_load(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, PHONE) as page:
        asked = []
        page.on(
            "request", lambda request: "map.geojson" in request.url and asked.append(request.url)
        )
        response = page.goto(base_url + "/lieux/", wait_until="load")
        html = response.text()
        page.locator("#results-map").scroll_into_view_if_needed()
        page.wait_for_selector("#results-map .leaflet-marker-icon")
        page.wait_for_load_state("networkidle")
        return {
            "html": html,
            "asked": asked,
            "markers": page.locator("#results-map .leaflet-marker-icon").count(),
            "areas": page.locator("#results-map path.leaflet-interactive").count(),
            "count": page.locator("[data-result-count]").inner_text(),
            "violations": Axe().run(page).response["violations"],
            "js_errors": list(page.js_errors),
        }


def test_the_map_page_carries_no_point_and_its_map_fetches_them(
    live_server, browser_places, chromium
):
    result = chromium.run(map_points_after_load, live_server.url)
    assert result["count"].strip() == "2 lieux trouvés"
    assert 'data-points-url="/api/v1/places/map.geojson?lang=fr"' in result["html"]
    assert '"lat":' not in result["html"]
    assert len(result["asked"]) == 1
    # The ordinary place is a pin, the discreet one an area around its commune.
    assert (result["markers"], result["areas"]) == (1, 1)
    assert result["violations"] == [], result["violations"]
    assert result["js_errors"] == []
