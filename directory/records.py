"""A place's public record built from query rows, never from page instances, in five queries
per batch whatever its size: the places with their commune, then (directory.record_rows) their
terms as one union and their opening hours and closures to come as another; their notices not
yet ended, a fourth; and the live rooms of its sessions not ended (directory.live_room, from
the layer that stores them), a fifth. The record itself and its columns:
directory.place_record.

The discreet rule (`core.location`) is applied here: outside the model, no other module
decides what of a place's whereabouts the public sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from wagtail.models import Site

from core.ages import age_range_text
from core.countries import TIME_ZONES
from core.fees import fee_text
from core.location import public_location
from core.pages import page_urls, visitor_language
from core.translated import in_language_of
from core.translated_texts import text_language
from directory.live_room import LiveRoom, live_rooms
from directory.meeting_terms import MeetingTerms, opens_at_weekend
from directory.models.vocabularies import language_name
from directory.notice_records import Notice, notices_from_rows
from directory.place_record import Closure, Commune, PlaceRecord, Slot, Term
from directory.record_rows import notice_rows, place_rows, term_rows, time_rows
from objectives.getting_in import access_text, modes_label


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
    """A place's record from its row (`record_rows.place_rows`) and the batch's other parts, by
    place id; the discreet rule applied. `place_records` gives it query rows; benchmarks/scale.py
    rows of made-up values, so that a million places' documents are built as a rebuild builds
    them."""
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
            rows = {row["id"]: row for row in place_rows(ids, language, content)}
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
