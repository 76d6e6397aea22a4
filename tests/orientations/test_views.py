"""The professional's form and the place's answer, through the views: the consent is
required, a reason comes from the place's list, the note is short, no personal field ever
reaches a URL; the place's settings; the counts in a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from orientations.models import Orientation, PlaceOrientationSettings, Status
from tests.orientations.conftest import orientation_to

pytestmark = pytest.mark.django_db

FORM = {
    "family_name": "Awa",
    "family_email": "famille@example.org",
    "family_phone": "",
    "children_ages": "3 ans",
    "languages_spoken": "wolof",
    "family_language": "nl",
    "reason": "Reprise de contact",
    "note": "",
    "consent": "on",
    "contact_consent": "on",
}


def test_a_professional_orients_a_family(client, place_a, professional_a):
    client.force_login(professional_a)
    url = reverse("orientations_new", args=[place_a.pk])
    response = client.post(url, FORM)
    orientation = Orientation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("orientations_sent_one", args=[orientation.pk])
    assert (orientation.professional, orientation.place_id) == (professional_a, place_a.pk)
    assert orientation.family_language == "nl" and orientation.consent
    # Nothing personal in any address the flow leads to.
    for personal in ("Awa", "famille", "wolof"):
        assert personal not in response["Location"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"reason": "Un motif inventé"}, "reason"),
        ({"note": "x" * 501}, "note"),
        ({"family_email": "", "family_phone": ""}, "family_phone"),
        ({"family_language": "de"}, "family_language"),
        ({"family_name": ""}, "family_name"),
    ],
)
def test_a_bad_form_is_a_400_naming_the_field(client, place_a, professional_a, change, field):
    client.force_login(professional_a)
    response = client.post(reverse("orientations_new", args=[place_a.pk]), {**FORM, **change})
    assert response.status_code == 400
    assert (
        f'id="id_{field}-error"' in response.content.decode()
        or (f"id_{field}_0-error" in response.content.decode())
        or response.context["form"].errors.get(field)
    )
    assert not Orientation.objects.exists()


def test_the_place_answers_refused_needs_a_reason(client, place_a, organiser_a, professional_a):
    orientation = orientation_to(place_a, professional_a)
    client.force_login(organiser_a)
    url = reverse("orientations_received_one", args=[orientation.pk])
    assert client.post(url, {"status": Status.REFUSED}).status_code == 400
    assert client.post(url, {"status": Status.REFUSED, "refusal_reason": "full"}).status_code == 302
    orientation.refresh_from_db()
    assert (orientation.status, orientation.refusal_reason) == (Status.REFUSED, "full")
    # Answered: the form is gone, a second answer changes nothing.
    assert client.post(url, {"status": Status.ACCEPTED}).status_code == 302
    orientation.refresh_from_db()
    assert orientation.status == Status.REFUSED


def test_the_organiser_sets_the_place_up(client, place_a, organiser_a):
    client.force_login(organiser_a)
    url = reverse("orientations_place_settings", args=[place_a.pk])
    response = client.post(
        url, {"takes_orientations": "on", "reasons": "Un\nDeux", "reasons_nl": "Een"}
    )
    assert response.status_code == 302
    setting = PlaceOrientationSettings.objects.get(place=place_a)
    assert setting.reason_list("nl") == ["Een", "Deux"]
    assert setting.reason_list("fr") == ["Un", "Deux"]


def test_the_counts_cost_two_queries_whatever_the_places(
    place_a, place_b, professional_a, django_assert_num_queries
):
    from orientations.counts import figures

    for place in (place_a, place_b, place_a):
        orientation_to(place, professional_a)
    with django_assert_num_queries(2):
        found = figures()
    assert {line["label"]: line["total"] for line in found["places"]} == {
        "Espace A": 2,
        "Espace B": 1,
    }


def test_the_received_list_and_the_home_in_a_fixed_number_of_queries(
    client, place_a, organiser_a, professional_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(organiser_a)
    orientation_to(place_a, professional_a)

    def queries(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    pages = [reverse("orientations_received"), reverse("wagtailadmin_home")]
    one = [queries(url) for url in pages]
    for _n in range(5):
        orientation_to(place_a, professional_a)
    assert [queries(url) for url in pages] == one
    listed = client.get(pages[0]).content.decode()
    assert len(re.findall(r"/admin/orientations/recues/\d+/", listed)) == 6


def test_a_place_that_takes_orientations_lists_a_reason(client, place_a, organiser_a):
    client.force_login(organiser_a)
    url = reverse("orientations_place_settings", args=[place_a.pk])
    refused = client.post(url, {"takes_orientations": "on", "reasons": " "})
    assert refused.status_code == 400 and refused.context["form"].errors["reasons"]
    assert client.post(url, {"takes_orientations": "", "reasons": ""}).status_code == 302
    assert not PlaceOrientationSettings.objects.get(place=place_a).takes_orientations
