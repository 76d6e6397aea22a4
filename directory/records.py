"""A place's public record: every fact the public may know of a place, in one frozen value that
the outputs read (search hits and cards, the places APIs, the place page and its JSON-LD, the
dump, data·inclusion, HSDS, map points, the sessions' places, the .ics and the PDF programme;
the e-mails' "where" does not: activities.occurrences.where_text).

Built from query rows, never from page instances, in five queries per batch whatever its
size: the places with their commune, then (directory.record_rows) their terms as one union and
their opening hours and closures to come as another; their notices not yet ended, a fourth;
and the live rooms of its sessions not ended (directory.live_room, from the layer that stores
them), a fifth.
The discreet rule (`core.location`) is applied here: outside the model, no other module
decides what of a place's whereabouts the public sees.

"Add a public fact" (docs/architecture.md): the model field, its column in `PLACE_COLUMNS` (or
`TRANSLATED_COLUMNS` when translations write it) and a field of `PlaceRecord`, the templates
that show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Count,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from wagtail.models import Site

from core.ages import age_range_text
from core.countries import TIME_ZONES
from core.fees import FeeKind, fee_text
from core.location import PublicLocation, public_location
from core.pages import page_urls, visitor_language
from core.translated import in_language_of
from core.translated_texts import TextLanguage, text_columns, text_language
from core.weekdays import WEEKDAY_SLUGS, Weekday
from directory.live_room import LiveRoom, current_rooms, live_rooms
from directory.meeting_terms import MeetingTerms, opens_at_weekend
from directory.models.closures import closure_label
from directory.models.places import PlacePage, PlacePhoto
from directory.models.vocabularies import language_name
from directory.notice_records import Notice, announced_today, notices_from_rows
from directory.record_rows import notice_rows, term_rows, time_rows
from objectives.getting_in import access_text, modes_label


@dataclass(frozen=True)
class Term:
    """A programme, an objective, an access mode, a language (its ISO code as slug) or an
    accessibility feature, named in the record's language (a language by its own name)."""

    slug: str
    name: str
    # The name the open-data outputs and the detail API give a language (its French one).
    name_fr: str
    # Accessibility features: usable in a wheelchair or with a pushchair.
    step_free: bool = False
    # A court's seat: its commune's French name (HSDS's service area).
    seat: str = ""
    # Access modes: the card's sentence may add "gratuit" (objectives.getting_in), and who
    # takes the first step (objectives.models.ReachedBy), which the open-data formats say.
    says_free: bool = False
    reached_by: str = ""

    @property
    def code(self) -> str:
        """A language's ISO 639-1 code (its slug), as `includes/language_names.html` reads it."""
        return self.slug


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    # The French name, which schema.org's `addressLocality` keeps whatever the page's language.
    name_fr: str


@dataclass(frozen=True)
class Slot:
    weekday: int
    opens: time
    closes: time

    @property
    def weekday_slug(self) -> str:
        return WEEKDAY_SLUGS[self.weekday]

    @property
    def weekday_label(self) -> str:
        return str(Weekday(self.weekday).label)


@dataclass(frozen=True)
class Closure:
    start_date: date
    end_date: date
    reason: str

    @property
    def label(self) -> str:
        return closure_label(self.reason)


