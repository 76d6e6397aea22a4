"""ONE staff's home counts the orientations waiting for a place's answer, and those already
reminded, per place: numbers and place names only, never a family; organisers and
professionals never see it; its queries do not grow with the places."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from orientations.models import Status
from orientations.staff_panels import waiting_orientations
from tests.orientations.conftest import ffer_place, orientation_to, taking

pytestmark = pytest.mark.django_db
HOME = reverse("wagtailadmin_home")


def request_of(user):
    request = RequestFactory().get(HOME)
    request.user = user
    return request


FAMILY = ["Awa", "famille@example.org", "3 ans", "wolof", "Papa voit", "+32 470"]


def panel_of(client):
    response = client.get(HOME)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return page, page.select_one('[data-staff-panel="orientations"]')


@pytest.fixture
def waiting(place_a, place_b, professional_a):
    reminded = timezone.now() - timedelta(days=2)
    orientation_to(place_a, professional_a, family_phone="+32 470 00 00 00")
    orientation_to(place_a, professional_a, reminded_at=reminded)
    orientation_to(place_b, professional_a)
    orientation_to(place_b, professional_a, status=Status.ACCEPTED)
    orientation_to(place_b, professional_a, status=Status.EXPIRED, reminded_at=reminded)


def test_staff_see_the_orientations_waiting_per_place_and_no_family(client, staff_member, waiting):
    client.force_login(staff_member)
    page, panel = panel_of(client)
    text = panel.get_text(" ", strip=True)
    assert "3 orientations attendent la réponse d'un lieu, dont 1 après le rappel" in text
    assert text.index("Espace A — 2 sans réponse, dont 1 après rappel") < text.index(
        "Espace B — 1 sans réponse, dont 0 après rappel"
    )
    assert panel.select_one("a.button")["href"] == reverse("orientations_counts")
    html = str(page)
    assert [value for value in FAMILY if value in html] == []


def test_nothing_waiting_says_so(client, staff_member, place_a):
    client.force_login(staff_member)
    _page, panel = panel_of(client)
    assert "Aucune orientation n'attend de réponse." in panel.get_text(" ", strip=True)


def test_organisers_and_professionals_do_not_see_it(client, waiting, organiser_a, professional_a):
    for user in (organiser_a, professional_a):
        client.force_login(user)
        assert panel_of(client)[1] is None
        assert waiting_orientations(request_of(user)) is None


@pytest.mark.parametrize("places", [1, 5])
def test_its_queries_do_not_grow_with_the_places(
    commune, staff_member, professional_a, places, django_assert_num_queries
):
    for n in range(places):
        orientation_to(taking(ffer_place(commune, f"Espace {n}")), professional_a)
    request = request_of(staff_member)
    waiting_orientations(request)  # the user's permissions, read once per request
    with django_assert_num_queries(2):
        panel = waiting_orientations(request)
    assert panel.count == places and len(panel.rows) == places
