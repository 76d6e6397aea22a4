"""Fair waiting lists: a freed seat is offered to the next waiting family that fits, for the
activity's time (shorter when the session is near); signed accept and decline links; declined
or expired, the next; a group too large is skipped and keeps its place; the organiser sees who
was offered, until when, and the answer."""

import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from activities.choices import OfferAnswer, RegistrationStatus
from activities.models import Occurrence, Registration
from activities.offers import offer_deadline
from activities.registrations import Family, cancel, register
from tests.activities.conftest import BRUSSELS, WORKSHOP_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]

BASE = "http://testserver/"


@pytest.fixture
def session(clock, place, workshop_at):
    return Occurrence.objects.get(activity=workshop_at(place, capacity=3), date=WORKSHOP_DAY)


def group(n: int, children: int = 1) -> Family:
    ages = ", ".join(["2 ans"] * children)
    return Family(f"Famille {n}", f"famille{n}@example.org", "", children, ages)


def registered(session, n: int, children: int = 1) -> Registration:
    return register(session.pk, group(n, children), BASE).registration


def statuses() -> dict[str, str]:
    return dict(Registration.objects.values_list("name", "status"))


def links(message) -> dict[str, str]:
    found = re.findall(r"https?://\S+/inscriptions/p/\S+/(?:accepter|refuser)/", message.body)
    return {url.rstrip("/").rsplit("/", 1)[1]: url for url in found}


def mail_to(address: str):
    return [m for m in mail.outbox if m.to == [address]][-1]


def test_the_deadline_rule():
    now = datetime(2027, 3, 1, 8, 0, tzinfo=BRUSSELS)
    far = now + timedelta(days=5)
    assert offer_deadline(now, far, 24) == now + timedelta(hours=24)
    # The evening before a morning session: half the time left, not all night.
    assert offer_deadline(now, now + timedelta(hours=14), 24) == now + timedelta(hours=7)
    # However near, half an hour to answer; never past the start.
    assert offer_deadline(now, now + timedelta(minutes=40), 24) == now + timedelta(minutes=30)
    assert offer_deadline(now, now + timedelta(minutes=20), 24) == now + timedelta(minutes=20)


def test_a_freed_seat_is_offered_and_accepted(client, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = registered(session, 1, 1)
        registered(session, 0, 2)
        registered(session, 2)
        mail.outbox.clear()
        cancel(first, BASE)
    offered = Registration.objects.get(name="Famille 2")
    assert offered.status == RegistrationStatus.OFFERED
    # The session is on Wednesday, two days ahead: the activity's 24 hours.
    assert offered.offer_expires_at == offered.offered_at + timedelta(hours=24)
    message = mail_to("famille2@example.org")
    assert message.subject.startswith("Une place s'est libérée pour vous : Atelier portage")
    assert "gardée jusqu'au mardi 2 mars, 08:00" in message.body
    # Held: a family registering meanwhile does not take it.
    assert registered(session, 3).status == RegistrationStatus.WAITING
    accept = links(message)["accepter"]
    # Opening the link (a mail client's preview) answers nothing.
    page = client.get(accept)
    assert "Oui, je prends la place" in page.content.decode()
    assert Registration.objects.get(name="Famille 2").status == RegistrationStatus.OFFERED
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(accept, {"answer": "accepter"})
    assert "votre inscription est confirmée" in answered.content.decode()
    offered.refresh_from_db()
    assert (offered.status, offered.offer_answer) == ("confirmed", OfferAnswer.ACCEPTED)
    assert mail_to("famille2@example.org").subject.startswith("Une place s'est libérée :")
    # A second answer changes nothing.
    client.post(links(message)["refuser"], {"answer": "refuser"})
    assert Registration.objects.get(name="Famille 2").status == RegistrationStatus.CONFIRMED


def test_declined_the_seat_goes_to_the_next(client, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = registered(session, 1, 3)
        registered(session, 2)
        registered(session, 3)
        cancel(first, BASE)
    assert statuses() == {
        "Famille 1": "cancelled",
        "Famille 2": "offered",
        "Famille 3": "offered",
    }
    decline = links(mail_to("famille2@example.org"))["refuser"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decline, {"answer": "refuser"})
    assert "proposée à la famille suivante" in response.content.decode()
    declined = Registration.objects.get(name="Famille 2")
    assert (declined.status, declined.offer_answer) == ("cancelled", OfferAnswer.DECLINED)


def test_a_group_too_large_is_skipped_and_keeps_its_place(
    session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = registered(session, 1, 1)
        registered(session, 2, 2)
        registered(session, 3, 2)
        registered(session, 4, 1)
        registered(session, 5, 1)
        cancel(first, BASE)
    # One seat freed: Famille 3 (two children) does not fit; the next that fits is offered.
    assert statuses()["Famille 3"] == "waiting"
    assert statuses()["Famille 4"] == "offered"
    assert statuses()["Famille 5"] == "waiting"
    # Two seats freed later: Famille 3, still first in line, is offered them.
    with django_capture_on_commit_callbacks(execute=True):
        cancel(Registration.objects.get(name="Famille 2"), BASE)
    assert statuses()["Famille 3"] == "offered"


def test_an_offer_not_answered_in_time_expires_to_the_next(
    client, clock, session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = registered(session, 1, 3)
        registered(session, 2)
        registered(session, 3)
        registered(session, 4)
        cancel(first, BASE)
    # Three seats, three families offered; cancel one more to have a queue behind them.
    assert set(statuses().values()) == {"cancelled", "offered"}
    with django_capture_on_commit_callbacks(execute=True):
        cancel(Registration.objects.get(name="Famille 4"), BASE)
        registered(session, 5)
        registered(session, 6)
    assert statuses()["Famille 6"] == "waiting"
    accept = links(mail_to("famille2@example.org"))["accepter"]
    clock.move_to(datetime(2027, 3, 2, 8, 1, tzinfo=BRUSSELS))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_seat_offers", stdout=open("/dev/null", "w"))
    expired = Registration.objects.get(name="Famille 2")
    assert (expired.status, expired.offer_answer) == ("cancelled", OfferAnswer.EXPIRED)
    assert mail_to("famille2@example.org").subject.startswith("Place passée à la famille suivante")
    assert statuses()["Famille 6"] == "offered"
    # The late link says so, and takes nothing.
    late = client.post(accept, {"answer": "accepter"})
    assert "plus valable" in late.content.decode()
    assert Registration.objects.get(name="Famille 2").status == "cancelled"


def test_a_forged_offer_link_finds_nothing(client, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = registered(session, 1, 3)
        registered(session, 2)
        cancel(first, BASE)
    accept = links(mail_to("famille2@example.org"))["accepter"]
    assert client.get(accept.replace("/accepter/", "/oui/")).status_code == 404
    forged = re.sub(r"/p/(\d+)\.", lambda m: f"/p/{int(m[1]) - 1}.", accept)
    assert client.get(forged).status_code == 404
    assert client.get(accept[:-12] + "x/accepter/").status_code == 404


def test_the_organiser_sees_offers(client, session, organiser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = registered(session, 1, 3)
        registered(session, 2)
        registered(session, 3)
        cancel(first, BASE)
    decline = links(mail_to("famille3@example.org"))["refuser"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decline, {"answer": "refuser"})
    client.force_login(organiser)
    url = reverse("activities_registrations", args=[session.activity_id])
    html = client.get(url).content.decode()
    assert "place proposée<br>jusqu'au mar 2/03 08:00" in html
    assert "place proposée : refusée (lun 1/03 08:00)" in html
