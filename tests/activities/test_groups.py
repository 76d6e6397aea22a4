"""Families as groups: a registration names its children with each one's age and its adults;
the capacity counts children, people or families as the activity says (activities set up before
groups keep counting families, in their drafts too); each child's age is checked
(a 400 naming the child); the seats left that families read count the same unit, on the
activity page, the form, the map page's sessions and the organiser's register and export."""

import csv
import importlib
import io

import pytest
from django.core import mail
from django.urls import reverse

from activities.choices import CapacityUnit, RegistrationStatus
from activities.models import ActivityPage, Occurrence, Registration
from activities.registrations import Family, register
from tests.activities.conftest import WORKSHOP_DAY
from tests.activities.registering import family, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]


def session_of(activity) -> Occurrence:
    return Occurrence.objects.get(activity=activity, date=WORKSHOP_DAY)


def group(n: int, children: int, adults: int = 1) -> Family:
    ages = ", ".join(["18 mois"] * children)
    return Family(f"Famille {n}", f"famille{n}@example.org", "", children, ages, None, adults)


def test_capacity_in_children(clock, place, workshop_at):
    session = session_of(workshop_at(place, capacity=4))
    first = register(session.pk, group(1, 3), "http://testserver/").registration
    assert first.status == RegistrationStatus.CONFIRMED
    assert session.remaining_places() == 1
    # Two children do not fit in one seat: the family waits, the seat stays for a smaller one.
    assert register(session.pk, group(2, 2), "http://testserver/").registration.status == "waiting"
    assert register(session.pk, group(3, 1, 2), "http://testserver/").registration.status == (
        "confirmed"
    )
    assert session.remaining_places() == 0


def test_capacity_in_people(clock, place, workshop_at):
    session = session_of(workshop_at(place, capacity=5, capacity_unit=CapacityUnit.PEOPLE))
    register(session.pk, group(1, 2, 1), "http://testserver/")
    assert session.remaining_places() == 2
    assert register(session.pk, group(2, 1, 2), "http://testserver/").registration.status == (
        "waiting"
    )
    assert register(session.pk, group(3, 1, 1), "http://testserver/").registration.status == (
        "confirmed"
    )
    assert session.remaining_places() == 0


def test_capacity_in_families(clock, place, workshop_at):
    session = session_of(workshop_at(place, capacity=2, capacity_unit=CapacityUnit.FAMILIES))
    register(session.pk, group(1, 3, 2), "http://testserver/")
    assert session.remaining_places() == 1
    assert register(session.pk, group(2, 4), "http://testserver/").registration.status == (
        "confirmed"
    )
    assert register(session.pk, group(3, 1), "http://testserver/").registration.status == (
        "waiting"
    )


def test_an_activity_set_up_before_groups_keeps_counting_families_in_its_draft(place, workshop_at):
    from django.apps import apps

    migration = importlib.import_module(
        "activities.migrations.0010_families_as_groups_and_seat_offers"
    )
    activity = workshop_at(place, capacity=8)
    # As the migration leaves an older activity with a draft: its row says families, its draft
    # was saved before the field existed.
    ActivityPage.objects.filter(pk=activity.pk).update(
        capacity_unit=CapacityUnit.FAMILIES, has_unpublished_changes=True
    )
    revision = activity.latest_revision
    del revision.content["capacity_unit"]
    revision.save(update_fields=["content"])
    migration.keep_families_in_drafts(apps, None)
    draft = ActivityPage.objects.get(pk=activity.pk).get_latest_revision_as_object()
    assert draft.capacity_unit == CapacityUnit.FAMILIES


def test_the_form_takes_children_ages_and_adults(
    client, clock, place, workshop_at, django_capture_on_commit_callbacks
):
    session = session_of(workshop_at(place, capacity=6))
    data = family(1, children_count="2", children_ages="8 mois et 2 ans", adults_count="2")
    response = post(client, session, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.children_months, registration.adults_count) == ([8, 24], 2)
    assert "Pour : 2 enfants (8 mois et 2 ans), 2 adultes" in mail.outbox[0].body
    page = client.get(session.registration_url).content.decode()
    assert "Encore 4 places libres." in page and "Chaque enfant compte pour une place." in page
    assert "4 places libres" in client.get(session.activity.url).content.decode()


def test_a_child_out_of_the_age_range_is_named(
    client, clock, place, workshop_at, django_capture_on_commit_callbacks
):
    session = session_of(workshop_at(place, capacity=6, age_min_months=0, age_max_months=36))
    data = family(1, children_count="2", children_ages="8 mois, 5 ans")
    response = post(client, session, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Le 2e enfant (5 ans) : cette activité accueille les enfants de 0 à 3 ans." in html
    unread = post(client, session, family(1, children_ages="3"), django_capture_on_commit_callbacks)
    assert unread.status_code == 400
    assert "en mois ou en ans ?" in unread.content.decode()
    assert not Registration.objects.exists()


def test_a_family_larger_than_the_session_is_told(
    client, clock, place, workshop_at, django_capture_on_commit_callbacks
):
    session = session_of(workshop_at(place, capacity=3, capacity_unit=CapacityUnit.PEOPLE))
    data = family(1, children_count="2", children_ages="8 mois, 2 ans", adults_count="2")
    response = post(client, session, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "au plus 3 personnes, adultes compris" in response.content.decode()


def test_the_organiser_adds_a_group_checked_alike(client, clock, place, organiser, workshop_at):
    activity = workshop_at(place, capacity=6, age_max_months=36)
    session = session_of(activity)
    client.force_login(organiser)
    url = reverse("activities_add_family", args=[activity.pk])
    data = {
        "occurrence": session.pk,
        "name": "Famille Appel",
        "phone": "0470 12 34 56",
        "email": "",
        "children_count": "2",
        "children_ages": "1 an, 4 ans",
        "adults_count": "1",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Le 2e enfant (4 ans)" in refused.content.decode()
    assert client.post(url, {**data, "children_ages": "1 an, 2 ans"}).status_code == 302
    assert Registration.objects.get().children_months == [12, 24]


def test_register_and_export_count_seats(client, clock, place, organiser, workshop_at):
    activity = workshop_at(place, capacity=4, capacity_unit=CapacityUnit.PEOPLE)
    session = session_of(activity)
    register(session.pk, group(1, 2, 1), "http://testserver/")
    client.force_login(organiser)
    page = client.get(reverse("activities_registrations", args=[activity.pk])).content.decode()
    assert "Places prises : 3 sur 4 (enfants et adultes)." in page
    assert "2 enfants (18 mois, 18 mois), 1 adulte · 3 places" in page
    export = client.get(reverse("activities_registrations_csv", args=[activity.pk]))
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert (rows[0]["enfants"], rows[0]["adultes"], rows[0]["places"]) == ("2", "1", "3")
