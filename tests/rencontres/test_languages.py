"""The URL scheme of the three languages (rencontres/languages.py): French at the root, /nl/ and
/en/ prefixes, the choice remembered in the language cookie, Accept-Language read only on a first
visit, the switch and the hreflang links on every public page."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from objectives.family_texts import TERMS

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture
def map_page(place):
    return place.get_parent()


def french_path(page) -> str:
    with translation.override("fr"):
        return page.get_url_parts()[2]


def html_lang(response) -> str:
    return BeautifulSoup(response.content, "html.parser").html["lang"]


def test_the_root_is_french_without_cookie_or_preference(client, map_page):
    response = client.get("/lieux/")
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    assert response.cookies[COOKIE].value == "fr"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_prefix_serves_its_language_and_remembers_it(client, map_page, language):
    response = client.get(f"/{language}/lieux/")
    assert response.status_code == 200
    assert html_lang(response) == language
    assert response.cookies[COOKIE].value == language
    # Kept for a year, not only until the browser closes (docs/languages.md).
    assert response.cookies[COOKIE]["max-age"] == 365 * 24 * 60 * 60


def test_a_first_visit_follows_accept_language_once(client, map_page):
    response = client.get("/lieux/?near=Luik", headers={"accept-language": "nl-BE,nl;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/nl/lieux/?near=Luik"
    followed = client.get(response["Location"])
    assert html_lang(followed) == "nl"


def test_accept_language_takes_the_first_of_our_languages(client, map_page):
    response = client.get("/", headers={"accept-language": "de-DE,en;q=0.8,nl;q=0.5"})
    assert response["Location"] == "/en/"


def test_a_french_browser_stays_at_the_root(client, map_page):
    response = client.get("/", headers={"accept-language": "fr-BE,nl;q=0.5"})
    assert response.status_code == 200
    assert html_lang(response) == "fr"


def test_the_cookie_wins_over_accept_language(client, map_page):
    client.cookies[COOKIE] = "fr"
    response = client.get("/lieux/", headers={"accept-language": "nl"})
    assert response.status_code == 200
    assert html_lang(response) == "fr"
    client.cookies[COOKIE] = "en"
    response = client.get("/lieux/", headers={"accept-language": "nl"})
    assert response["Location"] == "/en/lieux/"


def test_an_explicit_prefix_wins_over_the_cookie(client, map_page):
    client.cookies[COOKIE] = "en"
    response = client.get("/nl/lieux/")
    assert html_lang(response) == "nl"
    assert response.cookies[COOKIE].value == "nl"


def test_a_form_sent_to_a_french_address_is_never_redirected(client, map_page):
    client.cookies[COOKIE] = "nl"
    response = client.post("/lieux/", {})
    assert response.status_code != 302


@pytest.mark.parametrize(
    "path",
    ["/api/v1/places/", "/healthz", "/robots.txt", "/sitemap.xml", "/admin/login/"],
)
def test_the_api_admin_and_files_stay_unprefixed(client, map_page, path):
    response = client.get(path, headers={"accept-language": "nl"})
    assert response.status_code == 200
    assert COOKIE not in response.cookies
    assert client.get(f"/nl{path}", follow=True).status_code == 404


def test_every_public_page_links_its_alternates(client, place, settings):
    # Absolute addresses start at RENCONTRES_BASE_URL, not at the request's host.
    settings.WAGTAILADMIN_BASE_URL = "https://rencontres.example.org"
    path = french_path(place)
    response = client.get(f"/en{path}?x=1")
    soup = BeautifulSoup(response.content, "html.parser")
    links = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    assert links == {
        "fr": f"https://rencontres.example.org{path}?x=1",
        "nl": f"https://rencontres.example.org/nl{path}?x=1",
        "en": f"https://rencontres.example.org/en{path}?x=1",
        "x-default": f"https://rencontres.example.org{path}?x=1",
    }


def test_page_links_follow_the_language(client, place):
    response = client.get("/nl/lieux/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("a.brand")["href"] == "/nl/"
    assert f'href="/nl{french_path(place)}"' in response.content.decode()


def test_the_switch_keeps_the_page_and_its_search(client, map_page):
    response = client.get("/lieux/?near=Li%C3%A8ge&page=2")
    soup = BeautifulSoup(response.content, "html.parser")
    switch = soup.select_one("nav.language-switch")
    names = [item.get_text(strip=True) for item in switch.select("li")]
    assert names == ["Français", "Nederlands", "English"]
    assert switch.select_one('[aria-current="true"]')["lang"] == "fr"
    form = switch.select_one('form:has(input[name="language"][value="nl"])')
    assert form.select_one('input[name="next"]')["value"] == "/nl/lieux/?near=Li%C3%A8ge&page=2"
    button = form.select_one("button")
    assert button["lang"] == "nl"


def test_choosing_french_from_dutch_remembers_it(client, map_page):
    client.cookies[COOKIE] = "nl"
    response = client.post("/langue/", {"language": "fr", "next": "/lieux/?near=4000"})
    assert response["Location"] == "/lieux/?near=4000"
    assert response.cookies[COOKIE].value == "fr"
    assert html_lang(client.get("/lieux/?near=4000", headers={"accept-language": "nl"})) == "fr"


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"language": "de", "next": "/"}, 400),
        ({"language": "nl", "next": "https://evil.example/"}, 302),
    ],
)
def test_the_switch_refuses_unknown_languages_and_other_sites(client, data, status):
    response = client.post("/langue/", data)
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == "/nl/"


def test_a_missing_page_answers_in_the_prefix_language(client, map_page):
    response = client.get("/nl/nergens/")
    assert response.status_code == 404
    assert html_lang(response) == "nl"


# ---------------------------------------------------------------------------------------------
# The API: `lang`, else Accept-Language, else French.


def objective_names(response) -> dict[str, str]:
    return {item["slug"]: item["name"] for item in response.json()}


@pytest.mark.parametrize(
    ("query", "headers", "expected"),
    [
        ("", {}, "Socialisation douce « passerelles »"),
        ("?lang=nl", {}, "Zachte overgang naar de groep („passerelles”)"),
        ("?lang=en", {"accept-language": "nl"}, "Gentle socialisation: bridges"),
        (
            "",
            {"accept-language": "nl-BE,fr;q=0.5"},
            "Zachte overgang naar de groep („passerelles”)",
        ),
    ],
)
def test_the_api_names_terms_in_the_language_asked(client, query, headers, expected):
    response = client.get(f"/api/v1/objectives/{query}", headers=headers)
    assert response.status_code == 200
    assert objective_names(response)["passerelles"] == expected
    assert "Accept-Language" in response["Vary"]


def test_the_api_refuses_an_unknown_language_naming_the_field(client):
    response = client.get("/api/v1/objectives/?lang=de")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["lang"]


def test_the_api_refuses_a_language_given_twice(client):
    response = client.get("/api/v1/objectives/?lang=fr&lang=en")
    assert response.status_code == 400
    assert response.json() == {"errors": {"lang": ["Donnez ce paramètre une seule fois."]}}


def test_the_api_errors_speak_the_language_asked(client):
    french = client.get("/api/v1/places/999999/").json()
    dutch = client.get("/api/v1/places/999999/?lang=nl").json()
    assert french["errors"]["place_id"] != dutch["errors"]["place_id"]
    assert dutch["errors"]["place_id"] == ["Geen enkele openbare plaats heeft dit nummer."]


def test_the_api_schema_declares_lang(client):
    schema = client.get("/api/v1/schema/").json()
    parameters = schema["paths"]["/api/v1/objectives/"]["get"]["parameters"]
    assert {"name": "lang", "in": "query"}.items() <= parameters[-1].items()


@pytest.mark.parametrize(("lang", "column"), [("fr", 0), ("nl", 1), ("en", 2)])
def test_the_api_explains_each_term_for_families_in_the_language_asked(client, lang, column):
    for route in ("objectives", "programmes"):
        terms = {t["slug"]: t for t in client.get(f"/api/v1/{route}/?lang={lang}").json()}
        for slug, term in terms.items():
            assert term["explanation"] == TERMS[slug][column]
