"""Finding likely duplicate places on publication and at import (directory/duplicates.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.duplicates import find_duplicates, likeness, name_key, phone_key
from directory.importing import import_places
from directory.models import DuplicateCandidate
from directory.models.duplicates import DuplicateSource, DuplicateStatus
from tests.factories import CommuneFactory, PlacePageFactory, publish


def row(title, phone="", street_address="", email=""):
    return {"title": title, "phone": phone, "street_address": street_address, "email": email}


def test_names_are_compared_without_the_words_every_place_shares():
    assert name_key("Lieu de Rencontre Enfants-Parents « Les Petits Pas »") == "petits pas"
    assert phone_key("+32 4 222 33 44") == phone_key("04/222.33.44", "BE") == "+3242223344"
    assert phone_key("03 20 00 00 00", "FR") == "+33320000000"
    assert phone_key("112") == ""


def test_alike_names_make_a_pair_with_their_reasons():
    found = likeness(
        row("Les Petits Pas", "04 222 33 44", "Rue Haute 12"),
        row("LES PETITS PAS asbl", "+32 4 222 33 44", "rue haute 12"),
    )
    assert found is not None
    assert found.reasons == ["name", "phone", "address"]
    assert 0.8 < found.score <= 1


def test_a_shared_phone_alone_or_the_same_street_at_another_number_is_no_pair():
    assert likeness(row("Le Nid", "04 222 33 44"), row("La Ribambelle", "04 222 33 44")) is None
    assert (
        likeness(
            row("Le Nid", street_address="Rue Haute 1"),
            row("La Ribambelle", street_address="Rue Haute 12"),
        )
        is None
    )


def test_phone_and_address_together_make_a_pair_whatever_the_names():
    found = likeness(
        row("Maison verte", "04 222 33 44", "Rue Haute 12"),
        row("Espace Bambins", "042223344", "Rue Haute 12"),
    )
    assert found is not None and found.reasons == ["phone", "address"]


@pytest.mark.django_db
def test_publishing_a_place_finds_its_twin_in_the_same_commune_only(commune):
    elsewhere = CommuneFactory(name_fr="Namur", code="92094")
    twin = publish(PlacePageFactory(title="Les Petits Pas", commune=commune))
    publish(
        PlacePageFactory(
            title="Les Petits Pas", slug="ailleurs", commune=elsewhere, postcode="5000"
        )
    )
    assert not DuplicateCandidate.objects.exists()
    place = publish(PlacePageFactory(title="Les petits pas", commune=commune, slug="petits-pas-2"))
    pair = DuplicateCandidate.objects.get()
    assert {pair.first_id, pair.second_id} == {twin.pk, place.pk}
    assert pair.first_id < pair.second_id
    assert (pair.status, pair.found_by, pair.reasons) == (
        DuplicateStatus.OPEN,
        DuplicateSource.PUBLISH,
        ["name"],
    )


@pytest.mark.django_db
def test_a_dismissed_pair_is_not_proposed_again(commune):
    publish(PlacePageFactory(title="Les Petits Pas", commune=commune))
    place = publish(PlacePageFactory(title="Les petits pas", commune=commune, slug="petits-pas-2"))
    DuplicateCandidate.objects.update(status=DuplicateStatus.DISMISSED)
    publish(place)
    assert find_duplicates([place.pk]) == []
    assert DuplicateCandidate.objects.get().status == DuplicateStatus.DISMISSED


@pytest.mark.django_db
def test_finding_costs_the_same_queries_for_one_place_or_many(commune):
    places = [
        PlacePageFactory(
            title=f"Les Petits Pas {chr(65 + n)}", commune=commune, phone="04 222 33 44"
        )
        for n in range(8)
    ]
    with CaptureQueriesContext(connection) as one:
        find_duplicates([places[0].pk])
    DuplicateCandidate.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        find_duplicates([place.pk for place in places])
    assert len(many) == len(one) <= 8
    assert DuplicateCandidate.objects.count() == 8 * 7 // 2


@pytest.mark.django_db
def test_an_import_marks_the_pairs_it_finds(small_gazetteer):
    liege = small_gazetteer["liege"]
    publish(PlacePageFactory(title="Les Petits Pas", commune=liege, postcode="4000"))
    rows = [
        (
            2,
            {
                "external_id": "ONE-77",
                "name": "Les petits pas",
                "programmes": "lieux-rencontre-enfants-parents",
                "postcode": "4000",
                "commune": "Liège",
                "description": "Un espace de jeu.",
            },
        )
    ]
    report = import_places(rows, dry_run=False)
    assert report.rows[0].action == "create", report.rows[0].reasons
    pair = DuplicateCandidate.objects.get()
    assert pair.found_by == DuplicateSource.IMPORT
