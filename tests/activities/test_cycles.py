"""Cycles: six « massage bébé » sessions with ONE registration for all (kept on the first
session, its seats counted once), presence per session, a cancelled session told to the cycle's
families, the .ics linking the sessions (RELATED-TO, RFC 9253), the JSON-LD's subEvent and
superEvent, the public pages saying it is a cycle with its dates, the data kept until the
cycle's end."""

import json
import re
from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from icalendar import Calendar

from activities.calendars import activity_uid, occurrence_uid, session_invitation
from activities.choices import Ends, RegistrationStatus
from activities.cycles import anchors_of
from activities.models import Occurrence, Presence, Registration
from activities.occurrences import cancel_occurrence
from activities.presence import note_presence
from activities.registrations import Family, RegistrationClosed, register
from tests.activities.conftest import WORKSHOP_DAY
from tests.factories import ActivityPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

BASE = "http://testserver/"


@pytest.fixture
def cycle(clock, place, workshop_at):
    """Six Wednesdays from WORKSHOP_DAY, two families of two children."""
    return workshop_at(place, is_cycle=True, ends=Ends.COUNT, count=6, capacity=4)


def sessions(cycle) -> list[Occurrence]:
    return list(Occurrence.objects.filter(activity=cycle).order_by("date"))


def family(n: int) -> Family:
    return Family(f"Famille {n}", f"famille{n}@example.org", "", 2, "8 mois et 3 ans", "fr")


def test_a_cycle_has_an_end():
    activity = ActivityPageFactory.build(is_cycle=True, ends=Ends.NEVER, title="Massage bébé")
    with pytest.raises(ValidationError) as error:
        activity.clean()
    assert "ends" in error.value.message_dict


def test_one_registration_for_the_whole_cycle_its_seats_counted_once(
    cycle, django_capture_on_commit_callbacks
):
    first, *others = sessions(cycle)
    assert len(others) == 5
    with django_capture_on_commit_callbacks(execute=True):
        # Whichever session the family chose, the registration is the cycle's.
        one = register(others[3].pk, family(1), BASE).registration
        two = register(first.pk, family(2), BASE).registration
        three = register(others[0].pk, family(3), BASE).registration
        again = register(others[2].pk, family(1), BASE)
    assert {one.occurrence_id, two.occurrence_id, three.occurrence_id} == {first.pk}
    assert [one.status, two.status, three.status] == ["confirmed", "confirmed", "waiting"]
    assert not again.created and Registration.objects.count() == 3
    assert anchors_of([o.pk for o in others]) == {o.pk: first.pk for o in others}
    # The confirmation lists the cycle's six dates.
    body = next(m.body for m in mail.outbox if m.to == ["famille1@example.org"])
    assert "Les séances du cycle" in body
    assert body.count("\n- ") == 6


def test_the_cycle_takes_registrations_until_it_begins(cycle, clock):
    first, *others = sessions(cycle)
    clock.move_to(first.start + timedelta(minutes=5))
    with pytest.raises(RegistrationClosed):
        register(others[2].pk, family(1), BASE)


