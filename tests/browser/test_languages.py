"""The public pages in French, Dutch and English at 360 px: each declares its language, links
its alternates, shows no interface text of the other two, and axe-core finds nothing. Then a
Dutch-speaking family, from its browser's language to the e-mail of its registration."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE, goto_and_settle, offline_page
from tests.browser.test_pages import axe_report

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PREFIX = {"fr": "", "nl": "/nl", "en": "/en"}
# Interface text that only its own language shows: the skip link and the footer's line.
OWN_WORDS = {
    "fr": ["Aller au contenu", "les lieux où parents et jeunes enfants se retrouvent"],
    "nl": ["Naar de inhoud", "de plaatsen waar ouders en jonge kinderen elkaar ontmoeten"],
    "en": ["Skip to content", "the places where parents and young children get together"],
}
# A few words of each page's own interface, in each language.
PAGE_WORDS = {
    # After a search a phone shows the results first (the form folds): their count.
    "map search": {"fr": "trouvé", "nl": "gevonden", "en": "found"},
    "place": {"fr": "Âge des enfants", "nl": "Leeftijd van de kinderen", "en": "Children's ages"},
    "activity": {"fr": "Pour qui", "nl": "Voor wie", "en": "Who it is for"},
    "open data": {"fr": "Fichiers du jour", "nl": "Bestanden van vandaag", "en": "Today's files"},
    "not found": {"fr": "Page introuvable", "nl": "Pagina niet gevonden", "en": "Page not found"},
}
PAGES = ["home", "map search", "place", "activity", "open data", "not found"]


def page_path(name: str, places: dict) -> str:
    return {
        "home": "/",
        "map search": "/lieux/?near=Li%C3%A8ge&objective=passerelles",
        "place": places["place"]["path"],
        "activity": places["activity"]["path"],
        "open data": "/donnees-ouvertes/",
        "not found": "/nulle-part/",
    }[name]


def read_page(browser, url: str, locale: str) -> dict:
    with offline_page(browser, url, PHONE, locale=locale) as page:
        status = goto_and_settle(page, url)
        return {
            "status": status,
            "url": page.url,
            "lang": page.evaluate("document.documentElement.lang"),
            "alternates": page.eval_on_selector_all(
                "link[rel=alternate][hreflang]",
                "links => Object.fromEntries(links.map(l => [l.hreflang, l.href]))",
            ),
            "switch": page.locator("nav.language-switch li").all_inner_texts(),
            "text": page.locator("body").inner_text(),
            "violations": Axe().run(page).response["violations"],
            "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
            "js_errors": page.js_errors,
        }


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_each_page_in_each_language(name, language, live_server, browser_places, chromium):
    path = page_path(name, browser_places)
    url = live_server.url + PREFIX[language] + path
    # The browser's language is the page's: a French address is not sent elsewhere.
    locale = {"fr": "fr-BE", "nl": "nl-BE", "en": "en-GB"}[language]
    result = chromium.run(read_page, url, locale)

    assert result["status"] == (404 if name == "not found" else 200)
    assert result["url"] == url
    assert result["lang"] == language
    assert set(result["alternates"]) == {"fr", "nl", "en", "x-default"}
    assert result["alternates"][language] == url
    assert result["alternates"]["x-default"] == result["alternates"]["fr"]
    assert [item.strip() for item in result["switch"]] == ["Français", "Nederlands", "English"]
    for word in OWN_WORDS[language]:
        assert word in result["text"]
    assert PAGE_WORDS.get(name, {}).get(language, OWN_WORDS[language][0]) in result["text"]
    for other in {"fr", "nl", "en"} - {language}:
        for word in OWN_WORDS[other] + [PAGE_WORDS.get(name, {}).get(other, "")]:
            if word:
                assert word not in result["text"], (other, word)
    assert not result["violations"], axe_report(result["violations"])
    assert result["scroll_width"] <= PHONE["width"]
    assert result["js_errors"] == []


def map_controls(browser, url: str) -> dict:
    with offline_page(browser, url, PHONE, locale="nl-BE") as page:
        goto_and_settle(page, url)
        return {
            "zoom": page.eval_on_selector_all(
                ".leaflet-control-zoom a", "links => links.map(l => l.title)"
            ),
            "attribution": page.locator(".leaflet-control-attribution").inner_text(),
        }


def test_the_map_controls_speak_dutch(live_server, browser_places, chromium):
    found = chromium.run(map_controls, live_server.url + "/nl/lieux/")
    assert found["zoom"] == ["Inzoomen", "Uitzoomen"]
    assert "Leaflet" in found["attribution"]


def switch_language(browser, url: str) -> dict:
    with offline_page(browser, url, PHONE, locale="fr-BE") as page:
        goto_and_settle(page, url)
        with page.expect_navigation():
            page.get_by_role("button", name="Nederlands").click()
        dutch = page.url
        # Back to French by keyboard: the remembered Dutch must not send it back.
        page.get_by_role("button", name="Français").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        return {
            "dutch": dutch,
            "french": page.url,
            "lang": page.evaluate("document.documentElement.lang"),
        }


def test_the_switch_keeps_the_search_and_remembers(live_server, browser_places, chromium):
    url = live_server.url + "/lieux/?near=Li%C3%A8ge&objective=passerelles"
    found = chromium.run(switch_language, url)
    assert found["dutch"] == live_server.url + "/nl/lieux/?near=Li%C3%A8ge&objective=passerelles"
    assert found["french"] == url
    assert found["lang"] == "fr"


def dutch_family(browser, base_url: str) -> dict:
    with offline_page(browser, base_url, PHONE, locale="nl-BE") as page:
        # A first visit: the browser's Dutch leads to the Dutch pages.
        goto_and_settle(page, base_url + "/lieux/")
        found = {"landed": page.url}
        page.get_by_label("In de buurt van").fill("Luik")
        page.locator("summary", has_text="Verfijnen").click()
        page.get_by_label("Zachte overgang naar de groep („passerelles”)").check()
        page.get_by_role("button", name="Zoeken").click()
        page.wait_for_function("() => location.search.includes('passerelles')")
        page.wait_for_load_state("networkidle")
        found["count"] = page.locator("[data-result-count]").inner_text()
        found["list"] = page.locator("[data-result-list] h3").all_inner_texts()
        page.locator("[data-result-list] h3 a").first.click()
        page.wait_for_load_state("load")
        found["place_url"] = page.url
        found["place_lang"] = page.evaluate("document.documentElement.lang")
        page.locator("a.button", has_text="Inschrijven").first.click()
        page.wait_for_load_state("load")
        found["form_url"] = page.url
        page.get_by_label("Uw naam").fill("Sanne Peeters")
        page.get_by_label("Uw e-mailadres").fill("sanne@example.org")
        page.get_by_label("Aantal kinderen").fill("1")
        page.get_by_label("Leeftijd van elk kind").fill("2 jaar")
        page.get_by_label(re.compile("Ik ga ermee akkoord")).check()
        page.get_by_role("button", name="Mijn inschrijving versturen").click()
        page.wait_for_load_state("load")
        found["confirmation"] = page.locator("main").inner_text()
        found["violations"] = Axe().run(page).response["violations"]
        found["js_errors"] = list(page.js_errors)
        return found


def test_a_dutch_family_finds_luik_registers_and_reads_dutch(live_server, browser_places, chromium):
    from django.core import mail

    found = chromium.run(dutch_family, live_server.url)
    assert found["landed"] == live_server.url + "/nl/lieux/"
    assert found["count"].strip() == "1 plaats gevonden"
    assert found["list"] == ["La Maison des Petits Pas"]
    assert found["place_url"].startswith(live_server.url + "/nl/")
    assert found["place_lang"] == "nl"
    assert "/nl/" in found["form_url"]
    assert "Uw inschrijving is bevestigd" in found["confirmation"]
    assert found["violations"] == [], axe_report(found["violations"])
    assert found["js_errors"] == []

    (message,) = mail.outbox
    assert message.to == ["sanne@example.org"]
    assert message.subject.startswith("Inschrijving bevestigd: Matinée passerelle")
    assert message.body.startswith("Dag Sanne Peeters,")
    assert "Uw inschrijving is bevestigd." in message.body
    assert re.search(r"http://\S+/nl/inscriptions/\S+/", message.body)
