"""The activities acceptance in Chromium: an organiser creates a weekly activity in the admin
and submits it; once ONE approves it, a family finds it under "this week" near the place's
postcode, registers, receives the e-mail and cancels through its link. axe-core finds nothing
on the public pages the family visits.

The clock is set to Monday 1 March 2027, 08:00 in Brussels (and runs from there), so that
"this week" and the sessions are the same on every run.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.browser.conftest import DESKTOP, PHONE, offline_page
from tests.browser.family import family_follows_link, violations_of
from tests.factories import PostalCodeFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MONDAY_MORNING = datetime(2027, 3, 1, 8, 0, tzinfo=ZoneInfo("Europe/Brussels"))
PASSWORD = "mot-de-passe-de-test-42"


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_MORNING, tick=True):
        yield


@pytest.fixture
def setting(clock, transactional_db, django_user_model, commune):
    from django.contrib.auth.models import Group

    from directory.roles import organiser_group_name
    from rencontres.roles import ONE_STAFF_GROUP
    from tests.factories import PlacePageFactory, objective

    PostalCodeFactory(commune=commune, latitude=Decimal("50.632500"), longitude=Decimal("5.579700"))
    place = PlacePageFactory(
        title="La Maison des Petits Pas",
        commune=commune,
        objectives=[objective("passerelles")],
    )
    organiser = django_user_model.objects.create_user("organisatrice", password=PASSWORD)
    organiser.groups.add(Group.objects.get(name=organiser_group_name(place)))
    staff = django_user_model.objects.create_user("one", password=PASSWORD)
    staff.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    return {"place_id": place.pk, "staff": staff}


def organiser_creates_and_submits(browser, base_url: str, place_id: int) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.locator("input[name=username]").fill("organisatrice")
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_load_state("load")
        page.goto(f"{base_url}/admin/pages/add/activities/activitypage/{place_id}/")
        page.locator("input[name=title]").fill("Matinée passerelle")
        page.locator("input[name=start_date]").fill("2027-03-03")
        page.locator("input[name=start_time]").fill("10:00")
        page.locator("input[name=duration_minutes]").fill("90")
        # Away from the date and time fields: their pickers may cover the boxes below.
        page.locator("input[name=title]").click()
        page.locator("select[name=repeat]").select_option("weekly")
        page.locator("input[name=weekdays][value='2']").check()
        page.locator("input[name=capacity]").fill("6")
        page.locator("input[name=registration_required]").check()
        page.locator("input[name=objectives]").first.check()
        page.locator("input[name=title]").click()  # away from the date fields' pickers
        preview = page.locator("[data-preview-sessions] li")
        preview.first.wait_for(timeout=10_000)
        previewed = preview.all_inner_texts()
        submit = page.locator("button[name=action-submit]")
        if not submit.is_visible():
            page.locator("footer .w-dropdown__toggle, footer [aria-label*='action']").first.click()
        submit.click()
        page.wait_for_load_state("load")
        return {
            "previewed": previewed,
            "url": page.url,
            "messages": page.locator(".messages").all_inner_texts(),
        }


def family_finds_and_registers(browser, base_url: str, viewport: dict) -> dict:
    found: dict = {"violations": {}}
    with offline_page(browser, base_url, viewport) as page:
        page.goto(base_url + "/lieux/")
        page.get_by_role("link", name="Activités").click()
        page.wait_for_load_state("load")
        page.get_by_label("Près de").fill("4000")
        page.get_by_label("Cette semaine").check()
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_function("() => location.search.includes('near=4000')")
        page.wait_for_function(
            "() => document.querySelector('[data-result-count]').textContent.includes('séance')"
        )
        page.wait_for_load_state("networkidle")
        found["count"] = page.locator("[data-result-count]").inner_text().strip()
        found["list"] = page.locator("[data-result-list] li").all_inner_texts()
        found["violations"]["activities view"] = violations_of(page)
        found["scroll_width"] = page.evaluate("document.documentElement.scrollWidth")

        page.locator("[data-result-list] h3 a").first.click()
        page.wait_for_load_state("load")
        found["activity_title"] = page.locator("h1").inner_text()
        found["violations"]["activity page"] = violations_of(page)

        page.locator(".session-list a.button").first.click()
        page.wait_for_load_state("load")
        found["violations"]["registration form"] = violations_of(page)
        page.get_by_role("button", name="Envoyer mon inscription").click()
        page.wait_for_load_state("load")
        # The browser applies `autofocus` when it next renders the page, not by its load event.
        page.wait_for_function("() => document.activeElement.classList.contains('form-errors')")
        found["focused_after_errors"] = page.evaluate("document.activeElement.className")
        found["violations"]["registration errors"] = violations_of(page)
        page.get_by_label("Votre nom").fill("Awa Diallo")
        page.get_by_label("Votre courriel").fill("awa@example.org")
        page.get_by_label("Nombre d'enfants").fill("1")
        page.get_by_label("Âge de chaque enfant").fill("3 ans")
        page.get_by_label(re.compile("J'accepte")).check()
        page.get_by_role("button", name="Envoyer mon inscription").click()
        page.wait_for_load_state("load")
        found["confirmation"] = page.locator("main").inner_text()
        found["violations"]["registration"] = violations_of(page)
        found["js_errors"] = list(page.js_errors)
    return found


def test_organiser_publishes_and_a_family_registers_then_cancels(live_server, setting, chromium):
    from django.core import mail
    from wagtail.models import WorkflowState

    from activities.models import ActivityPage, Registration

    created = chromium.run(organiser_creates_and_submits, live_server.url, setting["place_id"])
    assert created["previewed"][0].startswith("mercredi 3 mars 2027, 10:00")
    activity = ActivityPage.objects.get(title="Matinée passerelle")
    assert not activity.live and not activity.occurrences.exists()
    state = WorkflowState.objects.get(object_id=str(activity.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    state.current_task_state.approve(user=setting["staff"])
    activity.refresh_from_db()
    assert activity.live

    found = chromium.run(family_finds_and_registers, live_server.url, DESKTOP)
    assert found["count"] == "1 séance trouvée"
    assert "Matinée passerelle" in found["list"][0]
    assert "mercredi 3 mars, 10:00" in found["list"][0]
    assert found["activity_title"] == "Matinée passerelle"
    # Sent empty first: the keyboard lands on the list of what to correct.
    assert found["focused_after_errors"] == "form-errors"
    assert "Votre inscription est confirmée" in found["confirmation"]
    for name, violations in found["violations"].items():
        assert violations == [], (name, violations)
    assert found["js_errors"] == []

    (message,) = mail.outbox
    assert message.to == ["awa@example.org"]
    assert message.subject.startswith("Inscription confirmée : Matinée passerelle")
    link = re.search(r"http://\S+/inscriptions/\S+/", message.body).group(0)
    assert link.startswith(live_server.url)

    cancelled = chromium.run(family_follows_link, link, "Annuler mon inscription", PHONE)
    assert "Votre inscription est confirmée" in cancelled["before"]
    assert "Votre inscription est annulée" in cancelled["after"]
    assert cancelled["violations"] == [] and cancelled["violations_after"] == []
    assert Registration.objects.get().status == "cancelled"
