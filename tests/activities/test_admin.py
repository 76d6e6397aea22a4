"""Organisers add and edit activities under their own place only, in plain language, with a
preview; publishing goes through ONE's approval unless the place is trusted."""

from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from activities.models import ActivityPage, Occurrence, TrustedPlace
from directory.roles import organiser_group_name
from tests.admin_forms import activity_form_data, place_form_data
from tests.factories import ActivityPageFactory, PlacePageFactory, objective, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def place_a(commune):
    return PlacePageFactory(
        title="Lieu A",
        commune=commune,
        objectives=[objective("passerelles"), objective("integration-culturelle")],
    )


def add_url(place):
    return reverse("wagtailadmin_pages:add", args=("activities", "activitypage", place.pk))


def test_organiser_submits_a_new_activity_for_approval(
    clock, client, organiser_a, place_a, staff_member
):
    client.force_login(organiser_a)
    form = client.get(add_url(place_a))
    assert form.status_code == 200
    html = form.content.decode()
    assert "RRULE" not in html and "FREQ=" not in html
    # Only the place's own objectives are offered.
    assert "Socialisation douce" in html and "Maintien du lien" not in html

    response = client.post(add_url(place_a), activity_form_data(**{"action-submit": "1"}))
    assert response.status_code == 302, response.content
    activity = ActivityPage.objects.get(slug="matinee-passerelle")
    assert activity.get_parent().pk == place_a.pk
    assert not activity.live
    assert not Occurrence.objects.exists()
    state = WorkflowState.objects.get(object_id=str(activity.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    state.current_task_state.approve(user=staff_member)
    activity.refresh_from_db()
    assert activity.live
    assert Occurrence.objects.filter(activity=activity).count() == 27


def test_organiser_cannot_publish_directly_without_trust(clock, client, organiser_a, place_a):
    client.force_login(organiser_a)
    client.post(add_url(place_a), activity_form_data(**{"action-publish": "1"}))
    activity = ActivityPage.objects.get(slug="matinee-passerelle")
    assert not activity.live


def test_organiser_cannot_add_activities_to_another_place(client, organiser_a, place_b):
    client.force_login(organiser_a)
    assert client.get(add_url(place_b)).status_code in (302, 403)
    response = client.post(add_url(place_b), activity_form_data(**{"action-submit": "1"}))
    assert response.status_code in (302, 403)
    assert not ActivityPage.objects.exists()


def test_organiser_cannot_edit_another_place_activity(clock, client, organiser_a, place_b):
    other = publish(ActivityPageFactory(parent=place_b, title="Chez B"))
    client.force_login(organiser_a)
    edit = reverse("wagtailadmin_pages:edit", args=[other.pk])
    assert client.get(edit).status_code in (302, 403)
    sessions = reverse("activities_occurrences", args=[other.pk])
    assert client.get(sessions).status_code in (302, 403)
    occurrence = other.occurrences.first()
    client.post(sessions, {"occurrence": occurrence.pk, "action": "cancel", "reason": "x"})
    occurrence.refresh_from_db()
    assert not occurrence.is_cancelled


def test_trusted_place_organisers_publish_activities_but_not_their_place(
    clock, client, organiser_a, place_a, staff_member
):
    TrustedPlace.objects.create(place=place_a, note="Équipe expérimentée")
    client.force_login(organiser_a)
    response = client.post(add_url(place_a), activity_form_data(**{"action-publish": "1"}))
    assert response.status_code == 302
    activity = ActivityPage.objects.get(slug="matinee-passerelle")
    assert activity.live
    assert activity.occurrences.count() == 27

    edit_place = reverse("wagtailadmin_pages:edit", args=[place_a.pk])
    client.post(edit_place, place_form_data(place_a, title="Renommé", **{"action-publish": "1"}))
    place_a.refresh_from_db()
    assert place_a.title == "Lieu A"
    assert not place_a.permissions_for_user(organiser_a).can_publish()
    assert not place_a.permissions_for_user(organiser_a).can_delete()

    # Trust withdrawn: back to the workflow.
    TrustedPlace.objects.filter(place=place_a).delete()
    fresh = type(organiser_a).objects.get(pk=organiser_a.pk)  # permissions are cached per user
    assert not activity.permissions_for_user(fresh).can_publish()


def test_trust_withdrawn_from_a_renamed_place_reaches_its_organisers(
    clock, client, organiser_a, place_a, staff_member
):
    """The organiser group is linked to its place by id: renaming the place (as ONE staff do in
    the admin) neither loses the group nor lets its organisers keep publishing once trust goes."""
    from directory.roles import organiser_group

    group = organiser_group(place_a)
    TrustedPlace.objects.create(place=place_a, note="Équipe expérimentée")
    client.force_login(staff_member)
    edit_place = reverse("wagtailadmin_pages:edit", args=[place_a.pk])
    response = client.post(
        edit_place, place_form_data(place_a, title="Lieu A rebaptisé", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    place_a.refresh_from_db()
    assert place_a.title == "Lieu A rebaptisé"
    assert organiser_group(place_a) == group
    group.refresh_from_db()
    assert group.name == organiser_group_name(place_a)  # the name follows, for readers only

    TrustedPlace.objects.filter(place=place_a).delete()

    fresh = type(organiser_a).objects.get(pk=organiser_a.pk)  # permissions are cached per user
    client.force_login(fresh)
    client.post(add_url(place_a), activity_form_data(**{"action-publish": "1"}))
    activity = ActivityPage.objects.get(slug="matinee-passerelle")
    assert not activity.live
    assert not activity.permissions_for_user(fresh).can_publish()
    assert not group.page_permissions.filter(permission__codename="publish_page").exists()


def test_organiser_group_is_found_whatever_it_is_called(place_a):
    from directory.roles import organiser_group, set_place_trusted

    group = organiser_group(place_a)
    group.name = "Équipe du mercredi"
    group.save()
    set_place_trusted(place_a, True)
    assert group.page_permissions.filter(permission__codename="publish_page").exists()
    set_place_trusted(place_a, False)
    assert not group.page_permissions.filter(permission__codename="publish_page").exists()


def test_only_one_staff_mark_places_as_trusted(client, organiser_a, staff_member):
    url = reverse("wagtailsnippets_activities_trustedplace:list")
    client.force_login(staff_member)
    assert client.get(url).status_code == 200
    client.force_login(organiser_a)
    assert client.get(url).status_code in (302, 403)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"weekdays": []}, "weekdays", "Cochez au moins un jour de la semaine."),
        ({"repeat": "monthly"}, "month_week", "Choisissez quel jour du mois"),
        ({"ends": "until"}, "until", "Donnez la date de fin."),
        ({"ends": "until", "until": "2027-02-01"}, "until", "La date de fin doit suivre"),
        ({"ends": "count"}, "count", "Donnez le nombre de séances."),
        ({"age_min_months": "40"}, "age_max_months", "L'âge maximum doit être"),
        (
            {"weekdays": ["1"], "ends": "until", "until": "2027-03-01"},
            "start_date",
            "Ce calendrier ne donne aucune séance",
        ),
    ],
)
def test_schedule_errors_speak_plainly(client, admin_user, place_a, overrides, field, message):
    client.force_login(admin_user)
    response = client.post(add_url(place_a), activity_form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(message in error for error in errors[field])


def test_objectives_must_be_the_place_ones(client, admin_user, place_a):
    client.force_login(admin_user)
    foreign = objective("maintien-du-lien")
    response = client.post(add_url(place_a), activity_form_data(objectives=[str(foreign.pk)]))
    assert response.status_code == 200
    assert "objectives" in response.context["form"].errors


def test_preview_shows_the_next_sessions(clock, client, organiser_a, place_a):
    client.force_login(organiser_a)
    url = reverse("activities_schedule_preview") + f"?place={place_a.pk}"
    data = activity_form_data(
        weekdays=["0", "2"],
        excluded_dates={"TOTAL_FORMS": "1", "INITIAL_FORMS": "0", "0-date": "2027-03-03"},
    )
    data.update({"excluded_dates-TOTAL_FORMS": "1", "excluded_dates-0-date": "2027-03-03"})
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chaque semaine, le lundi et le mercredi à 9 h 30" in html
    assert "lundi 1 mars 2027, 09:30" in html
    assert "mercredi 3 mars 2027" not in html  # excluded
    assert "lundi 29 mars 2027, 09:30" in html  # after the change to summer time
    assert html.count("<li>") == 8


def test_preview_needs_the_admin(client, place_a):
    url = reverse("activities_schedule_preview") + f"?place={place_a.pk}"
    assert client.post(url, activity_form_data()).status_code == 302


def test_organiser_cancels_and_restores_a_session(clock, client, organiser_a, place_a):
    activity = publish(ActivityPageFactory(parent=place_a, start_date=date(2027, 3, 1)))
    occurrence = activity.occurrences.order_by("start")[1]
    client.force_login(organiser_a)
    url = reverse("activities_occurrences", args=[activity.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "lundi 8 mars 2027, 09:30" in page.content.decode()

    client.post(url, {"occurrence": occurrence.pk, "action": "cancel", "reason": "Grève"})
    occurrence.refresh_from_db()
    assert occurrence.is_cancelled and occurrence.cancellation_reason == "Grève"
    client.post(url, {"occurrence": occurrence.pk, "action": "restore"})
    occurrence.refresh_from_db()
    assert not occurrence.is_cancelled


def test_edit_view_links_to_the_sessions(clock, client, organiser_a, place_a):
    activity = publish(ActivityPageFactory(parent=place_a))
    client.force_login(organiser_a)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[activity.pk])).content.decode()
    assert reverse("activities_occurrences", args=[activity.pk]) in html
    assert "data-schedule-preview" in html


def test_page_preview_shows_the_draft_schedule(clock, client, organiser_a, place_a):
    client.force_login(organiser_a)
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("activities", "activitypage", place_a.pk)
    )
    response = client.post(preview_url, activity_form_data(weekdays=["1"], start_time="17:15"))
    assert response.json()["is_valid"] is True
    html = client.get(preview_url).content.decode()
    assert "mardi 2 mars 2027, 17:15" in html
    assert "Chaque semaine, le mardi à 17 h 15" in html

    activity = publish(ActivityPageFactory(parent=place_a, start_date=date(2027, 3, 1)))
    edit_preview = reverse("wagtailadmin_pages:preview_on_edit", args=[activity.pk])
    client.post(edit_preview, activity_form_data(weekdays=["4"], start_time="08:45"))
    html = client.get(edit_preview).content.decode()
    assert "vendredi 5 mars 2027, 08:45" in html
    assert "lundi 1 mars 2027" not in html  # the stored, published sessions are not shown