@dataclass(frozen=True)
class PlaceRecord:
    id: int
    # The language the record's texts are in (names, labels, the URL's prefix).
    language: str
    name: str
    url: str
    full_url: str
    # Rich text as stored (Wagtail's database HTML).
    description: str
    discreet: bool
    # None when the place is discreet: the public never learns them.
    street_address: str | None
    postcode: str | None
    email: str | None
    # How to get there by bus, tram or train (None, as the address, for a discreet place).
    public_transport: str | None
    commune: Commune
    country: str
    location: PublicLocation
    phone: str
    website: str
    programmes: tuple[Term, ...]
    objectives: tuple[Term, ...]
    # How a family reaches the place (objectives.AccessMode), in its programmes' order.
    access_modes: tuple[Term, ...]
    # The modes' names as one phrase (objectives.getting_in.modes_label).
    access_label: str
    access_details: str
    # The label and the details, each said once (objectives.getting_in.access_text).
    access_text: str
    fee_kind: str
    fee_amount: Decimal | None
    # The organiser's note beside the fee ("par visite").
    price: str
    fee_text: str
    age_min_months: int
    age_max_months: int
    ages_text: str
    languages: tuple[Term, ...]
    accessibility: tuple[Term, ...]
    opening_hours: tuple[Slot, ...]
    closures: tuple[Closure, ...]
    # Notices not yet ended (directory.models.notices); shown: `announced_notices`.
    notices: tuple[Notice, ...]
    # When someone last said the listing is right (directory.freshness).
    verified_on: datetime | None
    last_published_at: datetime | None
    # The latest revision saved, published or not (data·inclusion's date when nothing else is).
    revised_at: datetime | None
    # The language the name, description and way by public transport are written in, who
    # translated them, whether they are stale, and every language they exist in.
    text: TextLanguage = TextLanguage()
    # How meetings go (an espace de rencontre's accompaniment, waiting time, courts…).
    meetings: MeetingTerms = MeetingTerms()
    # What the teams last said of their drop-in sessions' rooms, for sessions not ended when
    # the record was built (times in the place's time zone); read them through `rooms_now`.
    live_rooms: tuple[LiveRoom, ...] = ()
    # How many photos the page shows (a rule of the listing's quality, directory.quality).
    photos: int = 0
    # The score directory.quality last stored from this record's other facts (out of 100).
    quality_score: int = 0

    @property
    def rooms_now(self) -> tuple[LiveRoom, ...]:
        """The live rooms of sessions not ended now: a record may be older than a session."""
        return current_rooms(self.live_rooms)

    @property
    def live_room(self) -> LiveRoom | None:
        """The room the place's page and card say: the first session's not ended."""
        rooms = self.rooms_now
        return rooms[0] if rooms else None

    def live_room_of(self, session_id: int) -> LiveRoom | None:
        return next((r for r in self.rooms_now if r.session_id == session_id), None)

    @property
    def free(self) -> bool:
        return self.fee_kind == FeeKind.FREE

    @property
    def time_zone(self) -> ZoneInfo:
        return ZoneInfo(TIME_ZONES.get(self.country, "Europe/Brussels"))

    @property
    def announced_notices(self) -> tuple[Notice, ...]:
        """The notices the public reads today: in effect, or starting within
        `NOTICE_AHEAD_DAYS`."""
        return announced_today(self.notices)

    @property
    def temporarily_closed(self) -> bool:
        """A closure covers today, or a notice says the place is closed today."""
        today = timezone.localdate(timezone=self.time_zone)
        return any(c.start_date <= today <= c.end_date for c in self.closures) or any(
            n.closed and n.current_on(today) for n in self.notices
        )

    @property
    def programme_slugs(self) -> tuple[str, ...]:
        return tuple(sorted(term.slug for term in self.programmes))

    @property
    def objective_slugs(self) -> tuple[str, ...]:
        return tuple(sorted(term.slug for term in self.objectives))

    @property
    def access_mode_slugs(self) -> tuple[str, ...]:
        return tuple(sorted(term.slug for term in self.access_modes))


# The place's own columns a record reads (and its commune's).
PLACE_COLUMNS = (
    "id",
    "url_path",
    "title",
    "description",
    "street_address",
    "postcode",
    "country",
    "is_discreet",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "price",
    "access_details",
    "fee_kind",
    "fee_amount",
    "age_min_months",
    "age_max_months",
    "prior_interview",
    "waiting_weeks",
    "waiting_declared_on",
    "verified_at",
    "last_published_at",
    "latest_revision_created_at",
    "quality_score",
    "translation_key",
    "commune__code",
    "commune__name_fr",
    "commune__name_nl",
    "commune__latitude",
    "commune__longitude",
)


def translations_of(language: str | None = None) -> QuerySet[PlacePage]:
    """The live translations of the place at OuterRef: in `language`, or in any language but
    the place's own."""
    pages = PlacePage.objects.live().filter(
        translation_key=OuterRef("translation_key"), alias_of__isnull=True
    )
    if language is None:
        return pages.exclude(locale_id=OuterRef("locale_id"))
    return pages.filter(locale__language_code=language)


def _in_language(field: str, language: str) -> Subquery:
    """The place's `field` in its live translation into `language`, where there is one."""
    return Subquery(translations_of(language).values(field)[:1])


# The texts a translation writes in its language: read from the translation in the content
# language asked, else in the record's language, where there is one (annotated
# `<field>_in_language`, core.translated_texts), else from the place itself.
TRANSLATED_COLUMNS = ("title", "description", "public_transport")


