"""What the browser scripts of a family's visit share: axe-core's findings on a page, how wide
the page is drawn, and following a link from an e-mail to the button it shows."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import offline_page

AXE = Axe()


def violations_of(page) -> list[dict]:
    return [
        {"id": v["id"], "nodes": [n["html"][:160] for n in v["nodes"]]}
        for v in AXE.run(page).response["violations"]
    ]


def drawn_width(page) -> int:
    """Wider than the viewport means the family has to scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth")


def family_follows_link(browser, link: str, button: str, viewport: dict) -> dict:
    """Opens an e-mail's link and presses the button it shows (links never act on opening:
    mail scanners open them)."""
    with offline_page(browser, link, viewport) as page:
        page.goto(link)
        found = {
            "violations": violations_of(page),
            "before": page.locator("main").inner_text(),
            "width_before": drawn_width(page),
        }
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()
        found["after"] = page.locator("main").inner_text()
        found["violations_after"] = violations_of(page)
        found["width_after"] = drawn_width(page)
        found["js_errors"] = list(page.js_errors)
        return found
