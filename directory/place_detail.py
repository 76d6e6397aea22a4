"""One place as a partner reads it (`GET /api/v1/places/{id}/`): its public record
(directory.records), where a discreet place has no street address, postcode or e-mail, and its
point is its commune's."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from ninja import Field, Schema
from wagtail import hooks
from wagtail.rich_text import expand_db_html

from core.translated_texts import TextLanguage
from directory.extensions import PLACES_API_UPCOMING_SESSIONS
from directory.meeting_api import MeetingsOut, meetings_out
from directory.models.closures import ClosurePeriod
from directory.models.places import PlacePage
from directory.notice_records import Notice
from directory.place_record import PlaceRecord
from directory.records import place_records

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


class NoticeOut(Schema):
    """What a place or an activity tells families for a while (HSDS's `alert`): `kind` is
    `closed`, `hours` (hours changed), `moved` or `other`; shown from 14 days before its start
    to its end day included."""

    kind: str
    label: str
    start_date: date
    end_date: date
    message: str


def notices_out(notices: Iterable[Notice]) -> list[dict]:
    return [
        {
            "kind": n.kind,
            "label": n.label,
            "start_date": n.start_date,
            "end_date": n.end_date,
            "message": n.message,
        }
        for n in notices
    ]


class AgesOut(Schema):
    min_months: int
    max_months: int


class FeeOut(Schema):
    kind: str
    amount: str | None
    note: str
    text: str


class AccessOut(Schema):
    modes: list[TermOut] = Field(
        description="Comment une famille arrive au lieu : les modes d'accès de ses programmes "
        "(`/access-modes/`, filtre `access`)."
    )
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


class LiveRoomOut(Schema):
    """What a drop-in session's team last said of the room (directory.live_room), given only
    while the session lasts: `free`, `almost_full` or `full`, the places left if they said."""

    session_id: int
    state: str
    label: str
    text: str
    places_left: int | None
    reported_at: str
    session_end: str


class TextOut(Schema):
    """The language of the place's name, description and way by public transport: a family's
    language (Arabic…) when one was asked with `content` and a translation exists."""

    language: str = Field(description="Code ISO 639-1 de la langue du texte.")
    direction: str = Field(description="`rtl` (de droite à gauche, l'arabe) ou `ltr`.")
    origin: str = Field(
        description="Qui l'a traduit : `organiser`, `volunteer`, `machine` (brouillon "
        "automatique), vide pour le texte français."
    )
    stale: bool = Field(description="Le texte français a changé depuis cette traduction.")
    languages: list[str] = Field(description="Toutes les langues dans lesquelles le texte existe.")


def text_out(text: TextLanguage) -> dict:
    return {
        "language": text.language,
        "direction": text.dir,
        "origin": text.origin,
        "stale": text.stale,
        "languages": list(text.languages),
    }


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
    notices: list[NoticeOut]
    ages: AgesOut
    languages: list[LanguageOut]
    accessibility: list[AccessibilityOut]
    fee: FeeOut
    access: AccessOut
    programmes: list[TermOut]
    objectives: list[TermOut]
    upcoming_sessions: list[UpcomingSessionOut]
    date_modified: str | None
    # The rooms of its sessions under way or ahead today, while each lasts.
    live_rooms: list[LiveRoomOut] = []
    # How meetings go (an espace de rencontre's accompaniment, documents, waiting time, courts).
    meetings: MeetingsOut | None = None
    # The language of its texts (a family's when asked with `content`), who translated them.
    text: TextOut | None = None
    quality_score: int = Field(
        0, description="Qualité de la fiche sur 100 (filtre `quality_min` ; docs/quality.md)."
    )


def public_places_in_full() -> QuerySet[PlacePage]:
    """Live, public places with every relation a place's full record reads (the open-data
    records), in a fixed number of queries."""
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


def public_place(place_id: int, content: str | None = None) -> PlaceRecord | None:
    """The live, public place's record, its texts in `content` where translated; None when
    the public may not see it (or no such id can exist)."""
    if not 0 < place_id <= MAX_PAGE_ID:
        return None
    if not PlacePage.objects.live().public().filter(pk=place_id).exists():
        return None
    return next(iter(place_records([place_id], content=content)), None)


def upcoming_sessions(place_id: int) -> list[dict]:
    found = [
        session
        for hook in hooks.get_hooks(PLACES_API_UPCOMING_SESSIONS)
        for session in hook(place_id)
    ]
    return sorted(found, key=lambda session: (session["start"], session["id"]))


def place_detail(record: PlaceRecord) -> dict:
    location = record.location
    return {
        "id": record.id,
        "name": record.name,
        "url": record.full_url or record.url,
        "description": expand_db_html(record.description),
        "text": text_out(record.text),
        "discreet": record.discreet,
        "address": {
            "street_address": record.street_address or "",
            "postcode": record.postcode or "",
            "commune": record.commune.name,
            "commune_code": record.commune.code,
            "country": record.country,
        },
        "location": {
            "lat": location.latitude,
            "lon": location.longitude,
            "approximate": location.approximate,
        },
        "contact": {
            "phone": record.phone,
            "email": record.email or "",
            "website": record.website,
        },
        "opening_hours": [
            {
                "day": slot.weekday_slug,
                "opens": slot.opens.strftime("%H:%M"),
                "closes": slot.closes.strftime("%H:%M"),
            }
            for slot in record.opening_hours
        ],
        "closures": [
            {"start_date": c.start_date, "end_date": c.end_date, "reason": c.reason}
            for c in record.closures
        ],
        "notices": notices_out(record.announced_notices),
        "ages": {"min_months": record.age_min_months, "max_months": record.age_max_months},
        "languages": [{"code": lang.slug, "name": lang.name_fr} for lang in record.languages],
        "accessibility": [
            {"slug": a.slug, "name": a.name, "step_free": a.step_free} for a in record.accessibility
        ],
        "fee": {
            "kind": record.fee_kind,
            "amount": None if record.fee_amount is None else f"{record.fee_amount:.2f}",
            "note": record.price,
            "text": record.fee_text,
        },
        "access": {
            "modes": [{"slug": m.slug, "name": m.name} for m in record.access_modes],
            "label": record.access_label,
            "details": record.access_details,
        },
        "programmes": [{"slug": p.slug, "name": p.name} for p in record.programmes],
        "objectives": [{"slug": o.slug, "name": o.name} for o in record.objectives],
        "upcoming_sessions": upcoming_sessions(record.id),
        "meetings": meetings_out(record.meetings),
        "date_modified": record.verified_on.isoformat() if record.verified_on else None,
        "live_rooms": [room.as_api() for room in record.rooms_now],
        "quality_score": record.quality_score,
    }
