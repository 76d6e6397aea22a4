"""What a place's document carries for a page of hits, so that the cluster answers one without
the database: the place's public record in each content language, and its sessions ahead.

One record per language, built by `place_records` as the database engine builds it, rather than
the values to finish a record at read time: a record's texts (names, labels, the fee and age
sentences, URLs) are made by the same code in both engines, so they cannot drift apart, and a
page of hits only decodes JSON. The cost is a document about three times longer, in a field the
cluster does not index, and a batch of record queries for each batch of documents that holds
the rows every language shares once (`place_records_in`).

The live rooms (directory.live_room) are in the record too, each with its session's end: a tap
rewrites the place's documents (`place_records_changed`), and a room is dropped when the
document is read after its session's end, so that a page of cluster hits stays free of
database queries and a room never outlives its session. The cost is one document rewrite per
tap, a few per session.

The sessions ahead are kept whole (start and end), so that the next one is chosen when the page
is read (the first that is not over), as the database engine chooses it; the documents follow
the places' sessions (`place_records_changed`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone, translation
from wagtail import hooks
from wagtail.models import Site

from core.content_languages import interface_codes
from core.location import PublicLocation
from core.pages import page_urls
from core.translated_texts import TextLanguage
from directory.extensions import PLACES_SESSIONS_AHEAD
from directory.live_room import LiveRoom, current_rooms
from directory.meeting_terms import MeetingTerms
from directory.notice_records import Notice
from directory.place_record import Closure, Commune, PlaceRecord, Slot, Term
from directory.records import place_records_in

# The record's moments (`verified_on`, `last_published_at`…), written as ISO 8601 and read back.
DATETIMES = tuple(f.name for f in fields(PlaceRecord) if str(f.type).startswith("datetime"))


def record_document(record: PlaceRecord) -> dict:
    """The record as JSON values: `record_from_document` reads it back equal. The discreet
    rule was applied when the record was built: a discreet place's document holds no address
    and no point of its own."""
    # By hand rather than `dataclasses.asdict`, whose deep copies were half a rebuild's time.
    document = dict(vars(record))
    document["commune"] = dict(vars(record.commune))
    document["location"] = dict(vars(record.location))
    for name in ("programmes", "objectives", "access_modes", "languages", "accessibility"):
        document[name] = [dict(vars(term)) for term in getattr(record, name)]
    document["fee_amount"] = None if record.fee_amount is None else str(record.fee_amount)
    for name in DATETIMES:
        value = getattr(record, name)
        document[name] = value.isoformat() if value else None
    document["opening_hours"] = [
        {"weekday": s.weekday, "opens": s.opens.isoformat(), "closes": s.closes.isoformat()}
        for s in record.opening_hours
    ]
    document["closures"] = [
        {"start": c.start_date.isoformat(), "end": c.end_date.isoformat(), "reason": c.reason}
        for c in record.closures
    ]
    # Every notice not yet ended, whether shown today or not: the record read back asks which
    # are announced on the day it is read.
    document["notices"] = [
        {
            "kind": n.kind,
            "start": n.start_date.isoformat(),
            "end": n.end_date.isoformat(),
            "message": n.message,
        }
        for n in record.notices
    ]
    document["live_rooms"] = [room.as_json() for room in record.live_rooms]
    document["meetings"] = record.meetings.as_json()
    document["text"] = record.text.as_json()
    return document


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _terms(terms: list[dict]) -> tuple[Term, ...]:
    return tuple(Term(**term) for term in terms)


def record_from_document(document: dict) -> PlaceRecord:
    """The record `record_document` wrote, with its closures still to come and its notices not
    yet ended as of today, as `place_records` reads them: the document may be older than
    today."""
    today = timezone.localdate()
    closures = (
        Closure(date.fromisoformat(c["start"]), date.fromisoformat(c["end"]), c["reason"])
        for c in document["closures"]
    )
    notices = (
        Notice(
            n["kind"], date.fromisoformat(n["start"]), date.fromisoformat(n["end"]), n["message"]
        )
        for n in document.get("notices", ())
    )
    amount = document["fee_amount"]
    return PlaceRecord(
        **{
            **document,
            "commune": Commune(**document["commune"]),
            "location": PublicLocation(**document["location"]),
            "fee_amount": None if amount is None else Decimal(amount),
            "programmes": _terms(document["programmes"]),
            "objectives": _terms(document["objectives"]),
            "access_modes": _terms(document["access_modes"]),
            "languages": _terms(document["languages"]),
            "accessibility": _terms(document["accessibility"]),
            "opening_hours": tuple(
                Slot(s["weekday"], time.fromisoformat(s["opens"]), time.fromisoformat(s["closes"]))
                for s in document["opening_hours"]
            ),
            "closures": tuple(closure for closure in closures if closure.end_date >= today),
            "notices": tuple(notice for notice in notices if notice.end_date >= today),
            "meetings": MeetingTerms.from_json(document.get("meetings", {}), Term),
            "text": TextLanguage.from_json(document["text"])
            if "text" in document
            else TextLanguage(),
            "live_rooms": current_rooms(
                LiveRoom.from_json(room) for room in document.get("live_rooms", ())
            ),
            **{name: _datetime(document[name]) for name in DATETIMES},
        }
    )


def languages() -> list[str]:
    """The interface's languages, one record each: a family's language (Arabic…) is the
    language of a page's text, not of a card (core.content_languages)."""
    return interface_codes()


