"""Admin login throttling by client address (rencontres.login_throttle): a client trying many
user names (password spraying) is locked whatever the user name, the right password included,
other addresses are not, the lock ends after the cool-off, and neither the table nor the logs
hold the address."""

import logging
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rencontres.models import LoginAddressFailures
from tests.rencontres.admin_login import PASSWORD, STAFF_NAME, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("behind_nginx")]

SPRAYER = "203.0.113.66"
COLLEAGUE = "198.51.100.20"


@pytest.fixture(autouse=True)
def address_limits(settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 20
    settings.LOGIN_ADDRESS_COOLOFF_MINUTES = 30


def spray(client, count=30, address=SPRAYER):
    return [log_in(client, f"nom-{n}", "Printemps2026!", address).status_code for n in range(count)]


def test_spraying_thirty_names_from_one_address_locks_it(staff, caplog):
    client = Client()
    with caplog.at_level(logging.INFO):
        codes = spray(client)
    # The form again, with its error, until the twentieth failure; refused from then on.
    assert codes[:19] == [200] * 19
    assert set(codes[19:]) == {429}

    # The right password of a real account is refused as well, from that address only.
    locked = log_in(client, STAFF_NAME, PASSWORD, SPRAYER)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "toute connexion depuis cette adresse est refusée" in page
    assert "Réessayez dans 30 minutes" in page
    assert "_auth_user_id" not in client.session

    colleague = Client()
    response = log_in(colleague, STAFF_NAME, PASSWORD, COLLEAGUE)
    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(staff.pk)

    # No address, user name or password in the logs; the address's network only.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert SPRAYER not in logged
    assert "nom-3" not in logged and "Printemps2026!" not in logged and PASSWORD not in logged
    assert "203.0.113.0/24" in logged
    # Nor in the table: one row for the sprayer, a hash.
    (row,) = LoginAddressFailures.objects.all()
    assert SPRAYER not in row.address and len(row.address) == 64


def test_the_address_lock_is_localized(staff, settings):
    client = Client()
    spray(client, 20)
    # The admin's login has no language prefix: the language the visitor chose on the site.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    response = log_in(client, STAFF_NAME, PASSWORD, SPRAYER)
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="nl">' in page
    assert "Probeer het over 30 minuten opnieuw" in page
    assert "elke aanmelding vanaf dit adres" in page


def test_the_lock_ends_after_the_cooloff(staff):
    client = Client()
    spray(client, 20)
    assert log_in(client, STAFF_NAME, PASSWORD, SPRAYER).status_code == 429

    # Thirty-one minutes later: the lock is over, the right password logs in.
    LoginAddressFailures.objects.update(
        window_start=timezone.now() - timedelta(minutes=61),
        locked_until=timezone.now() - timedelta(minutes=1),
    )
    response = log_in(client, STAFF_NAME, PASSWORD, SPRAYER)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_attempts_refused_during_the_lock_do_not_prolong_it(staff):
    client = Client()
    spray(client, 20)
    until = LoginAddressFailures.objects.get().locked_until
    spray(client, 10)
    row = LoginAddressFailures.objects.get()
    assert row.locked_until == until
    assert row.failures == 20


def test_failures_older_than_the_window_start_a_new_count(staff):
    client = Client()
    spray(client, 19)
    LoginAddressFailures.objects.update(window_start=timezone.now() - timedelta(minutes=31))
    assert set(spray(client, 19)) == {200}
    assert LoginAddressFailures.objects.get().failures == 19


def test_ended_rows_are_pruned(staff):
    client = Client()
    spray(client, 3, address="192.0.2.1")
    spray(client, 20, address="192.0.2.2")
    LoginAddressFailures.objects.update(
        window_start=timezone.now() - timedelta(minutes=90),
        locked_until=timezone.now() - timedelta(minutes=60),
    )
    spray(client, 1, address="192.0.2.3")
    assert LoginAddressFailures.objects.count() == 1


def test_the_per_user_name_lock_stays(staff):
    client = Client()
    codes = [log_in(client, STAFF_NAME, f"essai-{n}", SPRAYER).status_code for n in range(10)]
    assert codes[:9] == [200] * 9 and codes[9] == 429
    response = log_in(client, STAFF_NAME, PASSWORD, SPRAYER)
    assert response.status_code == 429
    assert "la connexion à ce compte est bloquée" in response.content.decode()
    # Another user name from that address is not locked yet (ten failures, the limit is 20).
    assert log_in(client, "autre", "x", SPRAYER).status_code == 200


def test_the_daily_purge_deletes_ended_rows(staff):
    from axes.models import AccessAttempt
    from django.core.management import call_command

    client = Client()
    spray(client, 3, address="192.0.2.1")
    spray(client, 20, address="192.0.2.2")
    assert AccessAttempt.objects.count() == 23
    LoginAddressFailures.objects.filter(failures=3).update(
        window_start=timezone.now() - timedelta(minutes=31)
    )
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    call_command("purge_login_failures")
    # The locked address stays until its lock ends.
    assert LoginAddressFailures.objects.get().failures == 20
    assert AccessAttempt.objects.count() == 0
