"""A listing's quality (directory.quality): each rule read from the public record, each able to
fail, a discreet place not penalised for what it hides; the stored score follows the record
(publication, verification, time passing)."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Image

from directory.freshness import mark_verified
from directory.models import AccessibilityFeature, Language, PlacePage, PlacePhoto
from directory.quality import RULES, description_length, quality_of, refresh_scores
from directory.records import place_records
from tests.factories import OpeningHoursFactory, PlacePageFactory, publish

pytestmark = pytest.mark.django_db

LONG = "<p>" + "Un lieu où parents et petits jouent ensemble, sans rendez-vous. " * 5 + "</p>"


def complete_place(commune, **fields):
    fields = {"description": LONG, "phone": "04 222 33 44", **fields}
    place = PlacePageFactory(commune=commune, **fields)
    place.languages.set(Language.objects.filter(code="fr"))
    place.accessibility.set(AccessibilityFeature.objects.all()[:1])
    place.save()
    OpeningHoursFactory(place=place, weekday=1)
    image = Image.objects.create(title="Accueil", width=10, height=10, file="original/a.jpg")
    PlacePhoto.objects.create(place=place, image=image, alt_text="L'accueil", sort_order=0)
    PlacePage.objects.filter(pk=place.pk).update(verified_at=timezone.now())
    refresh_scores([place.pk])
    return place


def record_of(place):
    [record] = place_records([place.pk], "fr")
    return record


def test_the_weights_add_up_to_100_and_each_rule_is_once():
    assert sum(rule.weight for rule in RULES) == 100
    assert len({rule.key for rule in RULES}) == len(RULES)


def test_a_complete_listing_scores_100_with_nothing_to_do(commune):
    quality = quality_of(record_of(complete_place(commune)))
    assert (quality.score, quality.todo) == (100, ())


@pytest.mark.parametrize(
    ("changes", "rule", "advice"),
    [
        ({"street_address": ""}, "address", "donnez la rue et le numéro du lieu"),
        ({"phone": "", "email": None}, "contact", "ajoutez un téléphone"),
        (
            {"description": "<p>Un lieu.</p>"},
            "description",
            "décrivez le lieu en 200 caractères au moins",
        ),
        (
            {"description": "<p>" + "a" * 2001 + "</p>"},
            "description",
            "raccourcissez la description à 2 000 caractères au plus",
        ),
        ({"verified_on": None}, "recent", "confirmez que les informations sont à jour"),
        ({"opening_hours": ()}, "hours", "indiquez les heures d'ouverture"),
        (
            {"accessibility": ()},
            "accessibility",
            "dites si le lieu est accessible (fauteuil, poussette…)",
        ),
        ({"languages": ()}, "languages", "indiquez les langues parlées"),
        ({"photos": 0}, "photo", "ajoutez une photo du lieu"),
    ],
)
def test_each_rule_can_fail_and_says_what_to_do(commune, changes, rule, advice):
    record = replace(record_of(complete_place(commune)), **changes)
    quality = quality_of(record)
    weight = next(r.weight for r in RULES if r.key == rule)
    assert quality.score == 100 - weight
    assert quality.todo == ((rule, advice),)


def test_a_point_of_the_communes_is_a_rule_that_fails(commune):
    quality = quality_of(record_of(complete_place(commune, latitude=None, longitude=None)))
    assert quality.missing == ("point",)


def test_a_verification_older_than_the_freshness_period_fails(commune, settings):
    place = complete_place(commune)
    old = timezone.now() - timedelta(days=31 * settings.FRESHNESS["months"] + 1)
    PlacePage.objects.filter(pk=place.pk).update(verified_at=old)
    assert quality_of(record_of(place)).missing == ("recent",)


def test_the_description_is_counted_as_text_without_tags_or_entities(commune):
    record = replace(record_of(complete_place(commune)), description="<p>L&#x27;<b>été</b></p>")
    assert description_length(record) == len("L'été")


def test_a_discreet_place_is_not_penalised_for_hiding_its_address_point_and_email(commune):
    place = complete_place(commune, is_discreet=True, phone="", email="accueil@example.org")
    record = record_of(place)
    assert (record.street_address, record.email) == (None, None)
    # Its hidden e-mail is no contact for families: the phone is the way in.
    assert quality_of(record).todo == (("contact", "ajoutez un téléphone"),)


def test_the_heaviest_rules_come_first_in_the_to_do(commune):
    record = replace(record_of(complete_place(commune)), photos=0, phone="", street_address=None)
    assert quality_of(record).missing == ("contact", "address", "photo")


def test_refreshing_stores_the_score_and_says_which_changed(commune):
    place = complete_place(commune)
    assert PlacePage.objects.get(pk=place.pk).quality_score == 100
    PlacePage.objects.filter(pk=place.pk).update(quality_score=3)
    assert refresh_scores([place.pk]) == [place.pk]
    assert refresh_scores([place.pk]) == []
    assert PlacePage.objects.get(pk=place.pk).quality_score == 100


def test_refreshing_a_batch_costs_the_same_queries_as_one_place(commune):
    one = [complete_place(commune).pk]
    many = [complete_place(commune).pk for _ in range(4)]
    PlacePage.objects.update(quality_score=0)
    with CaptureQueriesContext(connection) as first:
        refresh_scores(one)
    with CaptureQueriesContext(connection) as second:
        refresh_scores(many)
    # The second batch's reads are the first's; only its signal's second pass reads again.
    assert len(second) == len(first)


def test_a_publication_refreshes_the_score(commune):
    place = complete_place(commune)
    place.phone = ""
    publish(place)
    assert PlacePage.objects.get(pk=place.pk).quality_score == 80


def test_a_verification_refreshes_the_score(commune, settings):
    place = complete_place(commune)
    old = timezone.now() - timedelta(days=31 * settings.FRESHNESS["months"] + 1)
    PlacePage.objects.filter(pk=place.pk).update(verified_at=old)
    refresh_scores([place.pk])
    assert PlacePage.objects.get(pk=place.pk).quality_score == 85
    mark_verified(place.pk)
    assert PlacePage.objects.get(pk=place.pk).quality_score == 100


def test_the_nightly_command_follows_time_passing(commune, settings):
    place = complete_place(commune)
    old = timezone.now() - timedelta(days=31 * settings.FRESHNESS["months"] + 1)
    # As if the months had passed without anything changing the record.
    PlacePage.objects.filter(pk=place.pk).update(verified_at=old)
    call_command("refresh_quality_scores", "--no-progress")
    assert PlacePage.objects.get(pk=place.pk).quality_score == 85
