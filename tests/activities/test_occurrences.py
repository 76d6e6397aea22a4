"""Sessions are materialised for the rolling window and kept in step with the activity, its
cancellations and its place's closures."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.management import call_command

from activities.choices import RegistrationStatus
from activities.models import ActivityAddedDate, ActivityExcludedDate, Occurrence, Registration
from activities.occurrences import cancel_occurrence, restore_occurrence
from directory.models import ClosurePeriod
from tests.activities.conftest import BRUSSELS
from tests.factories import ActivityPageFactory, passerelle_morning, publish

pytestmark = pytest.mark.django_db

MONDAYS_IN_WINDOW = 27  # 1 March to 30 August 2027: the window is 183 days from 1 March.


@pytest.fixture
def weekly(clock, place):
    """Every Monday at 09:30 from 1 March 2027, published."""
    return passerelle_morning(place, objectives=(), duration_minutes=90, weekdays="0")


def sessions(activity):
    return list(Occurrence.objects.filter(activity=activity).order_by("start"))


def test_publishing_materialises_the_window(weekly):
    found = sessions(weekly)
    assert len(found) == MONDAYS_IN_WINDOW
    assert found[0].date == date(2027, 3, 1)
    assert found[-1].date == date(2027, 8, 30)
    assert all(o.date.weekday() == 0 for o in found)
    assert not any(o.is_cancelled for o in found)


def test_sessions_keep_0930_local_across_the_march_change(weekly):
    by_day = {o.date: o for o in sessions(weekly)}
    before, after = by_day[date(2027, 3, 22)], by_day[date(2027, 3, 29)]
    assert before.start == datetime(2027, 3, 22, 8, 30, tzinfo=UTC)
    assert after.start == datetime(2027, 3, 29, 7, 30, tzinfo=UTC)
    for occurrence in (before, after):
        assert occurrence.local_start.time() == time(9, 30)
        assert occurrence.local_end.time() == time(11, 0)


def test_sessions_keep_0930_local_across_the_october_change(clock, place):
    clock.move_to(datetime(2027, 10, 4, 8, 0, tzinfo=BRUSSELS))
    activity = publish(
        ActivityPageFactory(parent=place, start_date=date(2027, 10, 4), weekdays="0")
    )
    by_day = {o.date: o for o in sessions(activity)}
    assert by_day[date(2027, 10, 25)].start == datetime(2027, 10, 25, 7, 30, tzinfo=UTC)
    assert by_day[date(2027, 11, 1)].start == datetime(2027, 11, 1, 8, 30, tzinfo=UTC)
    assert {o.local_start.time() for o in by_day.values()} == {time(9, 30)}


def test_editing_the_time_moves_sessions_and_keeps_them(weekly):
    ids = [o.pk for o in sessions(weekly)]
    weekly.start_time = time(10, 0)
    publish(weekly)
    moved = sessions(weekly)
    assert [o.pk for o in moved] == ids
    assert {o.local_start.time() for o in moved} == {time(10, 0)}


def test_excluded_and_added_dates_are_honoured(weekly):
    weekly.excluded_dates.add(ActivityExcludedDate(date=date(2027, 3, 8)))
    weekly.added_dates.add(ActivityAddedDate(date=date(2027, 3, 10)))
    publish(weekly)
    days = [o.date for o in sessions(weekly)][:4]
    assert days == [date(2027, 3, 1), date(2027, 3, 10), date(2027, 3, 15), date(2027, 3, 22)]
    extra = Occurrence.objects.get(activity=weekly, date=date(2027, 3, 10))
    assert extra.is_extra
    assert extra.local_start.time() == time(9, 30)


def test_drafts_do_not_change_sessions(weekly):
    weekly.start_time = time(14, 0)
    weekly.save_revision()  # saved, not published
    assert {o.local_start.time() for o in sessions(weekly)} == {time(9, 30)}


def test_a_cancelled_session_stays_visible_as_cancelled(client, weekly):
    occurrence = Occurrence.objects.get(activity=weekly, date=date(2027, 3, 8))
    cancel_occurrence(occurrence, "Animatrice malade")
    occurrence.refresh_from_db()
    assert occurrence.is_cancelled
    assert occurrence.cancellation_reason == "Animatrice malade"
    html = client.get(weekly.url).content.decode()
    assert "Animatrice malade" in html
    assert "lundi 8 mars 2027" in html
    # Republishing keeps the cancellation.
    publish(weekly)
    occurrence.refresh_from_db()
    assert occurrence.is_cancelled
    restore_occurrence(occurrence)
    occurrence.refresh_from_db()
    assert not occurrence.is_cancelled


def test_a_closure_cancels_the_sessions_inside_it(weekly, place):
    place.closures.add(
        ClosurePeriod(start_date=date(2027, 4, 5), end_date=date(2027, 4, 16), reason="Pâques")
    )
    publish(place)
    cancelled = [o for o in sessions(weekly) if o.is_cancelled]
    assert [o.date for o in cancelled] == [date(2027, 4, 5), date(2027, 4, 12)]
    assert {o.cancellation_reason for o in cancelled} == {"Lieu fermé (Pâques)"}

    place.closures.clear()
    publish(place)
    assert not any(o.is_cancelled for o in sessions(weekly))


def test_unpublishing_removes_future_sessions_but_keeps_registered_ones(weekly):
    kept = Occurrence.objects.get(activity=weekly, date=date(2027, 3, 15))
    Registration.objects.create(
        occurrence=kept,
        name="Famille",
        email="famille@example.org",
        children_count=1,
        children_ages="2",
        consent_at=datetime(2027, 3, 1, tzinfo=UTC),
        status=RegistrationStatus.CONFIRMED,
    )
    weekly.unpublish()
    remaining = sessions(weekly)
    assert remaining == [kept]
    kept.refresh_from_db()
    assert kept.is_cancelled and kept.withdrawn
    assert kept.cancellation_reason == "Séance retirée du programme"

    publish(weekly)
    assert len(sessions(weekly)) == MONDAYS_IN_WINDOW
    kept.refresh_from_db()
    assert not kept.is_cancelled


def test_deleting_the_activity_deletes_its_sessions(weekly):
    weekly.delete()
    assert not Occurrence.objects.exists()


def test_past_sessions_are_history(clock, weekly):
    clock.move_to(datetime(2027, 3, 20, 8, 0, tzinfo=BRUSSELS))
    weekly.start_time = time(11, 0)
    publish(weekly)
    by_day = {o.date: o for o in sessions(weekly)}
    assert by_day[date(2027, 3, 15)].local_start.time() == time(9, 30)
    assert by_day[date(2027, 3, 22)].local_start.time() == time(11, 0)


def test_extend_command_moves_the_window_forward(clock, weekly, capsys):
    clock.move_to(datetime(2027, 3, 29, 8, 0, tzinfo=BRUSSELS))
    call_command("extend_occurrences", "--no-progress")
    days = [o.date for o in sessions(weekly)]
    assert days[-1] == date(2027, 3, 29) + timedelta(days=182)  # the Monday 27 September
    assert len(days) == MONDAYS_IN_WINDOW + 4
    assert "1 activités" in capsys.readouterr().out


def test_sessions_follow_the_place_time_zone(clock, place):
    place.country = "FR"
    publish(place)
    activity = publish(ActivityPageFactory(parent=place, start_date=date(2027, 3, 1)))
    first = sessions(activity)[0]
    assert str(first.local_start.tzinfo) == "Europe/Paris"
    assert first.local_start.time() == time(9, 30)
