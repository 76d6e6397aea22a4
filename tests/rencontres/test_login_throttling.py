"""Admin login throttling (django-axes): a run of wrong passwords locks the account for that
client address, the right password included; the address is the client's behind the proxy, so
other clients (and other families behind the same proxy) are not locked out."""

import pytest
from django.test import Client

from tests.rencontres.admin_login import PASSWORD, STAFF_NAME, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("behind_nginx")]

ATTACKER = "203.0.113.66"
COLLEAGUE = "203.0.113.20"


def test_a_hundred_wrong_passwords_lock_the_account_right_one_included(staff):
    client = Client()
    codes = [log_in(client, STAFF_NAME, f"essai-{n}", ATTACKER).status_code for n in range(100)]
    assert codes[:9] == [200] * 9  # the form again, with its error
    assert set(codes[10:]) == {429}
    locked = log_in(client, STAFF_NAME, PASSWORD, ATTACKER)
    assert locked.status_code == 429
    assert "Trop de tentatives de connexion" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    # The same account from another client behind the same proxy still logs in.
    colleague = Client()
    response = log_in(colleague, STAFF_NAME, PASSWORD, COLLEAGUE)
    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(staff.pk)


def test_the_lock_follows_the_client_not_what_it_writes_in_the_header(staff):
    client = Client()
    for n in range(10):
        log_in(client, STAFF_NAME, f"essai-{n}", f"198.51.100.{n}, {ATTACKER}")
    # Whatever address the attacker claims further left, nginx's entry is the one counted.
    assert log_in(client, STAFF_NAME, PASSWORD, f"192.0.2.99, {ATTACKER}").status_code == 429


def test_a_successful_login_resets_the_count(staff):
    client = Client()
    for n in range(9):
        assert log_in(client, STAFF_NAME, f"essai-{n}", ATTACKER).status_code == 200
    assert log_in(client, STAFF_NAME, PASSWORD, ATTACKER).status_code == 302
    client.logout()
    for n in range(9):
        assert log_in(client, STAFF_NAME, f"encore-{n}", ATTACKER).status_code == 200
    assert log_in(client, STAFF_NAME, PASSWORD, ATTACKER).status_code == 302
