"""In Chromium: a ONE staff member invites an organiser from their place's page in the admin;
the organiser opens the link from the e-mail, chooses a password, lands on their place, confirms
their stale listing from the dashboard, finds the session waiting for its head-count and
records it. Then a family on a 360 px phone, reading the place's Dutch page, reports wrong
hours; the organiser handles the report from their dashboard, the family's e-mail says so in
their language and their address is forgotten. The invitation page, the report form and its
thanks page are checked by axe-core on a 360 px phone (the invitation on a desktop too)."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, offline_page
from tests.browser.report_steps import family_reports, organiser_handles
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()
STAFF_PASSWORD = "mot-de-passe-du-personnel"
NEW_PASSWORD = "Tilleul-Bleu-2027"
INVITED = "nadia.organisatrice@example.org"
FAMILY = "familie.peeters@example.org"
NOTE = "De uren zijn verbeterd: woensdagochtend gesloten."


@pytest.fixture
def scene(transactional_db, django_user_model, commune):
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from directory.models import PlacePage
    from rencontres.roles import ONE_STAFF_GROUP, ensure_staff_roles
    from tests.factories import (
        ActivityPageFactory,
        PlacePageFactory,
        publish,
        session_of,
    )

    ensure_staff_roles()
    place = publish(PlacePageFactory(title="La Maison des Petits Pas", commune=commune))
    activity = ActivityPageFactory(parent=place, title="Matinée passerelle")
    session = session_of(activity, timezone.now() - timedelta(days=2))
    # Not verified for seven months: stale, the dashboard asks to confirm it.
    PlacePage.objects.filter(pk=place.pk).update(verified_at=timezone.now() - timedelta(days=213))
    staff = django_user_model.objects.create_user("personnel", password=STAFF_PASSWORD)
    staff.groups.add(Group.objects.get(name=ONE_STAFF_GROUP))
    return {
        "place_id": place.pk,
        "title": place.title,
        "url": place.url,
        "session_id": session.pk,
    }


def staff_invite(browser, base_url: str, place_id: int) -> dict:
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "personnel")
        page.fill("#id_password", STAFF_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        page.goto(f"{base_url}/admin/pages/{place_id}/edit/")
        button = page.get_by_role("link", name="Organisateurs")
        if not button.is_visible():
            page.locator("header .w-dropdown__toggle").first.click()
        button.click()
        page.wait_for_load_state("load")
        page.get_by_label("Courriel de la personne à inviter").fill(INVITED)
        page.get_by_role("button", name="Envoyer l'invitation").click()
        page.wait_for_load_state("load")
        return {
            "url": page.url,
            "messages": page.locator(".messages").all_inner_texts(),
            "pending": page.locator("table[data-invitations]").inner_text(),
            "js_errors": page.js_errors,
        }


def organiser_accepts_and_counts(browser, base_url: str, link: str, session_id: int) -> dict:
    seen: dict = {"audits": {}}
    for name, size in (("360px", PHONE), ("desktop", DESKTOP)):
        with offline_page(browser, base_url, size) as page:
            page.goto(base_url + link)
            seen["audits"][name] = {
                "violations": AXE.run(page).response["violations"],
                "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
                "width": size["width"],
            }
    with offline_page(browser, base_url, DESKTOP) as page:
        page.goto(base_url + link)
        page.get_by_label("Nouveau mot de passe", exact=True).fill(NEW_PASSWORD)
        page.get_by_label("Confirmation du nouveau mot de passe").fill(NEW_PASSWORD)
        page.get_by_role("button", name="Ouvrir mon compte").click()
        page.wait_for_load_state("load")
        seen["landed"] = urlsplit(page.url).path
        seen["title"] = page.locator("h1").first.inner_text()

        page.goto(base_url + "/admin/")
        seen["dashboard"] = page.locator("main").inner_text()
        page.get_by_role("link", name=re.compile("Confirmer la fiche")).click()
        page.wait_for_load_state("load")
        page.get_by_role("button", name="Oui, tout est toujours exact").click()
        page.wait_for_load_state("load")
        seen["confirmed"] = page.locator(".messages").all_inner_texts()
        page.get_by_role("link", name=re.compile("attend sa fréquentation")).click()
        page.wait_for_load_state("load")
        page.locator(f"a[href$='/frequentation/seances/{session_id}/']").click()
        page.wait_for_load_state("load")
        page.get_by_label("Enfants").fill("7")
        page.get_by_label("Adultes").fill("5")
        page.get_by_label("Premières visites").fill("2")
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_load_state("load")
        seen["after"] = page.locator("main").inner_text()
        seen["messages"] = page.locator(".messages").all_inner_texts()
        seen["js_errors"] = page.js_errors
    return seen


def test_staff_invite_an_organiser_who_confirms_counts_and_handles_a_dutch_report(
    live_server, scene, chromium, mailoutbox
):
    from django.utils import timezone

    from directory.models import PlacePage
    from organisers.models import HeadCount, Invitation, ProblemReport

    invited = chromium.run(staff_invite, live_server.url, scene["place_id"])
    assert invited["url"].endswith(f"/admin/organisateurs/lieux/{scene['place_id']}/")
    assert any(INVITED in message for message in invited["messages"])
    assert INVITED in invited["pending"]
    assert invited["js_errors"] == []

    (message,) = mailoutbox
    assert message.to == [INVITED]
    link = urlsplit(re.search(r"https?://\S+/organisateurs/invitation/\S+/", message.body)[0]).path

    seen = chromium.run(organiser_accepts_and_counts, live_server.url, link, scene["session_id"])
    for audit in seen["audits"].values():
        assert not audit["violations"], axe_report(audit["violations"])
        assert audit["scroll_width"] <= audit["width"]
    assert seen["landed"] == f"/admin/pages/{scene['place_id']}/edit/"
    assert scene["title"] in seen["title"]
    assert "Mes lieux" in seen["dashboard"] and scene["title"] in seen["dashboard"]
    assert any("la fiche est confirmée" in message for message in seen["confirmed"])
    assert "Tout est noté" in seen["after"]
    assert seen["js_errors"] == []

    count = HeadCount.objects.get(occurrence_id=scene["session_id"])
    assert (count.children, count.adults, count.first_visits) == (7, 5, 2)
    assert Invitation.objects.get().accepted_at is not None
    place = PlacePage.objects.get(pk=scene["place_id"])
    assert timezone.now() - place.verified_at < timedelta(minutes=5)

    # A Dutch-speaking family reports wrong hours from the place's Dutch page.
    reported = chromium.run(family_reports, live_server.url, "/nl" + scene["url"], FAMILY, "nl-BE")
    for name in ("form", "thanks"):
        assert not reported[name]["violations"], axe_report(reported[name]["violations"])
        assert reported[name]["scroll_width"] <= reported[name]["width"], name
    assert (reported["lang"], reported["thanks_lang"]) == ("nl", "nl")
    assert urlsplit(reported["thanks_url"]).path.startswith("/nl/")
    assert reported["js_errors"] == []
    report = ProblemReport.objects.get()
    assert (report.place_id, report.kind, report.email) == (scene["place_id"], "hours", FAMILY)
    assert report.language == "nl"

    handled = chromium.run(organiser_handles, live_server.url, INVITED, NEW_PASSWORD, NOTE)
    assert "1 signalement à traiter" in handled["dashboard"]
    assert "Fermé le mercredi matin." in handled["report"]
    assert any("la personne en est avertie" in message for message in handled["messages"])
    assert handled["js_errors"] == []

    invitation, reply = mailoutbox
    assert reply.to == [FAMILY]
    assert scene["title"] in reply.subject and NOTE in reply.body
    assert (reply.subject, reply.body) == dutch_reply(scene["title"], NOTE)
    # In Dutch words, not only as the templates render today.
    assert "Dag," in reply.body and "Bericht van het team:" in reply.body
    report.refresh_from_db()
    assert (report.status, report.email, report.closed_by.email) == ("handled", "", INVITED)
    assert not ProblemReport.objects.filter(email=FAMILY).exists()


def dutch_reply(place: str, note: str) -> tuple[str, str]:
    """The reply's subject and body as its templates read in Dutch."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from core.text import single_line

    context = {"place": place, "handled": True, "note": note}
    with translation.override("nl"):
        return (
            single_line(
                render_to_string("organisers/emails/problem_report_closed_subject.txt", context)
            ),
            render_to_string("organisers/emails/problem_report_closed.txt", context),
        )
