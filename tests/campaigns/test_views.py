"""The answer page behind an organiser's link: only their place and campaign, only the
campaign's sections; a confirmation verifies the place, an edit is published as a revision."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Revision

from campaigns.links import answer_path
from campaigns.models import Answer, CampaignRequest
from directory.models import ClosurePeriod, PlacePage
from tests.campaigns.conftest import link_for

pytestmark = pytest.mark.django_db


def request_of(place):
    return CampaignRequest.objects.get(place=place)


def test_the_link_opens_the_organisers_place_with_the_campaigns_sections_only(
    client, started, mailoutbox
):
    page = client.get(link_for(mailoutbox, "orga-a@example.org"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Lieu A" in html and "Lieu B" not in html
    assert "Heures d&#x27;ouverture" in html and "Fermetures (congés)" in html
    assert 'name="phone"' not in html and '<textarea name="description"' not in html
    assert 'name="access_details"' not in html
    assert page["Cache-Control"].startswith("max-age=0")


def test_confirming_verifies_the_place_and_answers_the_request(
    client, clock, started, place_a, organiser_a, mailoutbox
):
    link = link_for(mailoutbox, "orga-a@example.org")
    PlacePage.objects.filter(pk=place_a.pk).update(verified_at=None)
    clock.shift(3600)
    response = client.post(link, {"action": "confirm"})
    assert response.status_code == 302
    request = request_of(place_a)
    assert (request.answer, request.answered_by) == (Answer.ORGANISER, organiser_a)
    assert PlacePage.objects.get(pk=place_a.pk).verified_at == request.answered_at
    assert "la fiche est confirmée" in client.get(link).content.decode()


def test_adding_a_closure_publishes_a_revision_by_the_organiser(
    client, started, place_a, organiser_a, mailoutbox
):
    link = link_for(mailoutbox, "orga-a@example.org")
    revisions = Revision.page_revisions.filter(object_id=str(place_a.pk)).count()
    response = client.post(
        link,
        {
            "action": "closure_add",
            "start_date": "2027-04-05",
            "end_date": "2027-04-16",
            "reason": "Vacances de printemps",
        },
    )
    assert response.status_code == 302
    (closure,) = ClosurePeriod.objects.filter(place=place_a)
    assert (closure.start_date, closure.end_date) == (date(2027, 4, 5), date(2027, 4, 16))
    place = PlacePage.objects.get(pk=place_a.pk)
    assert not place.has_unpublished_changes
    latest = Revision.page_revisions.filter(object_id=str(place_a.pk)).order_by("-pk").first()
    assert latest.user == organiser_a
    assert Revision.page_revisions.filter(object_id=str(place_a.pk)).count() == revisions + 1
    request = request_of(place_a)
    assert (request.answer, request.edited) == (Answer.ORGANISER, ["closures"])
    assert "Vacances de printemps" in client.get(place.url).content.decode()

    # Removed again from the same page.
    assert client.post(link, {"action": "closure_remove", "closure": closure.pk}).status_code == 302
    assert not ClosurePeriod.objects.filter(place=place_a).exists()


def test_hours_are_read_by_the_hours_reader(client, started, place_a, mailoutbox):
    link = link_for(mailoutbox, "orga-a@example.org")
    response = client.post(link, {"action": "hours", "hours": "lu-ve 9h-12h\nmer 13h30-17h"})
    assert response.status_code == 302
    slots = list(PlacePage.objects.get(pk=place_a.pk).opening_hours.values_list("weekday", "opens"))
    assert len(slots) == 6
    form = client.get(link).content.decode()
    assert "mer 13h30-17h" in form

    bad = client.post(link, {"action": "hours", "hours": "lundi 25h-12h"})
    assert bad.status_code == 400
    assert "heure impossible" in bad.content.decode()


def test_a_bad_closure_is_a_400_naming_the_field(client, started, place_a, mailoutbox):
    link = link_for(mailoutbox, "orga-a@example.org")
    response = client.post(
        link, {"action": "closure_add", "start_date": "2027-04-16", "end_date": "2027-04-05"}
    )
    assert response.status_code == 400
    assert "La fin doit suivre le début." in response.content.decode()
    assert not ClosurePeriod.objects.filter(place=place_a).exists()


def test_a_section_the_campaign_does_not_ask_is_refused(client, started, place_a, mailoutbox):
    link = link_for(mailoutbox, "orga-a@example.org")
    response = client.post(link, {"action": "contacts", "phone": "0", "email": "x@example.org"})
    assert response.status_code == 400
    assert PlacePage.objects.get(pk=place_a.pk).phone == "+32 4 000 00 00"
    assert request_of(place_a).answer == ""


def test_a_place_whose_draft_waits_is_not_edited_from_the_campaign(
    client, started, place_a, mailoutbox
):
    draft = PlacePage.objects.get(pk=place_a.pk)
    draft.title = "Lieu A (brouillon)"
    draft.save_revision()
    link = link_for(mailoutbox, "orga-a@example.org")
    response = client.post(
        link, {"action": "closure_add", "start_date": "2027-04-05", "end_date": "2027-04-16"}
    )
    assert response.status_code == 409
    assert not ClosurePeriod.objects.filter(place=place_a).exists()
    assert client.post(link, {"action": "confirm"}).status_code == 302


def test_a_link_works_only_for_its_organiser_place_and_campaign(
    client, started, place_a, place_b, organiser_a, organiser_b, mailoutbox
):
    link = link_for(mailoutbox, "orga-a@example.org")
    # Tampered.
    assert client.get(link[:-3] + "xx/").status_code == 404
    # Signed for an account that does not organise the place.
    assert client.get(answer_path(request_of(place_b).pk, organiser_a.pk)).status_code == 404
    response = client.post(
        answer_path(request_of(place_b).pk, organiser_a.pk), {"action": "confirm"}
    )
    assert response.status_code == 404
    assert request_of(place_b).answer == ""
    # An organiser removed from the place's team loses their link.
    organiser_a.groups.remove(Group.objects.get(organised_place__place_id=place_a.pk))
    page = client.get(link)
    assert page.status_code == 404
    assert "Ce lien ne fonctionne pas" in page.content.decode()


def test_a_link_of_an_ended_campaign_is_refused_with_a_clear_page(
    client, clock, started, place_a, mailoutbox
):
    link = link_for(mailoutbox, "orga-a@example.org")
    clock.move_to("2027-04-01 10:00+02:00")
    page = client.get(link)
    assert page.status_code == 410
    assert "Cette campagne est terminée" in page.content.decode()
    assert client.post(link, {"action": "confirm"}).status_code == 410
    assert request_of(place_a).answer == ""
