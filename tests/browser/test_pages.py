"""Every public page the browser visits: axe-core finds nothing, at desktop and 360 px widths.

Run only these with `.venv/bin/pytest -m browser`.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, VIEWPORTS, goto_and_settle, offline_page

pytestmark = [
    pytest.mark.browser,
    # live_server needs real commits; serialized_rollback puts back what the migrations seeded
    # (site, home page, directory root, programmes, objectives), which the flush after every
    # transactional test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIXED_PATHS = {
    "home": "/",
    "directory root": "/lieux/",
    # The same page with the filters open and a list of results, then with an error message.
    "directory search": "/lieux/?objective=passerelles&age_months=12",
    "directory search error": "/lieux/?near=nulle-part-xyz",
    "programme": "/programmes/lieux-rencontre-enfants-parents/",
    "objective": "/objectifs/passerelles/",
    # The map page's activities: this month (with sessions), then dates in the wrong order.
    "activities view": "/lieux/?view=activities&when=month",
    "activities view error": "/lieux/?view=activities&when=dates&from=2030-01-02&to=2030-01-01",
    "open data": "/donnees-ouvertes/",
    # The partners' widget's snippet with its preview, then a commune it cannot find.
    "widget snippet": "/donnees-ouvertes/widget/?near=Li%C3%A8ge&language=nl",
    "widget snippet error": "/donnees-ouvertes/widget/?near=nulle-part-xyz&language=fr",
    "widget": "/en/widget/?near=Li%C3%A8ge",
}
PAGES = [*FIXED_PATHS, "place", "discreet place", "activity"]
EXPECTED_STATUS = {
    "directory search error": 400,
    "activities view error": 400,
    "widget snippet error": 400,
}

AXE = Axe()


def axe_report(violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"       {summary_line}")
    return "\n".join(lines)


def audit(browser, url: str, viewport: dict) -> dict:
    with offline_page(browser, url, viewport) as page:
        status = goto_and_settle(page, url)
        return {
            "status": status,
            # Every rule axe-core runs by default: WCAG 2.0/2.1/2.2 A and AA, best practices.
            "violations": AXE.run(page).response["violations"],
            "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
            "js_errors": page.js_errors,
        }


def path_of(name: str, places: dict) -> str:
    return FIXED_PATHS[name] if name in FIXED_PATHS else places[name]["path"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violation(name, viewport, live_server, browser_places, chromium):
    size = VIEWPORTS[viewport]
    result = chromium.run(audit, live_server.url + path_of(name, browser_places), size)

    assert result["status"] == EXPECTED_STATUS.get(name, 200)
    assert not result["violations"], axe_report(result["violations"])
    assert result["scroll_width"] <= size["width"], (
        f"horizontal scroll at {size['width']}px: the page is {result['scroll_width']}px wide"
    )
    assert result["js_errors"] == []


def tab_to_skip_link_and_follow_it(browser, url: str) -> dict:
    active = "({id: document.activeElement.id, cls: document.activeElement.className})"
    with offline_page(browser, url, PHONE) as page:
        goto_and_settle(page, url)
        loads: list[str] = []
        page.on("load", lambda loaded: loads.append(loaded.url))
        page.keyboard.press("Tab")
        first_stop = page.evaluate(active)
        skip_link_visible = page.locator(".skip-link").is_visible()
        page.keyboard.press("Enter")
        # Following the link is a same-document navigation: give a script that would turn it
        # into a reload (or move focus elsewhere) the time to do so.
        page.wait_for_timeout(300)
        page.wait_for_load_state("load")
        if loads:
            return {"first_stop": first_stop, "reloaded": loads}
        after_enter = page.evaluate(active)
        page.keyboard.press("Tab")
        next_in_main = page.evaluate(
            "document.getElementById('main').contains(document.activeElement)"
        )
        return {
            "first_stop": first_stop,
            "skip_link_visible": skip_link_visible,
            "reloaded": loads,
            "after_enter": after_enter,
            "next_in_main": next_in_main,
        }


@pytest.mark.parametrize("name", ["home", "directory root", "place"])
def test_tab_reaches_skip_link_first_and_it_moves_focus_to_main(
    name, live_server, browser_places, chromium
):
    result = chromium.run(
        tab_to_skip_link_and_follow_it, live_server.url + path_of(name, browser_places)
    )
    assert result["first_stop"]["cls"] == "skip-link"
    assert not result["reloaded"], f"following the skip link reloaded the page: {result}"
    assert result["skip_link_visible"], "the skip link stays off-screen when focused"
    assert result["after_enter"]["id"] == "main"
    assert result["next_in_main"], "Tab after the skip link left the main content"


def look_at_map(browser, url: str) -> dict:
    with offline_page(browser, url, DESKTOP) as page:
        goto_and_settle(page, url)
        return {
            "maps": page.locator("#place-map.leaflet-container").count(),
            "markers": page.locator("#place-map .leaflet-marker-icon").count(),
            "circles": page.locator("#place-map path.leaflet-interactive").count(),
            "tiles": list(page.requested_images),
            "text": page.locator("main").inner_text(),
        }


def test_place_map_draws_a_marker_with_tiles_served_locally(live_server, browser_places, chromium):
    result = chromium.run(look_at_map, live_server.url + browser_places["place"]["path"])
    assert result["maps"] == 1
    assert result["markers"] == 1
    assert result["tiles"], "the map asked for no tile"
    assert all("tile.openstreetmap.org" in url for url in result["tiles"])


def test_discreet_place_shows_its_commune_only(live_server, browser_places, chromium):
    place = browser_places["discreet place"]
    result = chromium.run(look_at_map, live_server.url + place["path"])
    assert result["markers"] == 0
    assert result["circles"] == 1
    assert place["street_address"] not in result["text"]
    assert "Namur" in result["text"]
