"""A place in three languages: the French page is the place; a translation exists only once
someone makes it, and until then /nl/ and /en/ serve the French text with a notice."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from activities.models import Occurrence
from directory.models import AccessibilityFeature, PlacePage
from directory.roles import organiser_group_name
from tests.factories import ActivityPageFactory, PlacePageFactory, publish

NOTICE = 'class="translation-notice"'


def translate(page, language, **fields):
    """The page's translation into `language`, published as the admin would."""
    # Its untranslated parents come along as aliases, as wagtail-localize makes them.
    locale = Locale.objects.get(language_code=language)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


@pytest.fixture
def nid(commune):
    return PlacePageFactory(
        title="Le Nid", slug="le-nid", commune=commune, description="<p>Un coin jeux.</p>"
    )


def test_untranslated_place_is_served_in_french_under_nl_with_a_notice(client, nid):
    response = client.get("/nl/lieux/le-nid/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Un coin jeux." in html
    # The notice speaks the visitor's language; the text below it is marked as French.
    assert re.search(r'<p class="translation-notice" role="note" lang="nl">', html)
    assert re.search(r'<main id="main" tabindex="-1" lang="fr">', html)
    assert json_ld(html)["mainEntityOfPage"]["inLanguage"] == "fr"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Step-free or ramp access"), ("nl", "Gelijkvloerse toegang")],
)
def test_accessibility_features_are_named_in_the_visitors_language(client, nid, language, expected):
    nid.accessibility.set(AccessibilityFeature.objects.filter(slug="plain-pied"))
    nid.save()
    html = client.get(f"/{language}/lieux/le-nid/").content.decode()
    assert expected in html and "plain-pied" not in html
    record = client.get(f"/api/v1/places/{nid.pk}/?lang={language}").json()
    assert record["accessibility"][0]["name"].startswith(expected)


def test_the_place_api_names_its_terms_and_commune_in_the_language_asked(client, nid):
    from objectives.models import Objective, Programme

    programme = Programme.objects.exclude(name_nl="").first()
    objective = Objective.objects.exclude(name_nl="").first()
    nid.programmes.set([programme])
    nid.objectives.set([objective])
    nid.commune.name_nl = "Luik"
    nid.commune.save()
    nid.save()
    record = client.get(f"/api/v1/places/{nid.pk}/?lang=nl").json()
    assert record["programmes"][0]["name"] == programme.name_nl
    assert record["objectives"][0]["name"] == objective.name_nl
    assert record["address"]["commune"] == "Luik"
    record = client.get(f"/api/v1/places/{nid.pk}/").json()
    assert record["programmes"][0]["name"] == programme.name_fr
    assert record["address"]["commune"] == nid.commune.name_fr


def test_french_visitors_read_the_french_page_without_notice(client, nid):
    html = client.get("/lieux/le-nid/").content.decode()
    assert NOTICE not in html
    page = json_ld(html)["mainEntityOfPage"]
    assert page["@type"] == "WebPage"
    assert page["@id"].endswith("/lieux/le-nid/")
    assert page["inLanguage"] == "fr"


def test_translated_place_is_served_in_its_language(client, nid):
    translate(nid, "nl", title="Het Nest", description="<p>Een speelhoek.</p>")
    html = client.get("/nl/lieux/le-nid/").content.decode()
    assert "Het Nest" in html and "Een speelhoek." in html
    assert NOTICE not in html
    assert json_ld(html)["mainEntityOfPage"]["inLanguage"] == "nl"
    # The English visitor still reads the French text, with the notice.
    english = client.get("/en/lieux/le-nid/").content.decode()
    assert "Un coin jeux." in english and NOTICE in english


def test_a_translation_under_its_own_slug_answers_at_both_addresses(client, nid):
    translate(nid, "nl", title="Het Nest", slug="het-nest")
    for path in ("/nl/lieux/het-nest/", "/nl/lieux/le-nid/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Het Nest" in response.content.decode()
    assert client.get("/nl/lieux/nergens/").status_code == 404


def test_a_french_page_asked_in_dutch_has_its_dutch_address(nid):
    with translation.override("nl"):
        assert nid.url == "/nl/lieux/le-nid/"
    assert nid.url == "/lieux/le-nid/"


def test_only_the_home_and_directory_are_copied_into_each_language(nid):
    """10,000 places stay 10,000 pages: no alias is made for untranslated ones."""
    assert PlacePage.objects.count() == 1
    for language in ("nl", "en"):
        locale = Locale.objects.get(language_code=language)
        assert nid.get_translation_or_none(locale) is None
        assert nid.get_parent().get_translation_or_none(locale) is not None


def test_an_activity_of_an_untranslated_place_is_served_under_nl(client, nid):
    activity = publish(ActivityPageFactory(parent=nid, title="Atelier comptines", slug="comptines"))
    response = client.get(f"/nl/lieux/le-nid/{activity.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Atelier comptines" in html and NOTICE in html


def test_a_translated_activity_shows_its_french_sessions_and_makes_none(client, nid):
    activity = publish(ActivityPageFactory(parent=nid, title="Atelier comptines", slug="comptines"))
    sessions = activity.occurrences.count()
    assert sessions > 0
    translated = translate(activity, "nl", title="Kinderliedjes")
    assert not Occurrence.objects.filter(activity=translated).exists()
    assert activity.occurrences.count() == sessions
    assert list(translated.upcoming_occurrences()) == list(activity.upcoming_occurrences())
    # Translating the activity brought its place along as an alias (Wagtail keeps the tree).
    html = client.get("/nl/lieux/le-nid/comptines/").content.decode()
    assert "Kinderliedjes" in html


def test_a_translation_gets_no_organiser_group_of_its_own(nid):
    translated = translate(nid, "nl", title="Het Nest")
    assert not Group.objects.filter(organised_place__place_id=translated.pk).exists()


@pytest.fixture
def place_b(commune):
    return PlacePageFactory(title="Lieu B", slug="lieu-b", commune=commune)


@pytest.fixture
def organiser(django_user_model, nid):
    user = django_user_model.objects.create_user("orga-nid", password="x")
    user.groups.add(Group.objects.get(name=organiser_group_name(nid)))
    return user


def submit_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def test_an_organiser_translates_their_own_place(client, organiser, nid):
    client.force_login(organiser)
    assert client.get(submit_url(nid)).status_code == 200
    dutch = Locale.objects.get(language_code="nl")
    response = client.post(submit_url(nid), {"locales": [dutch.pk]})
    assert response.status_code == 302
    translated = nid.get_translation(dutch)
    # Its rights on the Dutch page are those on the French one: edit, not publish.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk])).status_code == 200
    rights = translated.specific.permissions_for_user(organiser)
    assert rights.can_edit() and not rights.can_publish()


def test_an_organiser_cannot_translate_another_place(client, organiser, place_b):
    client.force_login(organiser)
    dutch = Locale.objects.get(language_code="nl")
    assert client.get(submit_url(place_b)).status_code == 403
    assert client.post(submit_url(place_b), {"locales": [dutch.pk]}).status_code == 403
    assert place_b.get_translation_or_none(dutch) is None
    # Nor edit its translation made by ONE staff.
    translated = translate(place_b, "nl", title="Plek B")
    assert not translated.permissions_for_user(organiser).can_edit()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert response.status_code in (302, 403)
