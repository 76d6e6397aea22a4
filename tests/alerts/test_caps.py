"""Nobody is e-mailed against their will through the alert form: one activation e-mail an hour
and three a day reach an address, whoever asks (two networks, one count); the page says
« déjà envoyé », with a 200, and nothing is kept or sent."""

from datetime import timedelta

import pytest
from django.core import mail

from alerts.models import Alert

pytestmark = pytest.mark.django_db

QUERIES = ["near=4000", "near=4000&radius_km=5", "near=4000&radius_km=10", "near=4000&radius_km=20"]


@pytest.fixture
def subscribe(django_capture_on_commit_callbacks):
    def post(client, query, address, email="famille@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/alertes/",
                {"email": email, "view": "places", "query": query, "website": ""},
                REMOTE_ADDR=address,
            )

    return post


def test_one_activation_an_hour_whoever_asks(subscribe, client, liege, clock):
    assert subscribe(client, QUERIES[0], "192.0.2.1").status_code == 302
    again = subscribe(client, QUERIES[1], "198.51.100.7", email="Famille+x@Example.org")
    assert again.status_code == 200
    assert "Déjà envoyé" in again.content.decode()
    assert len(mail.outbox) == 1
    assert list(Alert.objects.values_list("query", flat=True)) == [QUERIES[0]]
    clock.shift(timedelta(hours=1, minutes=1))
    assert subscribe(client, QUERIES[1], "203.0.113.9").status_code == 302
    assert len(mail.outbox) == 2


def test_three_activations_a_day(subscribe, client, liege, clock):
    addresses = ["192.0.2.1", "198.51.100.7", "203.0.113.9", "192.0.2.77"]
    codes = []
    for query, address in zip(QUERIES, addresses, strict=True):
        codes.append(subscribe(client, query, address).status_code)
        clock.shift(timedelta(hours=1, minutes=1))
    assert codes == [302, 302, 302, 200]
    assert len(mail.outbox) == 3
    assert Alert.objects.count() == 3


def test_the_already_sent_page_in_dutch(subscribe, client, liege):
    subscribe(client, QUERIES[0], "192.0.2.1")
    with_prefix = client.post(
        "/nl/alertes/",
        {"email": "famille@example.org", "view": "places", "query": QUERIES[1], "website": ""},
    )
    assert with_prefix.status_code == 200
    assert "Al verzonden" in with_prefix.content.decode()
