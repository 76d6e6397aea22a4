"""`manage.py seed_demo` gives demo places activities that show the product: weekly,
fortnightly and monthly ones, with registration and a capacity, full sessions with a waiting
list, a cancelled session, closures over the school holidays; and santé-parentalité projects.
Deterministic and idempotent, like the places."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from activities.choices import RegistrationStatus
from activities.models import ActivityPage, Occurrence, Registration
from directory.models import ClosurePeriod
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
    confirmed = full.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    assert confirmed == full.activity.capacity and full.remaining_places() == 0
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
    assert again[0] == first[0] and again[1:4] == first[1:4]
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