def test_presence_is_noted_per_session(cycle, django_capture_on_commit_callbacks):
    first, second, third, *_rest = sessions(cycle)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(first.pk, family(1), BASE).registration
    note_presence(registration, first, True)
    note_presence(registration, second, False)
    note_presence(registration, second, True)
    assert dict(Presence.objects.values_list("occurrence_id", "present")) == {
        first.pk: True,
        second.pk: True,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Presence.objects.create(registration=registration, occurrence=second)


def test_a_cancelled_session_is_told_to_the_cycles_families(
    cycle, django_capture_on_commit_callbacks
):
    all_sessions = sessions(cycle)
    with django_capture_on_commit_callbacks(execute=True):
        for n in (1, 2, 3):
            register(all_sessions[0].pk, family(n), BASE)
    mail.outbox.clear()
    third = all_sessions[2]
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(third, "Salle inondée")
    assert sorted(m.to[0] for m in mail.outbox) == [f"famille{n}@example.org" for n in (1, 2, 3)]
    message = mail.outbox[0]
    assert "fait partie du cycle" in message.body and "Salle inondée" in message.body
    assert "mercredi 17 mars 2027" in message.body
    (attachment,) = message.attachments
    (event,) = Calendar.from_ical(attachment[1]).walk("VEVENT")
    assert str(event["UID"]) == occurrence_uid(third)
    assert event["STATUS"] == "CANCELLED"


def test_the_cycles_families_are_reminded_before_each_session_once(
    cycle, clock, django_capture_on_commit_callbacks
):
    all_sessions = sessions(cycle)
    with django_capture_on_commit_callbacks(execute=True):
        register(all_sessions[0].pk, family(1), BASE)
    for session, day in (
        (all_sessions[0], "mercredi 3 mars"),
        (all_sessions[2], "mercredi 17 mars"),
    ):
        mail.outbox.clear()
        clock.move_to(session.start - timedelta(hours=20))
        with django_capture_on_commit_callbacks(execute=True):
            for _run in range(2):
                call_command("remind_registrations", stdout=open("/dev/null", "w"))
        (reminder,) = mail.outbox
        assert reminder.to == ["famille1@example.org"]
        assert day in reminder.body
        # The first session is the registration's own; the others are the cycle's.
        assert ("fait partie du cycle" in reminder.body) == (session != all_sessions[0])


def related(event) -> dict[str, str]:
    values = event.get("RELATED-TO")
    values = values if isinstance(values, list) else [values]
    return {value.params["RELTYPE"]: str(value) for value in values}


def test_the_ics_links_a_session_to_its_cycle_first_and_next(cycle):
    all_sessions = sessions(cycle)
    (event,) = Calendar.from_ical(session_invitation(all_sessions[2])).walk("VEVENT")
    assert related(event) == {
        "PARENT": activity_uid(cycle),
        "FIRST": occurrence_uid(all_sessions[0]),
        "NEXT": occurrence_uid(all_sessions[3]),
    }
    (last,) = Calendar.from_ical(session_invitation(all_sessions[-1])).walk("VEVENT")
    assert set(related(last)) == {"PARENT", "FIRST"}


def test_the_single_session_calendar_links_it_too(client, cycle):
    second = sessions(cycle)[1]
    response = client.get(second.calendar_url)
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert set(related(event)) == {"PARENT", "FIRST", "NEXT"}


def json_ld(response) -> dict:
    text = re.search(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.content.decode(), re.S
    ).group(1)
    return json.loads(text)


def test_the_page_says_it_is_a_cycle_lists_its_dates_and_takes_one_registration(
    client, cycle, django_assert_max_num_queries
):
    first = sessions(cycle)[0]
    response = client.get(cycle.url)
    page = response.content.decode()
    assert "Un cycle de 6 séances" in page
    assert "Demandée, une fois pour tout le cycle" in page
    assert len(re.findall(r'<ol class="cycle-dates">', page)) == 1
    dates = re.search(r'<ol class="cycle-dates">(.*?)</ol>', page, re.S).group(1)
    assert dates.count("<li>") == 6 and "mercredi 7 avril 2027" in dates
    # One button, the cycle's, to its first session's form; none per session.
    assert page.count(first.registration_url) == 1
    assert "S'inscrire au cycle" in page
    assert page.count(">S'inscrire<") == 0
    data = json_ld(response)
    assert len(data["subEvent"]) == 6
    assert {sub["superEvent"]["@id"] for sub in data["subEvent"]} == {data["@id"]}
    assert data["subEvent"][2]["name"] == "Atelier portage (3/6)"


def test_the_registration_form_is_the_cycles(client, cycle):
    third = sessions(cycle)[2]
    page = client.get(third.registration_url).content.decode()
    assert "S'inscrire au cycle" in page
    assert "Une seule inscription pour les 6 séances du cycle" in page


def test_a_cycles_registration_is_kept_until_its_last_session(
    cycle, clock, django_capture_on_commit_callbacks
):
    all_sessions = sessions(cycle)
    with django_capture_on_commit_callbacks(execute=True):
        register(all_sessions[0].pk, family(1), BASE)
    clock.move_to(all_sessions[0].end + timedelta(days=31))
    call_command("purge_registrations", no_progress=True, stdout=None)
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).exists()
    clock.move_to(all_sessions[-1].end + timedelta(days=31))
    call_command("purge_registrations", no_progress=True)
    assert not Registration.objects.exists()


