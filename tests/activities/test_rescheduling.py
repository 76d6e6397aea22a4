"""An organiser moves one session (day, time or place) as one action: families are told the old
and the new in their language, by e-mail and by text when they chose texts; the .ics keeps the
UID with a raised SEQUENCE; the schedule leaves the session where it was moved; the session's
public record, the API and JSON-LD say `rescheduled` with its previous start; searches find it
on its new day, on both engines."""

import json
import re
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from icalendar import Calendar

from activities.calendars import occurrence_uid
from activities.models import Occurrence, Registration
from activities.occurrences import cancel_occurrence, sync_activity
from activities.registrations import Family, register
from activities.rescheduling import CannotReschedule, reschedule_occurrence
from activities.search.index import SESSIONS
from core import texting
from core.search.indexing import rebuild
from core.search.transport import Transport
from tests.activities.conftest import BRUSSELS, WORKSHOP_DAY
from tests.factories import PlacePageFactory, publish
from tests.search_world import use_cluster, use_database

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

BASE = "http://testserver/"
# Wednesday 10 March 2027 at 10:00 moves to Thursday 11 March at 14:30.
SECOND = date(2027, 3, 10)
NEW_START = datetime(2027, 3, 11, 14, 30, tzinfo=BRUSSELS)
NEW_END = NEW_START + timedelta(hours=2)


@pytest.fixture
def workshop(clock, place, workshop_at):
    return workshop_at(place, capacity=5)


@pytest.fixture
def session(workshop) -> Occurrence:
    return Occurrence.objects.get(activity=workshop, date=SECOND)


def registered(session, capture, language="fr", **fields) -> Registration:
    with capture(execute=True), translation.override(language):
        family = Family("Famille Janssens", "janssens@example.org", "", 1, "2 ans", language)
        registration = register(session.pk, family, BASE).registration
    if fields:
        Registration.objects.filter(pk=registration.pk).update(**fields)
    mail.outbox.clear()
    texting.outbox.clear()
    return registration


def test_moving_a_session_tells_old_and_new_with_the_same_uid_and_a_raised_sequence(
    session, place, django_capture_on_commit_callbacks
):
    registered(session, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert reschedule_occurrence(session, NEW_START, NEW_END, place)
    (message,) = mail.outbox
    assert message.subject == "Séance déplacée : Atelier portage, maintenant le 11/03/2027 14:30"
    assert "Avant : mercredi 10 mars 2027, 10:00 – 12:00" in message.body
    assert "Maintenant : jeudi 11 mars 2027, 14:30 – 16:30" in message.body
    (attachment,) = message.attachments
    calendar = Calendar.from_ical(attachment[1])
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == occurrence_uid(session)
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == NEW_START
    assert "Séance déplacée. Avant : mercredi 10 mars 2027, 10:00." in str(event["DESCRIPTION"])
    session.refresh_from_db()
    assert session.previous_start == datetime(2027, 3, 10, 10, 0, tzinfo=BRUSSELS)
    assert session.public_status == "rescheduled"


def test_families_are_told_in_their_language_by_email_and_text(
    session, place, django_capture_on_commit_callbacks
):
    registered(session, django_capture_on_commit_callbacks, "nl", texts=True, phone="+32470123456")
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_occurrence(session, NEW_START, NEW_END, place)
    (message,) = mail.outbox
    assert "Vroeger: woensdag 10 maart 2027, 10:00" in message.body
    assert "Nu: donderdag 11 maart 2027, 14:30" in message.body
    assert "woensdag 10 maart 2027" in message.body and "donderdag 11 maart 2027" in message.body
    (attachment,) = message.attachments
    (event,) = Calendar.from_ical(attachment[1]).walk("VEVENT")
    assert "Sessie verplaatst. Eerst: woensdag 10 maart 2027, 10:00." in str(event["DESCRIPTION"])
    ((number, text),) = texting.outbox
    assert number == "+32470123456"
    assert text.startswith("Sessie verplaatst:")
    assert "eerst wo 10/03 10:00" in text and "nu do 11/03 14:30" in text


def test_moving_to_another_place_says_the_place_before(
    session, place, commune, django_capture_on_commit_callbacks
):
    registered(session, django_capture_on_commit_callbacks)
    hall = publish(PlacePageFactory(title="Salle des fêtes", commune=commune))
    start = datetime(2027, 3, 10, 10, 0, tzinfo=BRUSSELS)
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_occurrence(session, start, start + timedelta(hours=2), hall)
    (message,) = mail.outbox
    assert "Lieu d'avant : La Maison des Petits Pas" in message.body
    assert "Où : Salle des fêtes" in message.body


def test_the_schedule_leaves_a_moved_session_where_it_was_moved(
    workshop, session, place, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_occurrence(session, NEW_START, NEW_END, place)
    publish(workshop)
    sync_activity(workshop)
    session.refresh_from_db()
    assert (session.start, session.sequence) == (NEW_START, 1)


def test_what_cannot_be_moved(session, place, clock):
    cancel_occurrence(session, "Grève")
    with pytest.raises(CannotReschedule, match="cancelled"):
        reschedule_occurrence(session, NEW_START, NEW_END, place)
    other = Occurrence.objects.get(activity=session.activity, date=WORKSHOP_DAY)
    with pytest.raises(CannotReschedule, match="end"):
        reschedule_occurrence(other, NEW_START, NEW_START, place)
    with pytest.raises(CannotReschedule, match="past"):
        reschedule_occurrence(other, NEW_START - timedelta(days=30), NEW_END, place)
    assert not reschedule_occurrence(other, other.start, other.end, place)


def json_ld(page: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S).group(1)
    )


def test_the_page_api_and_json_ld_say_rescheduled_with_the_previous_start(
    client, workshop, place, clock, django_capture_on_commit_callbacks
):
    first = Occurrence.objects.get(activity=workshop, date=WORKSHOP_DAY)
    start = datetime(2027, 3, 4, 15, 0, tzinfo=BRUSSELS)
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_occurrence(first, start, start + timedelta(hours=2), place)
    page = client.get(workshop.url).content.decode()
    assert "Déplacée" in page and "prévue avant le" in page
    data = json_ld(page)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2027-03-03T10:00:00+01:00"
    assert data["startDate"] == "2027-03-04T15:00:00+01:00"
    found = client.get("/api/v1/activities/", {"from": "2027-03-01", "to": "2027-03-12"}).json()
    by_id = {result["id"]: result for result in found["results"]}
    assert by_id[first.pk]["status"] == "rescheduled"
    assert by_id[first.pk]["previous_start"] == "2027-03-03T10:00:00+01:00"
    others = [r["status"] for pk, r in by_id.items() if pk != first.pk]
    assert others and set(others) == {"scheduled"}


def test_the_activity_feed_overrides_the_moved_day(
    client, workshop, session, place, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_occurrence(session, NEW_START, NEW_END, place)
    calendar = Calendar.from_ical(client.get(f"{workshop.url}calendar.ics").content)
    series, moved = calendar.walk("VEVENT")
    assert moved["UID"] == series["UID"]
    assert moved.decoded("RECURRENCE-ID") == datetime(2027, 3, 10, 10, 0, tzinfo=BRUSSELS)
    assert moved.decoded("DTSTART") == NEW_START
    assert moved["SEQUENCE"] == 1


def test_an_organiser_moves_a_session_from_the_admin(
    client, organiser, session, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    url = f"/admin/activities/{session.activity_id}/seances/{session.pk}/deplacer/"
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "date": "2027-03-11",
            "start_time": "16:00",
            "end_time": "15:00",
            "place": session.place_id,
        },
    )
    assert bad.status_code == 400 and "La fin doit suivre le début." in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "date": "2027-03-11",
                "start_time": "14:30",
                "end_time": "16:30",
                "place": session.place_id,
            },
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.start == NEW_START


