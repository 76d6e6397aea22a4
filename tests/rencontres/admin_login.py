"""The admin login as the throttling tests post it: from a client behind the one trusted proxy
(nginx), which tells the client's address in X-Forwarded-For. The fixtures that go with it
(`staff`, `behind_nginx`) are in tests/rencontres/conftest.py."""

PROXY = "10.0.0.2"
STAFF_NAME = "one-staff"
PASSWORD = "le-bon-mot-de-passe-42"


def log_in(client, username, password, address, **extra):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
        **extra,
    )
