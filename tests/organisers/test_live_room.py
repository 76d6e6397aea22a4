"""The team's live room page: from the admin for the place's organisers only, through the
place's signed team link without an account; a tampered or revoked link is a 404, never a 500;
every tap a POST with its CSRF token, kept with who and when."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from activities.live_room import team_link, team_token
from activities.models import RoomReport
from tests.factories import ActivityPageFactory, publish, session_of

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
WEDNESDAY_10_40 = datetime(2027, 3, 3, 10, 40, tzinfo=BRUSSELS)


@pytest.fixture
def clock():
    with time_machine.travel(WEDNESDAY_10_40, tick=False) as traveller:
        yield traveller


@pytest.fixture
def drop_in_a(clock, place_a):
    activity = publish(ActivityPageFactory(parent=place_a, title="Accueil libre", weekdays="6"))
    # Under way: 09:30–11:30.
    return session_of(activity, datetime(2027, 3, 3, 9, 30, tzinfo=BRUSSELS))


SCRIPT = {"X-Requested-With": "XMLHttpRequest"}


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def admin_url(place) -> str:
    return reverse("organisers_live_room", args=[place.pk])


def link_url(place) -> str:
    return reverse("organisers_live_room_link", args=[team_token(team_link(place))])


def tap(client, url, session, state, **more):
    return client.post(url, {"session": session.pk, "state": state, **more})


def test_an_organiser_taps_from_the_admin(client, organiser_a, place_a, drop_in_a):
    client.force_login(organiser_a)
    page = client.get(admin_url(place_a))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    buttons = soup.select(f'#seance-{drop_in_a.pk} button[name="state"]')
    assert [b["value"] for b in buttons] == ["free", "almost_full", "full"]
    assert soup.select_one("[data-team-link]")["value"].startswith("http://")

    response = tap(client, admin_url(place_a), drop_in_a, "almost_full", places_left=2)
    assert response.status_code == 302
    row = RoomReport.objects.get()
    assert (row.occurrence, row.state, row.places_left) == (drop_in_a, "almost_full", 2)
    assert (row.reported_by, row.by_team_link, row.reported_at) == (
        organiser_a,
        False,
        WEDNESDAY_10_40,
    )
    assert "signalé à 10:40 par orga-a" in page_text(client, admin_url(place_a))


def test_another_place_s_organiser_is_refused(client, organiser_b, place_a, drop_in_a):
    client.force_login(organiser_b)
    # The admin turns a 403 into a redirect for a browser, and lets it through for a script.
    assert client.get(admin_url(place_a), headers=SCRIPT).status_code == 403
    data = {"session": drop_in_a.pk, "state": "full"}
    assert client.post(admin_url(place_a), data, headers=SCRIPT).status_code == 403
    url = reverse("organisers_renew_team_link", args=[place_a.pk])
    old = team_token(team_link(place_a))
    assert client.post(url, headers=SCRIPT).status_code == 403
    assert team_token(team_link(place_a)) == old
    assert not RoomReport.objects.exists()


def test_an_unknown_place_is_a_404_and_a_visitor_must_sign_in(client, organiser_a, place_a):
    assert client.get(admin_url(place_a)).status_code == 302  # to the admin's login
    client.force_login(organiser_a)
    assert client.get(reverse("organisers_live_room", args=[999_999])).status_code == 404


def test_one_staff_may_tap_for_any_place(client, staff_member, place_a, drop_in_a):
    client.force_login(staff_member)
    assert tap(client, admin_url(place_a), drop_in_a, "free").status_code == 302


def test_the_team_link_works_without_an_account(client, place_a, drop_in_a):
    url = link_url(place_a)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="robots" content="noindex, nofollow"' in page.content.decode()
    response = tap(client, url, drop_in_a, "full")
    assert response.status_code == 302
    row = RoomReport.objects.get()
    assert (row.state, row.reported_by, row.by_team_link) == ("full", None, True)
    assert "Complet — signalé à 10:40 par lien d'équipe" in page_text(client, url)
    # In Dutch and English too.
    assert "Vol" in page_text(client, f"/nl{url}")
    assert "Full" in page_text(client, f"/en{url}")


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(".")[0], "99999", 1),
        lambda token: "nothing-signed",
        lambda token: token + ":more",
    ],
)
def test_a_tampered_link_is_a_404(client, place_a, drop_in_a, mangle):
    token = team_token(team_link(place_a))
    url = reverse("organisers_live_room_link", args=[mangle(token)])
    assert client.get(url).status_code == 404
    assert tap(client, url, drop_in_a, "full").status_code == 404
    assert not RoomReport.objects.exists()


def test_a_new_link_revokes_the_old_one(client, organiser_a, place_a, drop_in_a):
    old = link_url(place_a)
    client.force_login(organiser_a)
    response = client.post(reverse("organisers_renew_team_link", args=[place_a.pk]))
    assert response.status_code == 302
    new = link_url(place_a)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert tap(client, old, drop_in_a, "full").status_code == 404
    assert client.get(new).status_code == 200


def test_a_link_opens_its_own_place_only(client, place_a, place_b, drop_in_a):
    url = link_url(place_b)
    response = tap(client, url, drop_in_a, "full")
    assert response.status_code == 400
    assert not RoomReport.objects.exists()


def test_a_tap_needs_its_csrf_token(place_a, drop_in_a):
    client = Client(enforce_csrf_checks=True)
    url = link_url(place_a)
    assert tap(client, url, drop_in_a, "full").status_code == 403
    page = client.get(url)
    token = BeautifulSoup(page.content, "html.parser").select_one(
        f'#seance-{drop_in_a.pk} input[name="csrfmiddlewaretoken"]'
    )["value"]
    response = tap(client, url, drop_in_a, "full", csrfmiddlewaretoken=token)
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"state": "crowded"},
        {"state": "free", "places_left": -1},
        {"state": "free", "places_left": "x"},
    ],
)
def test_a_bad_tap_is_a_400(client, place_a, drop_in_a, data):
    response = client.post(link_url(place_a), {"session": drop_in_a.pk, **data})
    assert response.status_code == 400
    assert not RoomReport.objects.exists()


def test_sessions_over_with_registration_or_cancelled_are_not_offered(
    client, clock, place_a, drop_in_a
):
    workshop = publish(
        ActivityPageFactory(
            parent=place_a, title="Atelier", weekdays="6", registration_required=True
        )
    )
    registered = session_of(workshop, datetime(2027, 3, 3, 10, 0, tzinfo=BRUSSELS))
    cancelled = session_of(
        drop_in_a.activity, datetime(2027, 3, 4, 10, 0, tzinfo=BRUSSELS), is_cancelled=True
    )
    url = link_url(place_a)
    for session in (registered, cancelled):
        assert tap(client, url, session, "full").status_code == 400
    clock.move_to(datetime(2027, 3, 3, 11, 31, tzinfo=BRUSSELS))
    assert tap(client, url, drop_in_a, "full").status_code == 400
    assert "Aucune séance" in client.get(url).content.decode()
    assert not RoomReport.objects.exists()


def test_the_dashboard_leads_to_the_page(client, organiser_a, place_a, drop_in_a):
    client.force_login(organiser_a)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    links = {a["href"] for a in soup.select("a[data-live-room]")}
    assert links == {admin_url(place_a)}


def test_the_page_fits_a_phone(client, place_a, drop_in_a):
    """Three buttons wrap on a 360 px screen: no fixed widths beyond it."""
    from django.contrib.staticfiles import finders

    css = open(finders.find("organisers/css/live_room.css")).read()
    assert "flex-wrap: wrap" in css
    soup = BeautifulSoup(client.get(link_url(place_a)).content, "html.parser")
    for button in soup.select('button[name="state"]'):
        assert button.get("type") == "submit"
    label = soup.select_one(f'label[for="places-{drop_in_a.pk}"]')
    # Places counted as the activity counts them (its capacity's unit).
    assert label.get_text() == "Places libres, en nombre d'enfants (facultatif)"


def test_the_place_s_editor_leads_to_the_page(client, organiser_a, place_a):
    client.force_login(organiser_a)
    page = client.get(reverse("wagtailadmin_pages:edit", args=[place_a.pk]))
    assert admin_url(place_a) in page.content.decode()