def test_someone_elses_session_cannot_be_moved(client, django_user_model, session):
    stranger = django_user_model.objects.create_superuser("x", password="x")
    stranger.is_superuser = False
    stranger.save()
    client.force_login(stranger)
    url = f"/admin/activities/{session.activity_id}/seances/{session.pk}/deplacer/"
    assert client.get(url).status_code in (302, 403)


def test_the_reminder_goes_the_day_before_the_new_day(
    session, place, clock, django_capture_on_commit_callbacks
):
    registered(session, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_occurrence(session, NEW_START, NEW_END, place)
    mail.outbox.clear()
    clock.move_to(datetime(2027, 3, 9, 18, 0, tzinfo=BRUSSELS))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_registrations", stdout=StringIO())
    assert mail.outbox == []
    clock.move_to(datetime(2027, 3, 10, 18, 0, tzinfo=BRUSSELS))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_registrations", stdout=StringIO())
    (reminder,) = mail.outbox
    assert "jeudi 11 mars 2027, 14:30" in reminder.body


@pytest.mark.parametrize("engine", ["database", "cluster"])
def test_a_session_moved_to_another_day_is_found_on_that_day(
    client, session, place, settings, request, engine, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_occurrence(session, NEW_START, NEW_END, place)
    if engine == "cluster":
        config = request.getfixturevalue("cluster_config")
        use_cluster(settings, config)
        for _progress in rebuild(Transport(config), SESSIONS):
            pass
    else:
        use_database(settings)

    def found(**params) -> set[int]:
        body = client.get("/api/v1/activities/", params).json()
        assert body["engine"] == engine
        return {result["id"] for result in body["results"]}

    assert session.pk in found(day="thu", **{"from": "2027-03-08", "to": "2027-03-14"})
    assert session.pk not in found(day="wed", **{"from": "2027-03-08", "to": "2027-03-14"})
    assert session.pk in found(**{"from": "2027-03-11", "to": "2027-03-11"})
    assert session.pk not in found(**{"from": "2027-03-10", "to": "2027-03-10"})
