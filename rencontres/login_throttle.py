"""Admin login throttling by client address, beside django-axes' lock by user name.

django-axes locks one user name from one client address after RENCONTRES_LOGIN_FAILURE_LIMIT
wrong passwords; an address trying one password on many user names (password spraying) never
reaches it. This module counts every failed login from one client address, whatever the user
name: after RENCONTRES_LOGIN_ADDRESS_FAILURE_LIMIT failures within
RENCONTRES_LOGIN_COOLOFF_MINUTES, that address is refused for as long, the right password
included (a 429 page saying so). Refused attempts are not counted, so the lock ends on time.

Counted in the database (one row per address, `LoginAddressFailures`), so every worker and host
shares it and it holds while the cache server is down. The row holds a keyed hash of the
address, never the address; rows whose window and lock have both ended are deleted at each
failure and by the daily `manage.py purge_login_failures`. Logs name the address's network
(/24, /48), never the address, the user name or the password.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from core.clients import client_address
from rencontres.errors import visitor_language

logger = logging.getLogger(__name__)


def address_key(address: str) -> str:
    """A keyed hash of the client's address: the table holds no address."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def network(address: str) -> str:
    """The address's network for the logs: 203.0.113.0/24, 2001:db8:1::/48."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "?"
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def cooloff() -> timedelta:
    return timedelta(minutes=settings.LOGIN_ADDRESS_COOLOFF_MINUTES)


def is_locked(address: str) -> bool:
    from rencontres.models import LoginAddressFailures

    return LoginAddressFailures.objects.filter(
        address=address_key(address), locked_until__gt=timezone.now()
    ).exists()


def prune() -> int:
    """Deletes the rows whose window and lock have both ended (at each failure, and daily by
    `manage.py purge_login_failures`); returns how many."""
    from rencontres.models import LoginAddressFailures

    now = timezone.now()
    deleted, _ = (
        LoginAddressFailures.objects.filter(window_start__lte=now - cooloff())
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .delete()
    )
    return deleted


def record_failure(address: str) -> bool:
    """Counts one failed login from `address`; True when it locks the address now."""
    from rencontres.models import LoginAddressFailures

    now = timezone.now()
    window = cooloff()
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    with transaction.atomic():
        # Retention: a row is kept while its window or its lock lasts, never longer.
        prune()
        row, created = LoginAddressFailures.objects.select_for_update().get_or_create(
            address=address_key(address), defaults={"window_start": now, "failures": 0}
        )
        if row.window_start <= now - window:
            row.window_start, row.failures = now, 0
        row.failures += 1
        locks = row.failures >= limit and not (row.locked_until and row.locked_until > now)
        if locks:
            row.locked_until = now + window
        row.save()
    if locks:
        logger.warning(
            "Admin login refused for %s minutes to an address in %s after %s failed logins "
            "with any user name",
            settings.LOGIN_ADDRESS_COOLOFF_MINUTES,
            network(address),
            row.failures,
        )
    return locks


def _refuse(request: HttpRequest) -> None:
    request.login_address_locked = True
    # django-axes' middleware turns the answer into the lockout page (lockout_response).
    request.axes_locked_out = True


class AddressLockBackend:
    """After axes' backend, before ModelBackend in AUTHENTICATION_BACKENDS: a locked address is
    refused before any password is checked (PermissionDenied stops Django's authenticate(),
    which reports the failure). It never authenticates anyone, so it has no get_user (the test
    client's force_login takes the first backend that has one)."""

    def authenticate(self, request: HttpRequest | None, **credentials) -> None:
        if request is None:
            return None
        if is_locked(client_address(request)):
            _refuse(request)
            raise PermissionDenied
        return None


def count_failed_login(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    """user_login_failed: counts the failure against the client's address."""
    if request is None or getattr(request, "login_address_locked", False):
        return
    if record_failure(client_address(request)):
        _refuse(request)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): the 429 page in the visitor's
    language, saying whether the user name or the whole address is locked."""
    address_locked = getattr(request, "login_address_locked", False)
    context = {
        "address_locked": address_locked,
        "failure_limit": (
            settings.LOGIN_ADDRESS_FAILURE_LIMIT if address_locked else settings.AXES_FAILURE_LIMIT
        ),
        "cooloff_minutes": (
            settings.LOGIN_ADDRESS_COOLOFF_MINUTES
            if address_locked
            else int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
        ),
    }
    with translation.override(visitor_language(request)):
        return render(request, "429.html", context, status=429)


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """django-axes' description of a client in its logs (AXES_CLIENT_STR_CALLABLE): the
    address's network and the path, never the address, the user name or the user agent."""
    if isinstance(path_info, (tuple, list)):
        path_info = path_info[0]
    return f"{{network: {network(ip_address or '')}, path_info: {path_info}}}"