def _place_rows(ids: list[int], language: str, content: str | None) -> QuerySet:
    texts = text_columns(PlacePage, TRANSLATED_COLUMNS, language, content)
    # How fresh the place is belongs to the French page a translation translates.
    source = {
        f"source_{field}": _in_language(field, settings.LANGUAGE_CODE)
        for field in ("verified_at", "last_published_at")
    }
    photos = (
        PlacePhoto.objects.filter(place=OuterRef("pk"))
        .order_by()
        .values("place")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        PlacePage.objects.filter(pk__in=ids)
        .order_by()
        .annotate(**texts, **source, photo_count=Coalesce(Subquery(photos), 0))
        .values(*PLACE_COLUMNS, *texts, *source, "photo_count")
    )


def _term(kind: str, row: tuple) -> Term:
    slug, name_fr, name_nl, name_en, flag, seat, reached_by = row
    if kind == "languages":
        return Term(slug, language_name(slug, name_fr), name_fr)
    names = {"name_fr": name_fr, "name_nl": name_nl, "name_en": name_en}
    if kind == "access_modes":
        name = in_language_of(names, "name")
        return Term(slug, name, name_fr, says_free=bool(flag), reached_by=reached_by)
    return Term(slug, in_language_of(names, "name"), name_fr, bool(flag), seat)


def _term_rows(ids: list[int]) -> dict[tuple[str, int], list]:
    """Each place's term rows by kind, in order: the same in every language."""
    found: dict[tuple[str, int], list] = {}
    for kind, place_id, slug, fr, nl, en, flag, first, second, seat, reached_by in term_rows(ids):
        found.setdefault((kind, place_id), []).append(
            ((first, second, fr), (slug, fr, nl, en, flag, seat, reached_by))
        )
    return {key: [row for _order, row in sorted(rows)] for key, rows in found.items()}


def _terms(rows: dict[tuple[str, int], list]) -> dict[tuple[str, int], tuple[Term, ...]]:
    """The terms in the active language: a vocabulary has few terms, each made once a batch
    (its frozen value shared by the places that have it)."""
    made: dict[tuple, Term] = {}
    terms = {}
    for key, found in rows.items():
        kind = key[0]
        for row in found:
            if (kind, row) not in made:
                made[kind, row] = _term(kind, row)
        terms[key] = tuple(made[kind, row] for row in found)
    return terms


def _times(ids: list[int], today: date) -> tuple[dict, dict]:
    hours: dict[int, list[Slot]] = {}
    closures: dict[int, list[Closure]] = {}
    for place_id, weekday, opens, closes, start, end, reason in time_rows(ids, today):
        if weekday is None:
            closures.setdefault(place_id, []).append(Closure(start, end, reason))
        else:
            hours.setdefault(place_id, []).append(Slot(weekday, opens, closes))
    return (
        {
            key: tuple(sorted(slots, key=lambda s: (s.weekday, s.opens)))
            for key, slots in hours.items()
        },
        {key: tuple(sorted(found, key=lambda c: c.start_date)) for key, found in closures.items()},
    )


def _notice_rows(rows: dict, today: date) -> dict:
    """Each place's notices not yet ended as rows, by translation key (one query): the French
    page's, whichever translation the record is of."""
    found: dict = {}
    for key, *notice in notice_rows([row["translation_key"] for row in rows.values()], today):
        found.setdefault(key, []).append(notice)
    return found


def _notices(rows: dict, found: dict, language: str) -> dict[int, tuple[Notice, ...]]:
    """Each place's notices, by id, in `language`."""
    return {
        place_id: notices_from_rows(found[row["translation_key"]], language)
        for place_id, row in rows.items()
        if row["translation_key"] in found
    }


def _local_rooms(rooms: list[LiveRoom], tz: ZoneInfo) -> tuple[LiveRoom, ...]:
    return tuple(
        room.in_time_zone(tz) for room in sorted(rooms, key=lambda r: (r.start, r.session_id))
    )


