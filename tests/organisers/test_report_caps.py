"""A problem report that leaves an address is an e-mail to that address when it is closed:
one such report an hour and three a day per address, whoever sends them (two networks, one
count); the next is answered « déjà envoyé » with a 200 and nothing is kept."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from organisers.models import ProblemReport

pytestmark = pytest.mark.django_db

REPORT = {"kind": "hours", "message": "Le mercredi, c'est fermé.", "email": "famille@example.org"}


def report(client, place, address, **changes):
    return client.post(
        reverse("report_problem", args=[place.pk]), {**REPORT, **changes}, REMOTE_ADDR=address
    )


def test_one_report_an_hour_per_address_whoever_sends_it(client, place_b):
    with time_machine.travel("2027-03-01 08:00Z", tick=False) as clock:
        assert report(client, place_b, "192.0.2.1").status_code == 302
        again = report(client, place_b, "198.51.100.7", email="Famille+2@example.org")
        assert again.status_code == 200
        assert "Déjà envoyé" in again.content.decode()
        assert ProblemReport.objects.count() == 1
        # Without an address, nobody is written to: kept.
        assert report(client, place_b, "198.51.100.7", email="").status_code == 302
        assert ProblemReport.objects.count() == 2
        clock.shift(timedelta(hours=1, minutes=1))
        assert report(client, place_b, "203.0.113.9").status_code == 302
        assert ProblemReport.objects.count() == 3


def test_three_reports_a_day_per_address(client, place_b):
    addresses = ["192.0.2.1", "198.51.100.7", "203.0.113.9", "192.0.2.77"]
    with time_machine.travel("2027-03-01 08:00Z", tick=False) as clock:
        codes = []
        for address in addresses:
            codes.append(report(client, place_b, address).status_code)
            clock.shift(timedelta(hours=1, minutes=1))
    assert codes == [302, 302, 302, 200]
    assert ProblemReport.objects.exclude(email="").count() == 3
