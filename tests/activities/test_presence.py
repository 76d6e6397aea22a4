"""Presence ticked on the register: only the confirmed families, by the organisers of the place;
the session's head-count starts from the children and adults ticked, so nothing is typed twice;
the register's queries do not grow with its rows."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Occurrence, Presence, Registration
from activities.presence import presence_counts
from activities.registrations import Family, register
from tests.activities.conftest import BRUSSELS, WORKSHOP_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]


@pytest.fixture
def session(clock, place, workshop_at):
    return Occurrence.objects.get(activity=workshop_at(place, capacity=6), date=WORKSHOP_DAY)


def registered(session, n: int, children: int, adults: int = 1) -> Registration:
    ages = ", ".join(["2 ans"] * children)
    family = Family(f"Famille {n}", f"f{n}@example.org", "", children, ages, None, adults)
    return register(session.pk, family, "http://testserver/").registration


def test_ticked_presence_feeds_the_head_count(client, clock, session, organiser):
    first = registered(session, 1, 2, 1)
    second = registered(session, 2, 3, 2)
    registered(session, 3, 1)
    waiting = registered(session, 4, 2)
    assert waiting.status == "waiting"
    client.force_login(organiser)
    url = reverse("activities_presence", args=[session.activity_id])
    response = client.post(
        url, {"occurrence": session.pk, "present": [first.pk, second.pk, waiting.pk]}
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#seance-{session.pk}")
    present = set(
        Presence.objects.filter(present=True).values_list("registration__name", flat=True)
    )
    # A waiting family cannot be ticked: it has no seat.
    assert present == {"Famille 1", "Famille 2"}
    assert presence_counts(session.pk).__dict__ == {"families": 2, "children": 5, "adults": 3}

    # Unticking is saved too.
    client.post(url, {"occurrence": session.pk, "present": [first.pk]})
    assert presence_counts(session.pk).children == 2

    clock.move_to(datetime(2027, 3, 3, 12, 0, tzinfo=BRUSSELS))
    count_url = reverse("organisers_head_count", args=[session.pk])
    form = client.get(count_url).context["form"]
    assert (form["children"].value(), form["adults"].value()) == (2, 1)
    assert "Repris de la présence cochée" in client.get(count_url).content.decode()


def test_no_presence_ticked_nothing_prefilled(client, clock, session, organiser):
    registered(session, 1, 2)
    clock.move_to(datetime(2027, 3, 3, 12, 0, tzinfo=BRUSSELS))
    client.force_login(organiser)
    form = client.get(reverse("organisers_head_count", args=[session.pk])).context["form"]
    assert form["children"].value() is None


def test_only_the_place_s_organisers_tick(client, session, django_user_model):
    first = registered(session, 1, 2)
    stranger = django_user_model.objects.create_user("autre", password="x")
    client.force_login(stranger)
    url = reverse("activities_presence", args=[session.activity_id])
    response = client.post(url, {"occurrence": session.pk, "present": [first.pk]})
    assert response.status_code in (302, 403)
    assert not Presence.objects.filter(present=True).exists()


def test_the_register_s_queries_do_not_grow(
    client, session, organiser, django_assert_max_num_queries
):
    client.force_login(organiser)
    url = reverse("activities_registrations", args=[session.activity_id])
    registered(session, 1, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 8):
        registered(session, n, 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    html = page.content.decode()
    assert html.count('class="register__tick"') == 6
    assert 'for="present-' in html
