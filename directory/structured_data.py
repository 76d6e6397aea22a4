"""schema.org JSON-LD for place pages, and the Place an activity's Event is located at, from the
place's public record (directory.records): a discreet place is described by its commune alone."""

import json

from core.text import plain_text
from core.weekdays import WEEKDAY_SLUGS
from directory.place_record import Closure, PlaceRecord

SCHEMA_DAYS = dict(
    zip(
        WEEKDAY_SLUGS,
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        strict=True,
    )
)


def place_location_json_ld(place: PlaceRecord) -> dict:
    """A schema.org Place with what the public may know of where it is: a discreet place by its
    commune alone, a place without its own point without `geo`."""
    location = place.location
    address = {
        "@type": "PostalAddress",
        "addressLocality": place.commune.name_fr,
        "addressCountry": place.country,
    }
    if place.street_address is not None:
        address["streetAddress"] = place.street_address
        address["postalCode"] = place.postcode
    data = {"@type": "Place", "name": place.name, "url": place.full_url, "address": address}
    if not location.approximate:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    return data


def _years(months: int) -> int | float:
    years = round(months / 12, 1)
    return int(years) if years.is_integer() else years


def parent_audience_json_ld(age_min_months: int, age_max_months: int) -> dict:
    """Who it is for: parents with their children of these ages (schema.org's ParentAudience,
    ages in years), rather than an age range in words that only people read."""
    return {
        "@type": "ParentAudience",
        "childMinAge": _years(age_min_months),
        "childMaxAge": _years(age_max_months),
    }


def web_page_json_ld(page, request) -> dict:
    """The page that describes the place or the event, in the language of its text: a French
    page served under /nl/ (not yet translated) says `fr`."""
    return {
        "@type": "WebPage",
        "@id": page.get_full_url(request),
        "inLanguage": page.page_language,
    }


def closure_json_ld(closure: Closure) -> dict:
    """A closure of the record, as schema.org says a place is closed on some dates: opening
    and closing at midnight from `validFrom` through `validThrough`, beside the weekly hours."""
    data = {
        "@type": "OpeningHoursSpecification",
        "opens": "00:00",
        "closes": "00:00",
        "validFrom": closure.start_date.isoformat(),
        "validThrough": closure.end_date.isoformat(),
    }
    if closure.reason:
        data["description"] = closure.reason
    return data


def place_json_ld(place: PlaceRecord, page, request) -> dict:
    """The place's record, described by `page` (the page served)."""
    data = {
        "@context": "https://schema.org",
        **place_location_json_ld(place),
        "description": plain_text(place.description),
        "mainEntityOfPage": web_page_json_ld(page, request),
    }
    if place.phone:
        data["telephone"] = place.phone
    data["openingHoursSpecification"] = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[slot.weekday_slug]}",
            "opens": slot.opens.strftime("%H:%M"),
            "closes": slot.closes.strftime("%H:%M"),
        }
        for slot in place.opening_hours
    ]
    # Dated exceptions to the weekly hours: the closures, and the notices of a closure.
    closed = [closure_json_ld(closure) for closure in place.closures] + [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": notice.start_date.isoformat(),
            "validThrough": notice.end_date.isoformat(),
            "opens": "00:00",
            "closes": "00:00",
            "description": notice.text,
        }
        for notice in place.announced_notices
        if notice.closed
    ]
    if closed:
        data["specialOpeningHoursSpecification"] = closed
    if place.verified_on is not None:
        data["dateModified"] = place.verified_on.isoformat()
    return data


_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script_text(data: dict) -> str:
    """JSON safe to place inside a <script> element (no closing tag can be smuggled in)."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
