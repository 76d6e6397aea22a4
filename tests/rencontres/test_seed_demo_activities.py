"""`manage.py seed_demo` gives demo places activities that show the product: weekly,
fortnightly and monthly ones, with registration and a capacity, full sessions with a waiting
list, a cancelled session, closures over the school holidays, notices, live rooms on today's
drop-in sessions; and santé-parentalité projects. Deterministic and idempotent, like the
places."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from activities.choices import HOLDING_SEATS, RegistrationStatus
from activities.models import ActivityNotice, ActivityPage, Occurrence, Registration, RoomReport
from directory.live_room import RoomState
from directory.models import ClosurePeriod
from directory.models.notices import NoticeKind, PlaceNotice, announced
from directory.records import place_records
from projects.models import HealthParentingProject, ProjectConsultation, ProjectPlace
from tests.rencontres.test_seed_demo import communes  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.any_database]


def seed(count=60, seed=3):
    call_command("seed_demo", count=count, seed=seed, verbosity=0)


def snapshot():
    return (
        sorted(ActivityPage.objects.values_list("url_path", "start_date", "start_time")),
        Occurrence.objects.count(),
        Registration.objects.count(),
        ClosurePeriod.objects.count(),
        ProjectConsultation.objects.count(),
        sorted(PlaceNotice.objects.values_list("place__slug", "kind", "start_date")),
        sorted(ActivityNotice.objects.values_list("activity__url_path", "kind", "start_date")),
    )


def test_activities_of_every_kind(communes):  # noqa: F811
    seed()
    activities = ActivityPage.objects.live()
    assert activities.count() >= 20
    kinds = {(a.repeat, a.interval) for a in activities}
    assert {("weekly", 1), ("weekly", 2)} <= kinds and any(k[0] == "monthly" for k in kinds)
    assert activities.filter(registration_required=True, capacity__isnull=False).exists()
    assert activities.filter(registration_required=False).exists()
    assert activities.filter(phone_registration=True).exists()
    assert all(problems == [] for problems in Page.find_problems())
    # Every activity sits under its demo place, with its sessions from today on.
    for activity in activities[:10]:
        assert activity.get_parent().slug.startswith("demo-")
        assert activity.occurrences.filter(date__gte=timezone.localdate()).exists()


def test_full_sessions_cancelled_sessions_and_closures(communes):  # noqa: F811
    seed()
    waiting = Registration.objects.filter(status=RegistrationStatus.WAITING)
    assert waiting.exists()
    full = waiting.first().occurrence
    # Seats counted in children: held by the confirmed families and the one offered a seat,
    # never more than the capacity; nobody waits who would fit in what is left.
    held = full.registrations.filter(status__in=HOLDING_SEATS)
    seats = sum(r.children_count for r in held)
    assert seats <= full.activity.capacity
    assert full.remaining_places() == full.activity.capacity - seats
    left = full.remaining_places()
    assert all(r.children_count > left for r in full.registrations.filter(status="waiting"))
    offered = Registration.objects.filter(status=RegistrationStatus.OFFERED).first()
    assert offered is not None and offered.offer_expires_at > offered.offered_at
    assert len(offered.children_months) == offered.children_count
    assert Occurrence.objects.filter(cancelled_manually=True).exclude(manual_reason="").exists()
    # A closure over some of a place's sessions (a place without activities may be closed too).
    closure = Occurrence.objects.filter(closure__isnull=False).first().closure
    covered = Occurrence.objects.filter(
        place=closure.place_id, date__range=(closure.start_date, closure.end_date)
    )
    assert covered.exists() and all(o.is_cancelled and o.closure_id == closure.pk for o in covered)


def test_a_place_is_closed_today_and_another_closes_within_the_week(communes):  # noqa: F811
    seed()
    today = timezone.localdate()
    closed = ClosurePeriod.objects.filter(start_date__lte=today, end_date__gte=today)
    assert closed.exists()
    soon = ClosurePeriod.objects.filter(
        start_date__range=(today + timedelta(days=1), today + timedelta(days=6))
    )
    assert soon.exists()
    # Written once: a place drawn again (it has no activity) keeps its one closure.
    count = ClosurePeriod.objects.count()
    seed()
    assert ClosurePeriod.objects.count() == count


def test_this_week_has_sessions(communes):  # noqa: F811
    seed()
    today = timezone.localdate()
    assert Occurrence.objects.filter(date__range=(today, today + timedelta(days=6))).count() >= 5


def test_notices_moved_now_hours_changed_within_the_week_and_an_activitys(
    client,
    communes,  # noqa: F811
):
    seed()
    today = timezone.localdate()
    moved = PlaceNotice.objects.get(kind=NoticeKind.MOVED)
    assert moved.start_date <= today <= moved.end_date
    assert "travaux" in moved.message_fr and "maison de quartier" in moved.message_fr
    assert moved.message_nl and moved.message_en
    hours = PlaceNotice.objects.get(kind=NoticeKind.HOURS)
    assert today < hours.start_date <= today + timedelta(days=6)
    # Each place's record says its notice today: current, or announced ahead of its start.
    for notice in (moved, hours):
        assert announced(notice.start_date, notice.end_date, today)
        [record] = place_records([notice.place_id])
        assert [n.kind for n in record.announced_notices] == [notice.kind]
    activity_notice = ActivityNotice.objects.select_related("activity").get()
    assert activity_notice.start_date <= today <= activity_notice.end_date
    assert activity_notice.message_fr in client.get(activity_notice.activity.url).text
    # Written once.
    seed()
    assert PlaceNotice.objects.count() == 2 and ActivityNotice.objects.count() == 1


BRUSSELS = ZoneInfo("Europe/Brussels")


def test_every_weekday_has_drop_in_sessions(communes):  # noqa: F811
    """The showcase places hold a weekly drop-in without registration on each weekday."""
    seed()
    today = timezone.localdate()
    days = [today + timedelta(days=n) for n in range(7)]
    for day in (d for d in days if d.weekday() < 5):
        drop_ins = Occurrence.objects.filter(
            date=day, is_cancelled=False, activity__registration_required=False
        )
        assert drop_ins.count() >= 3, day


def test_live_rooms_on_todays_drop_in_sessions_not_ended(communes):  # noqa: F811
    # A Wednesday at 08:00: the day's drop-ins are ahead (the showcase's at 9:30, 14:00, 15:30).
    with time_machine.travel(datetime(2027, 3, 3, 8, 0, tzinfo=BRUSSELS), tick=False):
        seed()
        now = timezone.now()
        reports = RoomReport.objects.select_related("occurrence__activity")
        assert {r.state for r in reports} == {
            RoomState.FREE,
            RoomState.ALMOST_FULL,
            RoomState.FULL,
        }
        for row in reports:
            session = row.occurrence
            assert session.date == timezone.localdate() and session.end > now
            assert not session.is_cancelled and not session.activity.registration_required
            assert now - timedelta(minutes=30) < row.reported_at < now and row.by_team_link
            [record] = place_records([session.place_id])
            assert record.live_room_of(session.pk).state == row.state
        almost = reports.get(state=RoomState.ALMOST_FULL)
        assert almost.places_left
        # Not twice: a second run finds today's rooms given.
        seed()
        assert RoomReport.objects.count() == 3


def test_no_live_room_once_the_days_sessions_have_ended(communes):  # noqa: F811
    with time_machine.travel(datetime(2027, 3, 3, 20, 0, tzinfo=BRUSSELS), tick=False):
        seed()
        assert Occurrence.objects.filter(date=timezone.localdate()).exists()
        assert not RoomReport.objects.exists()


def test_projects_link_consultations_and_places(communes):  # noqa: F811
    seed(count=120)
    link = ProjectConsultation.objects.select_related("consultation", "project").first()
    assert link is not None
    places = ProjectPlace.objects.filter(project=link.project)
    assert places.exists()
    assert all(p.place.commune_id == link.consultation.commune_id for p in places)
    # Written in bulk, without Wagtail's save signal: indexed by the command itself.
    found = get_search_backend().search(link.project.name.split()[0], HealthParentingProject)
    assert link.project.pk in {project.pk for project in found}


def test_idempotent_and_deterministic(communes):  # noqa: F811
    seed()
    first = snapshot()
    seed()
    assert snapshot() == first
    call_command("seed_demo", count=60, seed=3, clear=True, verbosity=0)
    again = snapshot()
    assert again[0] == first[0] and again[1:4] == first[1:4] and again[5:] == first[5:]
    assert not ActivityPage.objects.exclude(url_path__in=[row[0] for row in first[0]]).exists()


def test_an_activity_page_and_its_registration_form_answer(client, communes):  # noqa: F811
    seed()
    occurrence = (
        Occurrence.objects.filter(
            activity__registration_required=True, is_cancelled=False, start__gt=timezone.now()
        )
        .select_related("activity")
        .first()
    )
    assert client.get(occurrence.activity.url).status_code == 200
    assert client.get(occurrence.registration_url).status_code == 200


def test_the_retention_command_purges_demo_registrations(communes):  # noqa: F811
    seed()
    assert Registration.objects.exists()
    call_command("purge_registrations", days=-400, no_progress=True, stdout=open("/dev/null", "w"))
    assert not Registration.objects.exists()


def test_past_sessions_with_head_counts_fill_the_yearly_figures(communes):  # noqa: F811
    """The demo's activities began weeks or months ago: their sessions since then are there,
    most with a head-count, a few of the recent ones still waiting; the yearly figures of the
    months they fall in are not zero."""
    from organisers.models import HeadCount
    from projects.figures import monthly

    seed()
    today = timezone.localdate()
    past = Occurrence.objects.filter(date__lt=today, is_cancelled=False)
    assert past.count() >= 20
    assert past.filter(date__lt=today - timedelta(days=60)).exists()
    counted = HeadCount.objects.filter(occurrence__in=past)
    assert 0 < counted.count() < past.count()
    recent = past.filter(date__gte=today - timedelta(days=14))
    assert recent.filter(head_count__isnull=True).exists()
    assert all(c.first_visits <= c.children + c.adults for c in counted)
    months = monthly(today.year)
    this_month = months[today.month - 1]
    earlier = [m for m in months[: today.month - 1] if m.held]
    assert (this_month.held or earlier) and sum(m.people for m in months) > 0
    # Written once, with their activity: a second run adds none.
    before = (past.count(), counted.count())
    seed()
    assert (past.count(), HeadCount.objects.count()) == before


def test_weekly_search_sums_show_on_the_dashboard_once(communes):  # noqa: F811
    """Fictional family searches of the last weeks, summed as the daily aggregation writes
    them, so that « searched here, found nothing » has something to show; written once."""
    from core.models import SearchWeek

    seed()
    rows = SearchWeek.objects.all()
    assert rows.count() > 0
    assert {row.radius_km for row in rows} == {10} and {row.index for row in rows} == {"places"}
    assert all(row.found_nothing <= row.searches for row in rows)
    before = rows.count()
    seed()
    assert SearchWeek.objects.count() == before
