"""The client's address past the trusted proxies: never what the client wrote itself."""

import pytest
from django.test import RequestFactory

from core.clients import client_address

PROXY = "10.0.0.2"


def request_with(forwarded_for: str | None, remote: str = PROXY):
    headers = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        # No trusted proxy: the header is ignored whatever it says.
        (0, "203.0.113.7", PROXY),
        (0, None, PROXY),
        # nginx appends the address it saw: the last one.
        (1, "203.0.113.7", "203.0.113.7"),
        # A client's own entries stay left of it and change nothing.
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (1, "evil, 203.0.113.7", "203.0.113.7"),
        # A load balancer in front of nginx: the second from the right.
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        # Fewer entries than proxies: the request skipped one; only the peer can be believed.
        (2, "203.0.113.7", PROXY),
        (1, None, PROXY),
        (1, "", PROXY),
        # Not an address where the client's should be.
        (1, "198.51.100.1, not-an-address", PROXY),
        # IPv6, bare or bracketed.
        (1, "2001:db8::7", "2001:db8::7"),
        (1, "[2001:db8::7]", "2001:db8::7"),
    ],
)
def test_client_address(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_with(forwarded_for)) == expected
