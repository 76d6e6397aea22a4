"""Street addresses to points, through geopy.

The geocoder is any geopy service named by ``settings.GEOCODER["name"]`` (Nominatim by default),
pointed at ``settings.GEOCODER["url"]`` when given (for Nominatim, a base URL such as
``https://nominatim.example.org`` becomes geopy's ``scheme`` and ``domain``). Calls go through
geopy's `RateLimiter` (``min_delay_seconds``, no retries: an editor is waiting) and every answer,
found or not found, is kept in `GeocodedAddress`, so an address is asked once. An outage or any
other geopy error is logged (without the address) and answered with None: it is never cached and
never blocks saving a place.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import threading
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
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


@dataclass(frozen=True)
class GeocoderConfig:
    name: str
    url: str | None
    user_agent: str
    min_delay_seconds: float
    timeout_seconds: float

    @classmethod
    def from_settings(cls) -> GeocoderConfig:
        values = getattr(settings, "GEOCODER", {})
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


_service: _Service | None = None
_service_lock = threading.Lock()


def build_geocoder(config: GeocoderConfig):
    """The geopy geocoder that `config` names. Raises geopy's `GeocoderNotFound` for an unknown
    service name."""
    geocoder_class = get_geocoder_for_service(config.name)
    kwargs: dict[str, Any] = {"user_agent": config.user_agent, "timeout": config.timeout_seconds}
    if config.url:
        parts = urlsplit(config.url)
        parameters = inspect.signature(geocoder_class.__init__).parameters
        if "domain" in parameters:
            kwargs["domain"] = parts.netloc + parts.path.rstrip("/")
        if "scheme" in parameters:
            kwargs["scheme"] = parts.scheme or "https"
    return geocoder_class(**kwargs)


def _get_service() -> _Service:
    """The shared geocoder, built again when the settings changed."""
    global _service
    config = GeocoderConfig.from_settings()
    with _service_lock:
        if _service is None or _service.config != config:
            _service = _Service(config)
        return _service


def reset_geocoder() -> None:
    """Forget the configured geocoder (and its rate limiter's clock); the next call builds it
    again from the settings."""
    global _service
    with _service_lock:
        _service = None


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


def geocode_query(query: str, country: str = "") -> tuple[Decimal, Decimal] | None:
    """The point of a one-line address, from the cache or the geocoder; None when the geocoder
    does not know the address or cannot be reached."""
    from gazetteer.models import GeocodedAddress

    query = (query or "").strip()
    if not query:
        return None
    try:
        service = _get_service()
    except GeopyError as error:
        logger.warning("Geocoder %r cannot be built: %s", settings.GEOCODER.get("name"), error)
        return None
    key = _cache_key(service.config, query, country)
    now = timezone.now()
    cached = GeocodedAddress.objects.filter(key=key).first()
    if cached is not None:
        ttl = FOUND_TTL if cached.found else NOT_FOUND_TTL
        if cached.answered_at >= now - ttl:
            return (cached.latitude, cached.longitude) if cached.found else None

    kwargs: dict[str, Any] = {"exactly_one": True}
    if country and service.takes_country_codes:
        kwargs["country_codes"] = country.lower()
    try:
        location = service.geocode(query, **kwargs)
    except GeopyError as error:
        # The error's text may quote the request URL, and so the address: only its kind is
        # logged.
        logger.warning(
            "Geocoding with %s failed (%s); the place keeps no point until one is set on the map.",
            service.config.name,
            type(error).__name__,
        )
        return None

    point = _point(location.latitude, location.longitude) if location is not None else None
    GeocodedAddress.objects.update_or_create(
        key=key,
        defaults={
            "latitude": point[0] if point else None,
            "longitude": point[1] if point else None,
            "answered_at": now,
        },
    )
    return point


def geocode_place_address(
    street: str, postcode: str, commune_name: str, country: str
) -> tuple[Decimal, Decimal] | None:
    """The point of a place's address, rounded to 6 decimals (the fields' precision), or None
    when it cannot be found now. Never raises for a geocoder failure."""
    if not (street or "").strip():
        return None
    return geocode_query(address_query(street, postcode, commune_name, country), country)
