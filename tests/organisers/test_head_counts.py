"""An organiser records how many came to a past session of their place: numbers only."""

from datetime import timedelta

import pytest
from django.urls import reverse

from organisers.models import HeadCount
from tests.factories import ActivityPageFactory, session_of
from tests.organisers.conftest import WEDNESDAY_3_MARCH_2027

pytestmark = pytest.mark.django_db


def count_url(session):
    return reverse("organisers_head_count", args=[session.pk])


def test_an_organiser_records_a_head_count(client, organiser_b, past_session_b):
    client.force_login(organiser_b)
    assert client.get(count_url(past_session_b)).status_code == 200
    response = client.post(
        count_url(past_session_b), {"children": 7, "adults": 5, "first_visits": 2}
    )
    assert response.status_code == 302
    count = HeadCount.objects.get(occurrence=past_session_b)
    assert (count.children, count.adults, count.first_visits) == (7, 5, 2)

    client.post(count_url(past_session_b), {"children": 8, "adults": 5, "first_visits": 2})
    assert HeadCount.objects.get().children == 8


@pytest.mark.parametrize(
    "data, field",
    [
        ({"children": 2, "adults": 1, "first_visits": 4}, "first_visits"),
        ({"children": -1, "adults": 1, "first_visits": 0}, "children"),
        ({"children": 1000, "adults": 1, "first_visits": 0}, "children"),
        ({"children": "beaucoup", "adults": 1, "first_visits": 0}, "children"),
        ({"adults": 1, "first_visits": 0}, "children"),
    ],
)
def test_bad_numbers_are_a_400_naming_the_field(client, organiser_b, past_session_b, data, field):
    client.force_login(organiser_b)
    response = client.post(count_url(past_session_b), data)
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()
    assert not HeadCount.objects.exists()


def test_only_past_sessions_that_took_place_are_counted(client, clock, organiser_b, activity_b):
    client.force_login(organiser_b)
    future = session_of(activity_b, WEDNESDAY_3_MARCH_2027 + timedelta(days=1))
    cancelled = session_of(
        activity_b, WEDNESDAY_3_MARCH_2027 - timedelta(days=2), is_cancelled=True
    )
    for session in (future, cancelled):
        assert client.get(count_url(session)).status_code == 404
        assert (
            client.post(
                count_url(session), {"children": 1, "adults": 1, "first_visits": 0}
            ).status_code
            == 404
        )


def test_the_list_shows_the_organisers_own_sessions_still_to_count(
    client, clock, organiser_a, place_a, past_session_b
):
    activity_a = ActivityPageFactory(parent=place_a, title="Atelier A")
    counted = session_of(activity_a, WEDNESDAY_3_MARCH_2027 - timedelta(days=7))
    HeadCount.objects.create(occurrence=counted, children=1, adults=1, first_visits=0)
    waiting = session_of(activity_a, WEDNESDAY_3_MARCH_2027 - timedelta(days=14))
    client.force_login(organiser_a)
    html = client.get(reverse("organisers_head_counts")).content.decode()
    assert count_url(waiting) in html
    assert count_url(counted) not in html
    assert count_url(past_session_b) not in html


def test_staff_record_any_sessions_head_count(client, staff_member, past_session_b):
    client.force_login(staff_member)
    response = client.post(
        count_url(past_session_b), {"children": 3, "adults": 2, "first_visits": 1}
    )
    assert response.status_code == 302
    assert HeadCount.objects.filter(occurrence=past_session_b).exists()


def queries_for(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_one_session_or_many(
    client, clock, organiser_b, activity_b, past_session_b
):
    client.force_login(organiser_b)
    url = reverse("organisers_head_counts")
    queries_for(client, url)
    one = queries_for(client, url)
    for days in range(2, 8):
        session_of(activity_b, WEDNESDAY_3_MARCH_2027 - timedelta(days=days))
    assert queries_for(client, url) == one


def summary(client) -> str:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get(reverse("organisers_head_counts")).content, "html.parser")
    return page.select_one("[data-head-count-summary]").get_text(" ", strip=True)


def test_nothing_ever_held_is_not_all_counted(client, clock, organiser_b, activity_b):
    """No session has taken place yet: the screen says there is nothing to count, not « Tout
    est noté »; it says how many wait once some do, and « Tout est noté » once all are."""
    client.force_login(organiser_b)
    session_of(activity_b, WEDNESDAY_3_MARCH_2027 + timedelta(days=1))
    said = summary(client)
    assert "Tout est noté" not in said
    assert "Aucune séance de vos lieux n'a eu lieu ces 90 derniers jours" in said

    first = session_of(activity_b, WEDNESDAY_3_MARCH_2027 - timedelta(days=7))
    session_of(activity_b, WEDNESDAY_3_MARCH_2027 - timedelta(days=14))
    assert summary(client) == "2 séances sur 2 attendent encore leur fréquentation."
    HeadCount.objects.create(occurrence=first, children=2, adults=2, first_visits=0)
    assert summary(client) == "1 séance sur 2 attend encore sa fréquentation."
    HeadCount.objects.create(
        occurrence=session_of(activity_b, WEDNESDAY_3_MARCH_2027 - timedelta(days=21)),
        children=1,
        adults=1,
        first_visits=1,
    )
    activity_b.occurrences.filter(head_count__isnull=True).delete()
    assert summary(client) == "Tout est noté. Merci ! 2 séances notées ces derniers jours."


def test_who_organises_nothing_is_told_so(client, staff_member):
    client.force_login(staff_member)
    assert summary(client) == "Vous n'organisez aucun lieu : il n'y a rien à compter ici."
