"""A place's texts in a family's language (issue 29): the record reads the Arabic translation a
family asks for, says its language, direction, origin and staleness, and every language the
text exists in — in the same five queries per batch."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from core.models import TextOrigin, TranslationMark
from directory.models import PlacePage
from directory.records import place_records
from tests.directory.test_translations import translate
from tests.factories import PlacePageFactory

pytestmark = pytest.mark.django_db

ARABIC = "<p>مكان لقاء للأطفال الصغار ووالديهم.</p>"


@pytest.fixture
def place(commune):
    place = PlacePageFactory(title="Le Nid", commune=commune, description="<p>Un coin jeux.</p>")
    PlacePage.objects.filter(pk=place.pk).update(last_published_at=timezone.now())
    return place


def test_the_record_reads_the_translation_a_family_asks_for(place):
    arabic = translate(place, "ar", title="العش", description=ARABIC)
    translate(place, "nl", title="Het Nest")
    TranslationMark.objects.create(page=arabic, origin=TextOrigin.MACHINE)
    with translation.override("nl"):
        [record] = place_records([place.pk], content="ar")
    assert (record.language, record.name, record.description) == ("nl", "العش", ARABIC)
    assert record.text.language == "ar"
    assert record.text.dir == "rtl"
    assert record.text.origin == "machine"
    assert record.text.stale is False
    assert record.text.languages == ("fr", "nl", "ar")
    # The interface's facts stay in the interface's language.
    assert record.commune.name == "Luik"


def test_without_a_translation_in_it_the_text_is_the_interface_languages(place):
    translate(place, "nl", title="Het Nest")
    with translation.override("nl"):
        [record] = place_records([place.pk], content="tr")
    assert (record.name, record.text.language, record.text.dir) == ("Het Nest", "nl", "ltr")
    [french] = place_records([place.pk], language="fr", content="uk")
    assert (french.name, french.text.language, french.text.origin) == ("Le Nid", "fr", "")
    assert french.text.languages == ("fr", "nl")


def test_a_translation_is_stale_once_the_french_page_is_published_after_it(place):
    arabic = translate(place, "ar", title="العش", description=ARABIC)
    [fresh] = place_records([place.pk], content="ar")
    assert fresh.text.stale is False
    later = arabic.last_published_at + timedelta(minutes=5)
    PlacePage.objects.filter(pk=place.pk).update(last_published_at=later)
    [stale] = place_records([place.pk], content="ar")
    assert (stale.text.language, stale.text.stale) == ("ar", True)
    # The French text itself is never stale.
    [french] = place_records([place.pk])
    assert french.text.stale is False


def test_the_record_still_costs_five_queries_with_a_family_language(place, commune):
    other = PlacePageFactory(commune=commune)
    translate(place, "ar", title="العش")
    translate(other, "tr", title="Yuva")
    place_records([place.pk])  # the site's root paths, read once into the cache
    with CaptureQueriesContext(connection) as captured:
        records = place_records([place.pk, other.pk], content="ar")
    assert len(captured) == 5
    assert [r.text.language for r in records] == ["ar", "fr"]
    assert records[1].text.languages == ("fr", "tr")
