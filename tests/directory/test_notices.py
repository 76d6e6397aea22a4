"""A place's notices (directory.models.notices): a fact of its record, from its announcement 14
days ahead to its end day, then gone by itself; on its page, its card, the map's popup, the
APIs, its JSON-LD; read back from a search document on the day the document is read."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from directory.models import PlaceNotice
from directory.records import place_records
from directory.search.documents import record_document, record_from_document
from directory.search.index import PlaceSummary
from directory.search.map_points import map_feature
from tests.directory.test_translations import translate
from tests.factories import publish

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
# Wednesday 3 March 2027, 10:00 in Brussels.
WEDNESDAY = datetime(2027, 3, 3, 10, 0, tzinfo=BRUSSELS)
WORKS = "Travaux : l'accueil a lieu à la maison de quartier."


@pytest.fixture
def clock():
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        yield traveller


def notice(place, start, end, kind="moved", **messages):
    return PlaceNotice.objects.create(
        place=place, kind=kind, start_date=start, end_date=end, **messages
    )


def test_the_record_carries_notices_not_ended_and_shows_those_announced(clock, place):
    notice(place, date(2027, 2, 1), date(2027, 3, 2), message_fr="Fini hier")
    notice(place, date(2027, 3, 1), date(2027, 3, 12), message_fr=WORKS)
    notice(place, date(2027, 3, 15), date(2027, 3, 15), kind="closed")
    notice(place, date(2027, 4, 1), date(2027, 4, 2), message_fr="Trop tôt pour le dire")
    [record] = place_records([place.pk], language="fr")
    assert [n.start_date for n in record.notices] == [
        date(2027, 3, 1),
        date(2027, 3, 15),
        date(2027, 4, 1),
    ]
    moved, closed = record.announced_notices
    assert (moved.kind, moved.message, moved.current) == ("moved", WORKS, True)
    assert moved.summary == "Déplacé temporairement, jusqu'au 12 mars"
    assert (closed.current, closed.summary) == (False, "Fermé temporairement, le 15 mars")
    assert not record.temporarily_closed
    # Its end day is the last it is read; the day after, nothing is left of it.
    clock.move_to(datetime(2027, 3, 15, 18, 0, tzinfo=BRUSSELS))
    [record] = place_records([place.pk], language="fr")
    assert [n.kind for n in record.announced_notices] == ["closed"]
    assert record.temporarily_closed
    clock.move_to(datetime(2027, 4, 3, 9, 0, tzinfo=BRUSSELS))
    assert place_records([place.pk], language="fr")[0].notices == ()


def test_the_message_in_the_visitor_s_language_else_french_else_the_one_written(clock, place):
    notice(place, date(2027, 3, 1), date(2027, 3, 5), message_fr="Fermé", message_nl="Gesloten")
    notice(place, date(2027, 3, 2), date(2027, 3, 5), message_nl="Alleen in het Nederlands")
    fr, nl_only = place_records([place.pk], language="en")[0].notices
    assert (fr.message, nl_only.message) == ("Fermé", "Alleen in het Nederlands")
    assert place_records([place.pk], language="nl")[0].notices[0].message == "Gesloten"


def test_a_translation_shows_the_french_page_s_notices(clock, place):
    notice(place, date(2027, 3, 1), date(2027, 3, 5), message_fr="Fermé", message_nl="Gesloten")
    dutch = translate(publish(place), "nl", title="Het Huis")
    [record] = place_records([dutch.pk], language="nl")
    assert [n.message for n in record.notices] == ["Gesloten"]


def test_a_document_read_later_keeps_what_is_not_ended_on_that_day(clock, place):
    notice(place, date(2027, 3, 1), date(2027, 3, 4), message_fr="Cette semaine")
    notice(place, date(2027, 3, 25), date(2027, 3, 26), kind="closed")
    [record] = place_records([place.pk], language="fr")
    document = json.loads(json.dumps(record_document(record)))
    assert record_from_document(document) == record
    # Nine days later: the first has ended, the second is now announced.
    clock.move_to(datetime(2027, 3, 12, 9, 0, tzinfo=BRUSSELS))
    later = record_from_document(document)
    assert [(n.kind, n.current) for n in later.announced_notices] == [("closed", False)]


def test_the_place_page_says_it_near_the_top(clock, client, place):
    notice(place, date(2027, 3, 1), date(2027, 3, 12), message_fr=WORKS)
    soup = BeautifulSoup(client.get(publish(place).url).content, "html.parser")
    status = soup.select_one("article.place [role=status]")
    assert "Déplacé temporairement, jusqu'au 12 mars" in status.get_text(" ")
    assert WORKS in status.get_text(" ")
    # Before the description and the hours.
    assert status.find_next(class_="place__description") is not None


def test_a_card_and_the_map_s_popup_say_it(clock, client, place):
    notice(place, date(2027, 3, 1), date(2027, 3, 12), kind="closed", message_fr=WORKS)
    publish(place)
    soup = BeautifulSoup(client.get("/lieux/").content, "html.parser")
    card = soup.select_one(".place-card__notice").get_text(" ")
    assert "Fermé temporairement, jusqu'au 12 mars" in card and WORKS in card
    [record] = place_records([place.pk], language="fr")
    feature = map_feature(PlaceSummary(record))
    assert feature["notice"] == f"Fermé temporairement, jusqu'au 12 mars : {WORKS}"
    # A place without a notice: no key at all.
    PlaceNotice.objects.all().delete()
    assert "notice" not in map_feature(PlaceSummary(place_records([place.pk])[0]))


def test_the_apis_say_it(clock, client, place):
    notice(place, date(2027, 3, 1), date(2027, 3, 12), kind="hours", message_fr="De 9 h à 11 h")
    publish(place)
    expected = [
        {
            "kind": "hours",
            "label": "Horaires modifiés",
            "start_date": "2027-03-01",
            "end_date": "2027-03-12",
            "message": "De 9 h à 11 h",
        }
    ]
    assert client.get(f"/api/v1/places/{place.pk}/").json()["notices"] == expected
    [listed] = client.get("/api/v1/places/").json()["results"]
    assert listed["notices"] == expected
    schema = client.get("/api/v1/schema/").json()
    assert "NoticeOut" in schema["components"]["schemas"]


def test_json_ld_says_a_closure_for_works_as_special_opening_hours(clock, client, place):
    notice(place, date(2027, 3, 1), date(2027, 3, 12), kind="closed", message_fr="Travaux")
    notice(place, date(2027, 3, 1), date(2027, 3, 12), kind="other", message_fr="Nouveau jeu")
    soup = BeautifulSoup(client.get(publish(place).url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2027-03-01",
            "validThrough": "2027-03-12",
            "opens": "00:00",
            "closes": "00:00",
            "description": "Fermé temporairement, jusqu'au 12 mars : Travaux",
        }
    ]
