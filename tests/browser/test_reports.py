"""In Chromium: a family on a 360 px phone reports a wrong opening time on a place's page (the
page with its form open, and the thanks page, are axe-core clean and never wider than the
screen); the place's organiser sees it on their dashboard, marks it handled with a note, and the
family gets the e-mail; their address is then forgotten."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, offline_page
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()
PASSWORD = "Tilleul-Bleu-2027"
FAMILY = "famille.dupont@example.org"


@pytest.fixture
def scene(transactional_db, django_user_model):
    from directory.roles import organiser_group
    from tests.factories import CommuneFactory, PlacePageFactory, publish

    liege = CommuneFactory(name_fr="Liège", name_nl="Luik", code="62063", search_names="liege")
    place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=liege))
    organiser = django_user_model.objects.create_user("nadia", password=PASSWORD)
    organiser.groups.add(organiser_group(place))
    return {"url": place.url, "title": place.title}


def audit(page, size) -> dict:
    return {
        "violations": AXE.run(page).response["violations"],
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        "width": size["width"],
    }


def family_reports(browser, base_url: str, place_url: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE) as page:
        page.goto(base_url + place_url)
        # By keyboard: the folded section opens with Enter, the choice is ticked with Space.
        page.locator(".report-problem summary").focus()
        page.keyboard.press("Enter")
        page.get_by_label("Les heures sont fausses").focus()
        page.keyboard.press("Space")
        seen["form"] = audit(page, PHONE)
        page.get_by_label("En quelques mots (facultatif)").fill("Fermé le mercredi matin.")
        page.get_by_label("Votre courriel (facultatif)").fill(FAMILY)
        page.get_by_role("button", name="Envoyer le signalement").click()
        page.wait_for_load_state("load")
        seen["thanks_title"] = page.locator("h1").inner_text()
        seen["thanks"] = audit(page, PHONE)
        seen["js_errors"] = page.js_errors
    return seen


def organiser_handles(browser, base_url: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "nadia")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        seen["dashboard"] = page.locator("main").inner_text()
        page.get_by_role("link", name=re.compile("signalement à traiter")).click()
        page.wait_for_load_state("load")
        page.get_by_role("link", name=re.compile("Traiter")).click()
        page.wait_for_load_state("load")
        seen["report"] = page.locator("main").inner_text()
        page.get_by_label("Traité").check()
        page.get_by_label("Note").fill("Les heures sont corrigées : fermé le mercredi matin.")
        page.get_by_role("button", name="Clore le signalement").click()
        page.wait_for_load_state("load")
        seen["messages"] = page.locator(".messages").all_inner_texts()
        seen["js_errors"] = page.js_errors
    return seen


def test_a_family_reports_a_problem_and_hears_it_was_handled(
    live_server, scene, chromium, mailoutbox
):
    from organisers.models import ProblemReport

    seen = chromium.run(family_reports, live_server.url, scene["url"])
    for name in ("form", "thanks"):
        assert not seen[name]["violations"], axe_report(seen[name]["violations"])
        assert seen[name]["scroll_width"] <= seen[name]["width"], name
    assert "Merci" in seen["thanks_title"]
    assert seen["js_errors"] == []
    report = ProblemReport.objects.get()
    assert (report.kind, report.email) == ("hours", FAMILY)

    handled = chromium.run(organiser_handles, live_server.url)
    assert "1 signalement à traiter" in handled["dashboard"]
    assert "Fermé le mercredi matin." in handled["report"]
    assert any("la personne en est avertie" in message for message in handled["messages"])
    assert handled["js_errors"] == []

    (message,) = mailoutbox
    assert message.to == [FAMILY]
    assert scene["title"] in message.subject
    assert "Les heures sont corrigées" in message.body
    report.refresh_from_db()
    assert (report.status, report.email) == ("handled", "")