def test_sessions_of_a_cycle_in_search_results_show_the_cycles_seats(
    client, cycle, django_capture_on_commit_callbacks
):
    all_sessions = sessions(cycle)
    with django_capture_on_commit_callbacks(execute=True):
        register(all_sessions[0].pk, family(1), BASE)
    response = client.get(
        "/api/v1/activities/",
        {"from": WORKSHOP_DAY.isoformat(), "to": date(2027, 4, 30).isoformat()},
    )
    remaining = {r["id"]: r["activity"]["remaining_places"] for r in response.json()["results"]}
    # Four seats, two taken by the family's two children, on every session of the cycle.
    assert {remaining[o.pk] for o in all_sessions} == {2}


def test_a_cycle_starts_at_its_time(cycle):
    assert [o.local_start.time() for o in sessions(cycle)] == [time(10, 0)] * 6


def test_the_organiser_ticks_presence_on_a_sessions_register(
    client, organiser, cycle, django_capture_on_commit_callbacks
):
    first, second, *_rest = sessions(cycle)
    with django_capture_on_commit_callbacks(execute=True):
        one = register(first.pk, family(1), BASE).registration
        two = register(first.pk, family(2), BASE).registration
    client.force_login(organiser)
    url = f"/admin/activities/{cycle.pk}/seances/{second.pk}/presences/"
    page = client.get(url).content.decode()
    assert "Famille 1" in page and "Famille 2" in page
    assert client.post(url, {"present": [str(two.pk)]}).status_code == 302
    assert dict(
        Presence.objects.filter(occurrence=second).values_list("registration_id", "present")
    ) == {
        one.pk: False,
        two.pk: True,
    }
    assert f'value="{two.pk}" checked' in client.get(url).content.decode()


def test_a_cycles_page_costs_the_same_queries_however_many_sessions(
    client, place, workshop_at, clock
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for n in (3, 9):
        activity = workshop_at(place, is_cycle=True, ends=Ends.COUNT, count=n, slug=f"cycle-{n}")
        client.get(activity.url)  # the site's and the page's caches, once
        with CaptureQueriesContext(connection) as queries:
            page = client.get(activity.url).content.decode()
        assert f"Un cycle de {n} séances" in page
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[0] > 5, counts


def test_a_moved_session_of_the_cycle_is_texted_to_the_cycles_families(
    cycle, place, django_capture_on_commit_callbacks
):
    from datetime import datetime

    from activities.rescheduling import reschedule_occurrence
    from core import texting
    from tests.activities.conftest import BRUSSELS

    all_sessions = sessions(cycle)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(all_sessions[0].pk, family(1), BASE).registration
    Registration.objects.filter(pk=registration.pk).update(texts=True, phone="+32470123456")
    mail.outbox.clear()
    texting.outbox.clear()
    start = datetime(2027, 3, 18, 15, 0, tzinfo=BRUSSELS)
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_occurrence(all_sessions[2], start, start + timedelta(hours=2), place)
    ((number, text),) = texting.outbox
    assert text.startswith("Séance déplacée :")
    assert "avant mer 17/03 10:00" in text and "maintenant jeu 18/03 15:00" in text
    (message,) = mail.outbox
    assert "fait partie du cycle" in message.body
