"""Santé-parentalité projects: staff edit them (revisions, audit log, limited choosers),
organisers see their own place's projects read-only, the public sees no staff-only data."""

from __future__ import annotations

import html
import json
from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from projects.models import (
    HealthParentingProject,
    ProjectConsultation,
    ProjectPlace,
    ProjectStatus,
    TMSReferent,
)
from tests.factories import PlacePageFactory, objective, programme

TMS_NAME = "Brigitte Vandamme-TMS"
TMS_EMAIL = "brigitte.tms@one.example"
TMS_PHONE = "+32 4 999 88 77"
NOTES = "Note interne : subside à renouveler en mars."

ADD_URL = reverse("wagtailsnippets_projects_healthparentingproject:add")
LIST_URL = reverse("wagtailsnippets_projects_healthparentingproject:list")


def edit_url(project):
    return reverse("wagtailsnippets_projects_healthparentingproject:edit", args=[project.pk])


def detail_url(project):
    return reverse("projects_project_detail", args=[project.pk])


@pytest.fixture
def consultation(commune):
    return PlacePageFactory(
        title="Consultation ONE Sainte-Marguerite",
        commune=commune,
        programmes=[programme("consultations-enfants")],
        objectives=[objective("sante-parentalite")],
    )


@pytest.fixture
def place_c(commune):
    return PlacePageFactory(title="Lieu C", commune=commune)


@pytest.fixture
def project(consultation, place_a):
    project = HealthParentingProject.objects.create(
        name="Bien grandir à Sainte-Marguerite",
        status=ProjectStatus.ACTIVE,
        start_date=date(2026, 1, 1),
        public_summary="Des matinées d'éveil avec la consultation.",
        activity_year=2026,
        activity_programme="<p>Massage bébé, un jeudi par mois.</p>",
        notes=NOTES,
    )
    project.objectives.set([objective("promotion-sante-bientraitance")])
    ProjectConsultation.objects.create(project=project, consultation=consultation)
    ProjectPlace.objects.create(project=project, place=place_a)
    TMSReferent.objects.create(project=project, name=TMS_NAME, phone=TMS_PHONE, email=TMS_EMAIL)
    return project


def project_form_data(consultations, places, **overrides) -> dict:
    data = {
        "name": "Grandir ensemble",
        "status": "active",
        "start_date": "2026-02-01",
        "end_date": "",
        "public_summary": "Un projet de la consultation.",
        "consultation_links": inline_formset([{"consultation": str(c.pk)} for c in consultations]),
        "place_links": inline_formset(
            [{"place": str(p.pk), "relation": "develops"} for p in places]
        ),
        "activity_year": "2026",
        "activity_programme": rich_text("<p>Ateliers.</p>"),
        "tms_referents": inline_formset(
            [{"name": TMS_NAME, "phone": TMS_PHONE, "email": TMS_EMAIL}]
        ),
        "notes": NOTES,
    }
    data.update(overrides)
    objectives = data.pop("objectives", [str(objective("promotion-sante-bientraitance").pk)])
    return {**nested_form_data(data), "objectives": objectives}


# ---------------------------------------------------------------------------------------------
# Staff edit projects


def test_staff_create_a_project_linked_to_two_places_with_revision_and_audit_log(
    client, staff_member, consultation, place_a, place_b
):
    client.force_login(staff_member)
    response = client.post(ADD_URL, project_form_data([consultation], [place_a, place_b]))
    assert response.status_code == 302, response.context["form"].errors

    project = HealthParentingProject.objects.get(name="Grandir ensemble")
    assert [link.consultation for link in project.consultation_links.all()] == [consultation]
    assert {link.place for link in project.place_links.all()} == {place_a, place_b}
    assert project.tms_referents.get().email == TMS_EMAIL
    assert Revision.objects.for_instance(project).count() == 1
    assert ModelLogEntry.objects.filter(
        action="wagtail.create", object_id=str(project.pk), user=staff_member
    ).exists()

    # From the other side: each place's editor lists the project with a link to its editor.
    for place in (place_a, place_b):
        page = client.get(reverse("wagtailadmin_pages:edit", args=[place.pk]))
        assert "Grandir ensemble" in page.text
        assert edit_url(project) in page.text


def test_staff_remove_a_place_from_a_project(client, staff_member, project, consultation, place_a):
    client.force_login(staff_member)
    data = project_form_data(
        [consultation], [], name=project.name, tms_referents=inline_formset([])
    )
    # The existing rows come back with their ids, the place's marked for deletion.
    data.update(
        nested_form_data(
            {
                "consultation_links": inline_formset(
                    [
                        {
                            "id": str(project.consultation_links.get().pk),
                            "consultation": str(consultation.pk),
                        }
                    ],
                    initial=1,
                ),
                "place_links": inline_formset(
                    [
                        {
                            "id": str(project.place_links.get().pk),
                            "place": str(place_a.pk),
                            "relation": "develops",
                            "DELETE": "1",
                        }
                    ],
                    initial=1,
                ),
            }
        )
    )
    response = client.post(edit_url(project), data)
    assert response.status_code == 302
    assert not project.place_links.exists()
    assert ModelLogEntry.objects.filter(action="wagtail.edit", object_id=str(project.pk)).exists()
    assert Revision.objects.for_instance(project).count() == 1