def record_from_row(
    row: dict,
    language: str,
    terms: dict,
    hours: dict,
    closures: dict,
    roots,
    notices: dict,
    rooms: dict,
) -> PlaceRecord:
    """A place's record from its row (`_place_rows`) and the batch's other parts, by place id;
    the discreet rule applied. `place_records` gives it query rows; benchmarks/scale.py rows of
    made-up values, so that a million places' documents are built as a rebuild builds them."""
    place_id = row["id"]
    location = public_location(
        discreet=row["is_discreet"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        commune_latitude=row["commune__latitude"],
        commune_longitude=row["commune__longitude"],
    )
    shown = location.shows_address
    urls = page_urls(row["url_path"], roots)
    verified_at = row["source_verified_at"] or row["verified_at"]
    published_at = row["source_last_published_at"] or row["last_published_at"]
    commune = {"name_fr": row["commune__name_fr"], "name_nl": row["commune__name_nl"]}
    modes = terms.get(("access_modes", place_id), ())
    return PlaceRecord(
        id=place_id,
        language=language,
        name=row["title_in_language"],
        url=urls.url if urls else "",
        full_url=urls.full_url if urls else "",
        description=row["description_in_language"],
        discreet=row["is_discreet"],
        street_address=row["street_address"] if shown else None,
        postcode=row["postcode"] if shown else None,
        email=row["email"] if shown else None,
        public_transport=row["public_transport_in_language"] if shown else None,
        commune=Commune(row["commune__code"], in_language_of(commune, "name"), commune["name_fr"]),
        country=row["country"],
        location=location,
        phone=row["phone"],
        website=row["website"],
        programmes=terms.get(("programmes", place_id), ()),
        objectives=terms.get(("objectives", place_id), ()),
        access_modes=modes,
        access_label=modes_label(modes),
        access_details=row["access_details"],
        access_text=access_text(modes_label(modes), row["access_details"]),
        fee_kind=row["fee_kind"],
        fee_amount=row["fee_amount"],
        price=row["price"],
        fee_text=fee_text(row["fee_kind"], row["fee_amount"], row["price"]),
        age_min_months=row["age_min_months"],
        age_max_months=row["age_max_months"],
        ages_text=age_range_text(row["age_min_months"], row["age_max_months"]),
        languages=terms.get(("languages", place_id), ()),
        accessibility=terms.get(("accessibility", place_id), ()),
        opening_hours=hours.get(place_id, ()),
        meetings=MeetingTerms(
            accompaniments=terms.get(("accompaniments", place_id), ()),
            documents=terms.get(("required_documents", place_id), ()),
            courts=terms.get(("courts", place_id), ()),
            prior_interview=row["prior_interview"],
            waiting_weeks=row["waiting_weeks"],
            waiting_declared_on=row["waiting_declared_on"],
            weekend=opens_at_weekend(hours.get(place_id, ())),
        ),
        closures=closures.get(place_id, ()),
        notices=notices.get(place_id, ()),
        verified_on=verified_at or published_at,
        last_published_at=published_at,
        revised_at=row["latest_revision_created_at"],
        text=text_language(row),
        live_rooms=_local_rooms(
            rooms.get(place_id, []), ZoneInfo(TIME_ZONES.get(row["country"], "Europe/Brussels"))
        ),
        photos=row["photo_count"],
        quality_score=row["quality_score"],
    )


def place_records(
    ids: Iterable[int], language: str | None = None, content: str | None = None
) -> list[PlaceRecord]:
    """The records of the places `ids`, in that order, in `language` (the visitor's by
    default), their texts in `content` where a translation in it exists (a family's language,
    core.content_languages); a place deleted since its id was read is left out. Whether the
    public may see the place (live, not private) is the caller's question: a search engine's
    or a list's."""
    language = language or visitor_language()
    return place_records_in(ids, (language,), content)[language]


def place_records_in(
    ids: Iterable[int], languages: Iterable[str], content: str | None = None
) -> dict[str, list[PlaceRecord]]:
    """`place_records` in each of `languages`, by language: the rows that are the same in
    every language (terms, hours, closures, notices, live rooms) read once, the places' own
    (their texts are the language's) once per language; so a search document's records in
    every language cost two queries more than one language's, not twice as many."""
    ids = list(ids)
    languages = list(languages)
    if not ids:
        return {language: [] for language in languages}
    today = timezone.localdate()
    term_rows_ = _term_rows(ids)
    hours, closures = _times(ids, today)
    rooms = live_rooms(ids, timezone.now())
    roots = Site.get_site_root_paths()
    notice_rows_ = None
    records = {}
    for language in languages:
        with translation.override(language):
            rows = {row["id"]: row for row in _place_rows(ids, language, content)}
            if notice_rows_ is None:
                notice_rows_ = _notice_rows(rows, today)
            terms = _terms(term_rows_)
            notices = _notices(rows, notice_rows_, language)
            records[language] = [
                record_from_row(
                    rows[place_id], language, terms, hours, closures, roots, notices, rooms
                )
                for place_id in ids
                if place_id in rows
            ]
    return records
