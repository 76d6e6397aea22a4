"""The organiser's short to-do of what would make their listings more useful
(organisers.listing_quality, directory.quality), on their dashboard and in the place's editor."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from directory.models import AccessibilityFeature, Language, PlacePage
from directory.roles import organiser_group
from tests.factories import OpeningHoursFactory, PlacePageFactory, publish

pytestmark = pytest.mark.django_db

LONG = "<p>" + "Un lieu où parents et petits jouent ensemble, sans rendez-vous. " * 5 + "</p>"


def organised(user, commune, **fields):
    place = publish(PlacePageFactory(commune=commune, **fields))
    user.groups.add(organiser_group(place))
    return place


def test_the_dashboard_says_what_to_add_in_plain_words(client, organiser_a, commune):
    place = organised(organiser_a, commune, title="Le Nid", phone="")
    client.force_login(organiser_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    score = PlacePage.objects.get(pk=place.pk).quality_score
    assert (
        f"Améliorer la fiche de « Le Nid » ({score}/100) : ajoutez un téléphone ; décrivez le "
        "lieu en 200 caractères au moins ; indiquez les heures d&#x27;ouverture"
    ) in html
    assert reverse("wagtailadmin_pages:edit", args=[place.pk]) in html


def test_the_dashboard_speaks_the_organisers_language(client, organiser_a, commune):
    organised(organiser_a, commune, title="Le Nid", phone="")
    UserProfile.objects.update_or_create(user=organiser_a, defaults={"preferred_language": "nl"})
    client.force_login(organiser_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "voeg een telefoonnummer toe" in html


def test_a_complete_listing_has_nothing_to_do(client, organiser_a, commune):
    place = organised(organiser_a, commune, title="Le Nid", phone="04 222 33 44", description=LONG)
    place.languages.set(Language.objects.filter(code="fr"))
    place.accessibility.set(AccessibilityFeature.objects.all()[:1])
    OpeningHoursFactory(place=place, weekday=1)
    publish(place)
    client.force_login(organiser_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # Only its photo is missing.
    assert "(95/100) : ajoutez une photo du lieu" in html


def test_an_old_verification_is_left_to_the_confirmation_item(client, organiser_a, commune):
    place = organised(organiser_a, commune, title="Le Nid")
    PlacePage.objects.filter(pk=place.pk).update(verified_at=timezone.now().replace(year=2000))
    client.force_login(organiser_a)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Confirmer la fiche de « Le Nid »" in html
    assert "confirmez que les informations sont à jour" not in html


def test_the_editor_shows_the_score_and_the_whole_to_do(client, organiser_a, commune):
    place = organised(organiser_a, commune, title="Le Nid", phone="")
    client.force_login(organiser_a)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[place.pk])).content.decode()
    assert "Qualité de la fiche" in html
    assert f"{PlacePage.objects.get(pk=place.pk).quality_score} sur 100" in html
    assert 'data-todo="contact">Ajoutez un téléphone</li>' in html
    assert 'data-todo="photo">Ajoutez une photo du lieu</li>' in html