def test_a_project_is_carried_by_consultations_only(client, staff_member, place_a, place_b):
    client.force_login(staff_member)
    response = client.post(ADD_URL, project_form_data([place_a], [place_b]))
    assert response.status_code == 200
    assert "pas une consultation" in response.text
    assert not HealthParentingProject.objects.exists()


def test_a_project_needs_a_consultation(client, staff_member, place_a):
    client.force_login(staff_member)
    response = client.post(ADD_URL, project_form_data([], [place_a]))
    assert response.status_code == 200
    assert not HealthParentingProject.objects.exists()


def test_a_place_is_linked_once(client, staff_member, consultation, place_a):
    client.force_login(staff_member)
    response = client.post(ADD_URL, project_form_data([consultation], [place_a, place_a]))
    assert response.status_code == 200
    assert not HealthParentingProject.objects.exists()


def test_end_date_follows_start_date(client, staff_member, consultation):
    client.force_login(staff_member)
    data = project_form_data([consultation], [], start_date="2026-05-01", end_date="2026-01-01")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "La fin doit suivre le début." in response.text


def test_choosers_offer_consultations_and_meeting_places_only(
    client, staff_member, consultation, place_a
):
    client.force_login(staff_member)
    consultations = client.get(reverse("consultation_chooser:choose"))
    assert consultations.status_code == 200
    assert consultation.title in consultations.text
    assert place_a.title not in consultations.text

    places = client.get(reverse("meeting_place_chooser:choose"))
    assert place_a.title in places.text
    assert consultation.title not in places.text
    # The editor's form offers these choosers, not Wagtail's page chooser over every page.
    form = client.get(ADD_URL).text
    assert reverse("consultation_chooser:choose") in form
    assert reverse("meeting_place_chooser:choose") in form


# ---------------------------------------------------------------------------------------------
# Organisers: their own place's projects, read-only, without staff-only data


def test_organisers_cannot_open_the_project_editor(client, organiser_a, project):
    client.force_login(organiser_a)
    for url in (LIST_URL, ADD_URL, edit_url(project)):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert TMS_NAME not in response.text


def test_organisers_see_their_place_projects_read_only_without_tms_contacts(
    client, organiser_a, project, place_a
):
    client.force_login(organiser_a)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[place_a.pk]))
    assert editor.status_code == 200
    assert project.name in editor.text
    assert detail_url(project) in editor.text
    assert edit_url(project) not in editor.text

    response = client.get(detail_url(project))
    assert response.status_code == 200
    assert project.name in response.text
    assert "Massage bébé" in response.text  # the activity programme is theirs to know
    for secret in (TMS_NAME, TMS_EMAIL, TMS_PHONE, NOTES):
        assert secret not in response.text
        assert secret not in editor.text


def test_organisers_do_not_see_other_places_projects(client, organiser_a, project, place_b):
    other = HealthParentingProject.objects.create(name="Projet d'ailleurs")
    ProjectPlace.objects.create(project=other, place=place_b)
    client.force_login(organiser_a)
    assert client.get(detail_url(other)).status_code == 404


def test_staff_see_tms_contacts_on_the_project_page(client, staff_member, project):
    client.force_login(staff_member)
    response = client.get(detail_url(project))
    assert TMS_EMAIL in response.text and NOTES in response.text
    assert TMS_EMAIL in client.get(edit_url(project)).text


# ---------------------------------------------------------------------------------------------
# Public side


def test_place_pages_name_projects_and_partner_consultations(
    client, project, place_a, consultation
):
    page = client.get(place_a.url).text
    assert project.name in page
    assert html.escape(project.public_summary) in page
    assert f'href="{consultation.url}"' in page
    assert consultation.title in page

    page = client.get(consultation.url).text
    assert project.name in page
    assert f'href="{place_a.url}"' in page


def test_ended_projects_are_not_shown(client, project, place_a):
    project.status = ProjectStatus.ENDED
    project.save()
    assert project.name not in client.get(place_a.url).text


def test_staff_only_data_never_appears_publicly(client, project, place_a, consultation):
    urls = [
        place_a.url,
        consultation.url,
        "/lieux/",
        "/sitemap.xml",
        "/api/v1/places/",
        "/api/v1/places.geojson",
        f"/api/v1/places/?near={place_a.latitude},{place_a.longitude}",
        "/api/v1/programmes/",
        "/api/v1/objectives/",
        "/api/v1/schema/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        for secret in (TMS_NAME, TMS_EMAIL, TMS_PHONE, NOTES, "Massage bébé"):
            assert secret not in response.text, (secret, url)


def test_place_json_ld_has_no_project_data(client, project, place_a):
    text = client.get(place_a.url).text
    start = text.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(text[start : text.index("</script>", start)])
    assert TMS_NAME not in json.dumps(data, ensure_ascii=False)


def test_place_page_queries_do_not_grow_with_projects(client, project, place_a, place_b, place_c):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(place_a.url).status_code == 200
        return len(captured)

    client.get(place_a.url)
    few = count()
    for n in range(5):
        other = HealthParentingProject.objects.create(name=f"Projet {n}", status="active")
        ProjectPlace.objects.create(project=other, place=place_a)
        ProjectPlace.objects.create(project=other, place=place_b)
        ProjectPlace.objects.create(project=other, place=place_c)
    assert count() == few
