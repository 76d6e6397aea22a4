"""How meetings go at a place (directory.meeting_terms): the rules (old declarations, weekend),
the words parents read, the record that carries them in its five queries, the place page's
section, the cards, the APIs and the editor's check."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from directory.cards import place_facts
from directory.meeting_terms import MeetingTerms, fresh_since, months_before, opens_at_weekend
from directory.models import Accompaniment, RequiredDocument
from directory.place_record import Slot
from directory.records import place_records
from tests.directory.test_records import full_place
from tests.factories import CourtFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 6, 2), 3, date(2026, 3, 2)),
        (date(2026, 5, 31), 3, date(2026, 2, 28)),
        (date(2026, 2, 15), 3, date(2025, 11, 15)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_a_declaration_older_than_three_months_is_old():
    today = date(2026, 6, 2)
    assert fresh_since(today) == date(2026, 3, 2)
    assert not MeetingTerms(waiting_weeks=13, waiting_declared_on=date(2026, 3, 2)).waiting_old(
        today
    )
    assert MeetingTerms(waiting_weeks=13, waiting_declared_on=date(2026, 3, 1)).waiting_old(today)
    assert not MeetingTerms().waiting_old(today)


def test_weekend_is_a_saturday_or_sunday_slot():
    assert opens_at_weekend([Slot(5, time(10), time(12))])
    assert opens_at_weekend([Slot(0, time(10), time(12)), Slot(6, time(10), time(12))])
    assert not opens_at_weekend([Slot(4, time(10), time(12))])


@pytest.mark.parametrize(
    ("language", "fresh", "old"),
    [
        ("fr", "Attente : environ 3 mois (au ", ", à confirmer)"),
        ("nl", "Wachttijd: ongeveer 3 maanden (op ", ", te bevestigen)"),
        ("en", "Waiting time: about 3 months (as of ", ", to be confirmed)"),
    ],
)
def test_the_waiting_time_in_words(language, fresh, old):
    today = timezone.localdate()
    with translation.override(language):
        recent = MeetingTerms(waiting_weeks=13, waiting_declared_on=today - timedelta(days=3))
        assert recent.waiting_text.startswith(fresh)
        assert not recent.waiting_text.endswith(old)
        stale = MeetingTerms(waiting_weeks=13, waiting_declared_on=today - timedelta(days=120))
        assert stale.waiting_text.endswith(old)


def test_a_short_wait_is_said_in_weeks():
    terms = MeetingTerms(waiting_weeks=3, waiting_declared_on=timezone.localdate())
    with translation.override("fr"):
        assert terms.waiting_text.startswith("Attente : environ 3 semaines (au ")


def espace(commune):
    place = full_place(commune)
    place.accompaniments.set(Accompaniment.objects.filter(slug="passages-de-bras"))
    place.required_documents.set(RequiredDocument.objects.filter(slug="decision-du-juge"))
    place.courts.set([CourtFactory(slug="tpi-liege", name_fr="Tribunal de Liège", commune=commune)])
    place.prior_interview = True
    place.waiting_weeks, place.waiting_declared_on = 6, timezone.localdate() - timedelta(days=7)
    place.save()
    OpeningHoursFactory(place=place, weekday=6, opens="10:00", closes="12:00")
    return place


def test_the_record_carries_the_meetings_in_five_queries(commune):
    places = [espace(commune) for _ in range(2)]
    place_records([places[0].pk])
    with CaptureQueriesContext(connection) as captured:
        records = place_records([place.pk for place in places], "nl")
    assert len(captured) == 5
    meetings = records[0].meetings
    assert [t.name for t in meetings.accompaniments] == [
        "Overdracht van het kind van de ene ouder aan de andere"
    ]
    assert [t.slug for t in meetings.documents] == ["decision-du-juge"]
    assert [(t.slug, t.seat) for t in meetings.courts] == [("tpi-liege", "Liège")]
    assert meetings.weekend and meetings.prior_interview and meetings.waiting_weeks == 6


def test_the_card_says_waiting_weekend_and_interview(commune):
    [record] = place_records([espace(commune).pk], "fr")
    lines = place_facts(record).meetings
    assert lines[0].startswith("Attente : environ 6 semaines (au ")
    assert lines[1:] == ("Ouvert le week-end", "Entretien préalable avec chaque parent")


def test_the_place_page_says_how_meetings_go(client, commune):
    place = espace(commune)
    body = client.get(place.url).content.decode()
    assert "Comment se passent les rencontres" in body
    assert "Remise de l&#x27;enfant d&#x27;un parent à l&#x27;autre" in body
    assert "La décision du juge" in body and "Tribunal de Liège" in body
    assert "Un entretien avec chaque parent, séparément." in body


def test_a_place_without_meetings_has_no_section(client, place):
    assert "Comment se passent les rencontres" not in client.get(place.url).content.decode()


def test_the_detail_api_gives_the_meetings(client, commune):
    place = espace(commune)
    body = client.get(f"/api/v1/places/{place.pk}/").json()
    meetings = body["meetings"]
    assert meetings["accompaniments"][0]["slug"] == "passages-de-bras"
    assert meetings["required_documents"][0]["slug"] == "decision-du-juge"
    assert meetings["courts"] == [{"slug": "tpi-liege", "name": "Tribunal de Liège"}]
    assert meetings["waiting"]["weeks"] == 6 and meetings["waiting"]["old"] is False
    assert meetings["weekend"] and meetings["prior_interview"]


def test_a_waiting_time_needs_its_date(place):
    place.waiting_weeks = 4
    with pytest.raises(ValidationError) as raised:
        place.full_clean()
    assert "waiting_declared_on" in raised.value.message_dict
