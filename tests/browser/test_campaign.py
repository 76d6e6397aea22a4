"""Issue 30's campaign, in Chromium: a ONE staff member makes a campaign for the province of
Liège on holiday hours (sections: opening hours and closures) in the admin and starts it
(« Lancer »); an organiser opens the link of the e-mail (read from the outbox) on a 360 px phone
with touch, adds the Easter closure (published at once) and confirms the rest; staff see the
place answered in the participation table, the place in Namur never asked. The answer page
(before and after), the admin's form and the participation table are checked by axe-core, and
the answer page never scrolls sideways."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, offline_page
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()
NOW = datetime(2027, 3, 3, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
STAFF_PASSWORD = "mot-de-passe-du-personnel"
ORGANISER = "nadia@petits-pas.example"
NAME = "Vacances de printemps"
PHONE_CONTEXT = {"has_touch": True, "is_mobile": True}


@pytest.fixture
def scene(transactional_db, django_user_model):
    from django.contrib.auth.models import Group

    from directory.roles import organiser_group
    from rencontres.roles import ONE_STAFF_GROUP, ensure_staff_roles
    from tests.factories import CommuneFactory, PlacePageFactory, publish

    with time_machine.travel(NOW, tick=True):
        ensure_staff_roles()
        liege = CommuneFactory(name_fr="Liège", name_nl="Luik", code="62063", province_code="60000")
        namur = CommuneFactory(
            name_fr="Namur", code="92094", province="Province de Namur", province_code="90000"
        )
        place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=liege))
        publish(PlacePageFactory(title="Le Nid de Namur", commune=namur))
        organiser = django_user_model.objects.create_user("nadia", email=ORGANISER, password="x")
        organiser.groups.add(organiser_group(place))
        staff = django_user_model.objects.create_user("personnel", password=STAFF_PASSWORD)
        staff.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
        yield {"place_id": place.pk, "url": place.url}


def audit(page) -> dict:
    return {
        "violations": AXE.run(page).response["violations"],
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
    }


def staff_start_campaign(browser, base_url: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "personnel")
        page.fill("#id_password", STAFF_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        page.goto(base_url + "/admin/snippets/campaigns/campaign/add/")
        seen["form"] = audit(page)
        page.locator("#id_name").fill(NAME)
        page.get_by_label("Liège (Belgique)").check()
        page.get_by_label("Heures d'ouverture").check()
        page.get_by_label("Fermetures (congés)").check()
        page.locator("#id_starts_on").fill("2027-03-15")
        page.locator("#id_ends_on").fill("2027-03-31")
        page.get_by_role("button", name="Enregistrer", exact=True).click()
        page.wait_for_load_state("load")
        page.get_by_role("link", name="Participation").first.click()
        page.wait_for_load_state("load")
        with page.expect_navigation():
            page.get_by_role("button", name="Lancer").click()
        seen["launched"] = page.locator(".messages").inner_text()
        seen["participation_url"] = page.url
    return seen


def organiser_answers(browser, link: str) -> dict:
    seen: dict = {}
    with offline_page(browser, link, PHONE, **PHONE_CONTEXT) as page:
        page.goto(link)
        seen["before"] = audit(page)
        seen["sections"] = page.locator("main h2").all_inner_texts()
        page.get_by_text("Ajouter une fermeture").tap()
        page.get_by_label("Fermé du").fill("2027-04-05")
        page.get_by_label("au (inclus)").fill("2027-04-16")
        page.get_by_label("Motif (facultatif)").fill("Vacances de Pâques")
        with page.expect_navigation():
            page.get_by_role("button", name="Publier la fermeture").tap()
        seen["published"] = page.locator("[role=status]").inner_text()
        seen["closures"] = page.locator(".campaign__values").first.inner_text()
        seen["after"] = audit(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Tout est juste : je confirme").tap()
        seen["confirmed"] = page.locator("[role=status]").inner_text()
        seen["js_errors"] = list(page.js_errors)
    return seen


def staff_follow(browser, base_url: str, url: str) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "personnel")
        page.fill("#id_password", STAFF_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        page.goto(url)
        return {
            "rows": page.locator("table[data-requests] tbody tr").all_inner_texts(),
            "territories": page.locator("table[data-territories] tbody tr").all_inner_texts(),
            "audit": audit(page),
        }


def test_staff_start_a_campaign_an_organiser_answers_on_a_phone_staff_see_it(
    live_server, scene, chromium, mailoutbox
):
    from campaigns.models import Answer, Campaign, CampaignRequest
    from directory.models import ClosurePeriod

    with time_machine.travel(NOW, tick=True):
        started = chromium.run(staff_start_campaign, live_server.url)
        assert not started["form"]["violations"], axe_report(started["form"]["violations"])
        assert "Campagne lancée : 1 lieu interrogé." in started["launched"]
        campaign = Campaign.objects.get(name=NAME)
        assert campaign.sections == ["hours", "closures"] and campaign.provinces == ["60000"]
        assert campaign.starts_on == date(2027, 3, 3)

        (message,) = mailoutbox
        assert message.to == [ORGANISER]
        link = re.search(r"https?://\S+/organisateurs/campagne/\S+/", message.body)[0]
        link = live_server.url + urlsplit(link).path

        answered = chromium.run(organiser_answers, link)
        for name in ("before", "after"):
            assert not answered[name]["violations"], axe_report(answered[name]["violations"])
            assert answered[name]["scroll_width"] <= PHONE["width"]
        assert answered["sections"] == ["Heures d'ouverture", "Fermetures (congés)"]
        assert "C'est publié" in answered["published"]
        assert "Vacances de Pâques" in answered["closures"]
        assert "la fiche est confirmée" in answered["confirmed"]
        assert answered["js_errors"] == []
        (closure,) = ClosurePeriod.objects.filter(place_id=scene["place_id"])
        assert (closure.start_date, closure.end_date) == (date(2027, 4, 5), date(2027, 4, 16))
        request = CampaignRequest.objects.get(campaign=campaign)
        assert request.answer == Answer.ORGANISER and request.edited == ["closures"]

        followed = chromium.run(staff_follow, live_server.url, started["participation_url"])
        audit_ = followed["audit"]
        assert not audit_["violations"], axe_report(audit_["violations"])
        (row,) = followed["rows"]
        assert "La Maison des Petits Pas" in row and "Répondu par l'organisateur" in row
        (territory,) = followed["territories"]
        assert territory.split() == ["Liège", "1", "0", "0", "1"]
