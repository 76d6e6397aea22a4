"""Titles and names stay on one line: the editor refuses a line break, and one stored before
(or by an import) still gives a working calendar feed and registration e-mail."""

from datetime import date, time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from activities.models import ActivityPage, Occurrence
from core.text import is_single_line
from tests.factories import ActivityPageFactory, publish

pytestmark = pytest.mark.django_db

BROKEN = ["Atelier\nportage", "Atelier\r\nportage", "Atelier\rportage", "Atelier\u2028x", "A\x00b"]


@pytest.mark.parametrize("title", BROKEN)
def test_an_activity_title_on_several_lines_is_refused(place, title):
    activity = ActivityPageFactory.build(title=title)
    place.add_child(instance=ActivityPageFactory.build(title="Atelier correct"))
    with pytest.raises(ValidationError) as refused:
        activity.clean()
    assert "title" in refused.value.message_dict


@pytest.mark.parametrize("title", BROKEN)
def test_a_place_name_on_several_lines_is_refused(place, title):
    place.title = title
    with pytest.raises(ValidationError) as refused:
        place.clean()
    assert "title" in refused.value.message_dict


def test_a_street_address_on_several_lines_is_refused(place):
    place.street_address = "Rue des Tilleuls 1\nBCC: everyone@example.org"
    with pytest.raises(ValidationError) as refused:
        place.clean()
    assert set(refused.value.message_dict) == {"street_address"}


def test_one_line_texts_pass():
    assert is_single_line("Matinée « passerelle » — Liège, 9h30 · 🙂 bienvenue")


def test_a_stored_title_with_a_line_break_still_gives_a_feed_and_an_email(
    clock, client, place, django_capture_on_commit_callbacks
):
    activity = publish(
        ActivityPageFactory(
            parent=place,
            title="Atelier portage",
            start_date=date(2027, 3, 3),
            start_time=time(10, 0),
            weekdays="2",
            registration_required=True,
        )
    )
    ActivityPage.objects.filter(pk=activity.pk).update(title="Atelier\r\nportage")
    activity.refresh_from_db()
    feed = client.get(activity.url + "calendar.ics")
    assert feed.status_code == 200
    session = Occurrence.objects.filter(activity=activity).order_by("start").first()
    assert (
        client.get(activity.url.rstrip("/") + f"/seances/{session.pk}/calendar.ics").status_code
        == 200
    )
    data = {
        "name": "Famille 1",
        "email": "famille1@example.org",
        "phone": "",
        "children_count": "1",
        "children_ages": "18 mois",
        "consent": "on",
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(session.registration_url, data)
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Atelier portage" in message.subject


def test_the_editor_refuses_a_place_name_on_two_lines(admin_client, place):
    from django.urls import reverse

    from tests.admin_forms import place_form_data

    data = place_form_data(place, **{"action-publish": "1"})
    data["title"] = "Le Nid\r\n<img src=x onerror=alert(1)>"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[place.pk]), data)
    assert response.status_code == 200
    assert "Sur une seule ligne" in response.content.decode()
    place.refresh_from_db()
    assert place.title == "La Maison des Petits Pas"
