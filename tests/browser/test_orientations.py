"""In Chromium, on a 360 px phone and on a desktop: a professional signs in, opens an FFER
espace de rencontre's page, presses « Orienter une famille » and orients a family who chose
Dutch for their messages; the place's organiser signs in, finds the orientation from their home
and accepts it; the family's e-mail arrives in Dutch with the discreet place's address, which
the professional now sees too. axe-core finds nothing on any page they use, and no page is
wider than the screen."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import VIEWPORTS, animations_finished, offline_page
from tests.browser.family import drawn_width, violations_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Tilleul-Bleu-2027"
FAMILY_EMAIL = "familie.janssens@example.org"
STREET = "12 rue des Glycines"


@pytest.fixture
def scene(transactional_db, django_user_model, commune):
    from directory.roles import organiser_group, organiser_groups_for
    from orientations.models import PlaceOrientationSettings, ProfessionalProfile
    from orientations.roles import ensure_professionals_group
    from tests.factories import PlacePageFactory, programme, publish

    place = publish(
        PlacePageFactory(
            title="Espace de rencontre Les Tilleuls",
            commune=commune,
            country="FR",
            programmes=[programme("espaces-de-rencontre")],
            street_address=STREET,
            is_discreet=True,
            phone="03 20 00 00 00",
        )
    )
    PlaceOrientationSettings.objects.create(
        place=place,
        takes_orientations=True,
        reasons="Maintien du lien parent-enfant\nReprise de contact",
        reasons_nl="Band tussen ouder en kind behouden\nOpnieuw contact",
    )
    organiser = django_user_model.objects.create_user(
        "orga", email="orga@example.org", password=PASSWORD
    )
    organiser.groups.add(organiser_group(place) or organiser_groups_for([place])[0])
    professional = django_user_model.objects.create_user(
        "tms", email="tms@one.example", password=PASSWORD
    )
    professional.groups.add(ensure_professionals_group())
    ProfessionalProfile.objects.create(user=professional, organisation="ONE", profession="TMS")
    return {"place_id": place.pk, "url": place.url}


def settled(page) -> None:
    """The admin's messages fade in: axe-core measures their contrast once they are shown."""
    animations_finished(page)


def sign_in(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/admin/")


def professional_orients(browser, base_url: str, place_url: str, viewport: dict) -> dict:
    seen: dict = {"violations": {}, "widths": {}}

    def looked_at(name: str) -> None:
        settled(page)
        seen["violations"][name] = violations_of(page)
        seen["widths"][name] = drawn_width(page)

    with offline_page(browser, base_url, viewport) as page:
        sign_in(page, base_url, "tms")
        looked_at("professional's home")
        page.goto(base_url + place_url)
        page.wait_for_load_state("load")
        looked_at("place page")
        page.get_by_role("link", name="Orienter une famille").click()
        page.wait_for_load_state("load")
        looked_at("form")
        # Sent without the family's consent: refused, naming the field.
        page.get_by_label("Prénom ou initiales du parent").fill("An")
        page.get_by_label("Courriel de la famille").fill(FAMILY_EMAIL)
        page.get_by_label("Âge des enfants").fill("4 ans")
        page.get_by_label("Langues parlées").fill("néerlandais, arabe")
        page.get_by_label("néerlandais", exact=True).check()
        page.get_by_label("Motif").select_option("Reprise de contact")
        page.get_by_label(re.compile("contacte directement")).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Envoyer l'orientation").click()
        seen["refused"] = page.locator("main").inner_text()
        looked_at("form with an error")
        page.get_by_label(re.compile("d'accord pour que ces informations")).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Envoyer l'orientation").click()
        seen["sent"] = page.locator("main").inner_text()
        seen["sent_url"] = page.url
        looked_at("sent orientation")
        seen["js_errors"] = list(page.js_errors)
    return seen


def organiser_accepts(browser, base_url: str, viewport: dict) -> dict:
    seen: dict = {"violations": {}, "widths": {}}

    def looked_at(name: str) -> None:
        settled(page)
        seen["violations"][name] = violations_of(page)
        seen["widths"][name] = drawn_width(page)

    with offline_page(browser, base_url, viewport) as page:
        sign_in(page, base_url, "orga")
        looked_at("organiser's home")
        page.get_by_role("link", name="1 orientation à traiter").click()
        page.wait_for_load_state("load")
        looked_at("received list")
        page.get_by_role("link", name=re.compile("^Répondre")).click()
        page.wait_for_load_state("load")
        looked_at("received orientation")
        seen["received"] = page.locator("main").inner_text()
        page.get_by_label("Accepter", exact=True).check()
        page.get_by_label(re.compile("Un mot pour le professionnel")).fill(
            "Bienvenue mardi à 10 h."
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Envoyer la réponse").click()
        seen["answered"] = page.locator("main").inner_text()
        looked_at("answered orientation")
        seen["js_errors"] = list(page.js_errors)
    return seen


def professional_reads_the_answer(browser, base_url: str, sent_url: str, viewport) -> dict:
    with offline_page(browser, base_url, viewport) as page:
        sign_in(page, base_url, "tms")
        page.goto(sent_url)
        settled(page)
        return {
            "text": page.locator("main").inner_text(),
            "violations": violations_of(page),
            "width": drawn_width(page),
        }


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_a_professional_orients_a_family_the_place_accepts_the_family_is_told_in_dutch(
    live_server, scene, chromium, viewport
):
    from django.core import mail

    from orientations.models import Orientation

    sent = chromium.run(professional_orients, live_server.url, scene["url"], viewport)
    assert "Sans l'accord de la famille, rien n'est transmis." in sent["refused"]
    assert "Envoyée" in sent["sent"]
    # The discreet place's street is not given before it accepts.
    assert STREET not in sent["sent"]
    orientation = Orientation.objects.get()
    assert (orientation.family_language, orientation.consent) == ("nl", True)
    assert FAMILY_EMAIL not in sent["sent_url"] and "An" not in sent["sent_url"].split("/")[-2]
    (to_place,) = mail.outbox
    assert FAMILY_EMAIL not in to_place.body

    mail.outbox.clear()
    answered = chromium.run(organiser_accepts, live_server.url, viewport)
    assert FAMILY_EMAIL in answered["received"] and "Reprise de contact" in answered["received"]
    assert "Acceptée" in answered["answered"]

    (family,) = [message for message in mail.outbox if message.to == [FAMILY_EMAIL]]
    assert family.subject == "Uw aanvraag bij « Espace de rencontre Les Tilleuls »"
    assert "verwacht u" in family.body and "Bienvenue mardi à 10 h." in family.body
    assert STREET in family.body and "Houd dit adres voor uzelf." in family.body
    (professional,) = [m for m in mail.outbox if m.to == ["tms@one.example"]]
    assert STREET in professional.body

    read = chromium.run(professional_reads_the_answer, live_server.url, sent["sent_url"], viewport)
    assert "Acceptée" in read["text"] and STREET in read["text"]

    for seen in (sent, answered):
        for name, violations in seen["violations"].items():
            assert violations == [], (name, violations)
        for name, width in seen["widths"].items():
            assert width <= viewport["width"], (name, width)
        assert seen["js_errors"] == []
    assert read["violations"] == [] and read["width"] <= viewport["width"]
