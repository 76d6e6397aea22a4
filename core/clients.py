"""Who is asking: the client's address, as the trusted reverse proxies saw it.

Behind nginx, `REMOTE_ADDR` is nginx's own address, and every family would share one rate limit.
Each trusted proxy appends the address it received the request from to `X-Forwarded-For`
(nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`), so with N trusted
proxies the client is the N-th address from the right. Anything further left was written by the
client itself and is never believed. `settings.TRUSTED_PROXY_COUNT` (RENCONTRES_TRUSTED_PROXIES)
is N; with 0, the header is ignored.

Every public form a robot might hammer (registrations, problem reports, alerts) counts its
attempts per client address here (`rate_limited`, `held_back`), each under its own scope.
"""

from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.cache import count_attempt

TOO_MANY_ATTEMPTS = _("Trop de demandes depuis votre connexion : réessayez dans quelques minutes.")


def _address(value: str) -> str | None:
    value = value.strip()
    # nginx writes bare addresses; an IPv6 one may come bracketed from other proxies.
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address: from X-Forwarded-For past the trusted proxies, else REMOTE_ADDR.

    A request that did not come through all the trusted proxies (too few addresses in the
    header), or whose header holds something that is not an address where the client's should
    be, is answered with REMOTE_ADDR: the nearest peer is the only address that cannot be forged.
    """
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return peer
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        return peer
    return _address(forwarded[-proxies]) or peer


def attempts_key(request: HttpRequest, scope: str) -> str:
    """The cache key counting this client's attempts at `scope` (a form). A hash, not the
    address: the cache holds no personal data."""
    address = client_address(request)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"{scope}-attempts:{digest}"


def rate_limited(request: HttpRequest, scope: str, rate: tuple[int, int]) -> bool:
    """Counts this attempt at `scope`; True when the client made more than `rate` = (limit,
    seconds) in the current window. Each form has its own scope, so a family who registers is
    not held back for having reported a problem. While the shared cache does not answer, each
    worker counts in its own memory (`core.cache.count_attempt`): the limit still holds."""
    limit, window = rate
    return count_attempt(attempts_key(request, scope), window) > limit


def held_back(request: HttpRequest, form, scope: str, rate: tuple[int, int]) -> bool:
    """`rate_limited` for a form: when this attempt is one too many, the form says so (an error
    of the whole form) and the view answers 429."""
    if not rate_limited(request, scope, rate):
        return False
    form.add_error(None, TOO_MANY_ATTEMPTS)
    return True
