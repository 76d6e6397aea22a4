"""Organisers edit only their own place, through ONE staff's approval; staff curate."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from directory.roles import organiser_group_name
from rencontres.roles import ONE_STAFF_GROUP
from tests.admin_forms import place_form_data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_creating_a_place_creates_its_organiser_group(place_a):
    group = Group.objects.get(name=organiser_group_name(place_a))
    assert group.page_permissions.filter(page=place_a).exists()
    assert not group.page_permissions.exclude(page=place_a).exists()


def test_organiser_opens_own_place_but_not_another(client, organiser_a, place_a, place_b):
    client.force_login(organiser_a)
    assert client.get(edit_url(place_a)).status_code == 200
    response = client.get(edit_url(place_b))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url != edit_url(place_b)


def test_organiser_cannot_edit_or_publish_another_place(client, organiser_a, place_b):
    client.force_login(organiser_a)
    for action in ({}, {"action-publish": "publish"}):
        data = place_form_data(place_b, title="Pris par A", **action)
        response = client.post(edit_url(place_b), data)
        assert response.status_code in (302, 403)
    place_b.refresh_from_db()
    assert place_b.title == "Lieu B"
    assert place_b.draft_title == "Lieu B"
    assert not place_b.revisions.filter(user=organiser_a).exists()


def test_organiser_cannot_publish_own_place_directly(client, organiser_a, place_a):
    client.force_login(organiser_a)
    client.post(
        edit_url(place_a),
        place_form_data(place_a, title="Publié en direct", **{"action-publish": "1"}),
    )
    place_a.refresh_from_db()
    assert place_a.title == "Lieu A"


def test_organiser_submits_own_changes_to_one_staff(client, organiser_a, place_a):
    client.force_login(organiser_a)
    response = client.post(
        edit_url(place_a),
        place_form_data(place_a, title="Lieu A rénové", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    place_a.refresh_from_db()
    assert place_a.title == "Lieu A"  # still the published version
    assert place_a.draft_title == "Lieu A rénové"
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(place_a.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task = state.current_task_state.task.specific
    assert list(task.groups.values_list("name", flat=True)) == [ONE_STAFF_GROUP]


def test_one_staff_can_publish_any_place(client, staff_member, place_b):
    client.force_login(staff_member)
    response = client.post(
        edit_url(place_b),
        place_form_data(place_b, title="Lieu B validé", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    place_b.refresh_from_db()
    assert place_b.title == "Lieu B validé"


@pytest.mark.parametrize("model", ["programme", "objective", "accessmode"])
def test_one_staff_curates_the_taxonomy_but_organisers_do_not(
    client, staff_member, organiser_a, model
):
    for action in ("list", "add"):
        url = reverse(f"wagtailsnippets_objectives_{model}:{action}")
        client.force_login(staff_member)
        assert client.get(url).status_code == 200
        client.force_login(organiser_a)
        assert client.get(url).status_code in (302, 403)


def test_one_staff_hold_project_dashboard_and_import_permissions(staff_member, organiser_a):
    for permission in (
        "projects.add_healthparentingproject",
        "projects.change_healthparentingproject",
        "projects.delete_healthparentingproject",
        "projects.view_coverage",
        "directory.import_places",
    ):
        assert staff_member.has_perm(permission), permission
        assert not organiser_a.has_perm(permission), permission
