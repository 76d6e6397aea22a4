"""The place's public record (directory.records): built from query rows in a fixed number of
queries, with the discreet rule inside it, saying what the page instances say."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from directory.models import AccessibilityFeature, ClosurePeriod, Language, PlacePage
from directory.place_record import Closure, Slot, Term
from directory.records import place_records
from tests.directory.test_translations import translate
from tests.factories import OpeningHoursFactory, PlacePageFactory, objective, programme

pytestmark = pytest.mark.django_db


def full_place(commune, **fields):
    place = PlacePageFactory(
        commune=commune,
        programmes=[programme(), programme("consultations-enfants")],
        objectives=[objective("sante-parentalite"), objective("passerelles")],
        **fields,
    )
    place.languages.set(Language.objects.filter(code__in=["fr", "ar"]))
    place.accessibility.set(AccessibilityFeature.objects.filter(step_free=True)[:1])
    OpeningHoursFactory(place=place, weekday=3, opens="14:00", closes="17:00")
    OpeningHoursFactory(place=place, weekday=0, opens="09:00", closes="12:00")
    today = date.today()
    ClosurePeriod.objects.create(
        place=place, start_date=today - timedelta(days=9), end_date=today - timedelta(days=2)
    )
    ClosurePeriod.objects.create(
        place=place, start_date=today + timedelta(days=5), end_date=today + timedelta(days=9)
    )
    return place


def test_the_record_says_what_the_page_says(commune):
    place = full_place(
        commune, phone="+32 4 222 33 44", email="a@b.example", website="https://b.example"
    )
    place.fee_kind, place.fee_amount, place.price = "paid", Decimal("2.50"), "par visite"
    place.save()
    [record] = place_records([place.pk], language="fr")
    page = PlacePage.objects.get(pk=place.pk)
    assert (record.id, record.name, record.url, record.full_url) == (
        page.pk,
        page.title,
        page.url,
        page.full_url,
    )
    assert record.description == page.description
    assert (record.street_address, record.postcode, record.email) == (
        page.street_address,
        "4000",
        "a@b.example",
    )
    assert (record.commune.code, record.commune.name) == ("62063", "Liège")
    assert record.location == page.public_location
    assert record.programmes == tuple(
        Term(p.slug, p.name, p.name_fr) for p in page.programmes.all()
    )
    assert record.objectives == tuple(
        Term(o.slug, o.name, o.name_fr) for o in page.objectives.all()
    )
    assert [term.slug for term in record.languages] == [lang.code for lang in page.languages.all()]
    assert [term.name for term in record.languages] == [lang.name for lang in page.languages.all()]
    assert record.accessibility == tuple(
        Term(a.slug, a.name, a.name_fr, a.step_free) for a in page.accessibility.all()
    )
    assert [s.weekday for s in record.opening_hours] == [0, 3]
    assert record.opening_hours[0] == Slot(
        0, page.opening_hours.first().opens, page.opening_hours.first().closes
    )
    assert len(record.closures) == 1 and record.closures[0].start_date > date.today()
    assert isinstance(record.closures[0], Closure)
    assert record.fee_text == page.fee_text == "2,50 € — par visite"
    assert record.ages_text == page.ages_text
    assert record.verified_on == (page.verified_at or page.last_published_at)


def test_a_discreet_place_keeps_its_whereabouts_in_the_record(discreet_place):
    [record] = place_records([discreet_place.pk])
    assert record.discreet
    assert (record.street_address, record.postcode, record.email) == (None, None, None)
    assert record.location.approximate
    assert record.location.point == (
        float(discreet_place.commune.latitude),
        float(discreet_place.commune.longitude),
    )


def test_records_are_in_the_visitors_language(commune):
    place = full_place(commune)
    translate(place, "nl", title="Het Nest", description="<p>Een speelhoek.</p>")
    with translation.override("nl"):
        [record] = place_records([place.pk])
        page = PlacePage.objects.get(pk=place.pk)
        assert record.url == page.url
        assert record.url.startswith("/nl/")
        assert record.commune.name == "Luik"
        assert [term.name for term in record.programmes] == [p.name for p in page.programmes.all()]
    assert (record.language, record.name, record.description) == (
        "nl",
        "Het Nest",
        "<p>Een speelhoek.</p>",
    )
    [english] = place_records([place.pk], language="en")
    assert english.name == place.title


def test_records_cost_five_queries_whatever_the_number_of_places(commune):
    places = [full_place(commune) for _ in range(2)]
    place_records([places[0].pk])  # the site's root paths, read once into the cache

    def count(ids):
        with CaptureQueriesContext(connection) as captured:
            records = place_records(ids)
        assert [record.id for record in records] == ids
        return len(captured)

    few = count([place.pk for place in places])
    places += [full_place(commune) for _ in range(10)]
    # The places, their terms, their hours and closures, their notices, the live rooms of their
    # sessions (directory.records, directory.live_room).
    assert count([place.pk for place in reversed(places)]) == few == 5


def test_a_place_deleted_since_its_id_was_read_is_left_out(place):
    assert [record.id for record in place_records([place.pk, 2**31 - 1])] == [place.pk]


def test_the_way_by_public_transport_is_shown_in_the_visitors_language(client, commune):
    place = PlacePageFactory(commune=commune, public_transport="Bus 4, arrêt Place du Marché")
    assert (
        'En transports en commun : <span lang="fr" dir="ltr">Bus 4, arrêt Place du Marché</span>'
        in client.get(place.url).content.decode()
    )
    translate(place, "nl", title="Het Nest", public_transport="Bus 4, halte Marktplein")
    with translation.override("nl"):
        html = client.get(place.url).content.decode()
    # Marked with the language of the text, which may differ from the interface's.
    assert 'Met het openbaar vervoer: <span lang="nl" dir="ltr">Bus 4, halte Marktplein' in html


def test_a_discreet_place_gives_no_stop_near_it(client, discreet_place):
    discreet_place.public_transport = "Tram 2, arrêt Rue Cachée"
    discreet_place.save()
    [record] = place_records([discreet_place.pk])
    assert record.public_transport is None
    assert "Rue Cachée" not in client.get(discreet_place.url).content.decode()