def sessions_ahead(place_ids: list[int]) -> dict[int, list[dict]]:
    """Each place's sessions that take place and are not over, in order (from the layers
    above, through the `places_sessions_ahead` hook), each with its activity's URL in every
    language (`url`, by language)."""
    found: dict[int, list[dict]] = {}
    for ahead in hooks.get_hooks(PLACES_SESSIONS_AHEAD):
        for place_id, sessions in ahead(place_ids).items():
            found.setdefault(place_id, []).extend(sessions)
    roots = Site.get_site_root_paths()
    urls: dict[str, dict[str, str]] = {}
    for sessions in found.values():
        for session in sessions:
            if session["url_path"] not in urls:
                urls[session["url_path"]] = _urls(session["url_path"], roots)
    return {
        place_id: [
            {**{k: s[k] for k in ("id", "title", "start", "end")}, "url": urls[s["url_path"]]}
            for s in sorted(sessions, key=lambda s: (datetime.fromisoformat(s["start"]), s["id"]))
        ]
        for place_id, sessions in found.items()
    }


def _urls(url_path: str, roots) -> dict[str, str]:
    """A page's URL in each content language (`core.pages.page_urls`)."""
    urls = {}
    for language in languages():
        with translation.override(language):
            at = page_urls(url_path, roots)
        urls[language] = at.url if at else ""
    return urls


def place_documents_records(ids: list[int]) -> dict[int, dict[str, dict]]:
    """The `record` of the places' documents, by content language (the cluster answers the
    visitor's alone): the place's record in that language and its sessions ahead, with their
    URLs in it; in one query per language, those shared by the languages'
    (`place_records_in`) and those of the hook, whatever the number of places."""
    records = [
        record
        for in_language in place_records_in(ids, languages()).values()
        for record in in_language
    ]
    return documents_records(records, sessions_ahead(list(dict.fromkeys(r.id for r in records))))


def documents_records(
    records: Iterable[PlaceRecord], sessions: dict[int, list[dict]]
) -> dict[int, dict[str, dict]]:
    """The documents' `record`s of places' `records` (each in its language) and their sessions
    ahead (`sessions_ahead`'s, a URL by language): what a rebuild writes, and what
    benchmarks/scale.py writes for places made of values, by the same code."""
    parts: dict[int, dict[str, dict]] = {}
    for record in records:
        parts.setdefault(record.id, {})[record.language] = {
            "place": record_document(record),
            "sessions": [
                {**session, "url": session["url"][record.language]}
                for session in sessions.get(record.id, [])
            ],
        }
    return parts


def next_session(sessions: list[dict], now: datetime) -> dict | None:
    """The first of a document's sessions that is not over at `now`, as the places API's
    `next_activity` says it."""
    for session in sessions:
        if datetime.fromisoformat(session["end"]) >= now:
            return {key: session[key] for key in ("id", "title", "url", "start")}
    return None
