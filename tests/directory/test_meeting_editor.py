"""The place editor's « Espace de rencontre » panel, and who keeps its vocabularies and courts:
ONE staff, not a place's organisers."""

import pytest
from django.urls import reverse

from directory.models import Accompaniment, PlacePage, RequiredDocument
from tests.admin_forms import place_form_data
from tests.factories import CourtFactory

pytestmark = pytest.mark.django_db


def test_the_editor_saves_the_espace_de_rencontre_panel(admin_client, place):
    court = CourtFactory(slug="tpi-liege", commune=place.commune)
    edit = reverse("wagtailadmin_pages:edit", args=[place.pk])
    assert "Espace de rencontre" in admin_client.get(edit).content.decode()
    data = place_form_data(
        place,
        prior_interview="on",
        waiting_weeks="6",
        waiting_declared_on="2026-11-30",
    )
    data["accompaniments"] = [str(Accompaniment.objects.get(slug="passages-de-bras").pk)]
    data["required_documents"] = [str(RequiredDocument.objects.get(slug="decision-du-juge").pk)]
    data["courts"] = [str(court.pk)]
    response = admin_client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    saved = PlacePage.objects.get(pk=place.pk).get_latest_revision_as_object()
    assert saved.prior_interview and saved.waiting_weeks == 6
    assert [c.slug for c in saved.courts.all()] == ["tpi-liege"]
    assert [a.slug for a in saved.accompaniments.all()] == ["passages-de-bras"]


def test_a_waiting_time_without_its_date_is_refused_by_name(admin_client, place):
    edit = reverse("wagtailadmin_pages:edit", args=[place.pk])
    response = admin_client.post(edit, place_form_data(place, waiting_weeks="6"))
    assert response.status_code == 200
    assert "waiting_declared_on" in response.context["form"].errors


@pytest.mark.parametrize(
    "model", ["gazetteer/court", "directory/accompaniment", "directory/requireddocument"]
)
def test_staff_keep_the_courts_and_vocabularies(client, staff_member, organiser_a, model):
    url = f"/admin/snippets/{model}/add/"
    client.force_login(staff_member)
    assert client.get(url).status_code == 200
    client.force_login(organiser_a)
    assert client.get(url).status_code in (302, 403)
