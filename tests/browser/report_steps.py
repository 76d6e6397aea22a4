"""Browser steps shared by the problem-report flows: a family files a report on a place's page
from a 360 px phone, by keyboard, and an organiser closes it from their dashboard."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, offline_page

AXE = Axe()


def audit(page, size) -> dict:
    return {
        "violations": AXE.run(page).response["violations"],
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        "width": size["width"],
    }


def family_reports(
    browser, base_url: str, place_url: str, email: str, locale: str = "fr-BE"
) -> dict:
    """The family says the hours are wrong. Fields are found by name, not by label, so the same
    steps run on every language's page."""
    seen: dict = {}
    with offline_page(browser, base_url, PHONE, locale=locale) as page:
        page.goto(base_url + place_url)
        seen["lang"] = page.evaluate("document.documentElement.lang")
        # By keyboard: the folded section opens with Enter, the choice is ticked with Space.
        page.locator(".report-problem summary").focus()
        page.keyboard.press("Enter")
        hours = page.locator(".report-form input[name=kind][value=hours]")
        seen["hours_label"] = page.locator(f"label[for='{hours.get_attribute('id')}']").inner_text()
        hours.focus()
        page.keyboard.press("Space")
        seen["form"] = audit(page, PHONE)
        page.locator(".report-form textarea[name=message]").fill("Fermé le mercredi matin.")
        page.locator(".report-form input[name=email]").fill(email)
        page.locator(".report-form button[type=submit]").click()
        page.wait_for_load_state("load")
        seen["thanks_url"] = page.url
        seen["thanks_lang"] = page.evaluate("document.documentElement.lang")
        seen["thanks_title"] = page.locator("h1").inner_text()
        seen["thanks"] = audit(page, PHONE)
        seen["js_errors"] = list(page.js_errors)
    return seen


def organiser_handles(browser, base_url: str, username: str, password: str, note: str) -> dict:
    """The organiser logs in, follows the dashboard's open report and marks it handled."""
    seen: dict = {}
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        seen["dashboard"] = page.locator("main").inner_text()
        page.get_by_role("link", name=re.compile("signalement à traiter")).click()
        page.wait_for_load_state("load")
        page.get_by_role("link", name=re.compile("Traiter")).click()
        page.wait_for_load_state("load")
        seen["report"] = page.locator("main").inner_text()
        page.get_by_label("Traité").check()
        page.get_by_label("Note").fill(note)
        page.get_by_role("button", name="Clore le signalement").click()
        page.wait_for_load_state("load")
        seen["messages"] = page.locator(".messages").all_inner_texts()
        seen["js_errors"] = list(page.js_errors)
    return seen
