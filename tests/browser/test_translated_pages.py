"""A place not yet translated, read in Dutch and English: the French text under the notice,
axe-core clean, at desktop and 360 px widths."""

from __future__ import annotations

import pytest

from tests.browser.conftest import VIEWPORTS, goto_and_settle, offline_page
from tests.browser.test_pages import AXE, axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def read(browser, url: str, viewport: dict) -> dict:
    with offline_page(browser, url, viewport) as page:
        status = goto_and_settle(page, url)
        notice = page.locator(".translation-notice")
        return {
            "status": status,
            "notice": notice.inner_text() if notice.count() else None,
            "notice_lang": notice.get_attribute("lang") if notice.count() else None,
            "main_lang": page.locator("main").get_attribute("lang"),
            "violations": AXE.run(page).response["violations"],
            "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        }


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_untranslated_place_reads_with_a_notice(
    language, viewport, live_server, browser_places, chromium
):
    size = VIEWPORTS[viewport]
    url = f"{live_server.url}/{language}{browser_places['place']['path']}"
    result = chromium.run(read, url, size)
    assert result["status"] == 200
    assert result["notice"], "no notice that the page is in French"
    assert result["notice_lang"] == language
    assert result["main_lang"] == "fr"
    assert not result["violations"], axe_report(result["violations"])
    assert result["scroll_width"] <= size["width"]
