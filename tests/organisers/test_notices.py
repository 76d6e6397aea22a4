"""Notices set from the organiser's home (organisers/notice_views.py): three taps from the
dashboard to a published notice; only the place's organisers and ONE staff; a bad form is a 400
naming its field; a notice is removed as simply."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from activities.models import ActivityNotice
from directory.models import PlaceNotice
from tests.factories import ActivityPageFactory, publish

pytestmark = pytest.mark.django_db

MOVED = "Les séances ont lieu à la maison de quartier."
# The admin turns a 403 into a redirect home for a browser, not for a script.
SCRIPT = {"X-Requested-With": "XMLHttpRequest"}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_three_taps_from_the_home_to_a_published_notice(client, clock, organiser_a, place_a):
    client.force_login(organiser_a)
    # 1. The dashboard's link beside the place.
    home = soup_of(client.get(reverse("wagtailadmin_home")))
    url = reverse("organisers_place_notices", args=[place_a.pk])
    assert "Signaler une fermeture ou un changement" in home.select_one(f"a[href='{url}']").text
    # 2. The form, today's dates filled in, "closed" ticked.
    form = soup_of(client.get(url))
    assert form.select_one("input[name=start_date]")["value"] == "2027-03-03"
    assert form.select_one("input[name=end_date]")["value"] == "2027-03-03"
    assert form.select_one("input[name=kind][value=closed]").has_attr("checked")
    # 3. Saved: public at once, on the place's page.
    response = client.post(
        url,
        {
            "kind": "moved",
            "start_date": "2027-03-03",
            "end_date": "2027-03-10",
            "message_fr": MOVED,
        },
    )
    assert response.status_code == 302
    notice = PlaceNotice.objects.get(place=place_a)
    assert (notice.kind, notice.end_date, notice.message_fr) == ("moved", date(2027, 3, 10), MOVED)
    assert notice.created_by == organiser_a
    client.logout()
    assert MOVED in soup_of(client.get(place_a.url)).select_one("[role=status]").get_text()


def test_the_form_in_dutch_writes_the_dutch_message(client, clock, organiser_a, place_a):
    client.force_login(organiser_a)
    url = reverse("organisers_place_notices", args=[place_a.pk])
    client.post(
        url,
        {
            "kind": "hours",
            "start_date": "2027-03-03",
            "end_date": "2027-03-03",
            "message_nl": "Open van 9 tot 11",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    notice = PlaceNotice.objects.get(place=place_a)
    assert (notice.message_nl, notice.message_fr) == ("Open van 9 tot 11", "")


def test_a_bad_form_is_a_400_naming_its_field(client, clock, organiser_a, place_a):
    client.force_login(organiser_a)
    url = reverse("organisers_place_notices", args=[place_a.pk])
    response = client.post(
        url, {"kind": "other", "start_date": "2027-03-05", "end_date": "2027-03-04"}
    )
    assert response.status_code == 400
    soup = soup_of(response)
    summary = soup.select_one("#notice-errors").get_text(" ")
    assert "Au (inclus)" in summary and "La fin doit suivre le début." in summary
    assert "Dites aux familles de quoi il s'agit." in summary
    end = soup.select_one("input[name=end_date]")
    assert end["aria-invalid"] == "true"
    assert (
        soup.select_one(f"#{end['aria-describedby']}").get_text() == "La fin doit suivre le début."
    )
    assert not PlaceNotice.objects.exists()


def test_only_the_place_s_organisers_and_one_staff(
    client, clock, organiser_a, organiser_b, staff_member, place_a
):
    url = reverse("organisers_place_notices", args=[place_a.pk])
    data = {"kind": "closed", "start_date": "2027-03-03", "end_date": "2027-03-04"}
    client.force_login(organiser_b)
    assert client.get(url, headers=SCRIPT).status_code == 403
    assert client.post(url, data, headers=SCRIPT).status_code == 403
    unknown = reverse("organisers_place_notices", args=[999999])
    assert client.get(unknown, headers=SCRIPT).status_code == 404
    mine = PlaceNotice.objects.create(
        place=place_a, kind="closed", start_date=date(2027, 3, 3), end_date=date(2027, 3, 4)
    )
    remove = reverse("organisers_remove_place_notice", args=[mine.pk])
    assert client.post(remove, headers=SCRIPT).status_code == 403
    assert PlaceNotice.objects.filter(pk=mine.pk).exists()
    client.force_login(staff_member)
    assert client.post(url, data).status_code == 302
    assert PlaceNotice.objects.filter(place=place_a).count() == 2


def test_an_activity_s_notice_and_its_removal(client, clock, organiser_a, organiser_b, place_a):
    activity = publish(ActivityPageFactory(parent=place_a, title="Atelier conte"))
    client.force_login(organiser_a)
    place_screen = soup_of(client.get(reverse("organisers_place_notices", args=[place_a.pk])))
    url = reverse("organisers_activity_notices", args=[activity.pk])
    assert place_screen.select_one(f"[data-activities] a[href='{url}']") is not None
    data = {
        "kind": "moved",
        "start_date": "2027-03-03",
        "end_date": "2027-03-03",
        "message_fr": MOVED,
    }
    assert client.post(url, data).status_code == 302
    notice = ActivityNotice.objects.get(activity=activity)
    screen = soup_of(client.get(url))
    assert MOVED in screen.select_one("[data-notices]").get_text()
    client.force_login(organiser_b)
    assert client.post(url, data, headers=SCRIPT).status_code == 403
    remove = reverse("organisers_remove_activity_notice", args=[notice.pk])
    assert client.post(remove, headers=SCRIPT).status_code == 403
    client.force_login(organiser_a)
    assert client.post(remove).status_code == 302
    assert not ActivityNotice.objects.exists()
