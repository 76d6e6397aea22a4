"""Street addresses to points, through geopy.

The geocoder is any geopy service named by ``settings.GEOCODER["name"]`` (Nominatim by default),
pointed at ``settings.GEOCODER["url"]`` when given (for Nominatim, a base URL such as
``https://nominatim.example.org`` becomes geopy's ``scheme`` and ``domain``). French addresses go
to ``settings.GEOCODER_FRANCE`` when it names a service (geopy's `BANFrance`, the *Base adresse
nationale*, by default). Every answer, found or not found, is kept in `GeocodedAddress`, so an
address is asked once. An outage or any other geopy error is logged (without the address) and
never cached.

Two paths:
- an editor saving a place (`geocode_place_address`): geopy's `RateLimiter`
  (``min_delay_seconds``, no retries) and the configured timeout;
- a family's search (`lookup_address`): at most `REQUEST_TIMEOUT_SECONDS` for the call, and a
  gate that refuses, rather than queues, a call that would wait more than `MAX_WAIT_SECONDS`
  for its turn: a search never hangs behind others.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from geopy.adapters import RequestsAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service

logger = logging.getLogger(__name__)

SIX_PLACES = Decimal("0.000001")
# How long an answer is trusted: a found point for a year, a "not found" for a month (the
# geocoder's data improves; an organiser may also fix a typo in the street).
FOUND_TTL = timedelta(days=365)
NOT_FOUND_TTL = timedelta(days=30)

COUNTRY_NAMES = {"BE": "Belgique", "FR": "France"}
# A family waits for its search: the geocoder gets this long, and a call waits its turn at most
# MAX_WAIT_SECONDS (the rate limit), else the search says the service is busy.
REQUEST_TIMEOUT_SECONDS = 2.0
MAX_WAIT_SECONDS = 1.0


@dataclass(frozen=True)
class GeocoderConfig:
    name: str
    url: str | None
    user_agent: str
    min_delay_seconds: float
    timeout_seconds: float

    @classmethod
    def from_settings(cls, country: str = "") -> GeocoderConfig:
        """The geocoder for addresses in `country`: France's own when configured, else the
        default one."""
        values = getattr(settings, "GEOCODER", {})
        french = getattr(settings, "GEOCODER_FRANCE", {}) or {}
        if (country or "").upper() == "FR" and french.get("name"):
            values = {**values, "name": french["name"], "url": french.get("url")}
        return cls(
            name=values.get("name") or "nominatim",
            url=values.get("url") or None,
            user_agent=values.get("user_agent") or "rencontres",
            min_delay_seconds=float(values.get("min_delay_seconds", 1.0)),
            timeout_seconds=float(values.get("timeout_seconds", 5.0)),
        )


class _Service:
    """One configured geocoder and its rate limiter, shared by every request of the process."""

    def __init__(self, config: GeocoderConfig):
        self.config = config
        self.geocoder = build_geocoder(config)
        self.geocode = RateLimiter(
            self.geocoder.geocode,
            min_delay_seconds=config.min_delay_seconds,
            max_retries=0,
            error_wait_seconds=config.min_delay_seconds,
            swallow_exceptions=False,
        )
        parameters = inspect.signature(self.geocoder.geocode).parameters
        self.takes_country_codes = "country_codes" in parameters
        self._gate = threading.Lock()
        self._next_free = 0.0

    def turn(self) -> float | None:
        """Reserve the next call slot allowed by the rate limit: the seconds to wait for it, or
        None (nothing reserved) when that would be more than `MAX_WAIT_SECONDS`."""
        with self._gate:
            now = time.monotonic()
            slot = max(now, self._next_free)
            if slot - now > MAX_WAIT_SECONDS:
                return None
            self._next_free = slot + self.config.min_delay_seconds
            return slot - now


_services: dict[GeocoderConfig, _Service] = {}
_service_lock = threading.Lock()


def build_geocoder(config: GeocoderConfig):
    """The geopy geocoder that `config` names. Raises geopy's `GeocoderNotFound` for an unknown
    service name."""
    geocoder_class = get_geocoder_for_service(config.name)
    kwargs: dict[str, Any] = {"user_agent": config.user_agent, "timeout": config.timeout_seconds}
    parameters = inspect.signature(geocoder_class.__init__).parameters
    if "adapter_factory" in parameters:
        # One attempt: requests' own retries would triple the wait, and urllib3 logs each retry
        # with the request's URL, that is the address.
        kwargs["adapter_factory"] = _adapter_without_retries
    if config.url:
        parts = urlsplit(config.url)
        if "domain" in parameters:
            kwargs["domain"] = parts.netloc + parts.path.rstrip("/")
        if "scheme" in parameters:
            kwargs["scheme"] = parts.scheme or "https"
    return geocoder_class(**kwargs)


def _adapter_without_retries(proxies, ssl_context):
    return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)


def _get_service(country: str = "") -> _Service:
    """The shared geocoder for `country`, built again when the settings changed."""
    config = GeocoderConfig.from_settings(country)
    with _service_lock:
        if config not in _services:
            _services[config] = _Service(config)
        return _services[config]


def reset_geocoder() -> None:
    """Forget the configured geocoders (and their rate limiters' clocks); the next call builds
    them again from the settings."""
    with _service_lock:
        _services.clear()


def address_query(street: str, postcode: str, commune_name: str, country: str) -> str:
    """The one-line query the geocoder is asked: "Rue X 1, 4000 Liège, Belgique"."""
    locality = " ".join(part.strip() for part in (postcode, commune_name) if part and part.strip())
    country_name = COUNTRY_NAMES.get((country or "").upper(), country or "")
    return ", ".join(part for part in (street.strip(), locality, country_name) if part)


def _cache_key(config: GeocoderConfig, query: str, country: str) -> str:
    normalised = " ".join(query.casefold().split())
    raw = f"{config.name}|{config.url or ''}|{(country or '').upper()}|{normalised}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _point(latitude: Any, longitude: Any) -> tuple[Decimal, Decimal] | None:
    try:
        lat = Decimal(str(latitude)).quantize(SIX_PLACES)
        lon = Decimal(str(longitude)).quantize(SIX_PLACES)
    except (InvalidOperation, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


@dataclass(frozen=True)
class Answer:
    """A geocoder's answer: the point (None when not found), and whether the service answered
    at all (False: unreachable, failing, too slow or too busy)."""

    point: tuple[Decimal, Decimal] | None
    reachable: bool = True


def lookup_address(query: str, country: str = "", *, in_request: bool = False) -> Answer:
    """The point of a one-line address, from the cache or the geocoder. `in_request`: a family
    is waiting (short timeout, no queueing behind the rate limit)."""
    from gazetteer.models import GeocodedAddress

    query = (query or "").strip()
    if not query:
        return Answer(None)
    try:
        service = _get_service(country)
    except GeopyError as error:
        logger.warning(
            "Geocoder %r cannot be built: %s", GeocoderConfig.from_settings(country).name, error
        )
        return Answer(None, reachable=False)
    key = _cache_key(service.config, query, country)
    now = timezone.now()
    cached = GeocodedAddress.objects.filter(key=key).first()
    if cached is not None:
        ttl = FOUND_TTL if cached.found else NOT_FOUND_TTL
        if cached.answered_at >= now - ttl:
            return Answer((cached.latitude, cached.longitude) if cached.found else None)

    kwargs: dict[str, Any] = {"exactly_one": True}
    if country and service.takes_country_codes:
        kwargs["country_codes"] = country.lower()
    elif service.takes_country_codes:
        # A family's address is Belgian or French.
        kwargs["country_codes"] = ["be", "fr"]
    try:
        if in_request:
            wait = service.turn()
            if wait is None:
                logger.warning(
                    "Geocoding with %s refused: too many searches at once.", service.config.name
                )
                return Answer(None, reachable=False)
            time.sleep(wait)
            timeout = min(service.config.timeout_seconds, REQUEST_TIMEOUT_SECONDS)
            location = service.geocoder.geocode(query, timeout=timeout, **kwargs)
        else:
            location = service.geocode(query, **kwargs)
    except GeopyError as error:
        # The error's text may quote the request URL, and so the address: only its kind is
        # logged.
        logger.warning(
            "Geocoding with %s failed (%s); the address stays unplaced.",
            service.config.name,
            type(error).__name__,
        )
        return Answer(None, reachable=False)

    point = _point(location.latitude, location.longitude) if location is not None else None
    GeocodedAddress.objects.update_or_create(
        key=key,
        defaults={
            "latitude": point[0] if point else None,
            "longitude": point[1] if point else None,
            "answered_at": now,
        },
    )
    return Answer(point)


def geocode_query(query: str, country: str = "") -> tuple[Decimal, Decimal] | None:
    """The point of a one-line address, from the cache or the geocoder; None when the geocoder
    does not know the address or cannot be reached."""
    return lookup_address(query, country).point


def geocode_place_address(
    street: str, postcode: str, commune_name: str, country: str
) -> tuple[Decimal, Decimal] | None:
    """The point of a place's address, rounded to 6 decimals (the fields' precision), or None
    when it cannot be found now. Never raises for a geocoder failure."""
    if not (street or "").strip():
        return None
    return geocode_query(address_query(street, postcode, commune_name, country), country)
