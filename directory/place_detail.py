"""One place as a partner reads it (`GET /api/v1/places/{id}/`): everything the public may know,
through the discreet-place rule of `core.location` (`public_location`, `public_street_address`,
`public_postcode`, `public_email`): a discreet place has no street address, postcode or e-mail
here, and its point is its commune's."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from ninja import Schema
from wagtail import hooks
from wagtail.rich_text import expand_db_html

from directory.extensions import PLACES_API_UPCOMING_SESSIONS
from directory.freshness import verified_on
from directory.models.closures import ClosurePeriod
from directory.models.places import PlacePage
from objectives.models import AccessMode

# Page ids are 32-bit integers (PostgreSQL's `integer`): larger ones are never found, and must
# not reach the database, which would refuse them.
MAX_PAGE_ID = 2**31 - 1


class TermOut(Schema):
    slug: str
    name: str


class LanguageOut(Schema):
    code: str
    name: str


class AccessibilityOut(Schema):
    slug: str
    name: str
    step_free: bool


class AddressOut(Schema):
    street_address: str
    postcode: str
    commune: str
    commune_code: str
    country: str


class DetailLocationOut(Schema):
    lat: float
    lon: float
    approximate: bool


class ContactOut(Schema):
    phone: str
    email: str
    website: str


class OpeningHoursOut(Schema):
    day: str
    opens: str
    closes: str


class ClosureOut(Schema):
    start_date: date
    end_date: date
    reason: str


class AgesOut(Schema):
    min_months: int
    max_months: int


class FeeOut(Schema):
    kind: str
    amount: str | None
    note: str
    text: str


class AccessOut(Schema):
    mode: str
    label: str
    details: str


class UpcomingSessionOut(Schema):
    id: int
    title: str
    url: str
    start: str
    end: str
    status: str
    calendar_url: str


class PlaceDetailOut(Schema):
    id: int
    name: str
    url: str
    description: str
    discreet: bool
    address: AddressOut
    location: DetailLocationOut
    contact: ContactOut
    opening_hours: list[OpeningHoursOut]
    closures: list[ClosureOut]
    ages: AgesOut
    languages: list[LanguageOut]
    accessibility: list[AccessibilityOut]
    fee: FeeOut
    access: AccessOut
    programmes: list[TermOut]
    objectives: list[TermOut]
    upcoming_sessions: list[UpcomingSessionOut]
    date_modified: str | None


def public_places_in_full() -> QuerySet[PlacePage]:
    """Live, public places with every relation a place's full record reads (this API's
    detail, the open-data records), in a fixed number of queries."""
    return (
        PlacePage.objects.live()
        .public()
        .select_related("commune")
        .prefetch_related(
            "programmes",
            "objectives",
            "languages",
            "accessibility",
            "opening_hours",
            Prefetch("closures", ClosurePeriod.objects.filter(end_date__gte=timezone.localdate())),
        )
    )


def public_place(place_id: int) -> PlacePage | None:
    """The live, public place with its relations; None when the public may not see it (or no
    such id can exist)."""
    if not 0 < place_id <= MAX_PAGE_ID:
        return None
    return public_places_in_full().filter(pk=place_id).first()


def upcoming_sessions(place: PlacePage) -> list[dict]:
    found = [
        session for hook in hooks.get_hooks(PLACES_API_UPCOMING_SESSIONS) for session in hook(place)
    ]
    return sorted(found, key=lambda session: (session["start"], session["id"]))


def place_detail(place: PlacePage) -> dict:
    location = place.public_location
    return {
        "id": place.pk,
        "name": place.title,
        "url": place.full_url or place.url,
        "description": expand_db_html(place.description),
        "discreet": place.is_discreet,
        "address": {
            "street_address": place.public_street_address,
            "postcode": place.public_postcode,
            "commune": place.commune.name,
            "commune_code": place.commune.code,
            "country": place.country,
        },
        "location": {
            "lat": location.latitude,
            "lon": location.longitude,
            "approximate": location.approximate,
        },
        "contact": {"phone": place.phone, "email": place.public_email, "website": place.website},
        "opening_hours": [
            {
                "day": slot.weekday_slug,
                "opens": slot.opens.strftime("%H:%M"),
                "closes": slot.closes.strftime("%H:%M"),
            }
            for slot in place.opening_hours.all()
        ],
        "closures": [
            {"start_date": c.start_date, "end_date": c.end_date, "reason": c.reason}
            for c in place.closures.all()
        ],
        "ages": {"min_months": place.age_min_months, "max_months": place.age_max_months},
        "languages": [{"code": lang.code, "name": lang.name_fr} for lang in place.languages.all()],
        "accessibility": [
            {"slug": a.slug, "name": a.name, "step_free": a.step_free}
            for a in place.accessibility.all()
        ],
        "fee": {
            "kind": place.fee_kind,
            "amount": None if place.fee_amount is None else f"{place.fee_amount:.2f}",
            "note": place.price,
            "text": place.fee_text,
        },
        "access": {
            "mode": place.access_mode,
            "label": str(AccessMode(place.access_mode).label),
            "details": place.access_details,
        },
        "programmes": [{"slug": p.slug, "name": p.name} for p in place.programmes.all()],
        "objectives": [{"slug": o.slug, "name": o.name} for o in place.objectives.all()],
        "upcoming_sessions": upcoming_sessions(place),
        "date_modified": verified.isoformat() if (verified := verified_on(place)) else None,
    }
