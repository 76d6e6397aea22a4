"""The organiser sets a place's point on the admin's small Leaflet map."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, offline_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def click_the_map(browser, base_url: str, edit_path: str) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "correct horse battery")
        page.click("button[type=submit]")
        page.wait_for_load_state("load")
        page.goto(base_url + edit_path)
        picker = page.locator("[data-point-picker]")
        picker.scroll_into_view_if_needed()
        before = (page.input_value("input[name=latitude]"), page.input_value("[name=longitude]"))
        box = picker.bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
        after = (page.input_value("input[name=latitude]"), page.input_value("[name=longitude]"))
        return {
            "before": before,
            "after": after,
            "markers": page.locator("[data-point-picker] .leaflet-marker-icon").count(),
            "js_errors": list(page.js_errors),
        }


def test_clicking_the_map_sets_the_point(live_server, browser_places, chromium, django_user_model):
    from directory.models import PlacePage

    django_user_model.objects.create_superuser("editor", password="correct horse battery")
    place = PlacePage.objects.get(title=browser_places["place"]["title"])
    result = chromium.run(click_the_map, live_server.url, f"/admin/pages/{place.pk}/edit/")
    assert result["before"] == ("50.640000", "5.571000")
    lat, lon = (float(value) for value in result["after"])
    # North-west of the marker, which the map centres on: a higher latitude, a lower longitude.
    assert lat > 50.64 and lon < 5.571
    assert all(len(value.split(".")[1]) <= 6 for value in result["after"])
    assert result["markers"] == 1
    assert result["js_errors"] == []
