"""The "Prévenez-moi" form on the map page, its confirmation link and its unsubscribe link, as
plain HTML: a family's address is kept only once confirmed, and deleted by one click."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from alerts.models import Alert
from alerts.subscriptions import purge_unconfirmed

pytestmark = pytest.mark.django_db


def alert_form(client, **params):
    response = client.get("/lieux/", params)
    return BeautifulSoup(response.content, "html.parser").select_one("form.alert-signup__form")


@pytest.fixture
def subscribe(django_capture_on_commit_callbacks):
    """Posts the form as a family does; the confirmation leaves once the row is committed."""

    def post(
        client, email="famille@example.org", view="places", query="near=4000", prefix="", **extra
    ):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"{prefix}/alertes/",
                {"email": email, "view": view, "query": query, "website": "", **extra},
            )

    return post


def link(message, path):
    return re.search(rf"https?://[^\s]+{path}[^\s]+/", message.body).group(0)


def test_a_valid_search_offers_the_form_with_its_normalized_parameters(client, liege):
    form = alert_form(client, near="4000", radius_km="5", page="1", objective="passerelles")
    assert form is not None
    assert form.select_one("input[name=view]")["value"] == "places"
    query = form.select_one("input[name=query]")["value"]
    assert query == "near=4000&objective=passerelles&radius_km=5"
    # No token: the map page is the same for every visitor, and may be kept (core.kept).
    assert form.select_one("input[name=csrfmiddlewaretoken]") is None
    assert form.select_one("label[for=alert-email]") is not None


def test_the_activities_view_offers_it_without_the_dates(client, workshop):
    form = alert_form(client, view="activities", near="4000", when="week")
    assert form.select_one("input[name=view]")["value"] == "activities"
    assert form.select_one("input[name=query]")["value"] == "near=4000"


def test_a_refused_search_offers_no_alert(client, liege):
    assert alert_form(client, near="nulle-part-du-tout") is None


def test_setting_an_alert_keeps_the_address_unconfirmed_and_mails_a_link(subscribe, client, liege):
    response = subscribe(client, query="radius_km=5&near=4000")
    assert response.status_code == 302
    assert response["Location"] == "/alertes/envoyee/"
    alert = Alert.objects.get()
    assert (alert.email, alert.view, alert.query) == (
        "famille@example.org",
        "places",
        "near=4000&radius_km=5",
    )
    assert alert.confirmed_at is None
    assert alert.language == "fr"
    (message,) = mail.outbox
    assert message.to == ["famille@example.org"]
    assert "Activez votre alerte" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"] == f"<{link(message, '/alertes/desabonner/')}>"


def test_the_alert_keeps_the_language_of_the_page(subscribe, client, liege):
    subscribe(client, prefix="/nl")
    assert Alert.objects.get().language == "nl"


def test_the_same_search_twice_is_one_alert_and_a_new_link_after_an_hour(
    subscribe, client, liege, clock
):
    subscribe(client, email="Famille@Example.org")
    again = subscribe(client, query="near=4000&page=3")
    # Within the hour: « déjà envoyé », nothing sent.
    assert again.status_code == 200
    assert "Déjà envoyé" in again.content.decode()
    clock.shift(timedelta(hours=1, minutes=1))
    subscribe(client, query="near=4000&page=3")
    assert Alert.objects.count() == 1
    assert len(mail.outbox) == 2


def test_the_link_confirms_on_a_button_not_on_opening(subscribe, client, liege):
    subscribe(client)
    url = link(mail.outbox[0], "/alertes/confirmer/")
    page = client.get(url)
    assert page.status_code == 200
    assert Alert.objects.get().confirmed_at is None
    assert client.post(url).status_code == 200
    assert Alert.objects.get().confirmed_at is not None


def test_an_expired_or_forged_link_confirms_nothing(subscribe, client, liege, clock):
    subscribe(client)
    url = link(mail.outbox[0], "/alertes/confirmer/")
    clock.shift(timedelta(hours=49))
    assert client.post(url).status_code == 404
    assert client.post("/alertes/confirmer/garbage/").status_code == 404
    assert Alert.objects.get().confirmed_at is None


def test_unconfirmed_addresses_are_purged_after_48_hours(subscribe, client, liege, clock):
    subscribe(client)
    subscribe(client, email="autre@example.org")
    client.post(link(mail.outbox[1], "/alertes/confirmer/"))
    clock.shift(timedelta(hours=47))
    assert purge_unconfirmed() == 0
    clock.shift(timedelta(hours=2))
    assert purge_unconfirmed() == 1
    assert list(Alert.objects.values_list("email", flat=True)) == ["autre@example.org"]


def test_one_click_unsubscribe_deletes_the_address(subscribe, liege):
    client = Client(enforce_csrf_checks=True)
    subscribe(Client())
    url = link(mail.outbox[0], "/alertes/desabonner/")
    # RFC 8058: the mail client's POST, without a CSRF token or a cookie.
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Alert.objects.exists()
    assert client.post(url).status_code == 200
    assert client.get(url).status_code == 200


def test_the_unsubscribe_link_asks_before_deleting(subscribe, client, liege):
    subscribe(client)
    url = link(mail.outbox[0], "/alertes/desabonner/")
    assert b"<form" in client.get(url).content
    assert Alert.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_and_forgotten(subscribe, client, liege):
    response = subscribe(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Alert.objects.exists()
    assert not mail.outbox


def test_the_form_works_without_a_csrf_token_and_sends_only_the_confirmation(subscribe, liege):
    response = subscribe(Client(enforce_csrf_checks=True))
    assert response.status_code == 302
    assert not Alert.objects.filter(confirmed_at__isnull=False).exists()
    assert len(mail.outbox) == 1


def test_too_many_attempts_from_one_address_are_refused(subscribe, client, liege, settings):
    settings.ALERTS = {**settings.ALERTS, "subscribe_rate": (2, 600)}
    for n in range(2):
        assert subscribe(client, email=f"f{n}@example.org").status_code == 302
    assert subscribe(client, email="f9@example.org").status_code == 429
    assert Alert.objects.count() == 2


def test_nothing_personal_is_logged(subscribe, client, liege, caplog):
    caplog.set_level("DEBUG")
    subscribe(client)
    client.post(link(mail.outbox[0], "/alertes/confirmer/"))
    client.post(link(mail.outbox[0], "/alertes/desabonner/"))
    assert "famille@example.org" not in caplog.text
    assert "Alert" in caplog.text


def error_summary(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".form-errors")


@pytest.mark.parametrize(
    ("data", "prefix", "map_page"),
    [
        ({}, "", "/lieux/"),
        (
            {"email": "famille@example.org", "view": "places", "query": "radius_km=abc&day=xyz"},
            "",
            "/lieux/",
        ),
        ({"email": "famille@example.org", "view": "nope"}, "/nl", "/nl/lieux/"),
    ],
)
def test_a_search_that_cannot_be_read_is_told_in_plain_words(client, liege, data, prefix, map_page):
    response = client.post(f"{prefix}/alertes/", data)
    assert response.status_code == 400
    summary = error_summary(response)
    text = summary.get_text()
    # The view and the query are hidden fields: their names and parameters mean nothing to a
    # family, who can only search again.
    for raw in ("view", "query", "radius_km", "day", "Champ requis"):
        assert raw not in text
    assert summary.select_one(f"a[href='{map_page}']") is not None
    # Sending the same search again could only fail again: no form to send.
    assert BeautifulSoup(response.content, "html.parser").select_one("main form") is None
    assert not Alert.objects.exists()


def test_a_bad_address_is_named_next_to_its_field(client, liege):
    response = client.post("/alertes/", {"email": "pas-une-adresse", "view": "places"})
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".form-errors a[href='#alert-email']") is not None
    assert page.select_one("#alert-email-error") is not None
    assert page.select_one("input[name=view]")["value"] == "places"


@pytest.mark.parametrize("prefix", ["", "/nl", "/en"])
def test_opening_the_form_address_leads_to_the_map_page(client, prefix):
    response = client.get(f"{prefix}/alertes/")
    assert response.status_code == 302
    assert response["Location"] == f"{prefix}/lieux/"
