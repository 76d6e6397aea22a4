"""The demo's texts in families' languages: demo places and an activity in Arabic and Turkish,
one a machine draft, one stale, shown right to left on the place's page; written once."""

import pytest
from django.core.management import call_command

from core.models import TextOrigin, TranslationMark
from directory.models import PlacePage
from directory.records import place_records
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_places_in_arabic_and_turkish(client):
    CommuneFactory(code="62063", name_fr="Liège", search_names="liege")
    call_command("seed_demo", count=6, seed=3, verbosity=0, no_index=True)
    marks = TranslationMark.objects.select_related("page__locale")
    made = {(mark.page.locale.language_code, mark.origin) for mark in marks}
    assert {("ar", TextOrigin.ORGANISER), ("tr", TextOrigin.MACHINE)} <= made
    assert ("ar", TextOrigin.VOLUNTEER) in made

    arabic = PlacePage.objects.filter(locale__language_code="ar", alias_of__isnull=True)
    sources = PlacePage.objects.filter(
        locale__language_code="fr", translation_key__in=arabic.values("translation_key")
    )
    records = place_records(sources.values_list("pk", flat=True), "fr", content="ar")
    assert {record.text.language for record in records} == {"ar"}
    assert sorted(record.text.stale for record in records) == [False, True]

    fresh = next(record for record in records if not record.text.stale)
    html = client.get(f"{fresh.url}?content=ar").content.decode()
    assert 'lang="ar" dir="rtl"' in html and 'hreflang="tr"' in html

    count = TranslationMark.objects.count()
    call_command("seed_demo", count=6, seed=3, verbosity=0, no_index=True)
    assert TranslationMark.objects.count() == count
