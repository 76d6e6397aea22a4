"""Families register to a session; capacity holds, the overflow waits, a cancellation through
the signed link promotes the first waiting family and e-mails them; bots are kept out; personal
data stays out of logs and goes after the retention period; organisers see their own."""

import csv
import io
import logging
from datetime import date, datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from activities.choices import RegistrationStatus
from activities.models import Occurrence, Registration
from activities.occurrences import cancel_occurrence
from directory.roles import organiser_group_name
from tests.activities.conftest import BRUSSELS, WORKSHOP_DAY
from tests.activities.registering import family, manage_link, post
from tests.factories import ActivityPageFactory, PlacePageFactory, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limit")]


@pytest.fixture
def workshop(clock, place, workshop_at):
    return workshop_at(place, capacity=2)


@pytest.fixture
def session(workshop):
    return Occurrence.objects.get(activity=workshop, date=WORKSHOP_DAY)


def test_form_then_confirmation_page_and_email(client, session, django_capture_on_commit_callbacks):
    page = client.get(session.registration_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "mercredi 3 mars 2027, 10:00" in html
    assert "Encore 2 places libres." in html

    response = post(client, session, family(1), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.name == "Famille 1"
    confirmation = client.get(response.url)
    assert "Votre inscription est confirmée" in confirmation.content.decode()

    (message,) = mail.outbox
    assert message.to == ["famille1@example.org"]
    assert message.subject == "Inscription confirmée : Atelier portage, 03/03/2027 10:00"
    assert "Bonjour Famille 1," in message.body
    assert manage_link(message).endswith(response.url)


def test_capacity_then_waiting_list(client, session, django_capture_on_commit_callbacks):
    for n in (1, 2, 3):
        post(client, session, family(n), django_capture_on_commit_callbacks)
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waiting"]
    assert mail.outbox[2].subject.startswith("Liste d'attente : Atelier portage")
    assert "liste d'attente" in client.get(session.registration_url).content.decode()
    waiting = Registration.objects.get(name="Famille 3")
    page = client.get(manage_link(mail.outbox[2]))
    assert "position 1 sur la liste d'attente" in page.content.decode()
    assert waiting.waiting_rank() == 1


def test_cancelling_through_the_link_offers_the_seat_to_the_first_waiting_family(
    client, session, django_capture_on_commit_callbacks
):
    for n in (1, 2, 3, 4):
        post(client, session, family(n), django_capture_on_commit_callbacks)
    link = manage_link(mail.outbox[0])
    mail.outbox.clear()
    assert "Annuler mon inscription" in client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {
        "Famille 1": "cancelled",
        "Famille 2": "confirmed",
        "Famille 3": "offered",
        "Famille 4": "waiting",
    }
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["famille3@example.org"].startswith(
        "Une place s'est libérée pour vous : Atelier portage"
    )
    assert subjects["famille1@example.org"].startswith("Inscription annulée")
    assert "Votre inscription est annulée" in client.get(link).content.decode()
    # The link cannot cancel twice, nor offer a seat to anyone else.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    assert Registration.objects.get(name="Famille 4").status == "waiting"


def test_a_forged_or_broken_link_finds_nothing(client, session, django_capture_on_commit_callbacks):
    post(client, session, family(1), django_capture_on_commit_callbacks)
    link = manage_link(mail.outbox[0])
    assert client.get(link[:-3] + "xx/").status_code == 404
    assert client.get("/inscriptions/1/").status_code == 404


def test_honeypot_answers_thanks_and_keeps_nothing(
    client, session, django_capture_on_commit_callbacks
):
    response = post(
        client,
        session,
        family(1, website="http://spam.example"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    assert "Merci" in response.content.decode()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_rate_limit_per_address(client, session, settings, django_capture_on_commit_callbacks):
    settings.ACTIVITIES = {**settings.ACTIVITIES, "registration_rate": (3, 600)}
    codes = [
        post(client, session, family(n), django_capture_on_commit_callbacks).status_code
        for n in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    other = post(client, session, family(9), django_capture_on_commit_callbacks, "198.51.100.7")
    assert other.status_code == 302
    assert Registration.objects.count() == 4


PROXY = "10.0.0.2"


def post_through_proxy(client, session, data, capture, forwarded_for: str):
    with capture(execute=True):
        return client.post(
            session.registration_url,
            data,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def test_families_behind_the_proxy_have_a_limit_each(
    client, session, settings, shared_cache, django_capture_on_commit_callbacks
):
    settings.ACTIVITIES = {**settings.ACTIVITIES, "registration_rate": (2, 600)}
    settings.TRUSTED_PROXY_COUNT = 1
    capture = django_capture_on_commit_callbacks
    first = [
        post_through_proxy(client, session, family(n), capture, "203.0.113.10").status_code
        for n in range(3)
    ]
    assert first == [302, 302, 429]
    # Another family, through the same proxy: a limit of its own.
    other = post_through_proxy(client, session, family(7), capture, "203.0.113.20")
    assert other.status_code == 302


def test_a_client_cannot_choose_its_address_past_the_proxy(
    client, session, settings, shared_cache, django_capture_on_commit_callbacks
):
    settings.ACTIVITIES = {**settings.ACTIVITIES, "registration_rate": (2, 600)}
    settings.TRUSTED_PROXY_COUNT = 1
    capture = django_capture_on_commit_callbacks
    # What the client writes itself stays left of what nginx appends: it changes nothing.
    codes = [
        post_through_proxy(
            client, session, family(n), capture, f"198.51.100.{n}, 203.0.113.10"
        ).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]


def test_without_trusted_proxies_the_header_is_ignored(
    client, session, settings, shared_cache, django_capture_on_commit_callbacks
):
    settings.ACTIVITIES = {**settings.ACTIVITIES, "registration_rate": (2, 600)}
    settings.TRUSTED_PROXY_COUNT = 0
    capture = django_capture_on_commit_callbacks
    codes = [
        post_through_proxy(client, session, family(n), capture, f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]


def test_every_worker_counts_in_the_shared_cache(
    client, session, settings, redis_url, django_capture_on_commit_callbacks
):
    """Two workers are two processes, each with its own connections (and, without a shared
    cache, its own memory): with RENCONTRES_CACHE_URL, one's attempts count in the other's."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    from activities.registration_views import RATE_SCOPE
    from core.clients import attempts_key
    from rencontres.settings import caches_for

    settings.CACHES = caches_for(redis_url)
    settings.ACTIVITIES = {**settings.ACTIVITIES, "registration_rate": (2, 600)}
    caches["default"].clear()
    capture = django_capture_on_commit_callbacks
    for n in range(2):
        assert post(client, session, family(n), capture, "192.0.2.50").status_code == 302
    config = caches_for(redis_url)["default"]
    other_worker = RedisCache(config["LOCATION"], {**config, "OPTIONS": config["OPTIONS"]})
    request = type("Request", (), {"META": {"REMOTE_ADDR": "192.0.2.50"}})()
    assert other_worker.get(attempts_key(request, RATE_SCOPE)) == 2
    caches["default"].clear()


def test_invalid_form_names_the_fields(client, session, django_capture_on_commit_callbacks):
    response = post(
        client,
        session,
        family(1, email="pas-un-courriel", consent="", children_count="0"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"email", "consent", "children_count"}
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Registration.objects.exists()


def test_closed_sessions_take_no_registration(
    clock, client, place, session, django_capture_on_commit_callbacks
):
    cancel_occurrence(session, "Grève")
    response = post(client, session, family(1), django_capture_on_commit_callbacks)
    assert "Inscriptions fermées" in response.content.decode()
    free_entry = publish(ActivityPageFactory(parent=place, start_date=date(2027, 3, 1)))
    drop_in = free_entry.occurrences.first()
    assert "Inscriptions fermées" in client.get(drop_in.registration_url).content.decode()
    assert not Registration.objects.exists()


def test_session_lists_offer_registration(client, workshop, session):
    html = client.get(workshop.url).content.decode()
    assert session.registration_url in html
    assert "2 places libres" in html


def test_nothing_personal_in_logs(client, session, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.DEBUG)
    for n in (1, 2, 3):
        post(
            client, session, family(n, phone="+32 470 12 34 56"), django_capture_on_commit_callbacks
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_link(mail.outbox[0]))
    call_command("purge_registrations", "--no-progress", "--days", "0")
    assert "Registration" in caplog.text  # the events are logged...
    for secret in ("Famille", "famille1@example.org", "example.org", "470 12", "18 mois"):
        assert secret not in caplog.text  # ...without anything personal


def test_retention_command_deletes_after_the_session(
    clock, client, session, workshop, django_capture_on_commit_callbacks, capsys
):
    post(client, session, family(1), django_capture_on_commit_callbacks)
    later = Occurrence.objects.get(activity=workshop, date=date(2027, 4, 7))
    post(client, later, family(2), django_capture_on_commit_callbacks)
    clock.move_to(datetime(2027, 4, 2, 12, 0, tzinfo=BRUSSELS))  # 30 days after 3 March
    call_command("purge_registrations", "--no-progress")
    assert "0 inscriptions supprimées" in capsys.readouterr().out
    clock.move_to(datetime(2027, 4, 3, 12, 0, tzinfo=BRUSSELS))
    call_command("purge_registrations", "--no-progress")
    assert "1 inscriptions supprimées" in capsys.readouterr().out
    assert list(Registration.objects.values_list("name", flat=True)) == ["Famille 2"]


def test_organisers_see_and_export_their_registrations(
    client, organiser, workshop, session, django_capture_on_commit_callbacks
):
    post(client, session, family(1, name="=HYPERLINK(1)"), django_capture_on_commit_callbacks)
    post(client, session, family(2), django_capture_on_commit_callbacks)
    client.force_login(organiser)
    page = client.get(reverse("activities_registrations", args=[workshop.pk]))
    assert page.status_code == 200
    assert "famille2@example.org" in page.content.decode()
    export = client.get(reverse("activities_registrations_csv", args=[workshop.pk]))
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "séance",
        "statut",
        "nom",
        "courriel",
        "téléphone",
        "enfants",
        "âges",
        "adultes",
        "places",
        "place proposée jusqu'au",
        "réponse",
        "présente",
        "inscrite le",
    ]
    assert rows[1][:4] == [
        "2027-03-03 10:00",
        "confirmée",
        "'=HYPERLINK(1)",
        "famille1@example.org",
    ]
    assert len(rows) == 3


def test_organisers_of_another_place_see_nothing(
    clock, client, django_user_model, commune, workshop, session, django_capture_on_commit_callbacks
):
    post(client, session, family(1), django_capture_on_commit_callbacks)
    other_place = PlacePageFactory(title="Autre lieu", commune=commune)
    stranger = django_user_model.objects.create_user("autre", password="x")
    stranger.groups.add(Group.objects.get(name=organiser_group_name(other_place)))
    client.force_login(stranger)
    for name in ("activities_registrations", "activities_registrations_csv"):
        response = client.get(reverse(name, args=[workshop.pk]))
        assert response.status_code in (302, 403)
        assert b"famille1@example.org" not in response.content
