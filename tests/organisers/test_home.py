"""An organiser's dashboard: their places, this week's sessions with registration counts, what
needs attention, one click to each, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks

from activities.choices import RegistrationStatus
from activities.models import Registration
from directory.roles import organiser_group
from organisers.home import ATTENTION_ITEMS
from organisers.models import HeadCount
from tests.factories import ActivityPageFactory, PlacePageFactory, publish, session_of
from tests.organisers.conftest import WEDNESDAY_3_MARCH_2027

pytestmark = pytest.mark.django_db


def register(session, status=RegistrationStatus.CONFIRMED, n=1):
    for i in range(n):
        Registration.objects.create(
            occurrence=session,
            name=f"Famille {i}",
            email=f"famille{i}-{session.pk}@example.org",
            children_count=1,
            children_ages="2",
            consent_at=WEDNESDAY_3_MARCH_2027,
            status=status,
        )


def build_place(user, commune, title):
    place = publish(PlacePageFactory(title=title, commune=commune))
    user.groups.add(organiser_group(place))
    activity = ActivityPageFactory(
        parent=place, title=f"Atelier de {title}", registration_required=True
    )
    this_week = session_of(activity, WEDNESDAY_3_MARCH_2027 + timedelta(days=1))
    register(this_week, n=3)
    register(this_week, status=RegistrationStatus.WAITING)
    session_of(activity, WEDNESDAY_3_MARCH_2027 - timedelta(days=1))  # to count
    session_of(activity, WEDNESDAY_3_MARCH_2027 + timedelta(days=8))  # next week
    return place, activity, this_week


def dashboard(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_dashboard_shows_places_week_and_attention(
    client, clock, organiser_a, place_a, commune
):
    place, activity, this_week = build_place(organiser_a, commune, "Le Nid")
    client.force_login(organiser_a)
    html, _queries = dashboard(client)
    assert reverse("wagtailadmin_pages:edit", args=[place.pk]) in html
    assert reverse("organisers_place", args=[place_a.pk]) in html
    assert reverse("activities_registrations", args=[activity.pk]) in html
    assert "3 / 1" in html
    assert "1 séance attend sa fréquentation" in html
    assert reverse("organisers_head_counts") in html

    HeadCount.objects.create(
        occurrence=activity.occurrences.get(start__lt=WEDNESDAY_3_MARCH_2027),
        children=1,
        adults=1,
        first_visits=0,
    )
    html, _queries = dashboard(client)
    assert "attend sa fréquentation" not in html
    # What would complete the listings stays (organisers.listing_quality).
    assert "Améliorer la fiche de « Le Nid »" in html


def test_the_dashboard_costs_the_same_queries_for_one_place_or_five(
    client, clock, organiser_a, commune
):
    client.force_login(organiser_a)
    build_place(organiser_a, commune, "Premier")
    dashboard(client)  # warm the caches of the admin itself (site, user profile)
    _html, one = dashboard(client)
    for n in range(4):
        build_place(organiser_a, commune, f"Lieu {n}")
    html, five = dashboard(client)
    assert "Lieu 3" in html
    assert five == one


def test_other_apps_add_attention_items(client, clock, organiser_a, place_a):
    def open_reports(user, place_ids):
        assert place_a.pk in place_ids
        return [{"label": "2 signalements à traiter", "url": "/admin/signalements/"}]

    with hooks.register_temporarily(ATTENTION_ITEMS, open_reports):
        client.force_login(organiser_a)
        html, _queries = dashboard(client)
    assert 'href="/admin/signalements/"' in html and "2 signalements à traiter" in html


def test_someone_who_organises_nothing_sees_no_organiser_panel(client, staff_member):
    client.force_login(staff_member)
    html, _queries = dashboard(client)
    assert "Mes lieux" not in html
