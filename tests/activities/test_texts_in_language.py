"""An activity's texts in a family's language (issue 29): the activity page and the
registration pages read the Arabic translation the family asked for (`?content=ar`), marked
right to left, and keep asking for it from one page to the next; one query for any number of
activities."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Occurrence
from activities.texts_in_language import activity_texts
from core.models import TextOrigin, TranslationMark
from tests.activities.conftest import WORKSHOP_DAY
from tests.activities.registering import family
from tests.directory.test_translations import translate
from tests.factories import ActivityPageFactory, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

TITLE_AR = "ورشة حمل الرضيع"


@pytest.fixture
def workshop(clock, place, workshop_at):
    activity = workshop_at(place, what_to_bring="Une écharpe")
    arabic = translate(activity, "ar", title=TITLE_AR, what_to_bring="وشاح")
    TranslationMark.objects.create(page=arabic, origin=TextOrigin.MACHINE)
    return activity


def test_the_texts_are_the_translation_asked_for_in_one_query(workshop, place):
    other = publish(ActivityPageFactory(parent=place, title="Atelier chant"))
    with CaptureQueriesContext(connection) as captured:
        texts = activity_texts([workshop.pk, other.pk], content="ar", language="fr")
    assert len(captured) == 1
    arabic = texts[workshop.pk]
    assert (arabic.title, arabic.what_to_bring) == (TITLE_AR, "وشاح")
    assert (arabic.text.language, arabic.text.dir, arabic.text.origin) == ("ar", "rtl", "machine")
    assert arabic.text.languages == ("fr", "ar")
    assert (texts[other.pk].title, texts[other.pk].text.language) == ("Atelier chant", "fr")


def test_the_activity_page_in_arabic_keeps_it_on_its_registration_links(client, workshop):
    html = client.get(f"/nl{workshop.url}?content=ar").content.decode()
    assert f'<h1 lang="ar" dir="rtl">{TITLE_AR}</h1>' in html
    assert "Automatische vertaling, nog niet nagelezen" in html
    assert re.search(r'href="[^"]+/seances/\d+/inscription/\?content=ar"', html)


def test_registering_from_the_arabic_text_keeps_it_to_the_registrations_page(
    client, workshop, django_capture_on_commit_callbacks
):
    session = Occurrence.objects.get(activity=workshop, date=WORKSHOP_DAY)
    url = f"{session.registration_url}?content=ar"
    form = client.get(url).content.decode()
    assert f'lang="ar" dir="rtl">{TITLE_AR}</a>' in form
    assert '<span lang="ar" dir="rtl">وشاح</span>' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, family(1), REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 302
    assert response["Location"].endswith("?content=ar")
    page = client.get(response["Location"]).content.decode()
    assert f'lang="ar" dir="rtl">{TITLE_AR}</a>' in page
