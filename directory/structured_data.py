"""schema.org JSON-LD for place pages. A discreet place is described by its commune alone."""

import json

from django.utils.html import strip_tags

from core.weekdays import WEEKDAY_SLUGS
from directory.models.places import OpeningHours, PlacePage

SCHEMA_DAYS = dict(
    zip(
        WEEKDAY_SLUGS,
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        strict=True,
    )
)


def place_json_ld(place: PlacePage, request, opening_hours: list[OpeningHours]) -> dict:
    address = {
        "@type": "PostalAddress",
        "addressLocality": place.commune.name_fr,
        "addressCountry": place.country,
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": place.title,
        "url": place.get_full_url(request),
        "description": strip_tags(place.description),
        "address": address,
    }
    if place.phone:
        data["telephone"] = place.phone
    if not place.is_discreet:
        address["streetAddress"] = place.street_address
        address["postalCode"] = place.postcode
        if place.latitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(place.latitude),
                "longitude": float(place.longitude),
            }
    data["openingHoursSpecification"] = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[slot.weekday_slug]}",
            "opens": slot.opens.strftime("%H:%M"),
            "closes": slot.closes.strftime("%H:%M"),
        }
        for slot in opening_hours
    ]
    return data


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script_text(data: dict) -> str:
    """JSON safe to place inside a <script> element (no closing tag can be smuggled in)."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
