"""A place page in a family's language (issue 29): `?content=ar` shows the Arabic translation
right to left inside a Dutch interface, the page offers every language its text exists in, says
who translated it and whether the French changed since; the detail API and HSDS say the
language of the texts."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import TextOrigin, TranslationMark
from directory.models import PlacePage
from opendata.ids import record_id
from tests.directory.test_translations import translate
from tests.factories import PlacePageFactory

pytestmark = pytest.mark.django_db

ARABIC = "<p>مكان لقاء للأطفال الصغار ووالديهم.</p>"


@pytest.fixture
def place(commune):
    place = PlacePageFactory(title="Le Nid", commune=commune, description="<p>Un coin jeux.</p>")
    PlacePage.objects.filter(pk=place.pk).update(last_published_at=timezone.now())
    arabic = translate(place, "ar", title="العش", description=ARABIC)
    TranslationMark.objects.create(page=arabic, origin=TextOrigin.VOLUNTEER)
    translate(place, "tr", title="Yuva", description="<p>Küçük çocuklar için oyun odası.</p>")
    return place


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_text_in_arabic_right_to_left_inside_the_dutch_interface(client, place):
    html = page(client, f"/nl{place.url}?content=ar")
    assert '<html lang="nl"' in html
    assert '<h1 lang="ar" dir="rtl">العش</h1>' in html
    assert re.search(r'class="place__description" lang="ar" dir="rtl">\s*<p>مكان', html)
    # <main> is not marked Arabic: its buttons and labels are Dutch.
    assert '<main id="main" tabindex="-1">' in html
    assert "Openingsuren" in html or "Bellen" in html or "Toegang" in html
    assert "Vertaald door een vrijwilliger." in html
    assert "translation-notice" not in html


def test_the_page_offers_every_language_its_text_exists_in(client, place):
    html = page(client, f"/nl{place.url}")
    links = re.findall(r'<a href="\?content=(\w+)" hreflang="(\w+)" lang="(\w+)" dir="(\w+)"', html)
    assert links == [
        ("fr", "fr", "fr", "ltr"),
        ("ar", "ar", "ar", "rtl"),
        ("tr", "tr", "tr", "ltr"),
    ]
    assert ">العربيّة</a>" in html and ">Türkçe</a>" in html
    # The interface's switch and hreflang alternates stay the interface's three languages.
    alternates = re.findall(r'<link rel="alternate" hreflang="([\w-]+)"', html)
    assert alternates == ["fr", "nl", "en", "x-default"]


def test_a_language_without_a_translation_is_said(client, place):
    html = page(client, f"{place.url}?content=uk")
    assert "Ce texte n'est pas encore traduit en Українська." in html
    assert '<h1 lang="fr" dir="ltr">Le Nid</h1>' in html


def test_a_stale_translation_says_the_french_changed(client, place):
    arabic = PlacePage.objects.get(
        translation_key=place.translation_key, locale__language_code="ar"
    )
    PlacePage.objects.filter(pk=place.pk).update(
        last_published_at=arabic.last_published_at + timedelta(minutes=1)
    )
    html = page(client, f"/en{place.url}?content=ar")
    assert "The French text has changed since this translation" in html


def test_a_machine_draft_is_said_to_be_one(client, place):
    TranslationMark.objects.filter(page__locale__language_code="ar").update(
        origin=TextOrigin.MACHINE
    )
    html = page(client, f"{place.url}?content=ar")
    assert "Traduction automatique, pas encore relue" in html


def test_an_unknown_content_language_is_a_400_naming_it(client, place):
    response = client.get(f"{place.url}?content=xx")
    assert response.status_code == 400
    assert response.content.decode().startswith("content: ")
    assert client.get(f"{place.url}?content=ar&content=tr").status_code == 400


def test_a_family_language_prefix_opens_the_page_with_its_text_in_it(client, place):
    response = client.get(f"/ar{place.url}")
    assert response.status_code == 302
    assert response["Location"] == f"{place.url}?content=ar"
    # The interface stays one of the three: no Arabic interface under /ar/.
    assert client.get("/ar/").status_code == 302


def test_the_detail_api_gives_the_language_of_the_texts(client, place):
    body = client.get(f"/api/v1/places/{place.pk}/", {"content": "ar", "lang": "nl"}).json()
    assert body["name"] == "العش"
    assert body["text"] == {
        "language": "ar",
        "direction": "rtl",
        "origin": "volunteer",
        "stale": False,
        "languages": ["fr", "ar", "tr"],
    }
    french = client.get(f"/api/v1/places/{place.pk}/").json()
    assert (french["name"], french["text"]["language"]) == ("Le Nid", "fr")
    bad = client.get(f"/api/v1/places/{place.pk}/", {"content": "klingon"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["content"]


def test_the_places_api_and_hsds_say_the_language_of_their_texts(client, place):
    [result] = client.get("/api/v1/places/").json()["results"]
    assert result["text_language"] == "fr"
    service = client.get(f"/api/hsds/services/{record_id('service', place.pk)}").json()
    assert (service["name"], service["language"]) == ("Le Nid", "fr")
