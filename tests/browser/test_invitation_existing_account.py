"""In Chromium on a 360 px phone: a colleague who already has an account is invited to a place.
Opening the link signed out attaches nothing and asks them to sign in; they sign in through
Wagtail's login, come back to the invitation, and the place is theirs only once they press
« Accepter l'invitation ». Both pages are checked by axe-core and never scroll sideways."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE, offline_page
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()
PASSWORD = "mot-de-passe-de-la-collegue"
COLLEAGUE = "colleague@example.org"


@pytest.fixture
def scene(
    transactional_db, django_user_model, commune, mailoutbox, django_capture_on_commit_callbacks
):
    from directory.roles import organiser_group
    from organisers.invitations import Outcome, invite
    from tests.factories import PlacePageFactory, publish

    theirs = publish(PlacePageFactory(title="Leur lieu", commune=commune))
    place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=commune))
    colleague = django_user_model.objects.create_user(
        "collegue", email=COLLEAGUE, password=PASSWORD
    )
    colleague.groups.add(organiser_group(theirs))
    inviter = django_user_model.objects.create_user("inviter", password="x")
    inviter.groups.add(organiser_group(place))
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(place, COLLEAGUE, by=inviter) == Outcome.ASKED
    return {"place_id": place.pk, "colleague": colleague}


def audit(page) -> dict:
    return {
        "violations": AXE.run(page).response["violations"],
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
    }


def colleague_accepts(browser, base_url: str, link: str) -> dict:
    seen: dict = {}
    with offline_page(browser, base_url, PHONE) as page:
        page.goto(base_url + link)
        seen["signed_out"] = page.locator("main").inner_text()
        seen["signed_out_audit"] = audit(page)
        page.get_by_role("link", name="Se connecter").click()
        page.wait_for_load_state("load")
        page.fill("#id_username", "collegue")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(re.escape(link) + "$"))
        seen["signed_in"] = page.locator("main").inner_text()
        seen["signed_in_audit"] = audit(page)
        page.get_by_role("button", name="Accepter l'invitation").click()
        page.wait_for_load_state("load")
        seen["landed"] = urlsplit(page.url).path
        seen["js_errors"] = page.js_errors
    return seen


def test_an_existing_account_signs_in_then_accepts(live_server, scene, chromium, mailoutbox):
    from directory.models import PlacePage
    from directory.roles import organiser_group

    (message,) = mailoutbox
    assert message.to == [COLLEAGUE]
    link = urlsplit(re.search(r"https?://\S+/organisateurs/invitation/\S+/", message.body)[0]).path
    place = PlacePage.objects.get(pk=scene["place_id"])
    colleague = scene["colleague"]

    seen = chromium.run(colleague_accepts, live_server.url, link)

    assert "Connectez-vous d'abord" in seen["signed_out"]
    assert "Vous êtes connecté·e en tant que colleague@example.org" in seen["signed_in"]
    for name in ("signed_out_audit", "signed_in_audit"):
        assert seen[name]["violations"] == [], axe_report(seen[name]["violations"])
        assert seen[name]["scroll_width"] <= PHONE["width"], name
    assert seen["landed"] == f"/admin/pages/{scene['place_id']}/edit/"
    assert colleague.groups.filter(pk=organiser_group(place).pk).exists()
    assert seen["js_errors"] == []
