"""A place's public record: every fact the public may know of a place, in one frozen value
(`PlaceRecord`, with its terms, slots, closures and commune) that the outputs read (search hits
and cards, the places APIs, the place page and its JSON-LD, the dump, data·inclusion, HSDS, map
points, the sessions' places, the .ics and the PDF programme; the e-mails' "where" does not:
activities.occurrences.where_text); and the place's columns it is made from.

Records are built by `directory.records.place_records`, which applies the discreet rule: a
discreet place's record holds no street address, postcode, e-mail, way by public transport or
point of its own.

"Add a public fact" (docs/architecture.md): the model field, its column in `PLACE_COLUMNS` (or
`TRANSLATED_COLUMNS` when translations write it) and a field of `PlaceRecord` here, its value
in `directory.records`, the templates that show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.countries import TIME_ZONES
from core.fees import FeeKind
from core.location import PublicLocation
from core.translated_texts import TextLanguage
from core.weekdays import WEEKDAY_SLUGS, Weekday
from directory.live_room import LiveRoom, current_rooms
from directory.meeting_terms import MeetingTerms
from directory.models.closures import closure_label
from directory.notice_records import Notice, announced_today


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


# The texts a translation writes in its language: read from the translation in the content
# language asked, else in the record's language, where there is one (annotated
# `<field>_in_language`, core.translated_texts), else from the place itself.
TRANSLATED_COLUMNS = ("title", "description", "public_transport")