def test_migrations_link_existing_groups_and_take_back_stale_trust(place_a, place_b):
    """directory 0009 links the groups made before the link existed by the page id their name
    ends with, even where the title part went stale; activities 0004 then takes the publish
    right back from the groups of places that are not trusted."""
    import importlib

    from django.apps import apps
    from wagtail.models import GroupPagePermission

    from directory.models import PlaceOrganisers
    from directory.roles import organiser_group, page_permissions

    link_groups = importlib.import_module("directory.migrations.0009_organiser_groups")
    revoke = importlib.import_module("activities.migrations.0004_revoke_stale_trust")

    group_a, group_b = organiser_group(place_a), organiser_group(place_b)
    PlaceOrganisers.objects.all().delete()
    group_a.name = f"Organisateurs — Ancien nom (#{place_a.pk})"  # renamed place, stale name
    group_a.save()
    (publish_page,) = page_permissions(["publish_page"])
    for group, place in ((group_a, place_a), (group_b, place_b)):
        GroupPagePermission.objects.create(group=group, page=place, permission=publish_page)
    TrustedPlace.objects.bulk_create([TrustedPlace(place=place_b)])  # no signal: as if old

    link_groups.link_existing_groups(apps, None)
    assert organiser_group(place_a) == group_a
    assert organiser_group(place_b) == group_b

    revoke.revoke_stale_trust(apps, None)
    assert not group_a.page_permissions.filter(permission=publish_page).exists()
    assert group_b.page_permissions.filter(permission=publish_page).exists()
